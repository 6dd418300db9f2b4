import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { isAppError } from '../src/common/errors.ts';
import { findMatch, parsePattern, type StixVersion } from '../src/pattern/index.ts';
import { accord, temporaryDirectory } from './support/cli.ts';
import { repoRoot, sharedPath } from './support/shared.ts';

/**
 * `accord pattern check|match` through the real CLI: output, caret display, exit
 * codes, against the shared matcher cases' observations.
 */
interface MatcherCase {
  id: string;
  pattern: string;
  stix_version: StixVersion;
  observations: string;
  expected: boolean | 'error';
  error_kind?: string;
  expected_matched_ids?: string[];
}
const matcher = JSON.parse(readFileSync(sharedPath('conformance', 'stix-patterns', 'matcher-cases.json'), 'utf8')) as {
  observations: Record<string, unknown[]>;
  cases: MatcherCase[];
};

const { dir, cleanup } = temporaryDirectory('accord-pattern-');
after(cleanup);

/** The case's observations as a file, as a user would hand them to the CLI. */
function observationsFile(key: string): string {
  const file = path.join(dir, `${key}.json`);
  writeFileSync(file, JSON.stringify(matcher.observations[key]));
  return file;
}

/** The exit code the library's own answer implies: 0 match, 3 none, 1 no AST or a match-time error. */
function libraryExitCode(c: MatcherCase): number {
  const { ast } = parsePattern(c.pattern, { stixVersion: c.stix_version });
  if (!ast) return 1;
  try {
    return findMatch(ast, matcher.observations[c.observations]!, { stixVersion: c.stix_version }).matched ? 0 : 3;
  } catch (error) {
    if (isAppError(error) && error.code === 'PATTERN_MATCH_ERROR') return 1;
    throw error;
  }
}

const EXPECTED_EXIT = (c: MatcherCase): number => (c.expected === true ? 0 : c.expected === false ? 3 : 1);

describe('accord pattern match on the shared matcher cases', () => {
  // Every 7th case, plus every case that names the observed-data of its first binding.
  const sample = matcher.cases.filter((c, i) => i % 7 === 0 || c.expected_matched_ids);

  it('covers every outcome in both STIX versions', () => {
    for (const version of ['2.0', '2.1']) {
      const mine = sample.filter((c) => c.stix_version === version);
      assert.ok(mine.some((c) => c.expected === true) && mine.some((c) => c.expected === false) && mine.some((c) => c.expected === 'error'), version);
    }
  });

  it('exits as the expected outcome says (0 match, 3 no match, 1 error), where the evaluator agrees', async (t) => {
    const failing: string[] = [];
    const gaps: string[] = [];
    for (const c of sample) {
      const run = await accord('pattern', 'match', c.pattern, observationsFile(c.observations), '--stix-version', c.stix_version, '--json');
      const json = JSON.parse(run.stdout) as { matched: boolean; matches?: { id: string }[]; errors: unknown[]; error?: { code: string } };
      const library = libraryExitCode(c);
      // The CLI says what the library says, always.
      if (run.code !== library) failing.push(`${c.id}: exit ${run.code}, library ${library}`);
      if (json.matched !== (run.code === 0)) failing.push(`${c.id}: matched ${json.matched} with exit ${run.code}`);
      if (library !== EXPECTED_EXIT(c)) {
        gaps.push(c.id); // a known evaluator gap (docs/patterning.md), not the CLI's concern
        continue;
      }
      if (c.error_kind === 'parse-error' && json.errors.length === 0) failing.push(`${c.id}: no positioned errors`);
      if (c.error_kind === 'match-error' && json.error?.code !== 'PATTERN_MATCH_ERROR') failing.push(`${c.id}: no match error`);
      if (c.expected_matched_ids) {
        // The reference returns the first binding; its order is not part of the expectation.
        const ids = (json.matches ?? []).map((m) => m.id).sort();
        if (JSON.stringify(ids) !== JSON.stringify([...c.expected_matched_ids].sort())) failing.push(`${c.id}: matched ${ids.join(',')}`);
      }
    }
    t.diagnostic(`${sample.length} cases through the CLI; ${gaps.length} skipped as evaluator gaps: ${gaps.join(' ')}`);
    assert.deepEqual(failing, []);
    assert.ok(sample.length - gaps.length >= 70, `only ${sample.length - gaps.length} cases checked`);
  });

  it('prints the matching observed-data with their times and the values the pattern names', async () => {
    const c = matcher.cases.find((x) => x.id === 'm0681')!; // 2.1: [person:name='bob'] AND [person:name='carol']
    const run = await accord('pattern', 'match', c.pattern, observationsFile(c.observations), '--stix-version', '2.1');
    assert.equal(run.code, 0);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^matched 2 of \d+ observed-data:$/);
    for (const id of ['52a5bab7-2cfd-40c6-a35a-b5bcb8afb11b', '7d34018e-986c-4817-a2c5-21fe95284109']) {
      assert.ok(lines.some((line) => new RegExp(`^ {2}observed-data--${id} {2}\\S+Z \\.\\. \\S+Z {2}number_observed \\d+$`).test(line)), id);
    }
    assert.match(run.stdout, /\n {4}person--\S+ {2}name="bob"\n/);
    assert.match(run.stdout, /\n {4}person--\S+ {2}name="carol"\n/);
  });

  it('names STIX 2.0 embedded objects by their key', async () => {
    const c = matcher.cases.find((x) => x.id === 'm0258')!; // 2.0: [person:name='alice']
    const run = await accord('pattern', 'match', c.pattern, observationsFile(c.observations), '--stix-version', '2.0');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /observed-data--a49751b8-b041-4c00-96c2-76af472bfbbe .*\n {4}person \(object \d+\) {2}name="alice"\n/);
  });

  it('says so when nothing matches (exit 3)', async () => {
    const c = matcher.cases.find((x) => x.id === 'm0258')!;
    const run = await accord('pattern', 'match', "[person:name = 'nobody']", observationsFile(c.observations), '--stix-version', '2.0');
    assert.equal(run.code, 3);
    assert.match(run.stdout, /^no match among \d+ observed-data\n$/);
  });
});

