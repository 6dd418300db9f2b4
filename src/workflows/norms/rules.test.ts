import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NORM_RULES, type MatchedFacts, type NormFacts } from './rules.ts';

/**
 * The suggestion rules one at a time: each row gives the facts and what the
 * rule must match (the facts it rests on) or `undefined` when it must not fire.
 */

const VULNERABILITY = 'vulnerability--0f6b1e2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const MALWARE = 'malware--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

function facts(overrides: Partial<NormFacts> = {}): NormFacts {
  return { sectors: [], countries: [], relatedRefs: [], ...overrides };
}
const noHarm = { physical_damage: false, injury_or_death: false };

type Row = [description: string, facts: NormFacts, expected: MatchedFacts | undefined];

const TABLE: Record<string, Row[]> = {
  'ci-disrupted': [
    ['the category critical-infrastructure-disruption, with its critical sectors', facts({ category: 'critical-infrastructure-disruption', sectors: ['energy', 'retail'] }), { category: 'critical-infrastructure-disruption', sectors: ['energy'] }],
    ['the category alone', facts({ category: 'critical-infrastructure-disruption' }), { category: 'critical-infrastructure-disruption' }],
    ['a wiper on the energy sector', facts({ category: 'destructive-wiper', sectors: ['energy'] }), { sectors: ['energy'], category: 'destructive-wiper' }],
    ['ransomware on hospitals with 72 hours of disruption', facts({ category: 'ransomware', sectors: ['healthcare'], impact: { ...noHarm, disruption_hours: 72 } }), { sectors: ['healthcare'], category: 'ransomware', 'impact.disruption_hours': 72 }],
    ['espionage on water with data destroyed', facts({ category: 'espionage', sectors: ['water'], impact: { ...noHarm, data: ['stolen', 'destroyed'] } }), { sectors: ['water'], 'impact.data': ['destroyed'] }],
    ['physical damage and injury in transport', facts({ category: 'other', sectors: ['transportation'], impact: { physical_damage: true, injury_or_death: true } }), { sectors: ['transportation'], 'impact.physical_damage': true, 'impact.injury_or_death': true }],
    ['not: espionage on energy without harm', facts({ category: 'espionage', sectors: ['energy'], impact: { ...noHarm, data: ['stolen'] } }), undefined],
    ['not: a wiper on retail (no critical sector)', facts({ category: 'destructive-wiper', sectors: ['retail'] }), undefined],
    ['not: zero hours of disruption', facts({ category: 'espionage', sectors: ['energy'], impact: { ...noHarm, disruption_hours: 0 } }), undefined],
  ],
  'ci-sector-hit': [
    ['espionage on energy and telecoms', facts({ category: 'espionage', sectors: ['energy', 'government', 'telecommunications'] }), { sectors: ['energy', 'telecommunications'] }],
    ['the spelling health-care', facts({ category: 'espionage', sectors: ['health-care'] }), { sectors: ['health-care'] }],
    ['not: government and retail only', facts({ category: 'espionage', sectors: ['government', 'retail'] }), undefined],
  ],
  'health-sector': [
    ['healthcare', facts({ category: 'espionage', sectors: ['pharmaceuticals', 'healthcare'] }), { sectors: ['healthcare'] }],
    ['not: pharmaceuticals alone', facts({ category: 'espionage', sectors: ['pharmaceuticals'] }), undefined],
  ],
  'response-team-targeted': [
    ['a national CSIRT', facts({ category: 'espionage', sectors: ['csirt', 'government'] }), { sectors: ['csirt'] }],
    ['a CERT', facts({ category: 'ddos', sectors: ['cert'] }), { sectors: ['cert'] }],
    ['not: government', facts({ category: 'espionage', sectors: ['government'] }), undefined],
  ],
  'election-interference': [
    ['the category', facts({ category: 'election-interference' }), { category: 'election-interference' }],
    ['a hack-and-leak on the electoral sector', facts({ category: 'hack-and-leak', sectors: ['electoral'] }), { sectors: ['electoral'] }],
    ['both', facts({ category: 'election-interference', sectors: ['elections'] }), { category: 'election-interference', sectors: ['elections'] }],
    ['not: a hack-and-leak on government', facts({ category: 'hack-and-leak', sectors: ['government'] }), undefined],
  ],
  'destructive-malware': [
    ['a wiper', facts({ category: 'destructive-wiper' }), { category: 'destructive-wiper' }],
    ['not: ransomware', facts({ category: 'ransomware', impact: { ...noHarm, data: ['destroyed'] } }), undefined],
  ],
  'supply-chain': [
    ['a supply-chain compromise', facts({ category: 'supply-chain' }), { category: 'supply-chain' }],
    ['not: espionage', facts({ category: 'espionage' }), undefined],
  ],
  'vulnerability-exploited': [
    ['a related vulnerability', facts({ category: 'ransomware', relatedRefs: [MALWARE, VULNERABILITY] }), { related_refs: [VULNERABILITY] }],
    ['not: malware only', facts({ category: 'ransomware', relatedRefs: [MALWARE] }), undefined],
  ],
  cybercrime: [
    ['ransomware', facts({ category: 'ransomware' }), { category: 'ransomware' }],
    ['fraud', facts({ category: 'fraud-cybercrime' }), { category: 'fraud-cybercrime' }],
    ['not: espionage', facts({ category: 'espionage' }), undefined],
  ],
  'rights-surveillance': [
    ['espionage on NGOs and media', facts({ category: 'espionage', sectors: ['non-profit', 'media'] }), { category: 'espionage', sectors: ['non-profit', 'media'] }],
    ['hack-and-leak on civil society', facts({ category: 'hack-and-leak', sectors: ['civil-society'] }), { category: 'hack-and-leak', sectors: ['civil-society'] }],
    ['not: espionage on government', facts({ category: 'espionage', sectors: ['government'] }), undefined],
    ['not: ransomware on an NGO', facts({ category: 'ransomware', sectors: ['non-profit'] }), undefined],
  ],
  'several-states': [
    ['two countries', facts({ category: 'ddos', countries: ['GB', 'PL'] }), { countries: ['GB', 'PL'] }],
    ['not: one country', facts({ category: 'ddos', countries: ['GB'] }), undefined],
  ],
  'tolerated-or-harboured': [
    ['a harboured group', facts({ category: 'ransomware', stateNexus: 'tolerated-or-harboured' }), { state_nexus: 'tolerated-or-harboured' }],
    ['not: a proxy', facts({ category: 'ransomware', stateNexus: 'directed-or-controlled-proxy' }), undefined],
    ['not: no attribution', facts({ category: 'ransomware' }), undefined],
  ],
  proxy: [
    ['a directed proxy', facts({ category: 'ddos', stateNexus: 'directed-or-controlled-proxy' }), { state_nexus: 'directed-or-controlled-proxy' }],
    ['not: a state organ', facts({ category: 'ddos', stateNexus: 'state-organ' }), undefined],
  ],
  'attribution-decision': [
    ['any nexus, unknown included', facts({ category: 'espionage', stateNexus: 'unknown' }), { state_nexus: 'unknown' }],
    ['a state organ', facts({ category: 'espionage', stateNexus: 'state-organ' }), { state_nexus: 'state-organ' }],
    ['not: no attribution', facts({ category: 'espionage' }), undefined],
  ],
};

describe('norm suggestion rules', () => {
  it('every rule has rows here, and every row a rule', () => {
    assert.deepEqual(Object.keys(TABLE).sort(), NORM_RULES.map((rule) => rule.id).sort());
  });

  it('rule ids are unique and every rule engages at least one norm once', () => {
    assert.equal(new Set(NORM_RULES.map((rule) => rule.id)).size, NORM_RULES.length);
    for (const rule of NORM_RULES) {
      const norms = rule.engages.map(([norm]) => norm);
      assert.ok(norms.length > 0 && new Set(norms).size === norms.length, rule.id);
    }
  });

  for (const rule of NORM_RULES) {
    describe(rule.id, () => {
      for (const [description, given, expected] of TABLE[rule.id] ?? []) {
        it(description, () => assert.deepEqual(rule.match(given), expected));
      }
    });
  }
});
