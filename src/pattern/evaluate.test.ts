/**
 * The evaluator against every shared matcher vector
 * (../shared/conformance/stix-patterns/matcher-cases.json, README §3).
 * Cases not yet passing are allowed only up to a floor: fewer passes fail the test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sharedPath } from '../../test/support/shared.ts';
import { isAppError, ErrorCode } from '../common/errors.ts';
import { findMatch, parsePattern, type StixVersion } from './index.ts';

interface Case {
  readonly id: string;
  readonly pattern: string;
  readonly stix_version: StixVersion;
  readonly observations: string;
  readonly expected: boolean | 'error';
  readonly error_kind?: 'parse-error' | 'match-error';
  readonly expected_matched_ids?: readonly string[];
  readonly expected_result_count?: number;
  readonly features: readonly string[];
}

const data = JSON.parse(readFileSync(sharedPath('conformance', 'stix-patterns', 'matcher-cases.json'), 'utf8')) as {
  cases: Case[];
  observations: Record<string, unknown[]>;
};

/** The number of shared cases known to pass; raise it as the evaluator improves. */
const PASS_FLOOR = 509;

function runCase(c: Case): string | null {
  const parsed = parsePattern(c.pattern, { stixVersion: c.stix_version });
  if (c.expected === 'error' && c.error_kind === 'parse-error') return parsed.ok ? 'parsed, expected a parse error' : null;
  // Validator findings (duplicate qualifier) keep the AST, which the matcher still evaluates.
  if (!parsed.ast) return `parse failed: ${parsed.errors.map((e) => e.message).join('; ')}`;
  const obs = data.observations[c.observations]!;
  let result;
  try {
    result = findMatch(parsed.ast, obs, { stixVersion: c.stix_version });
  } catch (e) {
    if (c.expected === 'error' && isAppError(e, ErrorCode.PATTERN_MATCH_ERROR)) return null;
    return `threw ${e instanceof Error ? e.message : String(e)}`;
  }
  if (c.expected === 'error') return 'matched without error';
  if (result.matched !== c.expected) return `matched=${result.matched}`;
  const ids = (result.bindings ?? []).map((s) => s.id);
  if (c.expected_matched_ids && JSON.stringify([...ids].sort()) !== JSON.stringify([...c.expected_matched_ids].sort())) return `ids ${ids.join(',')}`;
  if (c.expected_result_count !== undefined && ids.length !== c.expected_result_count) return `result count ${ids.length}`;
  return null;
}

test('evaluator: every shared matcher case (STIX 2.1 §9)', (t) => {
  const byKey = new Map<string, [number, number]>();
  const tally = (key: string, ok: boolean): void => {
    const [p, n] = byKey.get(key) ?? [0, 0];
    byKey.set(key, [p + (ok ? 1 : 0), n + 1]);
  };
  const failing: string[] = [];
  for (const c of data.cases) {
    const why = runCase(c);
    const ok = why === null;
    if (!ok) failing.push(`${c.id} ${c.pattern} — ${why}`);
    tally(`expected:${c.expected === 'error' ? `error/${c.error_kind}` : String(c.expected)}`, ok);
    for (const f of c.features) tally(f, ok);
  }
  const passed = data.cases.length - failing.length;
  t.diagnostic(`passed ${passed} / ${data.cases.length}`);
  for (const [k, [p, n]] of [...byKey].sort()) t.diagnostic(`${k}: ${p} / ${n}`);
  for (const f of failing) t.diagnostic(`FAIL ${f}`);
  assert.ok(passed >= PASS_FLOOR, `passing cases fell below the floor: ${passed} < ${PASS_FLOOR}`);
});
