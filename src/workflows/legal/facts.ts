import { PHIA_TERM_IDS, type PhiaTermId } from '../attribution/probability.ts';
import { STATE_NEXUS } from '../attribution/model.ts';
import { Fields, isRecord, show } from '../extensions/fields.ts';
import type { ValidationProblem } from '../../stix/validation/index.ts';

/**
 * The facts of an incident and its attribution case, as the legal engine reads
 * them (a JSON document, snake_case like the STIX objects it is stored in).
 * Every property is optional: a fact left out is unknown, and a conclusion
 * that depends on it says so instead of guessing. docs/legal.md describes the
 * form with examples; `LEGAL_FACTS_SCHEMA` is its JSON Schema and
 * `checkLegalFacts` its hand-written validator (the two are tested against the
 * same examples).
 */

/** Sectors the engine reasons about (essential services, protected objects, domaine réservé). */
export const SECTORS = [
  'health', 'energy', 'water', 'food', 'finance', 'elections', 'government', 'telecommunications',
  'transport', 'defence', 'media', 'industry', 'education', 'other',
] as const;
export type Sector = (typeof SECTORS)[number];

/** What happened to data. */
export const DATA_EFFECTS = ['exfiltrated', 'leaked', 'altered', 'encrypted', 'destroyed'] as const;
export type DataEffect = (typeof DATA_EFFECTS)[number];

