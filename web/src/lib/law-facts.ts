/**
 * The legal assessment wizard's form as data: its steps, each fact's label
 * and kind, and the two-way mapping between the form's answers and the facts
 * JSON the engine reads (docs/legal.md). A fact answered "unknown" (or left
 * empty) is left out of the JSON, because the engine treats a missing fact as
 * unknown and says which fact would decide. Pure: no DOM, no React.
 */

export type FactKind = 'boolean' | 'text' | 'texts' | 'amount' | 'choice' | 'choices' | 'confidence';

export interface FactField {
  /** Dotted path into the facts: `effects.physical_damage`, `continuing`. */
  path: string;
  label: string;
  kind: FactKind;
  help?: string;
}

export interface FactStep {
  id: string;
  title: string;
  fields: readonly FactField[];
}

const field = (path: string, label: string, kind: FactKind, help?: string): FactField => ({ path, label, kind, ...(help !== undefined && { help }) });

export const FACT_STEPS: readonly FactStep[] = [
  {
    id: 'effects', title: 'Effects and scale', fields: [
      field('incident.name', 'Incident name', 'text'),
      field('effects.physical_damage', 'Physical damage', 'boolean'),
      field('effects.injury_or_death', 'Injury or death', 'boolean'),
      field('effects.loss_of_functionality', 'Loss of functionality', 'boolean', 'Systems needed repair or replacement of components to work again.'),
      field('effects.data', 'Data', 'choices'),
      field('effects.disruption_hours', 'Disruption (hours)', 'amount'),
      field('effects.economic_cost_usd', 'Economic cost (USD)', 'amount'),
      field('effects.sectors', 'Sectors', 'choices'),
      field('effects.critical_infrastructure', 'Critical infrastructure', 'boolean'),
      field('effects.immediate', 'Immediate consequences', 'boolean'),
      field('effects.direct', 'Direct consequences', 'boolean', 'Caused by the operation itself, not by intervening events.'),
      field('effects.spread_beyond_target', 'Spread beyond the target', 'boolean', 'Effects reached other states.'),
    ],
  },
  {
    id: 'target', title: 'Target', fields: [
      field('target.states', 'Target states', 'texts', 'Comma-separated, e.g. GB, PL.'),
      field('target.governmental_functions', 'Interference with governmental functions', 'boolean', 'Elections, tax collection, diplomacy…'),
      field('target.military', 'Military target', 'boolean'),
    ],
  },
  {
    id: 'coercion', title: 'Coercion and domain', fields: [
      field('operation.kind', 'Kind of operation', 'choice'),
      field('operation.coercive', 'Coercive', 'boolean', 'Designed to deprive the target state of free choice or to compel an outcome.'),
      field('operation.coercion_domain', 'Domain of the coercion', 'choice'),
    ],
  },
  {
    id: 'nexus', title: 'State nexus and confidence', fields: [
      field('attribution.responsible_state', 'Responsible state', 'text'),
      field('attribution.state_nexus', 'State nexus', 'choice'),
      field('attribution.confidence', 'Confidence', 'confidence'),
      field('attribution.within_governmental_authority', 'Within governmental authority', 'boolean', 'For an empowered entity.'),
      field('attribution.acknowledged_and_adopted', 'Acknowledged and adopted by the state', 'boolean'),
      field('attribution.host_state_aware', 'Host state aware', 'boolean', 'For a tolerating or harbouring state.'),
      field('attribution.host_state_took_feasible_measures', 'Host state took feasible measures', 'boolean'),
    ],
  },
  {
    id: 'conflict', title: 'Armed conflict', fields: [
      field('armed_conflict.exists', 'An armed conflict exists', 'boolean'),
      field('armed_conflict.nexus', 'Linked to the conflict', 'boolean'),
    ],
  },
  {
    id: 'continuing', title: 'Continuing', fields: [
      field('continuing', 'The conduct continues', 'boolean'),
      field('further_attack_imminent', 'Further attacks imminent', 'boolean'),
    ],
  },
  {
    id: 'urgency', title: 'Urgency', fields: [
      field('response.urgent', 'Urgent measures needed', 'boolean', 'To preserve the injured state\'s rights (ARSIWA Art. 52(2)).'),
      field('response.only_means', 'The only means', 'boolean', 'The measure is the only way to protect the interest (necessity).'),
      field('response.impairs_other_states', 'Impairs other states', 'boolean'),
      field('response.dispute_before_tribunal', 'Dispute before a tribunal', 'boolean'),
    ],
  },
  {
    id: 'notification', title: 'Notification', fields: [
      field('response.called_on_responsible_state', 'Called on the responsible state', 'boolean'),
      field('response.notified', 'Notified of countermeasures', 'boolean', 'With an offer to negotiate.'),
    ],
  },
];