describe('accord pattern check', () => {
  it('prints "valid" for a good pattern (exit 0)', async () => {
    const run = await accord('pattern', 'check', "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']");
    assert.deepEqual([run.code, run.stdout, run.stderr], [0, 'valid\n', '']);
  });

  it('shows each error with its position, the pattern line and a caret under the span (exit 1)', async () => {
    const run = await accord('pattern', 'check', "[file:hashes.'SHA-256' = 'f00']");
    assert.equal(run.code, 1);
    assert.equal(run.stdout, [
      "1:26 PATTERN_INVALID_HASH 'f00' is not a valid SHA-256 hash (expected 64 hex digits)",
      "  [file:hashes.'SHA-256' = 'f00']",
      '                           ^~~~~',
      'invalid (1 error)',
      '',
    ].join('\n'));
  });

  it('puts the caret on the right line of a multi-line pattern', async () => {
    const run = await accord('pattern', 'check', "[file:name = 'a.exe']\n  AND [file:size > 10]\n\tWITHIN 5 HOURS");
    assert.equal(run.code, 1);
    assert.equal(run.stdout, [
      "3:11 PATTERN_SYNTAX expected 'SECONDS', found 'HOURS'",
      '  \tWITHIN 5 HOURS',
      '  \t         ^~~~~',
      'invalid (1 error)',
      '',
    ].join('\n'));
  });

  it('reports every broken comparison, and an error at the end of input', async () => {
    const run = await accord('pattern', 'check', '[a:b = ] AND [c:d = 1');
    assert.equal(run.code, 1);
    assert.equal(run.stdout, [
      "1:8 PATTERN_SYNTAX expected an integer or a float or a string ('…') or a binary constant (b'…') or a hex constant (h'…') or a timestamp (t'…') or true or false, found ']'",
      '  [a:b = ] AND [c:d = 1',
      '         ^',
      "1:22 PATTERN_SYNTAX expected ']', found end of input",
      '  [a:b = ] AND [c:d = 1',
      '                       ^',
      'invalid (2 errors)',
      '',
    ].join('\n'));
  });

  it('labels warnings, which do not change the exit code', async () => {
    const run = await accord('pattern', 'check', "[network-traffic:src_port = '80' AND\n file:nme = 'a']");
    assert.equal(run.code, 0);
    assert.equal(run.stdout, [
      "1:29 warning PATTERN_TYPE_MISMATCH network-traffic:src_port is an integer; the string '80' can never equal it",
      "  [network-traffic:src_port = '80' AND",
      '                              ^~~~',
      "2:7 warning PATTERN_UNKNOWN_PROPERTY file has no property 'nme' in STIX 2.1 §6.7; did you mean 'name'? (custom properties start with 'x_')",
      "   file:nme = 'a']",
      '        ^~~',
      'valid (2 warnings)',
      '',
    ].join('\n'));
  });

  it('applies --stix-version', async () => {
    const pattern = "[file:name = 'a'] START '2020-01-01T00:00:00Z' STOP '2020-01-02T00:00:00Z'";
    assert.equal((await accord('pattern', 'check', pattern, '--stix-version', '2.0')).code, 0);
    assert.equal((await accord('pattern', 'check', pattern, '--stix-version', '2.1')).code, 1);
    assert.equal((await accord('pattern', 'check', pattern, '--stix-version', '3.0')).code, 64);
  });

  it('--json prints {ok, errors, warnings}', async () => {
    const run = await accord('pattern', 'check', "[file:size = 'x'] WITHIN 5 SECONDS WITHIN 6 SECONDS", '--json');
    assert.equal(run.code, 1);
    const json = JSON.parse(run.stdout) as { ok: boolean; errors: { code: string; line: number; column: number; found: string }[]; warnings: { code: string; column: number }[] };
    assert.equal(json.ok, false);
    assert.deepEqual(json.errors.map((e) => [e.code, e.line, e.column, e.found]), [['PATTERN_DUPLICATE_QUALIFIER', 1, 36, 'WITHIN']]);
    assert.deepEqual(json.warnings.map((w) => [w.code, w.column]), [['PATTERN_TYPE_MISMATCH', 14]]);
  });

  it('reads the pattern from standard input with -', () => {
    const run = (input: string): string => execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'pattern', 'check', '-'], { cwd: repoRoot, input, encoding: 'utf8' });
    assert.equal(run("[file:name = 'a.exe']\n"), 'valid\n');
    assert.throws(() => run('[file:name = ]\n'), (error: { status: number; stdout: string }) => error.status === 1 && /^1:14 PATTERN_SYNTAX/.test(error.stdout));
  });
});

