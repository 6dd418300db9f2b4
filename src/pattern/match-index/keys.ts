/**
 * Index keys of one `[ … ]` comparison expression (STIX 2.1 §9.5–§9.6).
 *
 * The keys of an expression are a disjunction of atoms: whenever the expression
 * holds for an observation, at least one atom is present in it. So a key lookup
 * never misses a match; it may find candidates that are not matches, and the
 * evaluator's compiled comparison then decides. Atoms:
 *
 * - `eq`: the path yields this string (`=`, `IN`: strings compare by code point, §9.6.2);
 * - `prefix`: the path yields an address or block inside this CIDR block (ISSUBSET);
 * - `gram`: the path yields a string whose NFC form contains this literal, which every
 *   match of the LIKE / MATCHES constant contains (both sides are NFC-normalised, §9.6.1);
 * - `type`: the observation has an object of this type — true of any comparison on
 *   that type (every path starts at a root object of its type): the fallback.
 *
 * OR takes the atoms of both sides; AND the cheaper side's (both must hold of one root
 * object, so either side's atoms are necessary). NOT, `!=`, ordering, non-string
 * constants and EXISTS fall back to `type`.
 *
 * Some comparisons raise PATTERN_MATCH_ERROR on some data (see `mayThrow`); the reference
 * index evaluates every comparison on every object, so it raises whenever such data
 * arrives. A leaf holding one is therefore filed under its types only and evaluated
 * exhaustively, never skipped by a key lookup.
 */
import { chainOperands, type Comparison, type ComparisonExpression, type Exists, type ObjectPath } from '../ast.ts';
import { parseCidr, type Cidr } from '../evaluate/cidr.ts';
import { MIN_LITERAL, likeLiteral, regexLiteral } from './literal.ts';

export type Atom =
  | { readonly kind: 'eq'; readonly path: ObjectPath; readonly value: string }
  | { readonly kind: 'prefix'; readonly path: ObjectPath; readonly block: Cidr }
  | { readonly kind: 'gram'; readonly path: ObjectPath; readonly literal: string }
  | { readonly kind: 'type'; readonly type: string };

/** Relative cost of an atom as a prefilter: lower is more selective. */
const COST: Record<Atom['kind'], number> = { eq: 1, prefix: 2, gram: 4, type: 1000 };

export function cost(atoms: readonly Atom[]): number {
  let sum = 0;
  for (const a of atoms) sum += COST[a.kind];
  return sum;
}

/** The NFC form of a string; strings of Latin-1 characters (most values) are their own, and skip the normaliser. */
export function nfc(text: string): string {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return text.normalize('NFC');
  return text;
}

/** The atoms of a leaf, and whether it must be evaluated exhaustively (it may raise on some data). */
export function leafKeys(expr: ComparisonExpression, comparisons = comparisonsOf(expr)): { atoms: Atom[]; exhaustive: boolean } {
  if (comparisons.some(mayThrow)) return { atoms: [...new Set(comparisons.map((c) => c.path.objectType))].map((type) => ({ kind: 'type', type })), exhaustive: true };
  return { atoms: atomsOf(expr), exhaustive: false };
}

function atomsOf(expr: ComparisonExpression): Atom[] {
  switch (expr.kind) {
    case 'ComparisonGroup':
      return atomsOf(expr.body);
    case 'ComparisonBinary': {
      // A chain of one operator (a list of 10,000 hashes) is walked flat, never as deep recursion.
      const operands = chainOperands(expr).map(atomsOf);
      if (expr.operator === 'OR') return operands.flat();
      return operands.reduce((best, atoms) => (cost(atoms) < cost(best) ? atoms : best));
    }
    case 'Exists':
      return [{ kind: 'type', type: expr.path.objectType }];
    case 'Comparison':
      return comparisonAtoms(expr) ?? [{ kind: 'type', type: expr.path.objectType }];
  }
}

/** Key atoms of one comparison, or null when it can only be tried on every object of its type. */
function comparisonAtoms(c: Comparison): Atom[] | null {
  if (c.negated) return null;
  const { path, value } = c;
  if (value.kind === 'Set') {
    if (c.operator !== 'IN' || !value.items.every((item) => item.type === 'string')) return null;
    // IN () never holds: no atoms, never a candidate.
    return value.items.map((item) => ({ kind: 'eq', path, value: String(item.value) }));
  }
  if (value.type !== 'string') return null;
  switch (c.operator) {
    case '=':
      return [{ kind: 'eq', path, value: value.value }];
    case 'ISSUBSET': {
      const block = parseCidr(value.value);
      return block ? [{ kind: 'prefix', path, block }] : null;
    }
    case 'LIKE': {
      const literal = likeLiteral(nfc(value.value));
      return literal.length >= MIN_LITERAL ? [{ kind: 'gram', path, literal }] : null;
    }
    case 'MATCHES': {
      const literal = regexLiteral(nfc(value.value));
      return literal.length >= MIN_LITERAL ? [{ kind: 'gram', path, literal }] : null;
    }
    default:
      return null;
  }
}

/**
 * Where the evaluator raises on data (../evaluate/): a path through a `*_ref` / `*_refs`
 * property (a reference that is not a string, a list that is not a list), through a
 * `*_bin` / `*_hex` property (text that does not decode; LIKE on bytes that are not
 * UTF-8), and a timestamp constant (a value that is not a timestamp).
 */
function mayThrow(expr: Comparison | Exists): boolean {
  if (expr.path.steps.some((s) => s.kind === 'Key' && /_(refs?|bin|hex)$/.test(s.name))) return true;
  if (expr.kind === 'Exists') return false;
  const value = expr.value;
  return value.kind === 'Set' ? value.items.some((i) => i.type === 'timestamp') : value.type === 'timestamp';
}

/** Every comparison and EXISTS of the expression, in source order; iterative, whatever its depth. */
export function comparisonsOf(expr: ComparisonExpression): (Comparison | Exists)[] {
  const out: (Comparison | Exists)[] = [];
  const stack: ComparisonExpression[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === 'ComparisonGroup') stack.push(e.body);
    else if (e.kind === 'ComparisonBinary') stack.push(e.right, e.left);
    else out.push(e);
  }
  return out;
}

