/** Numbers, dates and durations as the UI prints them: British English, UTC, no locale surprises between machines. */

const INTEGER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** "1,234 objects", "1 object". */
export function formatCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${INTEGER.format(count)} ${count === 1 ? singular : plural}`;
}

export function formatNumber(count: number): string {
  return INTEGER.format(count);
}

/** An RFC 3339 timestamp as "2024-05-01 12:00 UTC"; text that is not a date is shown as it is. */
export function formatDateTime(value: string | undefined): string {
  if (!value) return '—';
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A number of seconds as a short age: "45 s", "12 min", "3 h", "2 d". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86400)} d`;
}
