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
