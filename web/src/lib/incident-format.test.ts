import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IncidentImpact } from '../../../src/server/api/contract.ts';
import { CATEGORY_LABEL, formatUsd, impactBrief, INCIDENT_CATEGORIES } from './incident-format.ts';

describe('incidents in words', () => {
  it('names every category, interference in democratic processes among them', () => {
    assert.equal(INCIDENT_CATEGORIES.length, 10);
    assert.equal(CATEGORY_LABEL['election-interference'], 'Interference in democratic processes');
  });

  const cases: [IncidentImpact | undefined, string[]][] = [
    [undefined, []],
    [{ physical_damage: false, injury_or_death: false }, []],
    [{ physical_damage: true, injury_or_death: true }, ['injury or death', 'physical damage']],
    [{ physical_damage: false, injury_or_death: false, data: ['stolen'] }, ['data stolen']],
    [{ physical_damage: false, injury_or_death: false, data: ['stolen', 'leaked', 'destroyed'] }, ['data stolen, leaked and destroyed']],
    [{ physical_damage: false, injury_or_death: false, disruption_hours: 0, economic_cost_usd: 4_500_000 }, ['disruption 0 h', 'cost US$ 4,500,000']],
  ];
  for (const [impact, expected] of cases) it(`briefs ${JSON.stringify(impact)}`, () => assert.deepEqual(impactBrief(impact), expected));

  it('formats money', () => assert.equal(formatUsd(1234567), 'US$ 1,234,567'));
});
