/**
 * Semantic checks of a grammatical pattern against the STIX 2.1 SCO definitions
 * (sco-definitions.ts): object types that are no SCO, properties an SCO does not
 * have, and constants of a type the property can never equal. Every finding is a
 * warning: the pattern stays valid (custom objects and properties are legal STIX).
 * Reads the AST only; never evaluates.
 */
import { ErrorCode } from '../../common/errors.ts';
import type { Comparison, Exists, KeyStep, Literal, ObjectPath, Pattern, PathStep } from '../ast.ts';
import { patternDiagnostic, type PatternDiagnostic, type PatternErrorCode } from '../errors.ts';
import type { ComparisonOperator, StixVersion } from '../grammar.ts';
import type { Span } from '../token.ts';
import {
  COMMON_SCO_PROPERTIES, HASH_ALGORITHMS, SCO_DEFINITIONS, STIX_2_0_PROPERTIES, type PropertyType,
} from './sco-definitions.ts';
import { testsOf } from './walk.ts';

/** One type a path may have reached, and the SCO it belongs to (for `extensions`); `root` when it is the SCO itself. */
interface Candidate {
  readonly type: PropertyType;
  readonly sco: string;
  readonly root?: boolean;
}

/** Types whose values are strings in JSON: a string, binary or hex constant may equal them. */
const STRING_TYPES: ReadonlySet<PropertyType> = new Set<PropertyType>(['string', 'identifier', 'ip-address', 'timestamp', 'binary', 'hex']);

const ROOTS = new Map<string, PropertyType>(Object.entries(SCO_DEFINITIONS).map(([type, definition]) => [
  type, { object: { ...COMMON_SCO_PROPERTIES, ...definition.properties } },
]));

/** Custom content the checks accept silently (STIX 2.1 §11: custom objects, properties and extensions). */
const isCustomType = (name: string): boolean => name.startsWith('x-');
const isCustomProperty = (name: string): boolean => name.startsWith('x_');
const isCustomExtension = (name: string): boolean => name.startsWith('x-') || name.startsWith('extension-definition--');

/**
 * The semantic warnings for a pattern, in source order. In STIX 2.0 mode only the
 * object types are checked (2.0 has the same 18 observable types, but different
 * properties, which this table does not describe).
 */
export function checkSemantics(pattern: Pattern, source: string, version: StixVersion): PatternDiagnostic[] {
  const checker = new Checker(source, version);
  for (const test of testsOf(pattern)) checker.test(test);
  return checker.warnings.sort((a, b) => a.span.start - b.span.start);
}

class Checker {
  readonly warnings: PatternDiagnostic[] = [];

  constructor(private readonly source: string, private readonly version: StixVersion) {}

  private warn(code: PatternErrorCode, span: Span, message: string): void {
    this.warnings.push(patternDiagnostic(code, span, this.source.slice(span.start, span.end), message));
  }

  test(test: Comparison | Exists): void {
    const candidates = this.path(test.path);
    if (!candidates || test.kind === 'Exists') return;
    const constants = test.value.kind === 'Set' ? test.value.items : [test.value];
    for (const constant of constants) {
      if (candidates.some((c) => accepts(c.type, test.operator, constant))) continue;
      this.warn(ErrorCode.PATTERN_TYPE_MISMATCH, constant.span, mismatchMessage(test.path, candidates, test.operator, constant));
    }
  }

  /** Follows the path through the definitions; the types it may end on, or undefined when unknown (custom, free-form, or already warned). */
  private path(path: ObjectPath): readonly Candidate[] | undefined {
    const type = path.objectType;
    if (isCustomType(type)) return undefined;
    if (!ROOTS.has(type)) {
      const span = { ...path.span, end: path.span.start + type.length };
      this.warn(ErrorCode.PATTERN_UNKNOWN_OBJECT_TYPE, span, unknownTypeMessage(type, this.version));
      return undefined;
    }
    if (this.version !== '2.1') return undefined;
    let current: readonly Candidate[] = [{ type: ROOTS.get(type)!, sco: type, root: true }];
    for (const [i, step] of path.steps.entries()) {
      // A key after a reference is looked up on the referenced object (STIX 2.1 §9.7).
      if (step.kind === 'Key') current = current.flatMap(dereference);
      if (current.some((c) => c.type === 'any')) return undefined;
      if (step.kind === 'Key' && current.some((c) => c.type === 'hashes')) this.hashKey(step);
      const next = current.flatMap((c) => follow(c, step));
      if (next.length === 0) {
        this.warn(ErrorCode.PATTERN_UNKNOWN_PROPERTY, step.span, unknownStepMessage(path, i, current));
        return undefined;
      }
      current = next;
    }
    return current.some((c) => c.type === 'any') ? undefined : current;
  }