/** What kind of operation it was (bears on presumptive legality, a Schmitt factor). */
export const OPERATION_KINDS = ['espionage', 'influence', 'hack-and-leak', 'disruption', 'destruction', 'ransomware'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/**
 * Where the coercion bears. All but `none` are matters within the target
 * state's domestic (or foreign) affairs in the sense of non-intervention;
 * `essential-services` follows the UK's 2018 examples (medical, energy,
 * financial services).
 */
export const COERCION_DOMAINS = ['elections', 'political-system', 'foreign-policy', 'governmental-functions', 'essential-services', 'none'] as const;
export type CoercionDomain = (typeof COERCION_DOMAINS)[number];

/**
 * The attribution case's `state_nexus` (same words), plus `empowered-entity`
 * (ARSIWA Art. 5), which a case does not distinguish from a state organ.
 */
export const LEGAL_STATE_NEXUS = ['state-organ', 'empowered-entity', ...STATE_NEXUS.filter((nexus) => nexus !== 'state-organ')] as const;
export type LegalStateNexus = 'state-organ' | 'empowered-entity' | 'directed-or-controlled-proxy' | 'tolerated-or-harboured' | 'unknown';

/** A PHIA term, or a probability range in percent `[low, high]`. */
export type NexusConfidence = PhiaTermId | [number, number];

export interface LegalFacts {
  incident?: { name?: string; description?: string };
  effects?: {
    physical_damage?: boolean;
    injury_or_death?: boolean;
    /** Systems needed repair or replacement of components to work again. */
    loss_of_functionality?: boolean;
    data?: DataEffect[];
    disruption_hours?: number;
    economic_cost_usd?: number;
    sectors?: Sector[];
    critical_infrastructure?: boolean;
    /** The consequences followed quickly (Schmitt: immediacy). */
    immediate?: boolean;
    /** The consequences were caused by the operation itself, not by intervening events (Schmitt: directness). */
    direct?: boolean;
    /** Effects reached states other than the target. */
    spread_beyond_target?: boolean;
  };
  target?: {
    states?: string[];
    /** The operation interfered with inherently governmental functions (elections, tax collection, diplomacy…). */
    governmental_functions?: boolean;
    /** The target was military forces or systems. */
    military?: boolean;
  };
  operation?: {
    kind?: OperationKind;
    /** Designed to deprive the target state of free choice or to compel an outcome. */
    coercive?: boolean;
    coercion_domain?: CoercionDomain;
  };
  attribution?: {
    responsible_state?: string;
    state_nexus?: LegalStateNexus;
    confidence?: NexusConfidence;
    /** For an empowered entity: the conduct was within its governmental authority. */
    within_governmental_authority?: boolean;
    /** The state publicly acknowledged and adopted the conduct as its own (ARSIWA Art. 11). */
    acknowledged_and_adopted?: boolean;
    /** For a tolerating or harbouring state: it knew of the operations. */
    host_state_aware?: boolean;
    /** …and took the measures feasible for it to end them. */
    host_state_took_feasible_measures?: boolean;
  };
  armed_conflict?: {
    exists?: boolean;
    /** The operation is linked to the conflict. */
    nexus?: boolean;
  };
  /** The conduct is still going on. */
  continuing?: boolean;
  /** Further attacks of the same kind are imminent. */
  further_attack_imminent?: boolean;
  response?: {
    /** Urgent measures are needed to preserve the injured state's rights (ARSIWA Art. 52(2)). */
    urgent?: boolean;
    /** The injured state has called on the responsible state to cease and make reparation. */
    called_on_responsible_state?: boolean;
    /** The responsible state was notified of the intended countermeasures with an offer to negotiate. */
    notified?: boolean;
    /** The dispute is pending before a court or tribunal that can bind the parties. */
    dispute_before_tribunal?: boolean;
    /** The contemplated measure is the only way to protect the interest (necessity). */
    only_means?: boolean;
    /** It would seriously impair an essential interest of another state or of the international community. */
    impairs_other_states?: boolean;
  };
}

type Section = Exclude<keyof LegalFacts, 'continuing' | 'further_attack_imminent'>;
type Kind = 'boolean' | 'text' | 'texts' | 'amount' | { readonly values: readonly string[]; readonly list?: boolean } | 'confidence';

/**
 * The form as data: each section's properties and their kind. The validator,
 * the normaliser and the JSON Schema are all read off this one table.
 */
const FORM: Readonly<Record<Section, Readonly<Record<string, Kind>>>> = {
  incident: { name: 'text', description: 'text' },
  effects: {
    physical_damage: 'boolean', injury_or_death: 'boolean', loss_of_functionality: 'boolean',
    data: { values: DATA_EFFECTS, list: true }, disruption_hours: 'amount', economic_cost_usd: 'amount',
    sectors: { values: SECTORS, list: true }, critical_infrastructure: 'boolean',
    immediate: 'boolean', direct: 'boolean', spread_beyond_target: 'boolean',
  },
  target: { states: 'texts', governmental_functions: 'boolean', military: 'boolean' },
  operation: { kind: { values: OPERATION_KINDS }, coercive: 'boolean', coercion_domain: { values: COERCION_DOMAINS } },
  attribution: {
    responsible_state: 'text', state_nexus: { values: LEGAL_STATE_NEXUS }, confidence: 'confidence',
    within_governmental_authority: 'boolean', acknowledged_and_adopted: 'boolean',
    host_state_aware: 'boolean', host_state_took_feasible_measures: 'boolean',
  },
  armed_conflict: { exists: 'boolean', nexus: 'boolean' },
  response: {
    urgent: 'boolean', called_on_responsible_state: 'boolean', notified: 'boolean',
    dispute_before_tribunal: 'boolean', only_means: 'boolean', impairs_other_states: 'boolean',
  },
};
const TOP_LEVEL_FLAGS = ['continuing', 'further_attack_imminent'] as const;
const TOP_LEVEL = [...Object.keys(FORM), ...TOP_LEVEL_FLAGS];

/** Reads one property of kind `kind`; the value, or undefined (with a problem recorded when present but wrong). */
function readProperty(fields: Fields, name: string, kind: Kind): unknown {
  if (kind === 'boolean') return fields.boolean(name, false);
  if (kind === 'text') return fields.string(name, false);
  if (kind === 'texts') return fields.strings(name, false);
  if (kind === 'amount') return fields.number(name, false, { min: 0 });
  if (kind === 'confidence') return readConfidence(fields, name);
  return kind.list ? fields.strings(name, false, kind.values) : fields.oneOf(name, kind.values, false);
}

function readConfidence(fields: Fields, name: string): NexusConfidence | undefined {
  const value = fields.value[name];
  if (value === undefined || typeof value === 'string') return fields.oneOf(name, PHIA_TERM_IDS, false);
  const range = Array.isArray(value) && value.length === 2 && value.every((bound) => Number.isInteger(bound) && bound >= 0 && bound <= 100) ? value as [number, number] : undefined;
  if (range === undefined) {
    fields.problem(name, 'property-type', `must be a PHIA term (${PHIA_TERM_IDS.join(', ')}) or a probability range [low, high] of integers 0-100, not ${show(value)}`);
    return undefined;
  }
  if (range[0] > range[1]) {
    fields.problem(name, 'value-range', `the range [${range[0]}, ${range[1]}] is upside down: low must not exceed high`);
    return undefined;
  }
  return range;
}

/** Every problem of `value` as legal facts (path, rule, why); none means the facts are usable. */
export function checkLegalFacts(value: unknown): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  readFacts(value, problems);
  return problems;
}

