import { AppError, ErrorCode } from '../../common/errors.ts';
import { displayName } from '../../stix/display-name.ts';
import type { StixObject } from '../../stix/object.ts';
import { correlationKeys } from './keys.ts';
import { describeKey } from './observable-values.ts';
import { reachTargets, type Hit } from './reach.ts';
import { readLatest, type IndexedStore } from './read.ts';
import { incidentScope } from './scope.ts';
import { techniqueOverlaps, type TechniqueOverlap } from './techniques.ts';

export interface CorrelationOptions {
  /** A value carried by, or whose carrier is referenced by, more than this many objects is over-common (default 50). */
  cap?: number;
  /** At most this many suggestions, best first (default 20). */
  limit?: number;
  /** Examples per reason (default 5). */
  examples?: number;
}

export type ReasonKind = 'observables' | 'techniques' | 'infrastructure';

export interface Reason {
  kind: ReasonKind;
  count: number;
  /** A few of what is shared: readable values, technique ids, infrastructure names. */
  examples: string[];
  /** Techniques only: |incident ∩ target| / |incident ∪ target|. */
  jaccard?: number;
}

export interface Suggestion {
  targetId: string;
  targetType: string;
  targetName: string;
  /** The name of the identity that created the target (the partner it came from), when stored. */
  origin?: string;
  score: number;
  reasons: Reason[];
  explanation: string;
}

export interface Correlation {
  suggestions: Suggestion[];
  /** Values of the incident left out as over-common (public resolvers, popular domains…), readable. */
  overCommon: string[];
}

/** Weights of the score (docs/correlation.md): a rare shared value ≈ 1, a shared infrastructure 2, all techniques in common 10. */
const INFRASTRUCTURE_WEIGHT = 2;
const TECHNIQUE_WEIGHT = 10;

/** Ranked, explained suggestions for an incident (see `correlate`). */
export async function correlateIncident(store: IndexedStore, incidentId: string, options: CorrelationOptions = {}): Promise<Suggestion[]> {
  return (await correlate(store, incidentId, options)).suggestions;
}

/**
 * Correlates an incident with what the store knows: the intrusion sets,
 * threat actors, campaigns, other incidents and reports that share its
 * observable values, its infrastructure, or its ATT&CK techniques (Jaccard).
 * Brings the observable index up to date first. STORE_NOT_FOUND when
 * `incidentId` is not a stored incident.
 */
export async function correlate(store: IndexedStore, incidentId: string, options: CorrelationOptions = {}): Promise<Correlation> {
  const { cap, limit, examples } = settings(options);
  const index = store.observableIndex;
  await index.refresh(correlationKeys);
  const incident = (await readLatest(store, [incidentId])).get(incidentId);
  if (incident?.type !== 'incident') throw new AppError(ErrorCode.STORE_NOT_FOUND, `no incident ${incidentId} is stored`, { id: incidentId });

  const scope = await incidentScope(store, index, incident);
  const values = [...new Set([...(await index.keysOf([...scope.keys()])).values()].flat().filter((key) => key.startsWith('obs:')))];
  const carriers = await index.carriers(values, cap + 1);
  const starts = new Map<string, string[]>();
  const overCommon = new Set<string>();
  for (const [value, found] of carriers) {
    if (found.count > cap) overCommon.add(value);
    else starts.set(value, found.objects.map((o) => o.object.id));
  }
  for (const object of scope.values()) if (object.type === 'infrastructure') starts.set(infrastructureOrigin(object.id), [object.id]);
  const reached = await reachTargets(index, starts, cap, incidentId);
  for (const value of reached.overCommon) overCommon.add(value);
  const techniques = await techniqueOverlaps(store, index, scope);

  const ranked = rank(reached.hits, techniques).slice(0, limit);
  const named = await readLatest(store, [...ranked.map((t) => t.target), ...[...ranked.flatMap((t) => [...t.infrastructure])]]);
  const creators = await readLatest(store, ranked.map((t) => named.get(t.target)?.created_by_ref).filter((ref): ref is string => typeof ref === 'string'));
  return {
    suggestions: ranked.map((t) => suggestion(t, named, creators, examples)),
    overCommon: [...overCommon].filter((key) => key.startsWith('obs:')).map(describeKey).sort(),
  };
}

