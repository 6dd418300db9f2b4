import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { repoRoot } from './support/shared.ts';

/** Runs an ES module snippet with plain Node (no TypeScript loader) from the repository root. */
function runPlainNode(code: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: repoRoot, encoding: 'utf8' });
}

describe('package exports (after npm run build)', () => {
  it('accord/stix is usable from plain Node ESM', () => {
    const output = runPlainNode(`
      import { scoIdentifier, canonicalize, validateObject } from 'accord/stix';
      const id = scoIdentifier({ type: 'ipv4-addr', value: '198.51.100.3' });
      const result = validateObject({ type: 'ipv4-addr', id, value: '198.51.100.3' });
      console.log(JSON.stringify({ id, canonical: canonicalize({ b: 1, a: 2 }), valid: result.valid }));
    `);
    const result = JSON.parse(output);
    assert.match(result.id, /^ipv4-addr--[0-9a-f-]{36}$/);
    assert.equal(result.canonical, '{"a":2,"b":1}');
    assert.equal(result.valid, true);
  });

  it('accord/store opens a SQLite store from plain Node ESM', () => {
    const output = runPlainNode(`
      import { openSqliteStore } from 'accord/store';
      const store = await openSqliteStore({ path: ':memory:' });
      console.log(JSON.stringify(await store.stats()));
      await store.close();
    `);
    assert.equal(JSON.parse(output).objects, 0);
  });

  it('accord/pattern is usable from plain Node ESM', () => {
    const output = runPlainNode(`
      import { parsePattern } from 'accord/pattern';
      const good = parsePattern("[ipv4-addr:value = '198.51.100.1/32'] WITHIN 60 SECONDS");
      const bad = parsePattern("[ipv4-addr:value = ]");
      console.log(JSON.stringify({ good: good.ok, bad: bad.ok, errors: bad.errors.length }));
    `);
    assert.deepEqual(JSON.parse(output), { good: true, bad: false, errors: 1 });
  });

  it('accord/pattern matches, throws PatternError, and compiles a match index from plain Node ESM', () => {
    const output = runPlainNode(`
      import { compileMatchIndex, matchPattern, PatternError } from 'accord/pattern';
      const sco = { type: 'ipv4-addr', id: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd', value: '198.51.100.1' };
      const observed = { type: 'observed-data', id: 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf', spec_version: '2.1',
        created: '2024-01-01T00:00:00Z', modified: '2024-01-01T00:00:00Z', first_observed: '2024-01-01T00:00:00Z',
        last_observed: '2024-01-01T00:00:00Z', number_observed: 1, object_refs: [sco.id] };
      const bundle = { type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects: [observed, sco] };
      let code;
      try { matchPattern('[ipv4-addr:value = ', [bundle]); } catch (error) { code = error instanceof PatternError ? error.code : 'other'; }
      const { index, rejected } = compileMatchIndex([{ id: 'indicator--1', pattern: "[ipv4-addr:value ISSUBSET '198.51.100.0/24']" }, { id: 'indicator--2', pattern: 'nope' }]);
      const hits = index.session().push({ observedData: observed, objects: [sco] }).map((hit) => hit.indicatorId);
      console.log(JSON.stringify({ hit: matchPattern("[ipv4-addr:value = '198.51.100.1']", [bundle]), code, hits, rejected: rejected.map((r) => r.id) }));
    `);
    assert.deepEqual(JSON.parse(output), { hit: true, code: 'PATTERN_INVALID', hits: ['indicator--1'], rejected: ['indicator--2'] });
  });

  it('accord/taxii is usable from plain Node ESM', () => {
    const output = runPlainNode(`
      import { negotiate, TAXII_MEDIA_TYPE, TaxiiClient } from 'accord/taxii';
      console.log(JSON.stringify({ chosen: negotiate('application/taxii+json;version=2.1', [TAXII_MEDIA_TYPE]), client: typeof TaxiiClient }));
    `);
    const result = JSON.parse(output);
    assert.equal(result.chosen, 'application/taxii+json;version=2.1');
    assert.equal(result.client, 'function');
  });

  it('the accord bin prints its help', () => {
    const output = execFileSync(process.execPath, ['bin/accord.js', '--help'], { cwd: repoRoot, encoding: 'utf8' });
    assert.match(output, /Usage: accord/);
    assert.match(output, /import/);
  });
});
