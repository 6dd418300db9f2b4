import { AppError, ErrorCode } from '../../common/errors.ts';
import { compareTimestamps } from '../../stix/timestamp.ts';
import { MAX_BROWSE_LIMIT } from '../../store/limits.ts';
import { integerOf, MAX_OFFSET } from './object-query.ts';

/**
 * Query strings of the workflow lists (incidents, cases, attributions): every
 * problem is a 400 naming the parameter, the value and what is expected.
 */

export const DEFAULT_LIST_LIMIT = 50;

export class ListQuery {
  readonly #raw: Record<string, unknown>;

  constructor(raw: Record<string, unknown>, known: readonly string[], what: string) {
    this.#raw = raw;
    const unknown = Object.keys(raw).filter((key) => !known.includes(key));
    if (unknown.length > 0) {
      throw bad(`unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => JSON.stringify(key)).join(', ')}: ${what} takes ${known.join(', ')}`);
    }
  }

  /** A parameter given at most once. */
  single(name: string): string | undefined {
    const value = this.#raw[name];
    if (value === undefined) return undefined;
    if (Array.isArray(value)) {
      if (value.length !== 1) throw bad(`"${name}" is given ${value.length} times; give it once`);
      return String(value[0]);
    }
    return String(value);
  }

  /** A list parameter (repeated or comma-separated), each value one of `allowed` when given. */
  list<T extends string>(name: string, allowed?: readonly T[], transform: (value: string) => string = (value) => value): T[] | undefined {
    const value = this.#raw[name];
    if (value === undefined) return undefined;
    const values = (Array.isArray(value) ? value : [value]).flatMap((item) => String(item).split(',')).map((item) => transform(item.trim())).filter((item) => item !== '');
    const wrong = allowed === undefined ? undefined : values.find((item) => !(allowed as readonly string[]).includes(item));
    if (wrong !== undefined) throw bad(`"${name}" value ${JSON.stringify(wrong)} is not one of ${allowed!.join(', ')}`);
    return values as T[];
  }

  integer(name: string, min: number, max: number): number | undefined {
    const value = this.single(name);
    return value === undefined ? undefined : integerOf(name, value, min, max);
  }

  /** `offset` (default 0) and `limit` (default 50). */
  paging(): { offset: number; limit: number } {
    return { offset: this.integer('offset', 0, MAX_OFFSET) ?? 0, limit: this.integer('limit', 1, MAX_BROWSE_LIMIT) ?? DEFAULT_LIST_LIMIT };
  }
}

/** Newest `modified` first (then id, so pages are stable). */
export function newestFirst(a: { object: { id: string; modified?: unknown } }, b: { object: { id: string; modified?: unknown } }): number {
  const byTime = compareTimestamps(String(b.object.modified ?? ''), String(a.object.modified ?? ''));
  return byTime !== 0 ? byTime : a.object.id.localeCompare(b.object.id);
}

function bad(message: string): AppError {
  return new AppError(ErrorCode.API_BAD_INPUT, message);
}
