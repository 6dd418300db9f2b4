import { parseIdentifier } from '../identifier.ts';
import { timestampProblem } from '../timestamp.ts';
import { BASE64, HASH_VALUE_FORMATS, HEX } from './formats.ts';
import type { Context, Kind, RefTarget, Shape } from './property-kinds.ts';
import { describe, indexPath, keyPath } from './report.ts';
import { HASH_ALGORITHM } from './vocabularies.ts';

/**
 * Turns the declarative kinds of `property-kinds.ts` into checker functions,
 * once per kind, so validating a property is one call to a small specialised
 * function (this runs on every object at ingest). A checker receives the path
 * of the value's parent and its key or index, and only joins them into a path
 * when it reports a problem or descends.
 */
export type Checker = (value: unknown, parent: string, key: string | number, context: Context) => void;

/** The path of `key` (a property, dictionary key or list index) below `parent`. */
function pathOf(parent: string, key: string | number): string {
  return typeof key === 'number' ? indexPath(parent, key) : keyPath(parent, key);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const CHECKERS = new WeakMap<Kind, Checker>();

/** The checker of a kind, compiled on first use. */
function checkerFor(kind: Kind): Checker {
  let checker = CHECKERS.get(kind);
  if (checker === undefined) {
    checker = compile(kind);
    CHECKERS.set(kind, checker);
  }
  return checker;
}

export function checkValue(kind: Kind, value: unknown, parent: string, key: string | number, context: Context): void {
  checkerFor(kind)(value, parent, key, context);
}

const SHAPE_CHECKERS = new WeakMap<Shape, ReadonlyMap<string, Checker>>();

/** The checkers of a shape's properties, by property name, compiled on first use. */
export function propertyCheckers(objectShape: Shape): ReadonlyMap<string, Checker> {
  let checkers = SHAPE_CHECKERS.get(objectShape);
  if (checkers === undefined) {
    checkers = new Map([...objectShape.properties].map(([name, kind]) => [name, checkerFor(kind)]));
    SHAPE_CHECKERS.set(objectShape, checkers);
  }
  return checkers;
}

/** Checks the known properties, required properties and constraints of an object; unknown properties are left alone. */
export function checkShape(objectShape: Shape, object: Readonly<Record<string, unknown>>, path: string, context: Context): void {
  checkShapeWith(propertyCheckers(objectShape), objectShape, object, path, context);
}

function checkShapeWith(
  checkers: ReadonlyMap<string, Checker>, objectShape: Shape, object: Readonly<Record<string, unknown>>, path: string, context: Context,
): void {
  for (const key in object) {
    const checker = checkers.get(key);
    if (checker !== undefined) checker(object[key], path, key, context);
  }
  checkRequired(objectShape, object, path, context);
  for (const constraint of objectShape.constraints) constraint(object, path, context);
}

export function checkRequired(objectShape: Shape, object: Readonly<Record<string, unknown>>, path: string, context: Context): void {
  for (const name of objectShape.required) {
    if (object[name] === undefined) {
      context.report.error(keyPath(path, name), 'required-property', `${objectShape.name} requires the property '${name}' (STIX 2.1 §${objectShape.section})`);
    }
  }
}

/** Any STIX value: not null, and lists not empty (§2.12). Used for custom properties. */
export const checkAnyValue: Checker = (value, parent, key, context) => {
  if (value === null) {
    context.report.error(pathOf(parent, key), 'property-type', 'null is not a STIX value; omit the property instead');
  } else if (Array.isArray(value) && value.length === 0) {
    context.report.error(pathOf(parent, key), 'empty-value', 'lists must have at least one item (STIX 2.1 §2.12)');
  }
};

function compile(kind: Kind): Checker {
  const wrongType: Checker = (value, parent, key, { report }) => {
    report.error(pathOf(parent, key), 'property-type', `must be ${expectation(kind)}, not ${describe(value)}`);
  };
  switch (kind.kind) {
    case 'string': {
      const { format } = kind;
      return (value, parent, key, context) => {
        if (typeof value !== 'string') return wrongType(value, parent, key, context);
        const problem = format?.problem(value);
        if (problem !== undefined) context.report.error(pathOf(parent, key), 'value-format', `${describe(value)} ${problem}`);
      };
    }
    case 'boolean':
      return (value, parent, key, context) => {
        if (typeof value !== 'boolean') wrongType(value, parent, key, context);
      };
    case 'integer':
    case 'float': {
      const inRange = rangeCheck(kind.min, kind.max);
      // STIX 2.1 §2.10: integers fit in 54 bits, i.e. JavaScript's safe integers.
      const isNumber = kind.kind === 'integer' ? Number.isSafeInteger : Number.isFinite;
      return (value, parent, key, context) => {
        if (typeof value !== 'number' || !isNumber(value)) return wrongType(value, parent, key, context);
        inRange(value, parent, key, context);
      };
    }
    case 'timestamp': {
      const { precision } = kind;
      return (value, parent, key, context) => {
        if (typeof value !== 'string') return wrongType(value, parent, key, context);
        checkTimestamp(value, precision, parent, key, context);
      };
    }
    case 'identifier': {
      const { target } = kind;
      return (value, parent, key, context) => {
        if (typeof value !== 'string') return wrongType(value, parent, key, context);
        checkIdentifier(target, value, parent, key, context);
      };
    }
    case 'vocabulary': {
      const { vocabulary } = kind;
      const where = `${vocabulary.name} (STIX 2.1 §${vocabulary.section})`;
      return (value, parent, key, context) => {
        if (typeof value !== 'string') return wrongType(value, parent, key, context);
        if (vocabulary.values.has(value)) return;
        if (vocabulary.open) {
          context.report.warning(pathOf(parent, key), 'open-vocabulary', `${describe(value)} is not a suggested value of ${where}; other values are allowed but interoperate less well`);
        } else {
          context.report.error(pathOf(parent, key), 'enumeration', `${describe(value)} is not a value of ${where}: ${[...vocabulary.values].join(', ')}`);
        }
      };
    }
    case 'binary':
      return (value, parent, key, context) => {
        if (typeof value !== 'string') return wrongType(value, parent, key, context);
        const problem = BASE64.problem(value);
        if (problem !== undefined) context.report.error(pathOf(parent, key), 'value-format', `${describe(value)} ${problem}`);
      };
    case 'hex':
      return (value, parent, key, context) => {
        if (typeof value !== 'string') return wrongType(value, parent, key, context);
        const problem = HEX.problem(value);
        if (problem !== undefined) {
          context.report.error(pathOf(parent, key), 'value-format', `${describe(value)} ${problem}`);
        } else if (/[A-F]/.test(value)) {
          // STIX 2.1 §2.8 asks for lowercase, yet the specification's own examples use uppercase.
          context.report.warning(pathOf(parent, key), 'hex-case', `${describe(value)} should use lowercase hexadecimal digits (STIX 2.1 §2.8)`);
        }
      };
    case 'hashes': {
      const { closedNames } = kind;
      return (value, parent, key, context) => checkHashes(closedNames, value, pathOf(parent, key), context);
    }
    case 'list': {
      const items = checkerFor(kind.items);
      return (value, parent, key, context) => {
        if (!Array.isArray(value)) return wrongType(value, parent, key, context);
        const path = pathOf(parent, key);
        // STIX 2.1 §2.12: empty lists are prohibited.
        if (value.length === 0) return context.report.error(path, 'empty-value', 'lists must have at least one item (STIX 2.1 §2.12)');
        for (let index = 0; index < value.length; index++) items(value[index], path, index, context);
      };
    }
    case 'dictionary': {
      const values = kind.values === undefined ? checkAnyValue : checkerFor(kind.values);
      return (value, parent, key, context) => checkDictionary(values, value, pathOf(parent, key), context);
    }
    case 'object': {
      const objectShape = kind.shape;
      const checkers = propertyCheckers(objectShape);
      return (value, parent, key, context) => {
        if (!isPlainObject(value)) return wrongType(value, parent, key, context);
        checkShapeWith(checkers, objectShape, value, pathOf(parent, key), context);
      };
    }
    case 'either': {
      const options = kind.options.map((option) => ({ option, checker: checkerFor(option) }));
      return (value, parent, key, context) => {
        const match = options.find(({ option }) => hasJsonType(option, value));
        if (match === undefined) return wrongType(value, parent, key, context);
        match.checker(value, parent, key, context);
      };
    }
    case 'any':
      return checkAnyValue;
  }
}

function expectation(kind: Kind): string {
  switch (kind.kind) {
    case 'string': case 'vocabulary': return 'a string';
    case 'boolean': return 'a boolean (true or false)';
    case 'integer': return 'an integer';
    case 'float': return 'a number';
    case 'timestamp': return 'a timestamp string';
    case 'identifier': return 'an identifier string';
    case 'binary': return 'a base64 string';
    case 'hex': return 'a hexadecimal string';
    case 'list': return 'a list';
    case 'hashes': case 'dictionary': return 'a dictionary (JSON object)';
    case 'object': return `an object (${kind.shape.name})`;
    case 'either': return kind.options.map(expectation).join(' or ');
    case 'any': return 'a STIX value';
  }
}

function hasJsonType(kind: Kind, value: unknown): boolean {
  switch (kind.kind) {
    case 'boolean': return typeof value === 'boolean';
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'float': return typeof value === 'number';
    case 'list': return Array.isArray(value);
    case 'hashes': case 'dictionary': case 'object': return isPlainObject(value);
    case 'any': return value !== null;
    case 'either': return kind.options.some((option) => hasJsonType(option, value));
    default: return typeof value === 'string';
  }
}

function rangeCheck(min: number | undefined, max: number | undefined): (value: number, parent: string, key: string | number, context: Context) => void {
  const range = max === undefined ? `at least ${min}` : min === undefined ? `at most ${max}` : `between ${min} and ${max}`;
  return (value, parent, key, { report }) => {
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      report.error(pathOf(parent, key), 'value-range', `${value} is out of range: must be ${range}`);
    }
  };
}

