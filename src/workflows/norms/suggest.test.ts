import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../../common/errors.ts';
import { WORKFLOW_EXTENSION_IDS } from '../extensions/definitions.ts';
import type { IncidentExtension } from '../incidents/index.ts';
import { suggestNorms, type NormSuggestion } from './suggest.ts';

const T0 = '2024-03-01T00:00:00.000Z';

function incident(extension: Partial<IncidentExtension>): Record<string, unknown> {
  return {
    type: 'incident', spec_version: '2.1', id: 'incident--6d2c1f0e-8b7a-4c5d-9e1f-2a3b4c5d6e7f', created: T0, modified: T0, name: 'test incident',
    extensions: { [WORKFLOW_EXTENSION_IDS['accord-incident']]: { extension_type: 'property-extension', status: 'open', category: 'other', ...extension } },
  };
}

const ranking = (suggestions: NormSuggestion[]): [string, number][] => suggestions.map((suggestion) => [suggestion.norm, suggestion.score]);

describe('suggestNorms', () => {
  it('ranks the norms a harboured ransomware crew engages by hitting hospitals, each with its rules and facts', () => {
    const hospital = incident({ category: 'ransomware', sectors: ['Healthcare'], countries: ['AU'], impact: { physical_damage: false, injury_or_death: false, disruption_hours: 72 } });
    const suggestions = suggestNorms(hospital, { state_nexus: 'tolerated-or-harboured' });
    // 13f: ci-disrupted 3 + health-sector 2; 13g: ci-disrupted 2 + ci-sector-hit 2; 13h: ci-disrupted 2 + tolerated 2;
    // 13c: tolerated 3; 13d: cybercrime 3; 13b: attribution 2; 13a: attribution 1. Ties go by norm id.
    assert.deepEqual(ranking(suggestions), [['13f', 5], ['13g', 4], ['13h', 4], ['13c', 3], ['13d', 3], ['13b', 2], ['13a', 1]]);
    const [first] = suggestions;
    assert.equal(first!.citation, 'A/70/174, para. 13(f)');
    assert.equal(first!.title, 'Do not damage critical infrastructure');
    assert.deepEqual(first!.rules.map((rule) => [rule.rule, rule.weight]), [['ci-disrupted', 3], ['health-sector', 2]]);
    assert.deepEqual(first!.rules[0]!.matched, { sectors: ['healthcare'], category: 'ransomware', 'impact.disruption_hours': 72 });
    assert.match(first!.rules[0]!.condition, /critical infrastructure was disrupted/);
  });

  it('suggests 13(i) first for a supply-chain compromise across states, with 13(j) for the exploited vulnerability', () => {
    const orion = incident({ category: 'supply-chain', sectors: ['technology', 'government'], countries: ['US', 'GB'], related_refs: ['vulnerability--0f6b1e2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b'] });
    assert.deepEqual(ranking(suggestNorms(orion)), [['13i', 3], ['13j', 2], ['13a', 1]]);
  });

  it('weighs 13(f) only lightly for an election hack-and-leak, and 13(a) above it', () => {
    const leak = incident({ category: 'election-interference', sectors: ['elections'], countries: ['FR'] });
    assert.deepEqual(ranking(suggestNorms(leak)), [['13a', 2], ['13f', 1]]);
  });

  it('is deterministic: the same facts give the same list', () => {
    const wiper = incident({ category: 'destructive-wiper', sectors: ['energy', 'transportation'], countries: ['UA', 'DK', 'US'] });
    assert.deepEqual(suggestNorms(wiper, { state_nexus: 'state-organ' }), suggestNorms(structuredClone(wiper), { state_nexus: 'state-organ' }));
  });

  it('suggests nothing when no rule holds', () => {
    assert.deepEqual(suggestNorms(incident({ category: 'other' })), []);
  });

  it('refuses what is not an incident, naming it', () => {
    assert.throws(() => suggestNorms({ type: 'malware', id: 'malware--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }), (error: unknown) => {
      assert.ok(isAppError(error));
      assert.equal(error.code, 'API_BAD_INPUT');
      assert.equal(error.message, 'norms are suggested for incidents; malware--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d is not an incident');
      return true;
    });
    assert.throws(() => suggestNorms('incident'), /the value is not an incident/);
  });

  it('refuses an incident without the accord-incident extension, saying which facts are missing', () => {
    const bare = { ...incident({}), extensions: undefined };
    assert.throws(() => suggestNorms(bare), /incident incident--6d2c1f0e-8b7a-4c5d-9e1f-2a3b4c5d6e7f has no accord-incident extension \(category, sectors, countries, impact\)/);
  });
});
