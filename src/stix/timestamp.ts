/**
 * STIX 2.1 timestamps (§3.2): RFC 3339, always UTC with a literal `Z`, seconds
 * required, any number of fractional digits. `created`/`modified` must carry at
 * least millisecond precision (§3.2, "MUST be precise to the nearest millisecond").
 */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Gregorian leap years (RFC 3339 Appendix C).
function daysInMonth(year: number, month: number): number {
  const leapYear = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leapYear ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** Why `text` is not a STIX timestamp, or `undefined` when it is one. */
export function timestampProblem(text: string, options: { millisecondPrecision?: boolean } = {}): string | undefined {
  const match = TIMESTAMP.exec(text);
  if (!match) return 'must be an RFC 3339 timestamp in UTC such as 2016-05-12T08:17:27.000Z';
  const [, year, month, day, hour, minute, second, fraction] = match as unknown as string[];
  const monthNumber = Number(month);
  if (monthNumber < 1 || monthNumber > 12) return `month ${month} is out of range`;
  const dayNumber = Number(day);
  if (dayNumber < 1 || dayNumber > daysInMonth(Number(year), monthNumber)) {
    return `day ${day} is out of range for ${year}-${month}`;
  }
  if (Number(hour) > 23) return `hour ${hour} is out of range`;
  if (Number(minute) > 59) return `minute ${minute} is out of range`;
  // A leap second is second 60 of the last minute of a UTC day (RFC 3339 §5.6, §5.7).
  if (second === '60' && (hour !== '23' || minute !== '59')) return 'a leap second (:60) can only be 23:59:60';
  if (Number(second) > 60) return `second ${second} is out of range`;
  if (options.millisecondPrecision && (fraction === undefined || fraction.length < 4)) {
    return 'must be precise to at least the millisecond (e.g. 2016-05-12T08:17:27.000Z)';
  }
  return undefined;
}

export function isTimestamp(text: unknown): text is string {
  return typeof text === 'string' && timestampProblem(text) === undefined;
}

/**
 * Compares two STIX timestamps in time order. Works on the text, so precision
 * beyond milliseconds (microseconds, nanoseconds) is honoured, which `Date` is not.
 */
export function compareTimestamps(a: string, b: string): number {
  const [secondsA, fractionA] = splitFraction(a);
  const [secondsB, fractionB] = splitFraction(b);
  if (secondsA !== secondsB) return secondsA < secondsB ? -1 : 1;
  const width = Math.max(fractionA.length, fractionB.length);
  const paddedA = fractionA.padEnd(width, '0');
  const paddedB = fractionB.padEnd(width, '0');
  return paddedA === paddedB ? 0 : paddedA < paddedB ? -1 : 1;
}

function splitFraction(timestamp: string): [string, string] {
  const dot = timestamp.indexOf('.');
  if (dot === -1) return [timestamp.slice(0, -1), ''];
  return [timestamp.slice(0, dot), timestamp.slice(dot + 1, -1)];
}

/** The current time as a STIX timestamp with millisecond precision. */
export function now(): string {
  return new Date().toISOString();
}

/**
 * A timestamp in a fixed-width form (9 fractional digits) whose byte order is
 * time order, for storage indexes.
 */
export function sortableTimestamp(timestamp: string): string {
  const [seconds, fraction] = splitFraction(timestamp);
  return `${seconds}.${fraction.padEnd(9, '0').slice(0, 9)}Z`;
}
