import type { StringFormat } from './formats.ts';
import { categoryOf, type Category } from './object-categories.ts';
import type { Report } from './report.ts';
import type { Vocabulary } from './vocabularies.ts';

/**
 * The declarative vocabulary of the validator: what kind of value each
 * property holds (STIX 2.1 §2 common data types) and what shape embedded
 * objects have. Type tables are plain data built from these constructors;
 * `check-value.ts` compiles them into checker functions.
 */
export type Kind =
  | { readonly kind: 'string'; readonly format?: StringFormat }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'integer'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'float'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'timestamp'; readonly precision?: 'millisecond' | 'second' }
  | { readonly kind: 'identifier'; readonly target?: RefTarget }
  | { readonly kind: 'vocabulary'; readonly vocabulary: Vocabulary }
  | { readonly kind: 'binary' }
  | { readonly kind: 'hex' }
  | { readonly kind: 'hashes'; readonly closedNames: boolean }
  | { readonly kind: 'list'; readonly items: Kind }
  | { readonly kind: 'dictionary'; readonly values?: Kind }
  | { readonly kind: 'object'; readonly shape: Shape }
  | { readonly kind: 'either'; readonly options: readonly Kind[] }
  | { readonly kind: 'any' };

/** Where a checker runs: the problem collector and, inside a deprecated observable container, its keys. */
export interface Context {
  readonly report: Report;
  /** The observable container (§2.13) whose local keys `*_ref` properties may name. */
  readonly container?: Readonly<Record<string, unknown>>;
  /** Validates one SCO held in a deprecated observable container (§2.13); `context.container` is set. */
  readonly validateObservable: (observable: unknown, path: string, context: Context) => void;
}

/** A check that needs more than one property, e.g. "at least one of". */
export type Constraint = (object: Readonly<Record<string, unknown>>, path: string, context: Context) => void;

/** An object with named properties: an embedded type (§2.5, §2.11, §7.2.3) or a whole STIX object. */
export interface Shape {
  readonly name: string;
  /** The STIX 2.1 section that defines it, quoted in messages. */
  readonly section: string;
  readonly properties: ReadonlyMap<string, Kind>;
  readonly required: readonly string[];
  readonly constraints: readonly Constraint[];
}

export function shape(
  name: string,
  section: string,
  properties: Readonly<Record<string, Kind>>,
  options: { required?: readonly string[]; constraints?: readonly Constraint[] } = {},
): Shape {
  return {
    name,
    section,
    properties: new Map(Object.entries(properties)),
    required: options.required ?? [],
    constraints: options.constraints ?? [],
  };
}

/** The object types an identifier property may point at (§3.3 embedded relationships). */
export interface RefTarget {
  /** For messages: "identity", "SDO or SCO (or custom type)". */
  readonly description: string;
  readonly accepts: (type: string) => boolean;
}

/** Exactly these types. */
export function refTo(...types: string[]): RefTarget {
  const allowed = new Set(types);
  const description = types.length === 1 ? types[0]! : `${types.slice(0, -1).join(', ')} or ${types.at(-1)!}`;
  return { description, accepts: (type) => allowed.has(type) };
}

const CATEGORY_NAMES: Readonly<Record<Category, string>> = { sdo: 'SDO', sro: 'SRO', sco: 'SCO', smo: 'SMO' };

/**
 * Any type of these categories; `custom` also accepts types the specification
 * does not define, which may be extension types of those categories (§7.3).
 */
export function refToCategories(categories: readonly Category[], options: { custom: boolean }): RefTarget {
  const allowed = new Set<string>(categories);
  if (options.custom) allowed.add('custom');
  const names = categories.map((category) => CATEGORY_NAMES[category]);
  const description = `${names.join(' or ')}${options.custom ? ' (or custom type)' : ''}`;
  return { description, accepts: (type) => allowed.has(categoryOf(type)) };
}

/** Any STIX Object (§1.3), i.e. anything but a bundle. */
export const ANY_OBJECT: RefTarget = { description: 'STIX Object', accepts: (type) => type !== 'bundle' };

export const STRING: Kind = { kind: 'string' };
export const BOOLEAN: Kind = { kind: 'boolean' };
export const INTEGER: Kind = { kind: 'integer' };
export const NON_NEGATIVE_INTEGER: Kind = { kind: 'integer', min: 0 };
export const FLOAT: Kind = { kind: 'float' };
export const TIMESTAMP: Kind = { kind: 'timestamp' };
export const BINARY: Kind = { kind: 'binary' };
export const HEX: Kind = { kind: 'hex' };
export const ANY: Kind = { kind: 'any' };
/** hashes whose algorithm names may come from outside hash-algorithm-ov (§2.7, open vocabulary). */
export const HASHES: Kind = { kind: 'hashes', closedNames: false };
export const STRINGS: Kind = listOf(STRING);
export const DICTIONARY: Kind = { kind: 'dictionary' };

export function stringOf(format: StringFormat): Kind {
  return { kind: 'string', format };
}

export function integer(min?: number, max?: number): Kind {
  return { kind: 'integer', min, max };
}

export function float(min?: number, max?: number): Kind {
  return { kind: 'float', min, max };
}

export function ref(target: RefTarget): Kind {
  return { kind: 'identifier', target };
}

export function refs(target: RefTarget): Kind {
  return listOf(ref(target));
}

export function vocab(vocabulary: Vocabulary): Kind {
  return { kind: 'vocabulary', vocabulary };
}

export function vocabs(vocabulary: Vocabulary): Kind {
  return listOf(vocab(vocabulary));
}

export function listOf(items: Kind): Kind {
  return { kind: 'list', items };
}

export function dictionaryOf(values: Kind): Kind {
  return { kind: 'dictionary', values };
}

export function embedded(objectShape: Shape): Kind {
  return { kind: 'object', shape: objectShape };
}

/** A value that may take one of several JSON types, e.g. "an integer or a string". */
export function either(...options: Kind[]): Kind {
  return { kind: 'either', options };
}
