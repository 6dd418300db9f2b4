/**
 * The small toolkit the demo scenario's data modules (uk.ts, au.ts, pl.ts) write
 * their objects with: deterministic ids (UUIDv5 of the seed's namespace and a
 * name), timestamps relative to `now`, TLP 2.0 markings, TLP:RED recipients, and
 * relationships marked no less strictly than what they link. Pure: no I/O, no clock.
 */
import { createHash } from 'node:crypto';
import { nodeLocationIds } from '../../federation/node-identity.ts';
import { RECIPIENTS_PROPERTY } from '../../federation/policy.ts';
import { uuidV5 } from '../../stix/identifier.ts';
import {
  TLP2_AMBER, TLP2_AMBER_STRICT, TLP2_CLEAR, TLP2_GREEN, TLP2_RED, TLP_LEVELS, type TlpLevel,
} from '../../stix/markings.ts';
import type { StixObject } from '../../stix/object.ts';
import type { KillChainPhase, MarkingDefinition } from '../../stix/types/index.ts';

/** A TLP 2.0 level, or `unmarked` (no `object_marking_refs`: the receiving node's default marking applies). */
export type DemoMarking = TlpLevel | 'unmarked';

/** The identity id of each demo node. */
export type NodeIdentities = Readonly<Record<'uk' | 'au' | 'pl', string>>;

/** The published TLP 2.0 marking-definition of each level. */
export const TLP2_BY_LEVEL: Readonly<Record<TlpLevel, MarkingDefinition>> = {
  clear: TLP2_CLEAR,
  green: TLP2_GREEN,
  amber: TLP2_AMBER,
  'amber+strict': TLP2_AMBER_STRICT,
  red: TLP2_RED,
};

/** The fixed namespace of every demo id; the seed picks a namespace below it. */
export const DEMO_NAMESPACE = '6f1d2c8e-4b7a-4e35-9c0d-3a5b7e9f1c24';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The namespace of one seed's ids: another seed gives other ids, since its content differs too. */
export function seedNamespace(seed: number): string {
  return uuidV5(DEMO_NAMESPACE, `seed ${seed}`);
}

/** The id of a demo object: `type--UUIDv5(namespace, "node/key")`. */
export function demoId(namespace: string, node: string, type: string, key: string): string {
  return `${type}--${uuidV5(namespace, `${node}/${type}/${key}`)}`;
}

/** ATT&CK technique reference (hand-written: public technique ids, names and pages). */
function attackReference(techniqueId: string): { source_name: string; external_id: string; url: string } {
  return {
    source_name: 'mitre-attack',
    external_id: techniqueId,
    url: `https://attack.mitre.org/techniques/${techniqueId.replace('.', '/')}/`,
  };
}

/** Kill chain phases of the MITRE ATT&CK enterprise matrix. */
function attackPhases(...phases: string[]): KillChainPhase[] {
  return phases.map((phase_name) => ({ kill_chain_name: 'mitre-attack', phase_name }));
}

/** What every object made through `NodeBuilder.add` takes besides its own properties. */
export interface AddOptions {
  /** Its TLP level, or `unmarked`. */
  tlp: DemoMarking;
  /** How many days before `now` it was created (the seed adds up to 12 hours more). */
  daysAgo: number;
  /** TLP:RED only: the identity ids it may go to (`x_accord_recipients`). */
  recipients?: readonly string[];
  /** Created at the same moment as this object (added before), instead of `daysAgo`. */
  createdWith?: string;
}

export interface IndicatorSpec {
  key: string;
  name: string;
  pattern: string;
  tlp: DemoMarking;
  daysAgo: number;
  /** What it indicates (ids added before it). */
  indicates: readonly string[];
  /** `indicator_types` (default `malicious-activity`). */
  types?: readonly string[];
  description?: string;
  /** Days after `valid_from` that it stops being valid; absent: no end. */
  validForDays?: number;
  confidence?: number;
  recipients?: readonly string[];
}

export interface SightingSpec {
  /** The indicator (or other SDO) sighted. */
  of: string;
  /** Days before `now` of the first sighting. */
  firstSeenDaysAgo: number;
  /** Hours from the first sighting to the last. */
  hours: number;
  count: number;
  tlp: DemoMarking;
  description?: string;
  recipients?: readonly string[];
}

interface Facts {
  level: DemoMarking;
  created: number;
  recipients?: readonly string[] | undefined;
}

/** Builds the objects one node holds at the start of the demo, in the order they are added. */
export class NodeBuilder {
  readonly objects: StixObject[] = [];
  private readonly facts = new Map<string, Facts>();

