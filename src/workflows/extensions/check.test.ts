import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Partner, SharingAgreement } from '../../federation/model.ts';
import { decide, type PolicyContext } from '../../federation/policy.ts';
import { TLP2_CLEAR } from '../../stix/markings.ts';
import type { StixObject } from '../../stix/object.ts';
import { validateObject } from '../../stix/validation/index.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { ValidatedIngest, type IngestProblem } from '../../store/validated-ingest.ts';
import { assessLegal } from '../legal/assess.ts';
import { LEGAL_SCENARIOS } from '../legal/scenarios.ts';
import { legalAssessmentObject } from '../legal/stix-object.ts';
import { buildLessons } from '../lessons/services.ts';
import { responseKind } from '../responses/catalogue.ts';
import { checkResponseLegality } from '../responses/legal-check.ts';
import { signStatement } from '../statements/signature.ts';
import { checkWorkflowObject, registerWorkflowChecks, WORKFLOW_EXTENSION_CHECKS } from './check.ts';
import { ACCORD_PROJECT_IDENTITY, INCIDENT_EXTENSION_NAME, newSdoExtension, WORKFLOW_EXTENSION_IDS, WORKFLOW_SDO_TYPES, workflowExtensionDefinitions, workflowExtensionId, type WorkflowExtensionName } from './definitions.ts';
import { ensureWorkflowExtensions } from './ensure.ts';
import { WORKFLOW_SCHEMAS } from './schemas.ts';

const T = '2025-03-01T10:00:00.000Z';
const UK = 'identity--11111111-1111-4111-8111-111111111111';
const AU = 'identity--22222222-2222-4222-8222-222222222222';
const CASE = 'accord-attribution-case--44444444-4444-4444-8444-444444444444';
const INCIDENT = 'incident--55555555-5555-4555-8555-555555555555';
const SET = 'intrusion-set--66666666-6666-4666-8666-666666666666';
const INDICATOR = 'indicator--77777777-7777-4777-8777-777777777777';
const common = (type: string, id: string, by = UK) => ({ type, spec_version: '2.1', id, created: T, modified: T, created_by_ref: by });

const goodCase = {
  ...common('accord-attribution-case', CASE), extensions: newSdoExtension('accord-attribution-case'),
  name: 'Grid outage 2025', incident_refs: [INCIDENT], candidate_ref: SET, state_nexus: 'directed-or-controlled-proxy',
  status: 'consultation', status_history: [{ status: 'draft', by: UK, at: T }, { status: 'consultation', by: UK, at: T }],
  concurrence_rule: { kind: 'n-of-m', n: 2 }, participant_refs: [UK, AU],
};
const goodEvidence = {
  ...common('accord-evidence', 'accord-evidence--88888888-8888-4888-8888-888888888888'), extensions: newSdoExtension('accord-evidence'),
  case_ref: CASE, object_refs: [INDICATOR], description: 'C2 domain seen in both intrusions', source_reliability: 'B', information_credibility: 2, contributed_by_ref: AU,
};
const goodAssessment = {
  ...common('accord-assessment', 'accord-assessment--99999999-9999-4999-8999-999999999999', AU), extensions: newSdoExtension('accord-assessment'),
  case_ref: CASE, level: 'strategic', likelihood: 'highly-likely', probability: [80, 90], icd203_term: 'very likely', rationale: 'Tooling and infrastructure match.',
};
const report = { ...common('report', 'report--aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'), name: 'Joint statement', published: T, object_refs: [CASE], object_marking_refs: [TLP2_CLEAR.id] };
const { privateKey } = generateKeyPairSync('ed25519');
const goodSignature = signStatement(report, privateKey, AU, T);
const INCIDENT_EXT = WORKFLOW_EXTENSION_IDS[INCIDENT_EXTENSION_NAME];
const goodIncident = {
  ...common('incident', INCIDENT), name: 'Grid outage',
  extensions: { [INCIDENT_EXT]: {
    extension_type: 'property-extension', category: 'critical-infrastructure-disruption', sectors: ['energy'], countries: ['PL'],
    impact: { physical_damage: false, injury_or_death: false, data: ['destroyed'], disruption_hours: 6 },
    timeline: [{ at: T, event: 'substations go offline' }], status: 'contained', related_refs: [INDICATOR],
  } },
};

