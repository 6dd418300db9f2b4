import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseConcurrence, CaseDetail, CaseSignatureView, CaseTransitionOption, ParticipantStanceKind } from '../../../src/server/api/contract.ts';
import { concurrenceText, contributionRefusals, dissents, stanceSummary, statementActions, transitionButtons, withNames } from './workspace.ts';

describe('stances at a glance', () => {
  const cases: [ParticipantStanceKind[], string][] = [
    [[], 'no participants'],
    [['concurs'], '1 concurs'],
    [['concurs', 'dissents', 'concurs'], '2 concur · 1 dissents'],
    [['silent', 'neutral', 'dissents', 'dissents'], '2 dissent · 1 neutral · 1 no opinion yet'],
  ];
  for (const [stances, expected] of cases) it(`sums up ${stances.join(', ') || 'nobody'}`, () => assert.equal(stanceSummary(stances), expected));

  it('lists each dissent with its reasons and who made it', () => {
    const participants = [
      { identityId: 'identity--a', name: 'AU', assessments: [], stance: 'concurs' as const },
      { identityId: 'identity--b', assessments: [], stance: 'dissents' as const, dissent: { opinion: 'disagree' as const, explanation: 'the infrastructure is shared' } },
    ];
    assert.deepEqual(dissents(participants), [{ who: 'identity--b', opinion: 'disagree', explanation: 'the infrastructure is shared' }]);
  });
});

describe('concurrence against the rule', () => {
  const base: CaseConcurrence = { rule: { kind: 'all' }, required: 3, concurring: ['a', 'b', 'c'], dissenting: [], met: true };
  it('says when the rule is met', () => assert.equal(concurrenceText(base, 3), 'Met: 3 of 3 concur and the rule needs all 3 participants concur.'));
  it('keeps a dissent on the record when an n-of-m rule is met', () => {
    const text = concurrenceText({ ...base, rule: { kind: 'n-of-m', n: 2 }, required: 2, concurring: ['a', 'b'], dissenting: ['c'] }, 3);
    assert.equal(text, 'Met: 2 of 3 concur and the rule needs at least 2 of 3 participants concur, though 1 dissents (on the record).');
  });
  it("gives the node's reason when it is not met", () => {
    assert.equal(concurrenceText({ ...base, concurring: ['a'], met: false, reason: '1 of 3 participants concur and the rule needs all of them' }, 3), 'Not met: 1 of 3 participants concur and the rule needs all of them.');
  });
});

describe('transition buttons', () => {
  const options: CaseTransitionOption[] = [
    { to: 'agreed', allowed: false, reason: 'the concurrence rule is not met', needsReason: false },
    { to: 'withdrawn', allowed: true, needsReason: true },
  ];
  it('are live when the node allows the step, disabled with its reason otherwise', () => {
    assert.deepEqual(transitionButtons(options, true), [
      { to: 'agreed', label: 'Mark agreed', disabled: true, reason: 'the concurrence rule is not met', needsReason: false },
      { to: 'withdrawn', label: 'Withdraw', disabled: false, needsReason: true },
    ]);
  });
  it("are all disabled on a partner's case, saying why", () => {
    const buttons = transitionButtons(options, false);
    assert.ok(buttons.every((b) => b.disabled));
    assert.equal(buttons[0]!.reason, 'the concurrence rule is not met');
    assert.equal(buttons[1]!.reason, 'only the node that opened the case changes its status');
  });
});

describe('statement actions', () => {
  const signature = (signer: string, valid: boolean): CaseSignatureView => ({ id: `accord-signature--${signer}`, signer, fingerprint: 'f', signedVersion: 'v', signedAt: 'v', valid });
  type Facts = Parameters<typeof statementActions>[0];
  const agreed = { case: { status: 'agreed' } as CaseDetail['case'], signatures: [], editable: true, participating: true, nodeIdentityId: 'identity--uk' } satisfies Partial<Facts>;
  const statement = {} as NonNullable<CaseDetail['statement']>;

  it('drafting: only from an agreed case, by its opener, once', () => {
    assert.deepEqual(statementActions(agreed).draft, { allowed: true });
    assert.match(statementActions({ ...agreed, case: { ...agreed.case, status: 'consultation' } }).draft.reason!, /agreed case; this one is in consultation/);
    assert.match(statementActions({ ...agreed, editable: false }).draft.reason!, /only the node that opened/);
    assert.match(statementActions({ ...agreed, statement }).draft.reason!, /has been drafted/);
  });

  it('signing: a drafted statement, by a participant that has not signed this version', () => {
    assert.match(statementActions(agreed).sign.reason!, /no statement/);
    assert.deepEqual(statementActions({ ...agreed, statement }).sign, { allowed: true });
    assert.match(statementActions({ ...agreed, statement, participating: false }).sign.reason!, /not a participant/);
    assert.match(statementActions({ ...agreed, statement, signatures: [signature('identity--uk', true)] }).sign.reason!, /has signed/);
    // A signature of an earlier version no longer counts: sign again.
    assert.deepEqual(statementActions({ ...agreed, statement, signatures: [signature('identity--uk', false), signature('identity--au', true)] }).sign, { allowed: true });
  });
});

describe('what this node may contribute', () => {
  const at = (status: CaseDetail['case']['status'], participating = true) => contributionRefusals({ case: { status } as CaseDetail['case'], participating });
  it('a draft takes evidence and assessments, not opinions', () => {
    assert.deepEqual(Object.keys(at('draft')), ['opinion']);
    assert.match(at('draft').opinion!, /during consultation/);
  });
  it('consultation takes all three', () => assert.deepEqual(at('consultation'), {}));
  for (const status of ['agreed', 'published', 'withdrawn'] as const) {
    it(`${status} takes nothing`, () => assert.deepEqual(Object.keys(at(status)).sort(), ['assessment', 'evidence', 'opinion']));
  }
  it('a node that is not a participant adds nothing', () => {
    assert.deepEqual(at('consultation', false), { evidence: 'this node is not a participant in the case', assessment: 'this node is not a participant in the case', opinion: 'this node is not a participant in the case' });
  });
});

describe('reasons in names', () => {
  const au = 'identity--0567ad22-9ee0-522b-af64-5e01635b78b4';
  const pl = 'identity--19bb7892-05d7-5493-a076-87cd67dabefa';
  it('replaces known identity ids by names and keeps unknown ones', () => {
    const names = new Map([[au, 'Australian Cyber Security Centre']]);
    assert.equal(withNames(`1 of 3 concur (${au} is neutral; ${pl} dissents)`, names), `1 of 3 concur (Australian Cyber Security Centre is neutral; ${pl} dissents)`);
    assert.equal(withNames('no ids here', names), 'no ids here');
  });
});