  /** Hash keys are open (custom algorithms are allowed), but a misspelt vocabulary name never matches. */
  private hashKey(step: KeyStep): void {
    const spelling = HASH_ALGORITHMS.find((name) => normalise(name) === normalise(step.name));
    if (spelling === undefined || spelling === step.name) return;
    this.warn(ErrorCode.PATTERN_UNKNOWN_PROPERTY, step.span,
      `hashes key '${step.name}' is not spelled as in hash-algorithm-ov: use '${spelling}' (keys are case-sensitive)`);
  }
}

function dereference(candidate: Candidate): Candidate[] {
  const { type } = candidate;
  if (typeof type !== 'object' || !('ref' in type)) return [candidate];
  if (type.ref === 'any') return [{ type: 'any', sco: '' }];
  return type.ref.map((target) => {
    const root = ROOTS.get(target);
    return root ? { type: root, sco: target, root: true } : { type: 'any', sco: target };
  });
}

/** What one step leads to from one candidate; empty when the step does not exist there. */
function follow(candidate: Candidate, step: PathStep): Candidate[] {
  const { type, sco } = candidate;
  const to = (next: PropertyType): Candidate[] => [{ type: next, sco }];
  if (step.kind === 'Index') return typeof type === 'object' && 'list' in type ? to(type.list) : [];
  const name = step.name;
  if (type === 'hashes') return to('string');
  if (type === 'extensions') {
    const extension = SCO_DEFINITIONS[sco]?.extensions?.[name];
    if (extension) return to({ object: extension });
    return isCustomExtension(name) ? to('any') : [];
  }
  if (typeof type !== 'object') return [];
  if ('dictionary' in type) return to(type.dictionary);
  if ('object' in type) {
    const property = type.object[name];
    if (property !== undefined) return to(property);
    return isCustomProperty(name) ? to('any') : [];
  }
  return [];
}

/** Could a value of this property type satisfy `operator constant`? */
function accepts(type: PropertyType, operator: ComparisonOperator, constant: Literal): boolean {
  const t: PropertyType = typeof type === 'object' && 'ref' in type ? 'identifier' : type;
  if (t === 'any') return true;
  if (typeof t === 'object' || t === 'hashes' || t === 'extensions') return false;
  if (operator === 'ISSUBSET' || operator === 'ISSUPERSET') return t === 'ip-address';
  if (operator === 'LIKE' || operator === 'MATCHES') return STRING_TYPES.has(t);
  switch (constant.type) {
    case 'int':
      return t === 'integer' || t === 'float';
    case 'float': {
      // 80.5 can never equal an integer; ordering still works.
      const equality = operator === '=' || operator === '!=' || operator === 'IN';
      return t === 'float' || (t === 'integer' && !(equality && !Number.isInteger(constant.value)));
    }
    case 'bool':
      return t === 'boolean';
    case 'timestamp':
      return t === 'timestamp';
    case 'string':
    case 'binary':
    case 'hex':
      return STRING_TYPES.has(t);
  }
}

// ---- messages -------------------------------------------------------------

function normalise(name: string): string {
  return name.toUpperCase().replace(/[-_]/g, '');
}

/** `type:a.b[*]` written canonically, up to (not including) step `end`. */
function renderPath(path: ObjectPath, end = path.steps.length): string {
  let text = `${path.objectType}:`;
  path.steps.slice(0, end).forEach((step, i) => {
    if (step.kind === 'Index') text += `[${step.index}]`;
    else text += `${i > 0 ? '.' : ''}${step.quoted || /[^A-Za-z0-9_]/.test(step.name) ? `'${step.name}'` : step.name}`;
  });
  return text;
}

function describe(type: PropertyType): string {
  if (typeof type === 'object') {
    if ('list' in type) return `a list of ${describe(type.list).replace(/^an? /, '')} values`;
    if ('ref' in type) return `a reference to ${type.ref === 'any' ? 'any object' : orList(type.ref)}`;
    if ('object' in type) return 'an object';
    return 'a dictionary';
  }
  const names: Record<string, string> = {
    string: 'a string', identifier: 'a string', integer: 'an integer', float: 'a number', boolean: 'a boolean',
    timestamp: 'a timestamp', binary: 'a binary (base64) value', hex: 'a hex value', 'ip-address': 'an IP address',
    hashes: 'a hashes dictionary', extensions: 'the extensions dictionary', any: 'free-form',
  };
  return names[type] ?? type;
}

