import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextStatuses, reasonProblem, tallyText } from './law-positions.ts';

describe('response positions', () => {
  it('says the tally and who is silent', () => {
    assert.equal(tallyText({ support: 2, oppose: 1, abstain: 0 }, ['pl']), '2 support, 1 oppose, 0 abstain; no position yet: pl');
    assert.equal(tallyText({ support: 0, oppose: 0, abstain: 0 }), '0 support, 0 oppose, 0 abstain');
  });

  it("follows the node's status flow", () => {
    assert.deepEqual(nextStatuses('proposed'), ['agreed', 'dropped']);
    assert.deepEqual(nextStatuses('in-progress'), ['done', 'dropped']);
    assert.deepEqual(nextStatuses('done'), []);
    assert.deepEqual(nextStatuses('unheard-of'), []);
  });

  it('asks for a reason to oppose, abstain or drop, not to support', () => {
    assert.equal(reasonProblem('support', ''), undefined);
    assert.equal(reasonProblem('oppose', ' '), 'Give a reason to oppose.');
    assert.equal(reasonProblem('dropped', ''), 'Give a reason to drop the option.');
    assert.equal(reasonProblem('abstain', 'not our competence'), undefined);
  });
});
