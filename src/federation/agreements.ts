import { typeNameProblem } from '../stix/identifier.ts';
import { TLP_LEVELS, type TlpLevel } from '../stix/markings.ts';
import { now as clockNow } from '../stix/timestamp.ts';
import { categoryOf } from '../stix/validation/object-categories.ts';
import { unknownPartner } from './partners.ts';
import { DIRECTIONS, type Checked, type Direction, type Partner, type SharingAgreement } from './model.ts';

/** Agreement ids: chosen by hand (`uk-au-joint`) or made from partner and direction (`au-outbound`). */
const AGREEMENT_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** `'*'` in a list of collections or object types: any. */
export const ANY = '*';

/** The prefix of Accord's workflow object types (`accord-attribution-case`, …): custom types an agreement may name. */
export const ACCORD_TYPE_PREFIX = 'accord-';

/** TLP levels that never travel onward, whatever an agreement says (TLP 2.0). */
export const NEVER_ONWARD: readonly TlpLevel[] = ['amber', 'amber+strict', 'red'];

/** What `accord agreement set` (or the API) is given; every field as typed. Lists are comma-separated. */
export interface AgreementInput {
  partner: string;
  direction?: string;
  /** Replace or create this agreement; without it, the partner's only agreement in that direction, or a new one. */
  id?: string;
  collections?: string | readonly string[];
  types?: string | readonly string[];
  tlp?: string | readonly string[];
  /** `yes` or `no`. */
  onward?: string;
  /** Free text; empty clears it. */
  basis?: string;
}

export interface AgreementContext {
  /** The partner named by the input, if there is one. */
  partner: Partner | undefined;
  /** Any stored agreement by id. */
  agreement(id: string): SharingAgreement | undefined;
  /** The stored agreements of the partner. */
  partnerAgreements: readonly SharingAgreement[];
  /** This node's collection ids; when given, unknown collections are refused. */
  collectionIds?: ReadonlySet<string>;
  now?: string;
}

export interface AgreementChange {
  agreement: SharingAgreement;
  /** The version it replaces, absent for a new agreement. */
  previous?: SharingAgreement;
}

/** The levels a new agreement allows when `tlp` is not given: the least restrictive the partner may receive. */
export function defaultTlp(partner: Partner): TlpLevel[] {
  return partner.kind === 'public' ? ['clear'] : ['clear', 'green'];
}

function splitList(value: string | readonly string[]): string[] {
  return (typeof value === 'string' ? [value] : value).flatMap((item) => item.split(',')).map((item) => item.trim()).filter((item) => item !== '');
}

/** A list of collection ids or object types: `*` alone, or names each checked by `problem`. */
function checkList(label: string, value: string | readonly string[], problem: (item: string) => string | undefined, problems: string[]): string[] | undefined {
  const items = [...new Set(splitList(value))];
  if (items.length === 0) {
    problems.push(`no ${label} given: list them separated by commas, or * for all`);
    return undefined;
  }
  if (items.includes(ANY)) {
    if (items.length === 1) return [ANY];
    problems.push(`${label}: * already means all; give * alone or a list without it`);
    return undefined;
  }
  const bad = items.map(problem).filter((text) => text !== undefined);
  problems.push(...bad);
  return bad.length > 0 ? undefined : items;
}

function objectTypeProblem(type: string): string | undefined {
  const syntax = typeNameProblem(type);
  if (syntax !== undefined) return `the object type "${type}" is not a STIX type name: ${syntax}`;
  // Custom types: x- (STIX 2.1 §11.2) or Accord's own workflow types (declared by extension-definitions, §7.3). Anything else is most likely a misspelt STIX type.
  if (categoryOf(type) === 'custom' && !type.startsWith('x-') && !type.startsWith(ACCORD_TYPE_PREFIX)) {
    return `"${type}" is not a STIX 2.1 object type (custom types start with x-, Accord's workflow types with ${ACCORD_TYPE_PREFIX})`;
  }
  return undefined;
}

/** TLP levels, as `amber` or `TLP:AMBER`, in the order least restrictive first. */
function checkTlp(value: string | readonly string[], problems: string[]): TlpLevel[] | undefined {
  const items = splitList(value).map((item) => item.toLowerCase().replace(/^tlp:/, ''));
  if (items.length === 0) {
    problems.push(`no TLP level given: expected some of ${TLP_LEVELS.join(', ')}`);
    return undefined;
  }
  const unknown = items.filter((item) => !(TLP_LEVELS as readonly string[]).includes(item));
  if (unknown.length > 0) {
    problems.push(`unknown TLP level${unknown.length > 1 ? 's' : ''} ${unknown.map((item) => `"${item}"`).join(', ')}: expected some of ${TLP_LEVELS.join(', ')} (TLP 2.0)`);
    return undefined;
  }
  return TLP_LEVELS.filter((level) => items.includes(level));
}