function describeAll(candidates: readonly Candidate[]): string {
  return orList([...new Set(candidates.map((c) => describe(c.type)))]);
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

const CONSTANT_NAMES: Readonly<Record<Literal['type'], string>> = {
  int: 'the integer', float: 'the number', string: 'the string', bool: 'the boolean',
  binary: 'the binary constant', hex: 'the hex constant', timestamp: 'the timestamp',
};

function mismatchMessage(path: ObjectPath, candidates: readonly Candidate[], operator: ComparisonOperator, constant: Literal): string {
  const where = renderPath(path);
  const what = `${where} is ${describeAll(candidates)}`;
  const first = candidates[0]!.type;
  if (typeof first === 'object' && 'list' in first) return `${what}; compare its elements with ${where}[*]`;
  if ((typeof first === 'object' && !('ref' in first)) || first === 'hashes' || first === 'extensions') {
    return `${what}; compare one of its entries, not the whole`;
  }
  if (operator === 'ISSUBSET' || operator === 'ISSUPERSET') return `${what}, not an IP address; ${operator} compares IP addresses with a CIDR range`;
  if (operator === 'LIKE' || operator === 'MATCHES') return `${what}; ${operator} only applies to strings`;
  if (constant.type === 'timestamp') return `${what}, not a timestamp; comparing it with ${constant.raw} fails at match time`;
  const verb = operator === '=' || operator === '!=' || operator === 'IN' ? 'equal' : 'be ordered against';
  return `${what}; ${CONSTANT_NAMES[constant.type]} ${constant.raw} can never ${verb} it`;
}

function unknownTypeMessage(type: string, version: StixVersion): string {
  const guess = suggest(type, Object.keys(SCO_DEFINITIONS));
  return `'${type}' is not a STIX ${version} cyber-observable type${guess ? ` (did you mean '${guess}'?)` : ''}; custom object types start with 'x-'`;
}

function unknownStepMessage(path: ObjectPath, index: number, candidates: readonly Candidate[]): string {
  const step = path.steps[index]!;
  const where = renderPath(path, index);
  const first = candidates[0]!;
  if (step.kind === 'Index') return `${where} is ${describeAll(candidates)}, not a list; [${step.index}] does not apply`;
  const name = step.name;
  if (candidates.every((c) => c.root)) {
    const types = candidates.map((c) => c.sco);
    if (index === 0) return unknownPropertyMessage(first.sco, name);
    return `${where} refers to ${orList(types)}, and ${types.length > 1 ? 'none of them has' : 'it has no'} property '${name}' in STIX 2.1; custom properties start with 'x_'`;
  }
  const { type } = first;
  if (type === 'extensions') {
    const known = Object.keys(SCO_DEFINITIONS[first.sco]?.extensions ?? {});
    return `'${name}' is not a predefined extension of ${first.sco} (${known.length > 0 ? `those are ${known.join(', ')}` : 'it has none'}); custom extensions are named extension-definition--<UUID> or start with 'x-'`;
  }
  if (typeof type === 'object' && 'list' in type) return `${where} is ${describe(type)}; index it with [*] or [n] before '.${name}'`;
  if (typeof type === 'object' && 'object' in type) {
    const known = Object.keys(type.object);
    const guess = suggest(name, known);
    return `${where} has no property '${name}' in STIX 2.1; ${guess ? `did you mean '${guess}'?` : `its properties are ${known.join(', ')}`} (custom properties start with 'x_')`;
  }
  return `${where} is ${describe(type)} and has no property '${name}'`;
}

function unknownPropertyMessage(sco: string, name: string): string {
  const definition = SCO_DEFINITIONS[sco]!;
  const where = `${sco} has no property '${name}' in STIX 2.1 §${definition.section}`;
  const renamed = STIX_2_0_PROPERTIES[sco]?.[name];
  if (renamed !== undefined) {
    return `${where}: '${name}' is a STIX 2.0 property${renamed ? `, called '${renamed}' in STIX 2.1` : ' that STIX 2.1 removed'}`;
  }
  const known = Object.keys(definition.properties);
  const guess = suggest(name, [...known, ...Object.keys(COMMON_SCO_PROPERTIES)]);
  const help = guess ? `did you mean '${guess}'?` : `its properties are ${known.join(', ')}`;
  return `${where}; ${help} (custom properties start with 'x_')`;
}

/** The closest known name: same letters ignoring case and separators, one inside the other, or a few edits away. */
function suggest(name: string, known: readonly string[]): string | undefined {
  const exact = known.find((k) => normalise(k) === normalise(name));
  if (exact) return exact;
  let best: { name: string; distance: number } | undefined;
  for (const k of known) {
    const contained = k.length >= 3 && name.length >= 3 && (name.includes(k) || k.includes(name));
    const distance = contained ? 0.5 : editDistance(name, k);
    if (distance <= Math.max(1, Math.floor(Math.max(name.length, k.length) / 4)) && (!best || distance < best.distance)) {
      best = { name: k, distance };
    }
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}
