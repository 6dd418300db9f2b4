import { InvalidArgumentError } from 'commander';
import { isTimestamp } from '../../stix/timestamp.ts';

/** Options every command inherits from `accord`. */
export interface GlobalOptions {
  data: string;
}

export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError(`expected a whole number of at least 1, got "${value}"`);
  return number;
}

export function parseTimestamp(value: string): string {
  if (!isTimestamp(value)) throw new InvalidArgumentError(`expected an RFC 3339 UTC timestamp such as 2024-01-31T12:00:00.000Z, got "${value}"`);
  return value;
}

/** Collects a repeatable option into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