/** Which existing agreement `input` replaces, or the id of a new one. */
function target(input: AgreementInput, direction: Direction, context: AgreementContext, problems: string[]): { id: string; previous?: SharingAgreement } | undefined {
  if (input.id !== undefined) {
    if (!AGREEMENT_ID.test(input.id)) {
      problems.push(`the agreement id "${input.id}" is not allowed: use 1-64 lower-case letters, digits and hyphens`);
      return undefined;
    }
    const previous = context.agreement(input.id);
    if (previous !== undefined && (previous.partner !== input.partner || previous.direction !== direction)) {
      problems.push(`agreement ${input.id} is the ${previous.direction} agreement with ${previous.partner}; choose another id`);
      return undefined;
    }
    return { id: input.id, ...(previous !== undefined && { previous }) };
  }
  const same = context.partnerAgreements.filter((agreement) => agreement.direction === direction);
  if (same.length === 1) return { id: same[0]!.id, previous: same[0]! };
  if (same.length > 1) {
    problems.push(`${input.partner} has ${same.length} ${direction} agreements (${same.map((agreement) => agreement.id).join(', ')}): say which with --id`);
    return undefined;
  }
  const base = `${input.partner}-${direction}`;
  let id = base;
  for (let n = 2; context.agreement(id) !== undefined; n += 1) id = `${base}-${n}`;
  return { id };
}

/**
 * Checks `accord agreement set`: creates the agreement, or replaces the one it
 * names (fields not given keep their values). New agreements default to all
 * collections, all object types, TLP:CLEAR and GREEN (CLEAR only for the
 * public) and no onward sharing.
 *
 * Refused: an unknown partner or direction, an inbound agreement with the
 * public (it sends nothing), anything above TLP:CLEAR for the public (TLP 2.0:
 * GREEN is for the community, not the public), unknown collections, object
 * types or TLP levels, onward other than yes/no. Warned, and stored:
 * onward=yes with AMBER, AMBER+STRICT or RED among the levels — onward sharing
 * only ever applies to CLEAR and GREEN.
 */
export function checkAgreement(input: AgreementInput, context: AgreementContext): Checked<AgreementChange> {
  const { partner } = context;
  if (partner === undefined) return { ok: false, problems: [unknownPartner(input.partner)] };
  const problems: string[] = [];
  const warnings: string[] = [];
  const direction = input.direction as Direction;
  if (!DIRECTIONS.includes(direction)) {
    return { ok: false, problems: [`unknown direction "${input.direction}": expected ${DIRECTIONS.join(' or ')}`] };
  }
  if (partner.kind === 'public' && direction === 'inbound') {
    return { ok: false, problems: [`${partner.name} is the public: it sends nothing, so it can have only an outbound agreement`] };
  }
  const place = target(input, direction, context, problems);
  const previous = place?.previous;

  const collections = input.collections === undefined ? previous?.collections ?? [ANY]
    : checkList('collections', input.collections, (id) => (context.collectionIds === undefined || context.collectionIds.has(id) ? undefined
      : `there is no collection "${id}" on this node (see \`accord collection list\`)`), problems);
  const objectTypes = input.types === undefined ? previous?.objectTypes ?? [ANY] : checkList('object types', input.types, objectTypeProblem, problems);
  const tlp = input.tlp === undefined ? previous?.tlp ?? defaultTlp(partner) : checkTlp(input.tlp, problems);
  if (partner.kind === 'public' && tlp !== undefined && tlp.some((level) => level !== 'clear')) {
    problems.push(`${partner.name} is the public: only TLP:CLEAR may go to the public (TLP 2.0), not ${tlp.filter((level) => level !== 'clear').map((level) => `TLP:${level.toUpperCase()}`).join(', ')}`);
  }
  let onward = previous?.onward ?? false;
  if (input.onward !== undefined) {
    const answer = input.onward.trim().toLowerCase();
    if (answer === 'yes' || answer === 'no') onward = answer === 'yes';
    else problems.push(`--onward takes yes or no, not "${input.onward}"`);
  }
  if (problems.length > 0 || place === undefined || collections === undefined || objectTypes === undefined || tlp === undefined) return { ok: false, problems };

  const restricted = tlp.filter((level) => NEVER_ONWARD.includes(level));
  if (onward && restricted.length > 0) {
    warnings.push(`onward sharing applies only to TLP:CLEAR and TLP:GREEN: what is marked ${restricted.map((level) => `TLP:${level.toUpperCase()}`).join(', ')} under ${place.id} never travels onward`);
  }
  const basis = input.basis === undefined ? previous?.basis : input.basis.trim() || undefined;
  const agreement: SharingAgreement = {
    id: place.id,
    partner: partner.name,
    direction,
    collections,
    objectTypes,
    tlp,
    onward,
    ...(basis !== undefined && { basis }),
    updatedAt: context.now ?? clockNow(),
  };
  return { ok: true, value: { agreement, ...(previous !== undefined && { previous }) }, warnings };
}