const goodLegalAssessment = legalAssessmentObject(assessLegal(LEGAL_SCENARIOS[0]!.facts), { case_ref: CASE }, UK, undefined, T);
const goodNormTag = {
  ...common('accord-norm-tag', 'accord-norm-tag--bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb'), extensions: newSdoExtension('accord-norm-tag'),
  incident_ref: INCIDENT, norm: '13f', status: 'confirmed', reason: 'The grid is critical infrastructure.', decided_by: UK,
};
const goodNormImplementation = {
  ...common('accord-norm-implementation', 'accord-norm-implementation--cccccccc-cccc-4ccc-8ccc-cccccccccccc'), extensions: newSdoExtension('accord-norm-implementation'),
  state: 'GB', norm: '13f', measure: 'Critical infrastructure protection regime', evidence: ['https://example.org/cip'], date: T,
};

const OPTION = 'accord-response-option--dddddddd-dddd-4ddd-8ddd-dddddddddddd';
const goodResponseOption = {
  ...common('accord-response-option', OPTION), extensions: newSdoExtension('accord-response-option'),
  case_ref: CASE, kind: 'demarche', name: 'Démarche to the host state', description: 'A formal protest through diplomatic channels.',
  status: 'proposed', status_history: [{ status: 'proposed', by: UK, at: T }],
  legal_check: checkResponseLegality(responseKind('demarche')!, assessLegal(LEGAL_SCENARIOS[0]!.facts)),
};
const goodResponsePosition = {
  ...common('accord-response-position', 'accord-response-position--eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee', AU), extensions: newSdoExtension('accord-response-position'),
  option_ref: OPTION, position: 'oppose', reason: 'Too early: the consultation is still open.',
};
const goodLessons = buildLessons(UK, {
  name: 'Grid outage review', what_happened: 'Substations went offline for six hours.', what_worked: ['The 24/7 contact answered within the hour.'],
  recommendations: [{ text: 'Segment the control network.', owner: 'Grid operator', due: '2025-06-01T00:00:00.000Z', status: 'open' }], incident_refs: [INCIDENT],
}, T);

/** The extension-definitions Accord publishes: one per workflow SDO type and the incident extension. */
const DEFINITIONS = WORKFLOW_SDO_TYPES.length + 1;

const GOOD: Record<WorkflowExtensionName, Record<string, unknown>> = {
  'accord-response-option': goodResponseOption, 'accord-response-position': goodResponsePosition, 'accord-lessons-learned': goodLessons as Record<string, unknown>,
  'accord-attribution-case': goodCase, 'accord-evidence': goodEvidence, 'accord-assessment': goodAssessment, 'accord-signature': goodSignature, 'accord-incident': goodIncident,
  'accord-legal-assessment': goodLegalAssessment, 'accord-norm-tag': goodNormTag, 'accord-norm-implementation': goodNormImplementation,
};

/** A copy of `object` with `change` applied to it (or to its accord-incident extension). */
function altered(object: Record<string, unknown>, change: (copy: Record<string, any>) => void): Record<string, unknown> {
  const copy = structuredClone(object);
  change(copy);
  return copy;
}
const ext = (copy: Record<string, any>) => copy.extensions[INCIDENT_EXT];
const INC = `$.extensions["${INCIDENT_EXT}"]`;

