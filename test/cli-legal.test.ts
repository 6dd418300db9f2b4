import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { assessLegal, LEGAL_FACTS_SCHEMA, type LegalAssessment } from '../src/workflows/legal/index.ts';
import { LEGAL_SCENARIOS } from '../src/workflows/legal/scenarios.ts';
import { accord, temporaryDirectory } from './support/cli.ts';

/** `accord legal assess|schema` through the real CLI: output, exit codes, bad facts. */
const { dir, cleanup } = temporaryDirectory('accord-legal-');
after(cleanup);

function factsFile(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

const notPetya = LEGAL_SCENARIOS.find((scenario) => scenario.name.startsWith('NotPetya'))!;

describe('accord legal', () => {
  it('schema prints the JSON Schema of the facts', async () => {
    const run = await accord('legal', 'schema');
    assert.equal(run.code, 0);
    assert.deepEqual(JSON.parse(run.stdout), LEGAL_FACTS_SCHEMA);
  });

  it('assess --json prints the engine\'s assessment', async () => {
    const run = await accord('legal', 'assess', factsFile('notpetya.json', JSON.stringify(notPetya.facts)), '--json');
    assert.equal(run.code, 0, run.stderr);
    const printed = JSON.parse(run.stdout) as LegalAssessment;
    assert.deepEqual(printed, JSON.parse(JSON.stringify(assessLegal(notPetya.facts))));
    assert.equal(printed.label, 'decision support, not legal advice');
  });

  it('assess prints verdicts, reasoning, deciding facts, citations and the disclaimer as text', async () => {
    const run = await accord('legal', 'assess', factsFile('notpetya-text.json', JSON.stringify(notPetya.facts)));
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /DECISION SUPPORT, NOT LEGAL ADVICE/);
    assert.match(run.stdout, /\[YES\] sovereignty: /);
    assert.match(run.stdout, /\[CANNOT DETERMINE\] use-of-force: /);
    assert.match(run.stdout, /decided by \$\.effects\.loss_of_functionality: /);
    assert.match(run.stdout, /factor severity: /);
    assert.match(run.stdout, /cites: UNC-2-4 \(UN Charter, Art\. 2\(4\)\)/);
    assert.match(run.stdout, /Decision support, not legal advice\. This assessment/);
  });

  it('refuses bad facts as a usage error listing every problem', async () => {
    const run = await accord('legal', 'assess', factsFile('bad.json', JSON.stringify({ effects: { physical_damage: 'yes' }, attribution: { state_nexus: 'sponsored' }, extra: 1 })));
    assert.equal(run.code, 64);
    assert.equal(run.stdout, '');
    for (const path of ['$.extra', '$.effects.physical_damage', '$.attribution.state_nexus']) assert.ok(run.stderr.includes(path), `${path} in ${run.stderr}`);
  });

  it('refuses a file that is not JSON (2) or does not exist (2)', async () => {
    const malformed = await accord('legal', 'assess', factsFile('malformed.json', '{"effects": '));
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /is not JSON/);
    const missing = await accord('legal', 'assess', path.join(dir, 'missing.json'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*ENOENT/);
  });
});