  constructor(
    private readonly namespace: string,
    private readonly seed: number,
    readonly node: string,
    readonly identityId: string,
    private readonly now: number,
  ) {}

  id(type: string, key: string): string {
    return demoId(this.namespace, this.node, type, key);
  }

  /** Seed-dependent bytes for `key`: hashes in patterns, time jitter. */
  digest(key: string): string {
    return createHash('sha256').update(`${this.seed}/${this.node}/${key}`).digest('hex');
  }

  /** `daysAgo` days before now, less a seed-dependent jitter under 12 hours (so whole days apart keep their order). */
  time(daysAgo: number, key: string): number {
    const jitter = Number.parseInt(this.digest(`time/${key}`).slice(0, 8), 16) % (12 * 60);
    return this.now - daysAgo * DAY - jitter * MINUTE;
  }

  /** Adds an object created by this node; returns its id. */
  add(type: string, key: string, options: AddOptions, properties: Record<string, unknown>): string {
    return this.addAs(this.id(type, key), options, properties);
  }

  /** Adds an object under a given id (the node's identity, and what node-identity.ts derives from it). */
  addAs(id: string, options: AddOptions, properties: Record<string, unknown>): string {
    const created = options.createdWith === undefined ? this.time(options.daysAgo, id) : this.factsOf(options.createdWith).created;
    return this.push(id, created, options, properties);
  }

  /** Adds an object whose `created` is given (relationships, sightings): returns its id. */
  private push(id: string, created: number, options: Omit<AddOptions, 'daysAgo' | 'createdWith'>, properties: Record<string, unknown>): string {
    const type = id.slice(0, id.indexOf('--'));
    const timestamp = stamp(created);
    const { tlp, recipients } = options;
    if (tlp === 'red' && (recipients === undefined || recipients.length === 0)) {
      throw new Error(`demo scenario: TLP:RED ${id} names no recipients`);
    }
    const object: StixObject = {
      type,
      spec_version: '2.1',
      id,
      ...(id !== this.identityId && { created_by_ref: this.identityId }),
      created: timestamp,
      modified: timestamp,
      ...properties,
      ...(tlp !== 'unmarked' && { object_marking_refs: [TLP2_BY_LEVEL[tlp].id] }),
      ...(tlp === 'red' && { [RECIPIENTS_PROPERTY]: [...recipients!] }),
    };
    this.objects.push(object);
    this.facts.set(id, { level: tlp, created, recipients: tlp === 'red' ? recipients : undefined });
    return id;
  }

  private factsOf(id: string): Facts {
    const facts = this.facts.get(id);
    if (facts === undefined) throw new Error(`demo scenario: ${id} is referenced before it is added on node ${this.node}`);
    return facts;
  }

  /**
   * The marking of something that reveals `ids` together (a relationship, a
   * sighting): the strictest of theirs, an unmarked one counting as the
   * default TLP:AMBER; unmarked only when all are. TLP:RED goes to those every
   * RED one names.
   */
  private derived(ids: readonly string[]): Omit<AddOptions, 'daysAgo' | 'createdWith'> {
    const facts = ids.map((id) => this.factsOf(id));
    if (facts.every((fact) => fact.level === 'unmarked')) return { tlp: 'unmarked' };
    const tlp = TLP_LEVELS[Math.max(...facts.map((fact) => rank(fact.level)))]!;
    if (tlp !== 'red') return { tlp };
    const named = facts.filter((fact) => fact.level === 'red').map((fact) => fact.recipients ?? []);
    return { tlp, recipients: named.reduce((all, list) => all.filter((id) => list.includes(id))) };
  }

  /** A relationship, created when the later of its ends was, marked as `derived` says. */
  relate(relationshipType: string, source: string, target: string): string {
    const created = Math.max(this.factsOf(source).created, this.factsOf(target).created);
    return this.push(
      this.id('relationship', `${relationshipType}/${source}/${target}`), created, this.derived([source, target]),
      { relationship_type: relationshipType, source_ref: source, target_ref: target },
    );
  }

  /** An ATT&CK technique as an attack-pattern (TLP:CLEAR: public knowledge), keyed by its id. */
  technique(techniqueId: string, name: string, ...phases: string[]): string {
    return this.add('attack-pattern', techniqueId, { tlp: 'clear', daysAgo: 300 }, {
      name, external_references: [attackReference(techniqueId)], kill_chain_phases: attackPhases(...phases),
    });
  }

