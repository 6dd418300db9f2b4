/**
 * `date_added` is stored as integer microseconds since the epoch: eight bytes,
 * an index whose order is time order, and exactly the RFC 3339 precision
 * (microseconds) the port promises.
 */

/**
 * The wall clock in microseconds. Millisecond resolution is enough: ingest
 * makes each value unique and increasing (`max(now, last + 1)`), and the wall
 * clock, unlike `performance.now()`, follows clock corrections over long uptimes.
 */
export function nowMicros(): number {
  return Date.now() * 1000;
}

export function formatMicros(micros: number): string {
  const millis = Math.floor(micros / 1000);
  const iso = new Date(millis).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  return `${iso.slice(0, 23)}${String(micros - millis * 1000).padStart(3, '0')}Z`;
}

/**
 * A validated STIX timestamp in microseconds, digits beyond the microsecond
 * dropped: for integer microseconds, `> truncated` is exactly "strictly after".
 * `undefined` for what `Date` cannot place (a leap second).
 */
export function parseMicros(timestamp: string): number | undefined {
  const dot = timestamp.indexOf('.');
  const seconds = Date.parse(dot === -1 ? timestamp : `${timestamp.slice(0, dot)}Z`);
  if (Number.isNaN(seconds)) return undefined;
  const fraction = dot === -1 ? '' : timestamp.slice(dot + 1, -1);
  return seconds * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}