// [name, type, change, path, rule, whether the JSON Schema catches it too]
const BAD: [string, WorkflowExtensionName, (copy: Record<string, any>) => void, string, string, boolean][] = [
  ['a case without a name', 'accord-attribution-case', (c) => delete c.name, '$.name', 'required-property', true],
  ['a case whose incident is an indicator id', 'accord-attribution-case', (c) => { c.incident_refs = [INDICATOR]; }, '$.incident_refs[0]', 'reference-type', true],
  ['a case with a malformed candidate id', 'accord-attribution-case', (c) => { c.candidate_ref = 'intrusion-set--nope'; }, '$.candidate_ref', 'identifier-format', true],
  ['a case with an unknown state nexus', 'accord-attribution-case', (c) => { c.state_nexus = 'sponsored'; }, '$.state_nexus', 'vocabulary', true],
  ['a case with an unknown status', 'accord-attribution-case', (c) => { c.status = 'done'; }, '$.status', 'vocabulary', true],
  ['a case whose history ends elsewhere', 'accord-attribution-case', (c) => { c.status = 'agreed'; }, '$.status_history', 'status-history', false],
  ['a case whose history goes back in time', 'accord-attribution-case', (c) => { c.status_history[0].at = '2025-03-02T00:00:00.000Z'; }, '$.status_history[1].at', 'status-history-order', false],
  ['a case whose history names no one', 'accord-attribution-case', (c) => delete c.status_history[1].by, '$.status_history[1].by', 'required-property', true],
  ['a case asking 3 of 2 participants', 'accord-attribution-case', (c) => { c.concurrence_rule.n = 3; }, '$.concurrence_rule.n', 'concurrence-rule', false],
  ['a case with an unknown rule kind', 'accord-attribution-case', (c) => { c.concurrence_rule = { kind: 'most' }; }, '$.concurrence_rule.kind', 'vocabulary', true],
  ['a case listing a participant twice', 'accord-attribution-case', (c) => { c.participant_refs = [UK, UK]; }, '$.participant_refs', 'duplicate-value', true],
  ['a case without its extension entry', 'accord-attribution-case', (c) => { c.extensions = { [workflowExtensionId('accord-evidence')]: { extension_type: 'new-sdo' } }; }, '$.extensions', 'workflow-extension', true],
  ['a case with no creator', 'accord-attribution-case', (c) => delete c.created_by_ref, '$.created_by_ref', 'required-property', true],
  ['evidence graded G', 'accord-evidence', (c) => { c.source_reliability = 'G'; }, '$.source_reliability', 'vocabulary', true],
  ['evidence graded 7', 'accord-evidence', (c) => { c.information_credibility = 7; }, '$.information_credibility', 'property-type', true],
  ['evidence graded "2" as text', 'accord-evidence', (c) => { c.information_credibility = '2'; }, '$.information_credibility', 'property-type', true],
  ['evidence pointing at nothing', 'accord-evidence', (c) => { c.object_refs = []; }, '$.object_refs', 'property-type', true],
  ['evidence without a contributor', 'accord-evidence', (c) => delete c.contributed_by_ref, '$.contributed_by_ref', 'required-property', true],
  ['evidence with a blank description', 'accord-evidence', (c) => { c.description = '  '; }, '$.description', 'property-type', true],
  ['an assessment at an unknown level', 'accord-assessment', (c) => { c.level = 'legal'; }, '$.level', 'vocabulary', true],
  ['an assessment with a term not on the yardstick', 'accord-assessment', (c) => { c.likelihood = 'probable'; }, '$.likelihood', 'vocabulary', true],
  ['an assessment whose numbers are not its term\'s', 'accord-assessment', (c) => { c.probability = [70, 90]; }, '$.probability', 'derived-value', false],
  ['an assessment whose ICD 203 term is not its term\'s', 'accord-assessment', (c) => { c.icd203_term = 'likely'; }, '$.icd203_term', 'derived-value', false],
  ['an assessment without rationale', 'accord-assessment', (c) => delete c.rationale, '$.rationale', 'required-property', true],
  ['a signature of something not a report', 'accord-signature', (c) => { c.object_ref = CASE; }, '$.object_ref', 'reference-type', true],
  ['a signature by another algorithm', 'accord-signature', (c) => { c.algorithm = 'RSA'; }, '$.algorithm', 'vocabulary', true],
  ['a signature made by someone other than its signer', 'accord-signature', (c) => { c.created_by_ref = UK; }, '$.created_by_ref', 'signer', false],
  ['a signature whose fingerprint is not its key\'s', 'accord-signature', (c) => { c.key_fingerprint = c.key_fingerprint.replace(/^.{4}/, '0000'); }, '$.key_fingerprint', 'derived-value', false],
  ['a signature with a key that is not a key', 'accord-signature', (c) => { c.public_key = 'bm90IGEga2V5'; }, '$.public_key', 'value-format', false],
  ['an incident of an unknown category', 'accord-incident', (c) => { ext(c).category = 'vandalism'; }, `${INC}.category`, 'vocabulary', true],
  ['an incident in a country that is none', 'accord-incident', (c) => { ext(c).countries = ['XX']; }, `${INC}.countries[0]`, 'value-format', false],
  ['an incident with impact missing injury_or_death', 'accord-incident', (c) => delete ext(c).impact.injury_or_death, `${INC}.impact.injury_or_death`, 'required-property', true],
  ['an incident with negative disruption', 'accord-incident', (c) => { ext(c).impact.disruption_hours = -1; }, `${INC}.impact.disruption_hours`, 'property-type', true],
  ['an incident with data "sold"', 'accord-incident', (c) => { ext(c).impact.data = ['sold']; }, `${INC}.impact.data[0]`, 'vocabulary', true],
  ['an incident timeline entry without a time', 'accord-incident', (c) => delete ext(c).timeline[0].at, `${INC}.timeline[0].at`, 'required-property', true],
  ['an incident with an unknown status', 'accord-incident', (c) => { ext(c).status = 'solved'; }, `${INC}.status`, 'vocabulary', true],
  ['an incident related to an identity', 'accord-incident', (c) => { ext(c).related_refs = [UK]; }, `${INC}.related_refs[0]`, 'reference-type', true],
  ['an incident extension with a typo', 'accord-incident', (c) => { ext(c).secters = ['energy']; }, `${INC}.secters`, 'unknown-property', true],
  ['a legal assessment without conclusions', 'accord-legal-assessment', (c) => delete c.conclusions, '$.conclusions', 'required-property', true],
  ['a norm tag for norm 14', 'accord-norm-tag', (c) => { c.norm = '14'; }, '$.norm', 'vocabulary', true],
  ['a norm implementation without evidence', 'accord-norm-implementation', (c) => delete c.evidence, '$.evidence', 'required-property', true],
  ['an incident extension of the wrong kind', 'accord-incident', (c) => { ext(c).extension_type = 'new-sdo'; }, `${INC}.extension_type`, 'vocabulary', true],
];

