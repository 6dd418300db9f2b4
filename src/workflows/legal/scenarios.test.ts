import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessLegal } from './assess.ts';
import { CONCLUSION_IDS, type ConclusionId } from './assessment.ts';
import { LEGAL_RULES } from './catalogue.ts';
import { LEGAL_SCENARIOS } from './scenarios.ts';

const RULE_IDS = new Set(LEGAL_RULES.map((rule) => rule.id));

describe('legal scenarios', () => {
  it('has at least 30 scenarios with distinct names', () => {
    assert.ok(LEGAL_SCENARIOS.length >= 30, `only ${LEGAL_SCENARIOS.length}`);
    assert.equal(new Set(LEGAL_SCENARIOS.map((scenario) => scenario.name)).size, LEGAL_SCENARIOS.length);
  });

  for (const scenario of LEGAL_SCENARIOS) {
    it(scenario.name, () => {
      const assessment = assessLegal(scenario.facts);
      const byId = new Map(assessment.conclusions.map((conclusion) => [conclusion.id, conclusion]));
      for (const [id, verdict] of Object.entries(scenario.expect) as [ConclusionId, string][]) {
        const conclusion = byId.get(id);
        assert.ok(conclusion, `${id}: no such conclusion`);
        assert.equal(conclusion.verdict, verdict, `${id}: ${conclusion.steps.join(' / ')} ${JSON.stringify(conclusion.decided_by ?? [])}`);
      }
      for (const [id, paths] of Object.entries(scenario.decidedBy ?? {}) as [ConclusionId, string[]][]) {
        assert.deepEqual(byId.get(id)?.decided_by?.map((fact) => fact.path).sort(), [...paths].sort(), `${id}: deciding facts`);
      }
      for (const [id, citations] of Object.entries(scenario.cites ?? {}) as [ConclusionId, string[]][]) {
        for (const citation of citations) assert.ok(byId.get(id)?.citations.includes(citation), `${id} should cite ${citation}: ${byId.get(id)?.citations.join(', ')}`);
      }
      // Every conclusion of every scenario is well formed: reasoned, cited from the catalogue, and never a bare "unknown".
      for (const conclusion of assessment.conclusions) {
        assert.ok(CONCLUSION_IDS.includes(conclusion.id));
        assert.ok(conclusion.citations.length > 0 && conclusion.citations.every((id) => RULE_IDS.has(id)), `${conclusion.id}: citations ${conclusion.citations.join(', ')}`);
        assert.ok(conclusion.steps.length > 0 || (conclusion.decided_by?.length ?? 0) > 0, `${conclusion.id}: no reasoning`);
        if (conclusion.verdict === 'cannot-determine') assert.ok((conclusion.decided_by?.length ?? 0) > 0, `${conclusion.id}: cannot-determine names no deciding fact`);
        else assert.equal(conclusion.decided_by, undefined);
        for (const path of [...conclusion.facts, ...(conclusion.decided_by ?? []).map((fact) => fact.path)]) assert.match(path, /^\$\.[a-z_]+(\.[a-z_]+)?$/);
      }
    });
  }
});