// A subset of valid timestamps (day 28 or earlier) that needs no calendar arithmetic; anything else
// goes through the full check, which also explains what is wrong.
const PLAINLY_VALID_TIMESTAMP = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?Z$/;

function checkTimestamp(value: string, precision: 'millisecond' | 'second' | undefined, parent: string, key: string | number, context: Context): void {
  const problem = PLAINLY_VALID_TIMESTAMP.test(value) ? undefined : timestampProblem(value);
  if (problem !== undefined) {
    context.report.error(pathOf(parent, key), 'timestamp-format', `${describe(value)} ${problem} (STIX 2.1 §2.16)`);
    return;
  }
  if (precision === undefined) return;
  const dot = value.indexOf('.');
  const fractionDigits = dot === -1 ? 0 : value.length - dot - 2;
  if (precision === 'millisecond' && fractionDigits < 3) {
    context.report.error(pathOf(parent, key), 'timestamp-precision', `${describe(value)} must be precise to at least the millisecond (STIX 2.1 §3.2), e.g. 2016-05-12T08:17:27.000Z`);
  } else if (precision === 'second' && fractionDigits > 0) {
    context.report.error(pathOf(parent, key), 'timestamp-precision', `${describe(value)} must be precise to the second, without fractions`);
  }
}

function checkIdentifier(target: RefTarget | undefined, value: string, parent: string, key: string | number, context: Context): void {
  let type: string;
  const { container } = context;
  if (container !== undefined && Object.hasOwn(container, value)) {
    // STIX 2.1 §2.13: inside an observable container, references name sibling keys.
    const local = container[value];
    if (!isPlainObject(local) || typeof local.type !== 'string') return;
    type = local.type;
  } else {
    const parsed = referencedType(value);
    if (parsed === undefined) {
      const where = container === undefined ? '' : ' or a key of the same observable container';
      context.report.error(pathOf(parent, key), 'identifier-format', `${describe(value)} must be an identifier of the form type--UUID (STIX 2.1 §2.9)${where}`);
      return;
    }
    type = parsed;
  }
  if (target !== undefined && !target.accepts(type)) {
    context.report.error(pathOf(parent, key), 'reference-type', `${describe(value)} refers to an object of type '${type}', but this property accepts only ${target.description} (STIX 2.1 §3.3)`);
  }
}

