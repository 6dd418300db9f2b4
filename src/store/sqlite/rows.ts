import type { StixObject } from '../../stix/object.ts';
import type { StoredObject } from '../store.ts';
import { formatMicros } from './date-added.ts';

/** The columns every read selects from `objects o` to build a `StoredObject`. */
export const OBJECT_COLUMNS = 'o.seq, o.version, o.date_added_us, o.json';
/** The same row read through a collection: the date is the membership's. */
export const MEMBER_COLUMNS = 'o.seq, o.version, c.date_added_us, o.json';

export interface ObjectRow {
  seq: number;
  version: string;
  date_added_us: number;
  json: string;
}

/**
 * A row as the port's `StoredObject`. `object` is parsed on first use: export
 * streams only need `json`, and parsing a million objects it never reads
 * would cost seconds.
 */
export function toStoredObject(row: ObjectRow): StoredObject {
  let parsed: StixObject | undefined;
  return {
    get object(): StixObject {
      return (parsed ??= JSON.parse(row.json) as StixObject);
    },
    json: row.json,
    dateAdded: formatMicros(row.date_added_us),
    version: row.version,
  };
}
