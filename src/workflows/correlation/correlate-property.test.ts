import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prng } from '../../../test/support/prng.ts';
import { scoIdentifier, uuidV5 } from '../../stix/identifier.ts';
import type { StixObject } from '../../stix/object.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { correlate } from './correlate.ts';
import { correlationKeys, relatedRefs } from './keys.ts';
import { describeKey } from './observable-values.ts';
import { techniqueId } from './techniques.ts';

/**
 * Correlation through the store's index against a brute-force reference that
 * scans every object, on random small stores (seeded): several versions,
 * revocations, partners' copies of techniques, intermediates of every kind.
 * The reference walks forward from the definitions in docs/correlation.md;
 * the product walks the index backwards.
 */
const NS = 'e0d7c4f2-5b8a-4c1e-9d3f-2a6b8c0e4f17';
const EXTENSION = 'extension-definition--9c59fd79-4215-4ba2-920d-3e4f320e1e62';
const TARGETS = new Set(['intrusion-set', 'threat-actor', 'campaign', 'incident', 'report', 'grouping']);
const NOT_EVIDENCE = new Set([...TARGETS, 'identity', 'location', 'marking-definition', 'extension-definition', 'relationship']);
const INTERMEDIATES = new Set(['infrastructure', 'malware', 'observed-data']);
const HOLDERS = new Set(['intrusion-set', 'threat-actor', 'campaign']);

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const some = <T>(random: Random, items: readonly T[], most: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(random() * most) }, () => pick(random, items)))];
const typeOf = (id: string): string => id.slice(0, id.indexOf('--'));

/** A random store: every version in ingest order, and the latest version of each id. */
function randomStore(seed: number): { versions: StixObject[][]; latest: Map<string, StixObject>; incident: string } {
  const random = prng(seed);
  let n = 0;
  const stamp = (day: number): string => new Date(Date.UTC(2025, 0, 1 + day)).toISOString();
  const sdo = (type: string, props: Record<string, unknown>): StixObject => ({ type, spec_version: '2.1', id: `${type}--${uuidV5(NS, `${seed}/${n++}`)}`, created: stamp(0), modified: stamp(0), ...props });
  const sco = (props: { type: string; [key: string]: unknown }): StixObject => ({ ...props, spec_version: '2.1', id: scoIdentifier({ ...props, spec_version: '2.1' }) }) as StixObject;
  const rel = (type: string, source: string, target: string): StixObject => sdo('relationship', { relationship_type: type, source_ref: source, target_ref: target });

  const ips = Array.from({ length: 8 }, (_, i) => `192.0.2.${i}`);
  const domains = ['a.example', 'B.example', 'c.example'];
  const hashes = ['ab'.repeat(32), 'cd'.repeat(32)];
  const scos = [...ips.map((value) => sco({ type: 'ipv4-addr', value })), ...domains.map((value) => sco({ type: 'domain-name', value })),
    ...hashes.map((hash) => sco({ type: 'file', hashes: { [pick(random, ['SHA-256', 'sha256'])]: random() < 0.5 ? hash : hash.toUpperCase() } }))];
  const comparison = (): string => {
    const kind = random();
    if (kind < 0.6) return `ipv4-addr:value = '${pick(random, ips)}'`;
    if (kind < 0.8) return `domain-name:value = '${pick(random, domains).toLowerCase()}'`;
    return `file:hashes.'${pick(random, ['SHA-256', 'sha256'])}' = '${pick(random, hashes)}'`;
  };
  const pattern = (): string => (random() < 0.3 ? `[${comparison()} OR ${comparison()}]` : random() < 0.2 ? `[${comparison()}] AND [${comparison()}]` : `[${comparison()}]`);
  const indicators = Array.from({ length: 12 }, () => sdo('indicator', { pattern: pattern(), pattern_type: 'stix', valid_from: stamp(0) }));
  const techniqueIds = ['T1059', 'T1566', 'T1071', 'T1105', 'T1027'];
  const patterns = Array.from({ length: 7 }, (_, i) => sdo('attack-pattern', { name: `AP${i}`, ...(i === 6 ? {} : { external_references: [{ source_name: 'mitre-attack', external_id: pick(random, techniqueIds) }] }) }));
  const holders = [...Array.from({ length: 3 }, (_, i) => sdo('intrusion-set', { name: `IS${i}` })), sdo('threat-actor', { name: 'TA' }), sdo('campaign', { name: 'C' })];
  const infrastructure = Array.from({ length: 3 }, (_, i) => sdo('infrastructure', { name: `Infra${i}` }));
  const malware = Array.from({ length: 2 }, (_, i) => sdo('malware', { name: `M${i}`, is_family: true }));
  const observed = Array.from({ length: 2 }, () => sdo('observed-data', { first_observed: stamp(0), last_observed: stamp(0), number_observed: 1, object_refs: some(random, scos, 3).map((o) => o.id) }));
  const evidence = [...scos, ...indicators, ...infrastructure, ...patterns, ...observed];
  const incident = (): StixObject => sdo('incident', { name: 'I', extensions: { [EXTENSION]: { extension_type: 'property-extension', related_refs: some(random, evidence, 6).map((o) => o.id) } } });
  const incidents = Array.from({ length: 3 }, incident);
  const reports = Array.from({ length: 2 }, () => sdo('report', { name: 'R', published: stamp(0), object_refs: some(random, [...evidence, ...holders], 5).map((o) => o.id) }));
  const relationships = [
    ...indicators.map((indicator) => rel('indicates', indicator.id, pick(random, [...holders, ...malware]).id)),
    ...holders.flatMap((holder) => some(random, patterns, 4).map((p) => rel('uses', holder.id, p.id))),
    ...holders.flatMap((holder) => (random() < 0.5 ? [rel('uses', holder.id, pick(random, [...infrastructure, ...malware]).id)] : [])),
    ...infrastructure.flatMap((infra) => some(random, scos, 2).map((o) => rel('consists-of', infra.id, o.id))),
    ...observed.map((o) => rel('related-to', pick(random, holders).id, o.id)),
    ...(random() < 0.5 ? [rel('related-to', incidents[0]!.id, pick(random, evidence).id)] : []),
    ...(random() < 0.3 ? [rel('attributed-to', incidents[1]!.id, pick(random, holders).id)] : []),
  ];
  const first = [...scos, ...indicators, ...patterns, ...holders, ...infrastructure, ...malware, ...observed, ...incidents, ...reports, ...relationships];
  // Second versions: patterns change, relationships and indicators are revoked, an ATT&CK technique is deprecated.
  const second: StixObject[] = [];
  for (const object of [...indicators, ...relationships, ...patterns]) {
    const roll = random();
    if (roll > 0.25) continue;
    const next: StixObject = { ...object, modified: stamp(1) };
    if (object.type === 'indicator' && roll < 0.15) next.pattern = pattern();
    else if (object.type === 'attack-pattern') next.x_mitre_deprecated = true;
    else next.revoked = true;
    second.push(next);
  }
  const latest = new Map<string, StixObject>();
  for (const object of [...first, ...second]) latest.set(object.id, object);
  return { versions: [first, second], latest, incident: incidents[0]!.id };
}

