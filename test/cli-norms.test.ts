import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { uuidV5 } from '../src/stix/identifier.ts';
import type { StixObject } from '../src/stix/object.ts';
import { newSdoExtension, WORKFLOW_EXTENSION_IDS } from '../src/workflows/extensions/index.ts';
import { accord, temporaryDirectory } from './support/cli.ts';

/**
 * `accord norms list` and `accord norms suggest` through the real CLI, on a
 * node that imported a small bundle: a hospital ransomware incident with the
 * accord-incident extension, the attribution case naming it (a harboured
 * crew), an incident without the extension, and a malware object.
 */
const NAMESPACE = '8d1f4c2a-6b3e-4f5a-9c7d-0e1b2a3c4d5e';
const T0 = '2024-03-01T00:00:00.000Z';
const id = (type: string, name: string): string => `${type}--${uuidV5(NAMESPACE, name)}`;
const common = (type: string, name: string) => ({ type, spec_version: '2.1', id: id(type, name), created: T0, modified: T0 });

const NODE = { ...common('identity', 'node'), name: 'Test node', identity_class: 'organization' };
const CREW = { ...common('intrusion-set', 'crew'), name: 'COPPER TEST' };
const MALWARE = { ...common('malware', 'locker'), name: 'locker', is_family: true };
const HOSPITAL = {
  ...common('incident', 'hospital'), created_by_ref: NODE.id, name: 'Hospital ransomware',
  extensions: { [WORKFLOW_EXTENSION_IDS['accord-incident']]: {
    extension_type: 'property-extension', category: 'ransomware', sectors: ['healthcare'], countries: ['AU'], status: 'contained',
    impact: { physical_damage: false, injury_or_death: false, disruption_hours: 72 },
  } },
};
const PLAIN = { ...common('incident', 'plain'), name: 'An incident without the extension' };
const CASE = {
  ...common('accord-attribution-case', 'case'), created_by_ref: NODE.id, extensions: newSdoExtension('accord-attribution-case'),
  name: 'Hospital ransomware attribution', incident_refs: [HOSPITAL.id], candidate_ref: CREW.id, state_nexus: 'tolerated-or-harboured',
  status: 'draft', status_history: [{ status: 'draft', by: NODE.id, at: T0 }], concurrence_rule: { kind: 'all' }, participant_refs: [NODE.id],
};
const OBJECTS: StixObject[] = [NODE, CREW, MALWARE, HOSPITAL, PLAIN, CASE];

interface SuggestJson {
  incident: string;
  case_ref?: string;
  suggestions: { norm: string; citation: string; score: number; rules: { rule: string; weight: number; matched: Record<string, unknown> }[] }[];
}

describe('accord norms', () => {
  const { dir, cleanup } = temporaryDirectory();
  after(cleanup);
  const data = path.join(dir, 'node');

  before(async () => {
    const bundleFile = path.join(dir, 'bundle.json');
    writeFileSync(bundleFile, JSON.stringify({ type: 'bundle', id: `bundle--${uuidV5(NAMESPACE, 'bundle')}`, objects: OBJECTS }));
    const imported = await accord('--data', data, 'import', bundleFile, '--json');
    assert.equal(imported.code, 0, imported.stdout + imported.stderr);
  });

  it('list --json gives the eleven norms 13a … 13k with title and citation', async () => {
    const run = await accord('norms', 'list', '--json');
    assert.equal(run.code, 0, run.stderr);
    const norms = JSON.parse(run.stdout) as { id: string; title: string; citation: string; summary: string }[];
    assert.deepEqual(norms.map((norm) => norm.id), ['13a', '13b', '13c', '13d', '13e', '13f', '13g', '13h', '13i', '13j', '13k']);
    for (const norm of norms) {
      assert.equal(norm.citation, `A/70/174, para. 13(${norm.id.slice(2)})`);
      assert.ok(norm.title.length > 10 && norm.summary.length > 40, norm.id);
    }
  });

  it('list prints a table, one norm a line', async () => {
    const run = await accord('norms', 'list');
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 12);
    assert.match(lines[0]!, /^ID\s+TITLE\s+CITATION$/);
    assert.match(lines[6]!, /^13f\s+Do not damage critical infrastructure\s+A\/70\/174, para\. 13\(f\)$/);
  });

  it('suggest --json ranks the norms, with the rules that fired, using the attribution case that names the incident', async () => {
    const run = await accord('--data', data, 'norms', 'suggest', HOSPITAL.id, '--json');
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as SuggestJson;
    assert.equal(result.incident, HOSPITAL.id);
    assert.equal(result.case_ref, CASE.id);
    assert.deepEqual(result.suggestions.map((suggestion) => [suggestion.norm, suggestion.score]), [['13f', 5], ['13g', 4], ['13h', 4], ['13c', 3], ['13d', 3], ['13b', 2], ['13a', 1]]);
    const c = result.suggestions.find((suggestion) => suggestion.norm === '13c')!;
    assert.deepEqual(c.rules.map((rule) => [rule.rule, rule.weight, rule.matched]), [['tolerated-or-harboured', 3, { state_nexus: 'tolerated-or-harboured' }]]);
  });

  it('suggest prints each norm with its rules and the facts they matched', async () => {
    const run = await accord('--data', data, 'norms', 'suggest', HOSPITAL.id);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Norms suggested for incident--\S+ \("Hospital ransomware"\): decision support/);
    assert.match(run.stdout, new RegExp(`State nexus from attribution case ${CASE.id}\\.`));
    assert.match(run.stdout, /\n13f {2}Do not damage critical infrastructure \(A\/70\/174, para\. 13\(f\)\) {2}score 5\n {4}rule ci-disrupted \(weight 3\): critical infrastructure was disrupted or damaged[^\n]*\n {6}matched: sectors=healthcare; category=ransomware; impact\.disruption_hours=72\n/);
  });

  it('suggest of an unknown id exits 3 and says so', async () => {
    const missing = id('incident', 'missing');
    const run = await accord('--data', data, 'norms', 'suggest', missing);
    assert.equal(run.code, 3);
    assert.equal(run.stderr, `accord: no object ${missing} in this node's store\n`);
    assert.equal(run.stdout, '');
  });

  it('suggest of something that is not an incident exits 64 and names its type', async () => {
    const run = await accord('--data', data, 'norms', 'suggest', MALWARE.id);
    assert.equal(run.code, 64);
    assert.equal(run.stderr, `accord: ${MALWARE.id} is a malware, not an incident: norms are suggested for incidents\n`);
  });

  it('suggest of an incident without the accord-incident extension exits 64 and says which facts are missing', async () => {
    const run = await accord('--data', data, 'norms', 'suggest', PLAIN.id);
    assert.equal(run.code, 64);
    assert.match(run.stderr, /has no accord-incident extension \(category, sectors, countries, impact\), so there are no facts to suggest norms from/);
  });
});
