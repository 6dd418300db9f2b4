import { chainOperands, type Comparison, type ComparisonExpression, type Exists, type ObservationExpression, type Pattern } from '../ast.ts';

/** Every comparison and EXISTS test of a pattern, in source order. */
export function testsOf(pattern: Pattern): (Comparison | Exists)[] {
  const out: (Comparison | Exists)[] = [];
  const observation = (expr: ObservationExpression): void => {
    if (expr.kind === 'Observation') comparison(expr.body);
    else if (expr.kind === 'ObservationBinary') chainOperands(expr).forEach(observation);
    else observation(expr.body);
  };
  const comparison = (expr: ComparisonExpression): void => {
    if (expr.kind === 'ComparisonBinary') chainOperands(expr).forEach(comparison);
    else if (expr.kind === 'ComparisonGroup') comparison(expr.body);
    else out.push(expr);
  };
  observation(pattern.body);
  return out;
}