const ajv = new Ajv2020({ allErrors: true, strict: false });
const schemaCheck = (name: WorkflowExtensionName, object: Record<string, unknown>): boolean =>
  ajv.validate(WORKFLOW_SCHEMAS[name], name === INCIDENT_EXTENSION_NAME ? (object.extensions as Record<string, unknown>)[INCIDENT_EXT] : object) as boolean;

describe('workflow extension-definitions', () => {
  it('have the same ids on every node (UUIDv5 of type and version) and differ by version', () => {
    assert.equal(workflowExtensionId('accord-attribution-case'), workflowExtensionId('accord-attribution-case', '1.0'));
    assert.notEqual(workflowExtensionId('accord-attribution-case'), workflowExtensionId('accord-attribution-case', '1.1'));
    assert.equal(new Set(Object.values(WORKFLOW_EXTENSION_IDS)).size, DEFINITIONS, 'one id per workflow type and the incident extension');
  });

  it('are valid STIX 2.1, created by the Accord project identity, new-sdo or property-extension', () => {
    assert.deepEqual(validateObject(ACCORD_PROJECT_IDENTITY).errors, []);
    for (const definition of workflowExtensionDefinitions()) {
      assert.deepEqual(validateObject(definition).errors, [], definition.name);
      assert.equal(definition.created_by_ref, ACCORD_PROJECT_IDENTITY.id);
      assert.deepEqual(definition.extension_types, [definition.name === 'accord-incident' ? 'property-extension' : 'new-sdo']);
      assert.equal(definition.schema, `https://accord.invalid/schemas/${definition.name}/1.0`);
    }
  });

  it('are written once by ensureWorkflowExtensions, and a second run writes nothing', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    assert.equal((await ensureWorkflowExtensions(store)).length, DEFINITIONS + 1, 'the definitions and their creator');
    assert.deepEqual(await ensureWorkflowExtensions(store), []);
    assert.equal((await store.stats()).byType['extension-definition']?.objects, DEFINITIONS);
    await store.close();
  });

  it("are the same bytes on every node: a partner's copy is a duplicate, not a conflicting version", async () => {
    const [uk, au] = [await openSqliteStore({ path: ':memory:' }), await openSqliteStore({ path: ':memory:' })];
    await ensureWorkflowExtensions(uk);
    const fromAu = [ACCORD_PROJECT_IDENTITY, ...workflowExtensionDefinitions()];
    const result = await au.ingest(fromAu);
    await ensureWorkflowExtensions(au);
    const again = await uk.ingest(fromAu);
    assert.deepEqual([again.conflicts, again.stored, again.duplicates], [[], 0, DEFINITIONS + 1]);
    assert.equal(result.stored, DEFINITIONS + 1);
    await uk.close();
    await au.close();
  });

  it('each have a JSON Schema that compiles', () => {
    for (const schema of Object.values(WORKFLOW_SCHEMAS)) assert.doesNotThrow(() => ajv.compile(schema));
  });
});