describe('accord pattern match, errors', () => {
  const file = (): string => observationsFile(matcher.cases.find((x) => x.id === 'm0681')!.observations);

  it('an invalid pattern: the caret display on stderr, exit 1, nothing matched', async () => {
    const run = await accord('pattern', 'match', "[person:name = 'bob'] WITHIN 5 HOURS", file());
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, [
      "1:32 PATTERN_SYNTAX expected 'SECONDS', found 'HOURS'",
      "  [person:name = 'bob'] WITHIN 5 HOURS",
      '                                 ^~~~~',
      'invalid pattern (1 error)',
      '',
    ].join('\n'));
  });

  it('a match-time error (WITHIN 0 SECONDS): a clear message, exit 1', async () => {
    const run = await accord('pattern', 'match', "[person:name = 'bob'] WITHIN 0 SECONDS", file());
    assert.equal(run.code, 1);
    assert.match(run.stderr, /\naccord: match error: WITHIN needs a positive number of seconds.*\n$/);
    const json = JSON.parse((await accord('pattern', 'match', "[person:name = 'bob'] WITHIN 0 SECONDS", file(), '--json')).stdout) as { ok: boolean; error: { code: string } };
    assert.deepEqual([json.ok, json.error.code], [false, 'PATTERN_MATCH_ERROR']);
  });

  it('an unreadable or malformed file: exit 2', async () => {
    const missing = await accord('pattern', 'match', '[x-a:b = 1]', path.join(dir, 'missing.json'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*missing\.json/);
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '[{"type":"observed-data",}]');
    assert.equal((await accord('pattern', 'match', '[x-a:b = 1]', broken)).code, 2);
  });

  it('reads a single bundle file whose observed-data refer to SCOs in it', async () => {
    const bundle = path.join(dir, 'bundle.json');
    writeFileSync(bundle, JSON.stringify({
      type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects: [
        { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd', value: '198.51.100.3' },
        { type: 'network-traffic', spec_version: '2.1', id: 'network-traffic--2568d22a-8998-58eb-99ec-3c8ca74f527d', dst_ref: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd', dst_port: 443, protocols: ['tcp'] },
        {
          type: 'observed-data', spec_version: '2.1', id: 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf',
          created: '2024-05-01T10:00:00.000Z', modified: '2024-05-01T10:00:00.000Z',
          first_observed: '2024-05-01T09:00:00Z', last_observed: '2024-05-01T09:05:00Z', number_observed: 3,
          object_refs: ['network-traffic--2568d22a-8998-58eb-99ec-3c8ca74f527d', 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd'],
        },
      ],
    }));
    const run = await accord('pattern', 'match', "[network-traffic:dst_ref.value ISSUBSET '198.51.100.0/24' AND network-traffic:dst_port = 443]", bundle);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, [
      'matched 1 of 1 observed-data:',
      '  observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf  2024-05-01T09:00:00Z .. 2024-05-01T09:05:00Z  number_observed 3',
      '    network-traffic--2568d22a-8998-58eb-99ec-3c8ca74f527d  dst_ref="ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd" dst_port=443',
      '',
    ].join('\n'));
  });
});
