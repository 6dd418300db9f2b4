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
 * A row as the port's `StoredObject`. `object` and `dateAdded` are computed on
 * first use: export streams and TAXII envelopes only need `json` (and the
 * dates of a page's first and last rows), and work nobody reads costs seconds
 * over a million rows.
 */
export function toStoredObject(row: ObjectRow): StoredObject {
  let parsed: StixObject | undefined;
  let dateAdded: string | undefined;
  return {
    get object(): StixObject {
      return (parsed ??= JSON.parse(row.json) as StixObject);
    },
    json: row.json,
    get dateAdded(): string {
      return (dateAdded ??= formatMicros(row.date_added_us));
    },
    version: row.version,
  };
}