function settings(options: CorrelationOptions): Required<CorrelationOptions> {
  const chosen = { cap: options.cap ?? 50, limit: options.limit ?? 20, examples: options.examples ?? 5 };
  for (const [name, value] of Object.entries(chosen)) {
    const least = name === 'examples' ? 0 : 1;
    if (!Number.isSafeInteger(value) || value < least) {
      throw new AppError(ErrorCode.CORRELATION_BAD_OPTIONS, `correlation option ${name} must be a whole number of at least ${least}, not ${String(value)}`, { option: name, value });
    }
  }
  return chosen;
}

interface Ranked {
  target: string;
  values: Set<string>;
  infrastructure: Set<string>;
  techniques?: TechniqueOverlap;
  score: number;
}

/**
 * Score = Σ over shared values of 1 / (1 + ln n), n the number of targets the
 * value reaches (an inverse document frequency: a value shared with one
 * target counts 1, with ten 0.30) + 2 per shared infrastructure + 10 × Jaccard.
 */
function rank(hits: readonly Hit[], techniques: ReadonlyMap<string, TechniqueOverlap>): Ranked[] {
  const byTarget = new Map<string, Ranked>();
  const entry = (target: string): Ranked => {
    let found = byTarget.get(target);
    if (!found) byTarget.set(target, (found = { target, values: new Set(), infrastructure: new Set(), score: 0 }));
    return found;
  };
  const reach = new Map<string, Set<string>>();
  for (const hit of hits) {
    const target = entry(hit.target);
    const infrastructure = infrastructureOf(hit.origin) ?? hit.via;
    if (infrastructure !== undefined) target.infrastructure.add(infrastructure);
    if (hit.origin.startsWith('obs:')) {
      target.values.add(hit.origin);
      (reach.get(hit.origin) ?? reach.set(hit.origin, new Set()).get(hit.origin)!).add(hit.target);
    }
  }
  for (const [target, overlap] of techniques) entry(target).techniques = overlap;
  for (const target of byTarget.values()) {
    let score = INFRASTRUCTURE_WEIGHT * target.infrastructure.size + TECHNIQUE_WEIGHT * (target.techniques?.jaccard ?? 0);
    for (const value of target.values) score += 1 / (1 + Math.log(reach.get(value)!.size));
    target.score = Math.round(score * 1000) / 1000;
  }
  return [...byTarget.values()].sort((a, b) => b.score - a.score || (a.target < b.target ? -1 : 1));
}

function suggestion(ranked: Ranked, named: ReadonlyMap<string, StixObject>, creators: ReadonlyMap<string, StixObject>, examples: number): Suggestion {
  const target = named.get(ranked.target);
  const targetType = target?.type ?? ranked.target.slice(0, ranked.target.indexOf('--'));
  const targetName = target ? displayName(target) : ranked.target;
  const creator = typeof target?.created_by_ref === 'string' ? creators.get(target.created_by_ref) : undefined;
  const origin = creator ? displayName(creator) : undefined;
  const reasons: Reason[] = [];
  if (ranked.values.size > 0) reasons.push({ kind: 'observables', count: ranked.values.size, examples: [...ranked.values].sort().slice(0, examples).map(describeKey) });
  if (ranked.techniques) {
    const { shared, jaccard } = ranked.techniques;
    reasons.push({ kind: 'techniques', count: shared.length, examples: shared.slice(0, examples), jaccard: Math.round(jaccard * 1000) / 1000 });
  }
  if (ranked.infrastructure.size > 0) {
    const names = [...ranked.infrastructure].map((id) => { const o = named.get(id); return o ? displayName(o) : id; }).sort();
    reasons.push({ kind: 'infrastructure', count: names.length, examples: names.slice(0, examples) });
  }
  const shares = reasons.map((reason) => `${reason.count} ${reason.count === 1 ? SINGULAR[reason.kind] : reason.kind}`);
  const list = shares.length > 1 ? `${shares.slice(0, -1).join(', ')} and ${shares.at(-1)}` : shares[0];
  const explanation = `shares ${list} with ${targetType.replace(/-/g, ' ')} ${targetName}${origin ? ` (from ${origin})` : ''}`;
  return { targetId: ranked.target, targetType, targetName, ...(origin ? { origin } : {}), score: ranked.score, reasons, explanation };
}

const SINGULAR: Record<ReasonKind, string> = { observables: 'observable', techniques: 'technique', infrastructure: 'infrastructure' };

const infrastructureOrigin = (id: string): string => `infra:${id}`;
const infrastructureOf = (origin: string): string | undefined => (origin.startsWith('infra:') ? origin.slice('infra:'.length) : undefined);
