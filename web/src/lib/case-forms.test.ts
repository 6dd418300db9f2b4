import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessmentRequest, evidenceRequest, openCaseRequest, opinionRequest } from './case-forms.ts';

const ID = 'indicator--0b5c8d0e-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
const SET = 'intrusion-set--1b5c8d0e-1a2b-4c3d-8e4f-5a6b7c8d9e0f';

describe('workspace forms', () => {
  it('evidence: ids and a description, graded', () => {
    assert.deepEqual(evidenceRequest({ objectRefs: ` ${ID}, ${ID} `, description: ' C2 overlap ', reliability: 'B', credibility: 2 }), {
      ok: true, input: { object_refs: [ID], description: 'C2 overlap', source_reliability: 'B', information_credibility: 2 },
    });
    const bad = evidenceRequest({ objectRefs: 'not-an-id', description: '', reliability: 'F', credibility: 6 });
    assert.equal(bad.ok, false);
    assert.deepEqual(!bad.ok && bad.problems, ['Intelligence: "not-an-id" is not a STIX id (type--UUID).', 'Description: say what the evidence shows.']);
    assert.match(JSON.stringify(evidenceRequest({ objectRefs: '', description: 'x', reliability: 'A', credibility: 1 })), /at least one object/);
  });

  it('assessment: needs a rationale', () => {
    assert.deepEqual(assessmentRequest({ level: 'technical', likelihood: 'likely', rationale: ' shared code ' }), { ok: true, input: { level: 'technical', likelihood: 'likely', rationale: 'shared code' } });
    assert.equal(assessmentRequest({ level: 'strategic', likelihood: 'likely', rationale: '  ' }).ok, false);
  });

  it('opinion: a dissent must give its reasons; agreement need not', () => {
    assert.deepEqual(opinionRequest({ opinion: 'agree', explanation: '' }), { ok: true, input: { opinion: 'agree' } });
    assert.deepEqual(opinionRequest({ opinion: 'strongly-disagree', explanation: '' }), { ok: false, problems: ['Reasons: a dissent must give its reasons; partners and the record will see them.'] });
    assert.deepEqual(opinionRequest({ opinion: 'disagree', explanation: ' infrastructure is shared ' }), { ok: true, input: { opinion: 'disagree', explanation: 'infrastructure is shared' } });
  });

  it('opening a case: a name, a candidate and a rule N within the participants', () => {
    const fields = { name: 'Grid outage', incidentId: 'incident--x', candidateId: SET, stateNexus: 'unknown' as const, participants: ['identity--au', 'identity--pl'], rule: 'n-of-m' as const, n: '2' };
    assert.deepEqual(openCaseRequest(fields), {
      ok: true,
      input: { name: 'Grid outage', incident_refs: ['incident--x'], candidate_ref: SET, state_nexus: 'unknown', participant_refs: ['identity--au', 'identity--pl'], concurrence_rule: { kind: 'n-of-m', n: 2 } },
    });
    assert.deepEqual(openCaseRequest({ ...fields, n: '4' }), { ok: false, problems: ['Concurrence: N must be a whole number from 1 to 3 (the participants).'] });
    const all = openCaseRequest({ ...fields, rule: 'all', n: 'x' }); // N is not read for the rule "all"
    assert.deepEqual(all.ok && all.input.concurrence_rule, { kind: 'all' });
    assert.equal(openCaseRequest({ ...fields, name: ' ', candidateId: '' }).ok, false);
  });
});
