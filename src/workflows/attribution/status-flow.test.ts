import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { concurrence } from './concurrence.ts';
import { CASE_STATUSES, type CaseOpinion, type CaseStatus, type ConcurrenceRule, type OpinionValue } from './model.ts';
import { transitionRefusal, type TransitionFacts } from './status-flow.ts';

const UK = 'identity--11111111-1111-4111-8111-111111111111';
const AU = 'identity--22222222-2222-4222-8222-222222222222';
const PL = 'identity--33333333-3333-4333-8333-333333333333';
const CASE = 'accord-attribution-case--44444444-4444-4444-8444-444444444444';

let serial = 0;
function opinion(by: string, value: OpinionValue, modified: string, explanation?: string, id?: string): CaseOpinion {
  serial++;
  return {
    type: 'opinion', spec_version: '2.1', id: id ?? `opinion--00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    created: '2025-01-01T00:00:00.000Z', modified, created_by_ref: by, object_refs: [CASE], opinion: value, ...(explanation !== undefined && { explanation }),
  };
}

const ALL: ConcurrenceRule = { kind: 'all' };
const agreedAll = concurrence(ALL, [UK, AU], [opinion(UK, 'agree', '2025-01-02T00:00:00.000Z'), opinion(AU, 'strongly-agree', '2025-01-02T00:00:00.000Z')]);
const notAgreed = concurrence(ALL, [UK, AU], [opinion(UK, 'agree', '2025-01-02T00:00:00.000Z')]);

/** Facts under which every guarded transition is allowed. */
const good: TransitionFacts = { concurrence: agreedAll, hasStatement: true, missingSignatures: [], reason: 'the evidence no longer holds' };

describe('case status flow: every (from, to) pair', () => {
  const allowed = new Set(['draft→consultation', 'draft→withdrawn', 'consultation→agreed', 'consultation→withdrawn', 'agreed→published', 'agreed→withdrawn']);
  for (const from of CASE_STATUSES) {
    for (const to of CASE_STATUSES) {
      const key = `${from}→${to}`;
      it(`${allowed.has(key) ? 'allows' : 'refuses'} ${key}`, () => {
        const refusal = transitionRefusal(from, to, good);
        if (allowed.has(key)) {
          assert.equal(refusal, undefined);
        } else if (from === to) {
          assert.equal(refusal, `the case is already ${from}`);
        } else if (from === 'published' || from === 'withdrawn') {
          assert.equal(refusal, `the case is ${from}, which is final: it changes no more`);
        } else {
          assert.match(refusal ?? '', new RegExp(`^a ${from} case can go only to .+, not to ${to}`));
        }
      });
    }
  }
});

describe('case status flow: guarded transitions', () => {
  const guarded: [name: string, from: CaseStatus, to: CaseStatus, facts: Partial<TransitionFacts>, reason: RegExp][] = [
    ['agreed without concurrence', 'consultation', 'agreed', { concurrence: notAgreed }, /^the concurrence rule is not met: 1 of 2 participants concur and the rule needs all of them \(identity--2222.* has given no opinion\)$/],
    ['published without a statement', 'agreed', 'published', { hasStatement: false }, /^no joint statement has been drafted/],
    ['published with signatures missing', 'agreed', 'published', { missingSignatures: [AU, PL] }, new RegExp(`no valid signature of its current version from ${AU}, ${PL}$`)],
    ['withdrawn without a reason', 'consultation', 'withdrawn', { reason: undefined }, /^withdrawing a case needs a reason/],
    ['withdrawn with a blank reason', 'draft', 'withdrawn', { reason: '   ' }, /^withdrawing a case needs a reason/],
  ];
  for (const [name, from, to, facts, reason] of guarded) {
    it(`refuses ${name}`, () => {
      assert.match(transitionRefusal(from, to, { ...good, ...facts }) ?? '(allowed)', reason);
    });
  }
});

describe('concurrence rule', () => {
  it('all: met only when every participant concurs', () => {
    assert.equal(agreedAll.met, true);
    assert.deepEqual(agreedAll.concurring, [UK, AU]);
    assert.equal(notAgreed.met, false);
  });

  it('counts each participant\'s latest opinion, whichever opinion object it is', () => {
    const result = concurrence(ALL, [UK, AU], [
      opinion(UK, 'agree', '2025-01-02T00:00:00.000Z'),
      opinion(AU, 'agree', '2025-01-02T00:00:00.000Z'),
      opinion(AU, 'disagree', '2025-01-03T00:00:00.000Z', 'the infrastructure overlap is shared with a criminal group'),
    ]);
    assert.equal(result.met, false);
    assert.deepEqual(result.dissenting, [AU]);
    assert.equal(result.stances[1]!.opinion!.explanation, 'the infrastructure overlap is shared with a criminal group');
  });

  it('a later version of the same opinion replaces the earlier one', () => {
    const id = 'opinion--99999999-9999-4999-8999-999999999999';
    const result = concurrence(ALL, [UK], [opinion(UK, 'disagree', '2025-01-02T00:00:00.000Z', 'not yet', id), opinion(UK, 'agree', '2025-01-05T00:00:00.000Z', undefined, id)]);
    assert.equal(result.met, true);
  });

  it('n-of-m: met with n concurring despite a dissent, which stays visible', () => {
    const result = concurrence({ kind: 'n-of-m', n: 2 }, [UK, AU, PL], [
      opinion(UK, 'strongly-agree', '2025-01-02T00:00:00.000Z'),
      opinion(AU, 'agree', '2025-01-02T00:00:00.000Z'),
      opinion(PL, 'strongly-disagree', '2025-01-02T00:00:00.000Z', 'the state nexus rests on one source'),
    ]);
    assert.equal(result.met, true);
    assert.equal(result.required, 2);
    assert.deepEqual(result.dissenting, [PL]);
    assert.equal(result.reason, undefined);
  });

  it('n-of-m: not met below n, saying who stands where', () => {
    const result = concurrence({ kind: 'n-of-m', n: 2 }, [UK, AU, PL], [
      opinion(UK, 'agree', '2025-01-02T00:00:00.000Z'),
      opinion(AU, 'neutral', '2025-01-02T00:00:00.000Z'),
      opinion(PL, 'disagree', '2025-01-02T00:00:00.000Z', 'weak evidence'),
    ]);
    assert.equal(result.met, false);
    assert.equal(result.reason, `1 of 3 participants concur and the rule needs 2 (${AU} is neutral; ${PL} dissents)`);
  });

  it('ignores opinions of non-participants', () => {
    const outsider = 'identity--55555555-5555-4555-8555-555555555555';
    const result = concurrence({ kind: 'n-of-m', n: 1 }, [UK], [opinion(outsider, 'agree', '2025-01-02T00:00:00.000Z')]);
    assert.equal(result.met, false);
    assert.deepEqual(result.stances, [{ participant: UK, stance: 'silent' }]);
  });
});