describe('checkWorkflowObject', () => {
  for (const [name, object] of Object.entries(GOOD) as [WorkflowExtensionName, Record<string, unknown>][]) {
    it(`accepts a good ${name} (and so do validateObject and its JSON Schema)`, () => {
      assert.deepEqual(checkWorkflowObject(object), []);
      assert.deepEqual(validateObject(object, { extensionChecks: WORKFLOW_EXTENSION_CHECKS }).errors, []);
      assert.equal(schemaCheck(name, object), true, JSON.stringify(ajv.errors));
    });
  }

  for (const [name, type, change, path, rule, schemaCatches] of BAD) {
    it(`refuses ${name}: ${rule} at ${path}`, () => {
      const object = altered(GOOD[type], change);
      const problems = checkWorkflowObject(object);
      assert.ok(problems.some((problem) => problem.path === path && problem.rule === rule), JSON.stringify(problems));
      assert.ok(problems.every((problem) => problem.message.length > 10));
      assert.equal(validateObject(object, { extensionChecks: WORKFLOW_EXTENSION_CHECKS }).valid, false);
      if (schemaCatches) assert.equal(schemaCheck(type, object), false, 'the JSON Schema accepts it');
    });
  }

  it('says when an object is not a workflow object at all', () => {
    assert.deepEqual(checkWorkflowObject({ ...common('indicator', INDICATOR) }).map((problem) => problem.rule), ['workflow-type']);
    assert.deepEqual(checkWorkflowObject('case').map((problem) => problem.rule), ['not-an-object']);
  });
});

describe('workflow objects at ingest and in the sharing policy', () => {
  it('validateObject holds them to the workflow rules once registered, so every ingest path does', async () => {
    registerWorkflowChecks();
    const store = await openSqliteStore({ path: ':memory:' });
    const accepted: string[] = [];
    const rejected: IngestProblem[][] = [];
    const ingest = new ValidatedIngest<string>(store, { accepted: (tag) => accepted.push(tag), rejected: (_tag, _value, problems) => rejected.push(problems) });
    for (const [name, object] of Object.entries(GOOD)) await ingest.add(object, name);
    await ingest.add(altered(goodAssessment, (c) => { c.icd203_term = 'likely'; }), 'bad assessment');
    await ingest.flush();
    assert.deepEqual(accepted.sort(), Object.keys(GOOD).sort());
    assert.equal(rejected.length, 1);
    assert.deepEqual(rejected[0]!.map((problem) => [problem.path, problem.reason]), [['$.icd203_term', 'derived-value']]);
    await store.close();
  });

  it('shares them with a partner like any SDO (by type and TLP), and the signed statement with the public', () => {
    const partner: Partner = { name: 'au', kind: 'state', accountName: 'au-node', createdAt: T, identityId: AU };
    const agreement: SharingAgreement = {
      id: 'au-out', partner: 'au', direction: 'outbound', collections: ['*'], objectTypes: ['accord-attribution-case', 'accord-signature'],
      tlp: ['clear', 'green', 'amber'], onward: false, updatedAt: T,
    };
    const context: PolicyContext = { agreements: [agreement], defaultMarking: 'amber', provenanceOf: () => undefined, inboundAgreement: () => undefined };
    const reader = { kind: 'partner', partner } as const;
    assert.equal(decide(reader, goodCase as StixObject, context).allow, true);
    assert.match(decide(reader, goodEvidence as StixObject, context).reason, /no outbound agreement .* covers type accord-evidence/);
    // The partner's own signature is never sent back to it (no ping-pong), like any object it created.
    assert.match(decide(reader, goodSignature, context).reason, /^originated there/);
    assert.equal(decide({ kind: 'public' }, goodSignature, context).allow, true);
    assert.equal(decide({ kind: 'public' }, goodCase as StixObject, context).allow, false);
  });
});
