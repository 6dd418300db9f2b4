import type { ObservationExpression } from '../../pattern/ast.ts';
import { comparisonsOf, leafKeys } from '../../pattern/match-index/keys.ts';
import { parsePattern } from '../../pattern/parser.ts';
import { observableKey } from './observable-values.ts';

/**
 * The observable keys of an indicator's STIX pattern: every equality (`=`,
 * `IN`) on a linking property anywhere in it, whatever the boolean operators
 * around it (for correlation, a value an indicator names links it, even on
 * one side of an OR). The equality atoms are the match index's own
 * (`leafKeys`), taken per comparison. A pattern that does not parse has none.
 */
export function patternKeys(pattern: string): string[] {
  const { ast } = parsePattern(pattern);
  if (!ast) return [];
  const keys = new Set<string>();
  // Iterative: a pattern may chain thousands of observations.
  const stack: ObservationExpression[] = [ast.body];
  while (stack.length > 0) {
    const expr = stack.pop()!;
    if (expr.kind === 'ObservationBinary') stack.push(expr.left, expr.right);
    else if (expr.kind === 'ObservationGroup' || expr.kind === 'Qualified') stack.push(expr.body);
    else {
      for (const comparison of comparisonsOf(expr.body)) {
        for (const atom of leafKeys(comparison).atoms) {
          if (atom.kind !== 'eq' || atom.path.steps.some((step) => step.kind !== 'Key')) continue;
          const steps = atom.path.steps.map((step) => (step.kind === 'Key' ? step.name : ''));
          const key = observableKey(atom.path.objectType, steps, atom.value);
          if (key) keys.add(key);
        }
      }
    }
  }
  return [...keys];
}
