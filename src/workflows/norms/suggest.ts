import { AppError, ErrorCode } from '../../common/errors.ts';
import type { StateNexus } from '../attribution/model.ts';
import { isRecord } from '../extensions/fields.ts';
import { incidentExtension } from '../incidents/index.ts';
import { normById, type NormId } from './catalogue.ts';
import { NORM_RULES, type MatchedFacts, type NormFacts, type NormRule, type RuleWeight } from './rules.ts';

/**
 * Which norms an incident engages, suggested by the rules of `rules.ts`, each
 * with the rules that fired and the facts they matched. Pure and
 * deterministic: the same incident and attribution give the same list, in
 * the same order.
 */

/** The attribution facts the rules use (an accord-attribution-case has them). */
export interface AttributionFacts {
  state_nexus?: StateNexus;
}

export interface FiredRule {
  rule: string;
  condition: string;
  weight: RuleWeight;
  matched: MatchedFacts;
}

export interface NormSuggestion {
  norm: NormId;
  title: string;
  citation: string;
  /** The sum of the weights of the rules that fired for this norm: the rank. */
  score: number;
  rules: FiredRule[];
}

/** The facts of a STIX incident with the accord-incident extension; API_BAD_INPUT for anything else. */
export function normFacts(incident: unknown, attribution?: AttributionFacts): NormFacts {
  if (!isRecord(incident) || incident.type !== 'incident') {
    throw new AppError(ErrorCode.API_BAD_INPUT, `norms are suggested for incidents; ${describeObject(incident)} is not an incident`);
  }
  const extension = incidentExtension(incident);
  if (extension === undefined) {
    throw new AppError(ErrorCode.API_BAD_INPUT, `incident ${String(incident.id)} has no accord-incident extension (category, sectors, countries, impact), so there are no facts to suggest norms from`);
  }
  return {
    category: extension.category,
    sectors: (extension.sectors ?? []).map((sector) => sector.toLowerCase()),
    countries: extension.countries ?? [],
    impact: extension.impact,
    relatedRefs: extension.related_refs ?? [],
    stateNexus: attribution?.state_nexus,
  };
}

/** Every rule of `rules` that holds for `facts`, grouped by the norm it engages, highest score first (ties by norm id). */
export function suggestFromFacts(facts: NormFacts, rules: readonly NormRule[] = NORM_RULES): NormSuggestion[] {
  const byNorm = new Map<NormId, FiredRule[]>();
  for (const rule of rules) {
    const matched = rule.match(facts);
    if (matched === undefined) continue;
    for (const [norm, weight] of rule.engages) {
      const fired = byNorm.get(norm) ?? [];
      fired.push({ rule: rule.id, condition: rule.condition, weight, matched });
      byNorm.set(norm, fired);
    }
  }
  const suggestions = [...byNorm].map(([norm, fired]): NormSuggestion => {
    const { title, citation } = normById(norm);
    return { norm, title, citation, score: fired.reduce((sum, rule) => sum + rule.weight, 0), rules: fired };
  });
  return suggestions.sort((a, b) => b.score - a.score || a.norm.localeCompare(b.norm));
}

/** The norms `incident` engages, with the rules that fired; `attribution` adds the state-nexus rules. */
export function suggestNorms(incident: unknown, attribution?: AttributionFacts): NormSuggestion[] {
  return suggestFromFacts(normFacts(incident, attribution));
}

function describeObject(value: unknown): string {
  if (!isRecord(value)) return 'the value';
  return typeof value.id === 'string' ? value.id : `an object of type ${JSON.stringify(value.type)}`;
}