/**
 * The facts in a normal form: known properties only, in the form's order,
 * lists of values sorted without repeats. Two documents with the same facts
 * in a different key or list order normalise to the same object, so the
 * assessment of both is byte-identical. Call it on checked facts.
 */
export function normalizeLegalFacts(facts: LegalFacts): LegalFacts {
  return readFacts(facts, []);
}

function readFacts(value: unknown, problems: ValidationProblem[]): LegalFacts {
  if (!isRecord(value)) {
    problems.push({ path: '$', rule: 'not-an-object', message: `the facts are a JSON object (see \`accord legal schema\`), not ${show(value)}` });
    return {};
  }
  const root = new Fields(value, '$', problems);
  root.only(TOP_LEVEL);
  const facts: Record<string, unknown> = {};
  for (const [section, properties] of Object.entries(FORM)) {
    const fields = root.object(section, false);
    if (fields === undefined) continue;
    fields.only(Object.keys(properties));
    const read: Record<string, unknown> = {};
    for (const [name, kind] of Object.entries(properties)) {
      const property = readProperty(fields, name, kind);
      if (property !== undefined) read[name] = Array.isArray(property) && kind !== 'confidence' ? [...new Set(property as string[])].sort() : property;
    }
    if (Object.keys(read).length > 0) facts[section] = read;
  }
  for (const flag of TOP_LEVEL_FLAGS) {
    const read = root.boolean(flag, false);
    if (read !== undefined) facts[flag] = read;
  }
  return facts as LegalFacts;
}

type Schema = Record<string, unknown>;

function schemaOf(kind: Kind): Schema {
  if (kind === 'boolean') return { type: 'boolean' };
  if (kind === 'text') return { type: 'string', pattern: '\\S' };
  if (kind === 'texts') return { type: 'array', minItems: 1, items: { type: 'string', pattern: '\\S' } };
  if (kind === 'amount') return { type: 'number', minimum: 0 };
  if (kind === 'confidence') {
    return {
      description: 'A PHIA yardstick term, or a probability range [low, high] in percent.',
      oneOf: [
        { enum: PHIA_TERM_IDS },
        { type: 'array', prefixItems: [{ type: 'integer', minimum: 0, maximum: 100 }, { type: 'integer', minimum: 0, maximum: 100 }], minItems: 2, maxItems: 2 },
      ],
    };
  }
  return kind.list ? { type: 'array', minItems: 1, items: { enum: kind.values } } : { enum: kind.values };
}

/**
 * The JSON Schema (draft 2020-12) of the facts, printed by `accord legal
 * schema`. Two rules are the validator's alone, because JSON Schema cannot say
 * them: a probability range's low bound must not exceed its high bound, and
 * lists must not be empty of meaning (blank strings) — the schema forbids blank
 * strings by pattern.
 */
export const LEGAL_FACTS_SCHEMA: Readonly<Schema> = Object.freeze({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://accord.invalid/schemas/accord-legal-facts/1.0',
  title: 'Accord legal facts',
  description: 'The facts of a cyber incident and its attribution case for the legal assessment engine. Every property is optional: a missing fact is unknown. Decision support, not legal advice.',
  type: 'object',
  properties: {
    ...Object.fromEntries(Object.entries(FORM).map(([section, properties]) => [section, {
      type: 'object',
      properties: Object.fromEntries(Object.entries(properties).map(([name, kind]) => [name, schemaOf(kind)])),
      additionalProperties: false,
    }])),
    ...Object.fromEntries(TOP_LEVEL_FLAGS.map((flag) => [flag, { type: 'boolean' }])),
  },
  additionalProperties: false,
});