  /**
   * A campaign seen from `seen[0]` to `seen[1]` days ago: created two days
   * after it was first seen, last modified when it was last seen.
   */
  campaign(key: string, tlp: DemoMarking, seen: readonly [first: number, last: number], properties: Record<string, unknown>): string {
    const [first, last] = seen;
    if (last > first - 3) throw new Error(`demo scenario: campaign ${key} must be last seen at least three days after it was first seen`);
    const lastSeen = this.stampDaysAgo(last, `campaign/${key}/last`);
    return this.add('campaign', key, { tlp, daysAgo: first - 2 }, {
      ...properties,
      first_seen: this.stampDaysAgo(first, `campaign/${key}/first`),
      last_seen: lastSeen,
      modified: lastSeen,
    });
  }

  /** One relationship from `source` to each of `targets`. */
  relateEach(relationshipType: string, source: string, targets: readonly string[]): void {
    for (const target of targets) this.relate(relationshipType, source, target);
  }

  /** `time` as a STIX timestamp. */
  stampDaysAgo(daysAgo: number, key: string): string {
    return stamp(this.time(daysAgo, key));
  }

  /** The id of the node's country (a `location`, as node-identity.ts derives it). */
  get country(): string {
    return nodeLocationIds(this.identityId).location;
  }

  /** An indicator (STIX patterning, `valid_from` its creation) and an `indicates` relationship to each of `indicates`. */
  indicator(spec: IndicatorSpec): string {
    const validFrom = this.time(spec.daysAgo, this.id('indicator', spec.key));
    const id = this.add('indicator', spec.key, spec, {
      name: spec.name,
      ...(spec.description !== undefined && { description: spec.description }),
      indicator_types: [...(spec.types ?? ['malicious-activity'])],
      pattern: spec.pattern,
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: stamp(validFrom),
      ...(spec.validForDays !== undefined && { valid_until: stamp(validFrom + spec.validForDays * DAY) }),
      confidence: spec.confidence ?? 70,
    });
    for (const target of spec.indicates) this.relate('indicates', id, target);
    return id;
  }

  /** A sighting by this node (`where_sighted_refs`: its identity), created half an hour after the last sighting. */
  sighting(spec: SightingSpec): string {
    const first = this.time(spec.firstSeenDaysAgo, `sighting/${spec.of}`);
    const last = first + spec.hours * 60 * MINUTE;
    const created = Math.min(last + 30 * MINUTE, this.now);
    const least = this.derived([spec.of]).tlp;
    if (rank(spec.tlp) < rank(least)) throw new Error(`demo scenario: a ${spec.tlp} sighting of ${spec.of} would reveal a ${least} object`);
    return this.push(this.id('sighting', spec.of), created, spec, {
      ...(spec.description !== undefined && { description: spec.description }),
      first_seen: stamp(first),
      last_seen: stamp(last),
      count: spec.count,
      sighting_of_ref: spec.of,
      where_sighted_refs: [this.identityId],
    });
  }

  /**
   * A report (or a grouping: `context` instead of `published`) of `refs` no
   * stricter than its own marking, and of the relationships among them that
   * are no stricter either: what a reader of the report may also read.
   */
  collection(type: 'report' | 'grouping', key: string, options: AddOptions, refs: readonly string[], properties: Record<string, unknown>): string {
    const allowed = (id: string) => rank(this.factsOf(id).level) <= rank(options.tlp);
    const chosen = new Set(refs.filter(allowed));
    for (const object of this.objects) {
      if (object.type === 'relationship' && allowed(object.id) && chosen.has(object.source_ref as string) && chosen.has(object.target_ref as string)) {
        chosen.add(object.id);
      }
    }
    const published = type === 'report' ? { published: stamp(this.time(options.daysAgo, this.id(type, key))) } : {};
    return this.add(type, key, options, { ...properties, ...published, object_refs: [...chosen] });
  }

  /** The TLP 2.0 marking-definitions this node's objects reference, least restrictive first. */
  markingsUsed(): MarkingDefinition[] {
    const used = new Set(this.objects.flatMap((object) => object.object_marking_refs ?? []));
    return TLP_LEVELS.map((level) => TLP2_BY_LEVEL[level]).filter((marking) => used.has(marking.id)).map((marking) => structuredClone(marking));
  }
}

/** The rank of a marking in `TLP_LEVELS`, unmarked counting as the default TLP:AMBER. */
function rank(marking: DemoMarking): number {
  return TLP_LEVELS.indexOf(marking === 'unmarked' ? 'amber' : marking);
}

/** A STIX timestamp with millisecond precision. */
export function stamp(milliseconds: number): string {
  return new Date(milliseconds).toISOString();
}