interface Expected {
  values: string[];
  infrastructure: number;
  techniques: string[];
  jaccard?: number;
  score: number;
}

/** The reference: every lookup is a scan of all latest versions. */
function reference(latest: ReadonlyMap<string, StixObject>, incidentId: string): Map<string, Expected> {
  const all = [...latest.values()];
  const live = all.filter((o) => o.revoked !== true);
  const keysOf = (o: StixObject): string[] => [...correlationKeys.keys(o)];
  const refersTo = (holder: StixObject, id: string): string | undefined => {
    if (holder.type === 'relationship') return holder.source_ref === id ? holder.target_ref as string : holder.target_ref === id ? holder.source_ref as string : undefined;
    const refs = holder.type === 'incident' ? relatedRefs(holder) : ['report', 'grouping', 'observed-data'].includes(holder.type) ? (holder.object_refs as string[]) : [];
    return refs.includes(id) ? holder.id : undefined;
  };
  const referrers = (id: string): string[] => live.map((o) => refersTo(o, id)).filter((end): end is string => end !== undefined && end !== incidentId);

  // The incident's scope.
  const incident = latest.get(incidentId)!;
  const scope = new Map<string, StixObject>();
  let frontier = [incident];
  for (let hop = 0; hop < 3 && frontier.length > 0; hop++) {
    const next = new Set<string>();
    for (const node of frontier) {
      if (node.type === 'incident') relatedRefs(node).forEach((id) => next.add(id));
      if (node.type === 'observed-data') (node.object_refs as string[]).forEach((id) => next.add(id));
      for (const r of live.filter((o) => o.type === 'relationship' && (o.source_ref === node.id || o.target_ref === node.id))) {
        if (node.type === 'incident') next.add(r.source_ref === node.id ? r.target_ref as string : r.source_ref as string);
        if (node.type === 'infrastructure' && r.relationship_type === 'consists-of' && r.source_ref === node.id) next.add(r.target_ref as string);
      }
    }
    frontier = [];
    for (const id of next) {
      const object = latest.get(id);
      if (!object || id === incidentId || scope.has(id) || NOT_EVIDENCE.has(typeOf(id))) continue;
      scope.set(id, object);
      if (['sighting', 'observed-data', 'infrastructure'].includes(object.type)) frontier.push(object);
    }
  }

  // Observables and infrastructure: from each carrier, one hop to a target or two through an intermediate.
  const found = new Map<string, { values: Set<string>; infrastructure: Set<string> }>();
  const entry = (target: string) => found.get(target) ?? found.set(target, { values: new Set(), infrastructure: new Set() }).get(target)!;
  const walk = (start: string, onHit: (target: string, via?: string) => void): void => {
    for (const end of referrers(start)) {
      if (TARGETS.has(typeOf(end))) onHit(end);
      else if (INTERMEDIATES.has(typeOf(end))) {
        for (const end2 of referrers(end)) if (TARGETS.has(typeOf(end2))) onHit(end2, typeOf(end) === 'infrastructure' ? end : undefined);
      }
    }
  };
  const values = new Set([...scope.values()].flatMap(keysOf).filter((key) => key.startsWith('obs:')));
  const reach = new Map<string, Set<string>>();
  for (const value of values) {
    for (const carrier of live.filter((o) => keysOf(o).includes(value))) {
      walk(carrier.id, (target, via) => {
        entry(target).values.add(value);
        if (via) entry(target).infrastructure.add(via);
        (reach.get(value) ?? reach.set(value, new Set()).get(value)!).add(target);
      });
    }
  }
  for (const infra of [...scope.values()].filter((o) => o.type === 'infrastructure')) {
    walk(infra.id, (target, via) => {
      entry(target).infrastructure.add(infra.id);
      if (via) entry(target).infrastructure.add(via);
    });
  }

  // Techniques.
  const isTechnique = (o: StixObject | undefined): o is StixObject => o?.type === 'attack-pattern' && o.revoked !== true && o.x_mitre_deprecated !== true;
  const mine = new Set([...scope.values()].filter(isTechnique).map(techniqueId));
  const techniques = new Map<string, { shared: string[]; jaccard: number }>();
  for (const holder of new Set(live.filter((r) => r.relationship_type === 'uses' && HOLDERS.has(typeOf(r.source_ref as string))).map((r) => r.source_ref as string))) {
    const theirs = new Set(live.filter((r) => r.relationship_type === 'uses' && r.source_ref === holder).map((r) => latest.get(r.target_ref as string)).filter(isTechnique).map(techniqueId));
    const shared = [...mine].filter((t) => theirs.has(t)).sort();
    if (shared.length > 0) techniques.set(holder, { shared, jaccard: shared.length / (mine.size + theirs.size - shared.length) });
  }

  const expected = new Map<string, Expected>();
  for (const target of new Set([...found.keys(), ...techniques.keys()])) {
    const { values: shared, infrastructure } = found.get(target) ?? { values: new Set<string>(), infrastructure: new Set<string>() };
    const overlap = techniques.get(target);
    let score = 2 * infrastructure.size + 10 * (overlap?.jaccard ?? 0);
    for (const value of shared) score += 1 / (1 + Math.log(reach.get(value)!.size));
    expected.set(target, { values: [...shared].sort().map(describeKey), infrastructure: infrastructure.size, techniques: overlap?.shared ?? [],
      ...(overlap ? { jaccard: Math.round(overlap.jaccard * 1000) / 1000 } : {}), score: Math.round(score * 1000) / 1000 });
  }
  return expected;
}

