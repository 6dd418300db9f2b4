/**
 * Checks on a grammatical pattern that the grammar itself cannot express.
 * Reads the AST only; never evaluates.
 */
import { ErrorCode } from '../common/errors.ts';
import { chainOperands, type ComparisonExpression, type Literal, type ObservationExpression, type Pattern, type Qualifier } from './ast.ts';
import { patternDiagnostic, type PatternDiagnostic } from './errors.ts';
import type { QualifierType } from './grammar.ts';

const QUALIFIER_TYPE: Readonly<Record<Qualifier['kind'], QualifierType>> = {
  Within: 'WITHIN', Repeats: 'REPEATS', StartStop: 'STARTSTOP',
};

/** Hex digest length per hash algorithm name (STIX 2.1 §10.10 hash-algorithm-ov, plus the 2.0 names). */
const HEX_DIGEST_LENGTH: Readonly<Record<string, number>> = {
  'MD5': 32, 'SHA-1': 40, 'SHA-224': 56, 'SHA-256': 64, 'SHA-384': 96, 'SHA-512': 128,
  'SHA3-224': 56, 'SHA3-256': 64, 'SHA3-384': 96, 'SHA3-512': 128, 'RIPEMD-160': 40, 'WHIRLPOOL': 128,
};

export function validatePattern(pattern: Pattern): PatternDiagnostic[] {
  const errors: PatternDiagnostic[] = [];
  checkObservation(pattern.body, errors);
  return errors;
}

function checkObservation(expr: ObservationExpression, errors: PatternDiagnostic[]): void {
  switch (expr.kind) {
    case 'Observation':
      checkComparison(expr.body, errors);
      return;
    case 'ObservationGroup':
      checkObservation(expr.body, errors);
      return;
    case 'ObservationBinary':
      for (const operand of chainOperands(expr)) checkObservation(operand, errors);
      return;
    case 'Qualified': {
      // A qualifier type may apply only once directly to a bracketed observation
      // (STIX 2.1 §9.8; the reference validator's rule). On a parenthesised group
      // repeating it is allowed: `([a]) WITHIN 5 SECONDS WITHIN 6 SECONDS`.
      const chain: Qualifier[] = [];
      let base: ObservationExpression = expr;
      while (base.kind === 'Qualified') {
        chain.unshift(base.qualifier);
        base = base.body;
      }
      if (base.kind === 'Observation') {
        const seen = new Set<QualifierType>();
        for (const q of chain) {
          const type = QUALIFIER_TYPE[q.kind];
          if (seen.has(type)) {
            errors.push(patternDiagnostic(ErrorCode.PATTERN_DUPLICATE_QUALIFIER, q.span, type,
              `duplicate qualifier ${type} on one observation expression`));
          }
          seen.add(type);
        }
      }
      checkObservation(base, errors);
      return;
    }
  }
}

function checkComparison(expr: ComparisonExpression, errors: PatternDiagnostic[]): void {
  switch (expr.kind) {
    case 'ComparisonBinary':
      for (const operand of chainOperands(expr)) checkComparison(operand, errors);
      return;
    case 'ComparisonGroup':
      checkComparison(expr.body, errors);
      return;
    case 'Exists':
      return;
    case 'Comparison': {
      if (expr.operator !== '=' && expr.operator !== '!=' && expr.operator !== 'IN') return;
      // `…hashes.<algorithm>` compared with a string: the string must be a digest of that algorithm.
      const steps = expr.path.steps;
      const last = steps[steps.length - 1];
      const parent = steps[steps.length - 2];
      if (!last || !parent || last.kind !== 'Key' || parent.kind !== 'Key' || parent.name !== 'hashes') return;
      const length = HEX_DIGEST_LENGTH[last.name.toUpperCase()];
      if (length === undefined) return;
      const values: readonly Literal[] = expr.value.kind === 'Set' ? expr.value.items : [expr.value];
      for (const value of values) {
        if (value.type !== 'string') continue;
        if (value.value.length !== length || !/^[0-9A-Fa-f]*$/.test(value.value)) {
          errors.push(patternDiagnostic(ErrorCode.PATTERN_INVALID_HASH, value.span, value.raw,
            `'${value.value}' is not a valid ${last.name} hash (expected ${length} hex digits)`));
        }
      }
      return;
    }
  }
}