export const FACT_FIELDS: readonly FactField[] = FACT_STEPS.flatMap((step) => step.fields);

/**
 * The answers as the form holds them: booleans `''` (unknown), `'yes'`, `'no'`;
 * choices and confidence `''` or the value; several choices a list; texts,
 * comma-separated texts and amounts as typed.
 */
export type FactsForm = Readonly<Record<string, string | readonly string[]>>;

export const EMPTY_FORM: FactsForm = Object.freeze({});

/** A JSON Schema node (the part of `GET /api/legal/schema` the form reads). */
interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: unknown[];
}

/** The values the schema allows at `path` (an enum, or a list of one), or [] when it names none. */
export function schemaOptions(schema: unknown, path: string): string[] {
  let node = schema as SchemaNode | undefined;
  for (const key of path.split('.')) node = node?.properties?.[key];
  const values = node?.enum ?? node?.items?.enum ?? [];
  return values.filter((value): value is string => typeof value === 'string');
}

/** "directed-or-controlled-proxy" → "directed or controlled proxy". */
export const optionWords = (value: string): string => value.replace(/-/g, ' ');

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}

function getPath(source: unknown, path: string): unknown {
  let node = source;
  for (const key of path.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

const splitTexts = (text: string): string[] => text.split(',').map((part) => part.trim()).filter((part) => part !== '');

/** The facts JSON of the answers (unknowns left out) and the problems of answers that are not facts (named by their label). */
export function factsFromForm(form: FactsForm): { facts: Record<string, unknown>; problems: string[] } {
  const facts: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const { path, label, kind } of FACT_FIELDS) {
    const answer = form[path];
    if (answer === undefined) continue;
    if (Array.isArray(answer)) {
      if (answer.length > 0) setPath(facts, path, [...answer]);
      continue;
    }
    const text = (answer as string).trim();
    if (text === '') continue;
    if (kind === 'boolean') setPath(facts, path, text === 'yes');
    else if (kind === 'texts') {
      const texts = splitTexts(text);
      if (texts.length > 0) setPath(facts, path, texts);
    }
    else if (kind === 'amount') {
      const amount = Number(text.replace(/[\s,_]/g, ''));
      if (Number.isFinite(amount) && amount >= 0) setPath(facts, path, amount);
      else problems.push(`${label}: "${text}" is not a number of 0 or more.`);
    } else setPath(facts, path, text);
  }
  return { facts, problems };
}

/** The answers that give `facts` back (what the form cannot show, such as a confidence range, is left unknown). */
export function formFromFacts(facts: unknown): FactsForm {
  const form: Record<string, string | readonly string[]> = {};
  for (const { path, kind } of FACT_FIELDS) {
    const value = getPath(facts, path);
    if (value === undefined) continue;
    if (kind === 'boolean' && typeof value === 'boolean') form[path] = value ? 'yes' : 'no';
    else if (kind === 'choices' && Array.isArray(value)) form[path] = value.map(String);
    else if (kind === 'texts' && Array.isArray(value)) form[path] = value.map(String).join(', ');
    else if (kind === 'amount' && typeof value === 'number') form[path] = String(value);
    else if (typeof value === 'string') form[path] = value;
  }
  return form;
}

/** How many facts of a step are answered (not unknown). */
export function answeredIn(step: FactStep, form: FactsForm): number {
  return step.fields.filter(({ path }) => {
    const answer = form[path];
    return Array.isArray(answer) ? answer.length > 0 : typeof answer === 'string' && answer.trim() !== '';
  }).length;
}

/** The label of a fact path as the engine names it (`$.operation.coercive` → "Coercive"), the path itself when the form has none. */
export function factLabel(jsonPath: string): string {
  const path = jsonPath.replace(/^\$\./, '');
  return FACT_FIELDS.find((entry) => entry.path === path)?.label ?? path;
}
