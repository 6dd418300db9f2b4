import { identifierType, isIdentifier } from '../../stix/identifier.ts';
import { timestampProblem } from '../../stix/timestamp.ts';
import type { ValidationProblem } from '../../stix/validation/index.ts';

/**
 * Reads the properties of one JSON object and records what is wrong with them
 * (what, where as a JSON path, why). The workflow checks and the input checks
 * of the services share it, so an object and the input it is made from are
 * held to the same rules with the same messages.
 */
export class Fields {
  constructor(
    readonly value: Readonly<Record<string, unknown>>,
    readonly path: string,
    readonly problems: ValidationProblem[],
  ) {}

  /** The JSON path of property `name`. */
  at(name: string): string {
    return `${this.path}.${name}`;
  }

  problem(name: string, rule: string, message: string): void {
    this.problems.push({ path: this.at(name), rule, message });
  }

  /** The value of `name` when present; reports it missing when `required`. */
  #get(name: string, required: boolean, what: string): unknown {
    const value = this.value[name];
    if (value === undefined && required) this.problem(name, 'required-property', `is required (${what})`);
    return value;
  }

  string(name: string, required: boolean, what = 'a non-empty string'): string | undefined {
    const value = this.#get(name, required, what);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(name, 'property-type', `must be ${what}, not ${show(value)}`);
      return undefined;
    }
    return value;
  }

  /** One of `values` (a closed list: anything else is an error naming them all). */
  oneOf<T extends string>(name: string, values: readonly T[], required: boolean): T | undefined {
    const value = this.#get(name, required, `one of ${values.join(', ')}`);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !values.includes(value as T)) {
      this.problem(name, 'vocabulary', `${show(value)} is not one of ${values.join(', ')}`);
      return undefined;
    }
    return value as T;
  }

  boolean(name: string, required: boolean): boolean | undefined {
    const value = this.#get(name, required, 'true or false');
    if (value !== undefined && typeof value !== 'boolean') this.problem(name, 'property-type', `must be true or false, not ${show(value)}`);
    return typeof value === 'boolean' ? value : undefined;
  }

  /** A finite number ≥ `min`; an integer when `integer`. */
  number(name: string, required: boolean, { min, max, integer = false }: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    const what = `${integer ? 'an integer' : 'a number'}${min === undefined ? '' : ` ≥ ${min}`}${max === undefined ? '' : ` ≤ ${max}`}`;
    const value = this.#get(name, required, what);
    if (value === undefined) return undefined;
    const ok = typeof value === 'number' && Number.isFinite(value) && (!integer || Number.isSafeInteger(value))
      && (min === undefined || value >= min) && (max === undefined || value <= max);
    if (!ok) {
      this.problem(name, 'property-type', `must be ${what}, not ${show(value)}`);
      return undefined;
    }
    return value as number;
  }

  /** A STIX timestamp (RFC 3339, UTC, `Z`). */
  timestamp(name: string, required: boolean): string | undefined {
    const value = this.#get(name, required, 'a timestamp such as 2024-05-01T12:00:00Z');
    if (value === undefined) return undefined;
    const problem = typeof value === 'string' ? timestampProblem(value) : 'is not a string';
    if (problem !== undefined) {
      this.problem(name, 'value-format', `${show(value)} is not a STIX timestamp: ${problem}`);
      return undefined;
    }
    return value as string;
  }

  /** An identifier of one of `types` (STIX 2.1 §2.9). */
  ref(name: string, types: readonly string[], required: boolean): string | undefined {
    const value = this.#get(name, required, `the id of ${article(types)}`);
    if (value === undefined) return undefined;
    return this.#checkRef(value, this.at(name), types) ? (value as string) : undefined;
  }

  /** A non-empty list of identifiers of `types`, without repeats. */
  refs(name: string, types: readonly string[], required: boolean): string[] | undefined {
    const items = this.list(name, required, `a non-empty list of ids of ${article(types)}`);
    if (items === undefined) return undefined;
    let ok = true;
    items.forEach((item, index) => {
      ok = this.#checkRef(item, `${this.at(name)}[${index}]`, types) && ok;
    });
    const repeated = items.filter((item, index) => items.indexOf(item) !== index);
    if (repeated.length > 0) {
      this.problem(name, 'duplicate-value', `lists ${show(repeated[0])} more than once`);
      ok = false;
    }
    return ok ? (items as string[]) : undefined;
  }

  /** A non-empty list of strings from `values` (closed) or any non-empty strings. */
  strings(name: string, required: boolean, values?: readonly string[], what = 'non-empty strings'): string[] | undefined {
    const items = this.list(name, required, `a non-empty list of ${values === undefined ? what : values.join(', ')}`);
    if (items === undefined) return undefined;
    let ok = true;
    items.forEach((item, index) => {
      const bad = typeof item !== 'string' || item.trim() === '' || (values !== undefined && !values.includes(item));
      if (bad) {
        this.problems.push({ path: `${this.at(name)}[${index}]`, rule: 'vocabulary', message: `${show(item)} is not ${values === undefined ? 'a non-empty string' : `one of ${values.join(', ')}`}` });
        ok = false;
      }
    });
    return ok ? (items as string[]) : undefined;
  }

  /** A non-empty JSON list. */
  list(name: string, required: boolean, what = 'a non-empty list'): unknown[] | undefined {
    const value = this.#get(name, required, what);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.length === 0) {
      this.problem(name, 'property-type', `must be ${what}, not ${Array.isArray(value) ? 'an empty list (leave it out instead)' : show(value)}`);
      return undefined;
    }
    return value;
  }

  /** The fields of an embedded object. */
  object(name: string, required: boolean, what = 'an object'): Fields | undefined {
    const value = this.#get(name, required, what);
    if (value === undefined) return undefined;
    if (!isRecord(value)) {
      this.problem(name, 'property-type', `must be ${what}, not ${show(value)}`);
      return undefined;
    }
    return new Fields(value, this.at(name), this.problems);
  }

  /** The fields of each object in a list. */
  objects(name: string, required: boolean, what: string): Fields[] | undefined {
    const items = this.list(name, required, `a non-empty list of ${what}`);
    if (items === undefined) return undefined;
    const fields: Fields[] = [];
    items.forEach((item, index) => {
      if (isRecord(item)) fields.push(new Fields(item, `${this.at(name)}[${index}]`, this.problems));
      else this.problems.push({ path: `${this.at(name)}[${index}]`, rule: 'property-type', message: `must be ${what}, not ${show(item)}` });
    });
    return fields;
  }

  /** Reports every property not in `known` (a closed shape: a typo must not pass silently). */
  only(known: readonly string[]): void {
    for (const name of Object.keys(this.value)) {
      if (!known.includes(name)) this.problem(name, 'unknown-property', `is not a property here (known: ${known.join(', ')})`);
    }
  }

  #checkRef(value: unknown, path: string, types: readonly string[]): boolean {
    if (!isIdentifier(value)) {
      this.problems.push({ path, rule: 'identifier-format', message: `${show(value)} is not a STIX identifier (type--UUID)` });
      return false;
    }
    if (!types.includes(identifierType(value))) {
      this.problems.push({ path, rule: 'reference-type', message: `${show(value)} must be the id of ${article(types)}` });
      return false;
    }
    return true;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short rendering of a value for messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

function article(types: readonly string[]): string {
  return types.length === 1 ? `a ${types[0]}` : `a ${types.slice(0, -1).join(', a ')} or a ${types.at(-1)}`;
}

/** The problems as one line each: `$.status: "done" is not one of …`. */
export function describeProblems(problems: readonly ValidationProblem[]): string {
  return problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
}