describe('correlation against a brute-force reference', () => {
  for (let seed = 1; seed <= 60; seed++) {
    it(`agrees on random store ${seed}`, async () => {
      const { versions, latest, incident } = randomStore(seed);
      const store = await openSqliteStore({ path: ':memory:' });
      try {
        // Half the stores are indexed between the two batches, so that upkeep (not only the first build) is checked.
        await store.ingest(versions[0]!);
        if (seed % 2 === 0) await store.observableIndex.refresh(correlationKeys);
        await store.ingest(versions[1]!);
        const { suggestions } = await correlate(store, incident, { cap: 10_000, limit: 10_000, examples: 10_000 });
        const actual = new Map(suggestions.map((s) => {
          const reason = (kind: string) => s.reasons.find((r) => r.kind === kind);
          const overlap = reason('techniques');
          return [s.targetId, { values: reason('observables')?.examples ?? [], infrastructure: reason('infrastructure')?.count ?? 0, techniques: overlap?.examples ?? [],
            ...(overlap ? { jaccard: overlap.jaccard } : {}), score: s.score }];
        }));
        assert.deepEqual(actual, reference(latest, incident));
        assert.deepEqual(suggestions.map((s) => s.score), suggestions.map((s) => s.score).sort((a, b) => b - a));
      } finally {
        await store.close();
      }
    });
  }
});
