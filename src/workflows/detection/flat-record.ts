/**
 * The flat log form of an observation (docs/detection.md "Flat log records"):
 * one JSON object of plain fields, as SIEMs and proxies write them, turned
 * into a STIX 2.1 observed-data and its SCOs with deterministic ids, so the
 * same record always gives the same objects.
 */
import { uuidV5 } from '../../stix/identifier.ts';
import type { StixObject } from '../../stix/object.ts';
import { isTimestamp, timestampProblem } from '../../stix/timestamp.ts';
import { canonicalOf, checkValid, describeValue, invalid, observableId, type Observation, type ParseOptions } from './observations.ts';

/** The UUIDv5 namespace of the observed-data Accord makes from flat records. */
export const FLAT_OBSERVATION_NAMESPACE = '20c09113-6317-43cc-97bc-b8a4585af33e';

/** The fields a flat record may carry; others are ignored. */
export const FLAT_RECORD_FIELDS = [
  'timestamp', 'count', 'src_ip', 'dst_ip', 'src_port', 'dst_port', 'protocol', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256',
] as const;

type Obj = Record<string, unknown>;

const OFFSET = /[+-]\d{2}:\d{2}$/;

/** `timestamp` as a STIX timestamp: RFC 3339 in UTC as given, or with an offset converted to UTC (millisecond precision). */
function observedAt(value: unknown): string {
  if (value === undefined || value === null) invalid('bad-timestamp', 'the record has no "timestamp"');
  if (typeof value === 'string') {
    if (timestampProblem(value) === undefined) return value;
    if (OFFSET.test(value) && isTimestamp(value.replace(OFFSET, 'Z'))) return new Date(Date.parse(value)).toISOString();
  }
  return invalid('bad-timestamp', `"timestamp" is ${describeValue(value)}, not an RFC 3339 timestamp such as 2024-05-01T12:00:00Z or 2024-05-01T14:00:00+02:00`);
}

/** A STIX timestamp cut or padded to exactly milliseconds, as `created`/`modified` require (STIX 2.1 §3.2). */
function toMilliseconds(timestamp: string): string {
  const [seconds, fraction = ''] = timestamp.slice(0, -1).split('.');
  return `${seconds}.${fraction.padEnd(3, '0').slice(0, 3)}Z`;
}

/** A text field: absent, null and "" count as absent. */
function text(record: Obj, field: string): string | undefined {
  const value = record[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') invalid('bad-field', `"${field}" is ${describeValue(value)}, not a string`);
  return value as string;
}

function integer(record: Obj, field: string, min: number, max: number): number | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid('bad-field', `"${field}" is ${describeValue(value)}, not a whole number from ${min} to ${max}`);
  }
  return value as number;
}

const ipType = (address: string): 'ipv4-addr' | 'ipv6-addr' => (address.includes(':') ? 'ipv6-addr' : 'ipv4-addr');

/** The observation of one flat record, produced by `options.producerId`. */
export function fromFlatRecord(record: Obj, options: ParseOptions): Observation {
  const at = observedAt(record.timestamp);
  const count = integer(record, 'count', 1, 999_999_999) ?? 1;
  const objects = new Map<string, StixObject>();
  const add = (sco: Obj): string => {
    const id = observableId(sco);
    if (!objects.has(id)) objects.set(id, { type: sco.type as string, id, ...sco });
    return id;
  };

  const src = text(record, 'src_ip');
  const dst = text(record, 'dst_ip');
  const srcRef = src === undefined ? undefined : add({ type: ipType(src), value: src });
  const dstRef = dst === undefined ? undefined : add({ type: ipType(dst), value: dst });
  const srcPort = integer(record, 'src_port', 0, 65535);
  const dstPort = integer(record, 'dst_port', 0, 65535);
  const protocol = text(record, 'protocol')?.toLowerCase();
  if (srcRef !== undefined || dstRef !== undefined) {
    // STIX 2.1 §6.12: protocols is required; the IP version is the one layer a record with addresses always tells.
    const layers: string[] = [...new Set([src, dst].filter((address) => address !== undefined).map((address) => (ipType(address) === 'ipv6-addr' ? 'ipv6' : 'ipv4')))];
    add({
      type: 'network-traffic',
      ...(srcRef !== undefined && { src_ref: srcRef }),
      ...(dstRef !== undefined && { dst_ref: dstRef }),
      ...(srcPort !== undefined && { src_port: srcPort }),
      ...(dstPort !== undefined && { dst_port: dstPort }),
      protocols: protocol === undefined || layers.includes(protocol) ? layers : [...layers, protocol],
    });
  } else if (srcPort !== undefined || dstPort !== undefined || protocol !== undefined) {
    invalid('bad-field', 'ports and protocol need "src_ip" or "dst_ip"');
  }
  for (const [field, type] of [['domain', 'domain-name'], ['url', 'url'], ['email', 'email-addr']] as const) {
    const value = text(record, field);
    if (value !== undefined) add({ type, value });
  }
  const hashes: Record<string, string> = {};
  for (const [field, algorithm] of [['md5', 'MD5'], ['sha1', 'SHA-1'], ['sha256', 'SHA-256']] as const) {
    const value = text(record, field);
    if (value !== undefined) hashes[algorithm] = value;
  }
  if (Object.keys(hashes).length > 0) add({ type: 'file', hashes });
  if (objects.size === 0) {
    invalid('no-observables', `the record has none of the observable fields (${FLAT_RECORD_FIELDS.filter((field) => field !== 'timestamp' && field !== 'count').join(', ')})`);
  }

  const content = { first_observed: at, last_observed: at, number_observed: count, object_refs: [...objects.keys()] };
  const id = `observed-data--${uuidV5(FLAT_OBSERVATION_NAMESPACE, canonicalOf({ ...content, created_by_ref: options.producerId }))}`;
  // created/modified are the record's time, not the run's: a re-run makes the very same object (a duplicate, not a new version).
  const created = toMilliseconds(at);
  const observedData: StixObject = { type: 'observed-data', spec_version: '2.1', id, created_by_ref: options.producerId, created, modified: created, ...content };
  return checkValid({ observedData, objects: [...objects.values()], unresolved: [] });
}