// The same references recur across objects (creators, markings, popular targets): remember the
// types of a bounded number of valid identifiers rather than parse them again.
const REFERENCED_TYPES = new Map<string, string>();
const REFERENCED_TYPES_LIMIT = 10_000;

function referencedType(identifier: string): string | undefined {
  const known = REFERENCED_TYPES.get(identifier);
  if (known !== undefined) return known;
  const parsed = parseIdentifier(identifier);
  if (parsed === undefined) return undefined;
  if (REFERENCED_TYPES.size >= REFERENCED_TYPES_LIMIT) REFERENCED_TYPES.clear();
  REFERENCED_TYPES.set(identifier, parsed.type);
  return parsed.type;
}

const HASH_KEY = /^[A-Za-z0-9_-]{3,250}$/;

function checkHashes(closedNames: boolean, value: unknown, path: string, context: Context): void {
  const { report } = context;
  if (!isPlainObject(value)) return report.error(path, 'property-type', `must be a dictionary of hashes, not ${describe(value)}`);
  const algorithms = Object.keys(value);
  if (algorithms.length === 0) return report.error(path, 'empty-value', 'hashes must hold at least one hash (STIX 2.1 §2.3)');
  for (const algorithm of algorithms) {
    const at = keyPath(path, algorithm);
    const digest = value[algorithm];
    // STIX 2.1 §2.7: keys are 3-250 ASCII letters, digits, hyphens or underscores.
    if (!HASH_KEY.test(algorithm)) report.error(at, 'dictionary-key', `'${algorithm}' is not a valid hash algorithm name (3-250 characters a-z, A-Z, 0-9, - and _)`);
    if (typeof digest !== 'string') {
      report.error(at, 'property-type', `must be a string, not ${describe(digest)}`);
      continue;
    }
    const format = HASH_VALUE_FORMATS.get(algorithm);
    if (format !== undefined) {
      const problem = format.problem(digest);
      if (problem !== undefined) report.error(at, 'value-format', `a ${algorithm} hash ${problem}`);
    } else if (closedNames) {
      report.error(at, 'hash-algorithm', `'${algorithm}' is not in ${HASH_ALGORITHM.name}, which these hashes must use (STIX 2.1 §2.5.1)`);
    } else {
      report.warning(at, 'open-vocabulary', `'${algorithm}' is not a suggested value of ${HASH_ALGORITHM.name} (STIX 2.1 §10.7)`);
    }
  }
}

const DICTIONARY_KEY = /^[A-Za-z0-9_-]{0,250}$/;

function checkDictionary(values: Checker, value: unknown, path: string, context: Context): void {
  const { report } = context;
  if (!isPlainObject(value)) return report.error(path, 'property-type', `must be a dictionary (JSON object), not ${describe(value)}`);
  const keys = Object.keys(value);
  // STIX 2.1 §2.3: empty dictionaries are prohibited.
  if (keys.length === 0) return report.error(path, 'empty-value', 'dictionaries must have at least one key (STIX 2.1 §2.3)');
  for (const key of keys) {
    if (!DICTIONARY_KEY.test(key)) report.error(keyPath(path, key), 'dictionary-key', `'${key}' is not a valid dictionary key (at most 250 characters a-z, A-Z, 0-9, - and _; STIX 2.1 §2.3)`);
    values(value[key], path, key, context);
  }
}
