import { compareTimestamps } from '../timestamp.ts';
import type { Constraint } from './property-kinds.ts';
import { keyPath } from './report.ts';

/**
 * Constraint factories for requirements that span several properties. Each
 * takes the STIX 2.1 section it comes from, quoted in the message.
 */

function present(object: Readonly<Record<string, unknown>>, name: string): boolean {
  return object[name] !== undefined;
}

function quoted(names: readonly string[]): string {
  return names.map((name) => `'${name}'`).join(', ');
}

/** At least one of the properties must be present. */
export function atLeastOneOf(names: readonly string[], section: string): Constraint {
  return (object, path, { report }) => {
    if (!names.some((name) => present(object, name))) {
      report.error(path, 'at-least-one-of', `at least one of ${quoted(names)} must be present (STIX 2.1 §${section})`);
    }
  };
}

/** Exactly one of the properties must be present. */
export function exactlyOneOf(names: readonly string[], section: string): Constraint {
  return (object, path, { report }) => {
    const count = names.filter((name) => present(object, name)).length;
    if (count !== 1) {
      const problem = count === 0 ? 'none is present' : `${count} are present`;
      report.error(path, 'exactly-one-of', `exactly one of ${quoted(names)} must be present, but ${problem} (STIX 2.1 §${section})`);
    }
  };
}

/** When `property` is present, `dependency` must be too. */
export function requires(property: string, dependency: string, section: string): Constraint {
  return (object, path, { report }) => {
    if (present(object, property) && !present(object, dependency)) {
      report.error(keyPath(path, property), 'property-dependency', `'${property}' may only be present together with '${dependency}' (STIX 2.1 §${section})`);
    }
  };
}

// The shape of a timestamp, enough to compare two; their validity is checked with their properties.
const TIMESTAMP_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

function comparable(value: unknown): value is string {
  return typeof value === 'string' && TIMESTAMP_SHAPE.test(value);
}

/**
 * `later` must not be earlier than `earlier` (or must be strictly later).
 * Only checked when both look like timestamps; format problems are reported by the properties themselves.
 */
export function timestampOrder(
  later: string, earlier: string, section: string, options: { strict?: boolean; rule?: string } = {},
): Constraint {
  const rule = options.rule ?? 'timestamp-order';
  const relation = options.strict ? 'later than' : 'later than or equal to';
  return (object, path, { report }) => {
    const laterValue = object[later];
    const earlierValue = object[earlier];
    if (!comparable(laterValue) || !comparable(earlierValue)) return;
    // Same-length timestamps have the same number of fraction digits, so their text sorts in time order.
    const order = laterValue.length === earlierValue.length
      ? (laterValue < earlierValue ? -1 : laterValue > earlierValue ? 1 : 0)
      : compareTimestamps(laterValue, earlierValue);
    if (order < 0 || (options.strict === true && order === 0)) {
      report.error(keyPath(path, later), rule, `'${later}' (${laterValue}) must be ${relation} '${earlier}' (${earlierValue}) (STIX 2.1 §${section})`);
    }
  };
}
