/**
 * The demo federation's seed scenario (issue 5, docs/demo-scenario.md): what the
 * UK, AU and PL nodes of `accord demo` hold when they start, and the sharing
 * agreements among them, as plain data. Pure: no files, network or database;
 * the same `seed` and `now` always give the same objects, and another `now`
 * shifts every timestamp but keeps every id.
 */
import type { SharingAgreement } from '../../federation/model.ts';
import { countryName, nodeLocationIds } from '../../federation/node-identity.ts';
import type { StixObject } from '../../stix/object.ts';
import type { Identity } from '../../stix/types/index.ts';
import { buildAu } from './au.ts';
import { NodeBuilder, demoId, seedNamespace } from './builder.ts';
import { buildPl } from './pl.ts';
import { buildUk } from './uk.ts';

export const DEMO_NODE_NAMES = ['uk', 'au', 'pl'] as const;
export type DemoNodeName = (typeof DEMO_NODE_NAMES)[number];

/** The seed when none is given. */
export const DEFAULT_DEMO_SEED = 1;

export interface DemoScenarioOptions {
  /** The moment the scenario is built for: every timestamp lies before it (default: the clock). */
  now?: Date;
  /** Picks the ids and the generated values (file hashes, times of day); default `DEFAULT_DEMO_SEED`. */
  seed?: number;
}

export interface DemoNode {
  name: DemoNodeName;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** The node's STIX identity (also in `objects`). */
  identity: Identity;
  /**
   * Everything the node holds at the start: its identity, its country (a
   * `location` and a `located-at` relationship, with the ids node-identity.ts
   * derives from the identity's), the TLP 2.0 marking-definitions its objects
   * use, and its intelligence. Every `*_ref(s)` resolves among them.
   */
  objects: StixObject[];
}

/** `bilateral`: UK↔AU or UK↔PL, broad; `trilateral`: all three, joint cases only. */
export type DemoArrangement = 'bilateral' | 'trilateral';

/** One node's agreement with one partner in one direction, as `SharingAgreement` data without its id and time. */
export interface DemoAgreement extends Omit<SharingAgreement, 'id' | 'updatedAt'> {
  partner: DemoNodeName;
  arrangement: DemoArrangement;
}

export interface DemoScenario {
  seed: number;
  /** `now` as a STIX timestamp. */
  now: string;
  nodes: Record<DemoNodeName, DemoNode>;
  /** Each node's agreements: with each partner, one outbound and one inbound per arrangement that links them. */
  agreements: Record<DemoNodeName, DemoAgreement[]>;
}

interface NodeProfile {
  name: string;
  country: string;
  description: string;
}

const PROFILES: Readonly<Record<DemoNodeName, NodeProfile>> = {
  uk: {
    name: 'UK National Cyber Security Centre (demo)',
    country: 'GB',
    description: "The United Kingdom's node in the Accord demo federation. A stand-in for the national CERT: not the real organisation, and none of its data is real.",
  },
  au: {
    name: 'Australian Cyber Security Centre (demo)',
    country: 'AU',
    description: "Australia's node in the Accord demo federation. A stand-in for the national CERT: not the real organisation, and none of its data is real.",
  },
  pl: {
    name: 'CERT Polska (demo)',
    country: 'PL',
    description: "Poland's node in the Accord demo federation. A stand-in for the national CERT: not the real organisation, and none of its data is real.",
  },
};

/**
 * The types a joint case is made of: what the trilateral arrangement carries,
 * with Accord's workflow types (cases, evidence, assessments, co-signatures,
 * and what follows a case: legal assessments, norm tags and implementation
 * records, response options and positions, lessons learned), the partners'
 * identities (signers of joint statements) and the extension-definitions of
 * the workflow types.
 */
export const JOINT_CASE_TYPES: readonly string[] = [
  'incident', 'report', 'grouping', 'note', 'opinion', 'identity', 'extension-definition',
  'accord-attribution-case', 'accord-evidence', 'accord-assessment', 'accord-signature',
  'accord-legal-assessment', 'accord-norm-tag', 'accord-norm-implementation', 'accord-response-option', 'accord-response-position', 'accord-lessons-learned',
];

interface Link {
  nodes: readonly DemoNodeName[];
  arrangement: DemoArrangement;
  objectTypes: readonly string[];
  tlp: SharingAgreement['tlp'];
  onward: boolean;
  basis: string;
}

/**
 * The arrangements of the demo federation. Bilateral: every type, TLP up to
 * AMBER, nothing passed on. Trilateral: joint cases only, CLEAR and GREEN, and
 * what a partner sends may be passed on (within the community; only ever
 * CLEAR/GREEN, as the policy enforces).
 */
const LINKS: readonly Link[] = [
  {
    nodes: ['uk', 'au'], arrangement: 'bilateral', objectTypes: ['*'], tlp: ['clear', 'green', 'amber'], onward: false,
    basis: 'UK–Australia joint statement on cyber co-operation (demo): broad bilateral sharing of threat intelligence and incidents',
  },
  {
    nodes: ['uk', 'pl'], arrangement: 'bilateral', objectTypes: ['*'], tlp: ['clear', 'green', 'amber'], onward: false,
    basis: 'UK–Poland joint statement on cyber and security co-operation (demo): broad bilateral sharing of threat intelligence and incidents',
  },
  {
    nodes: ['uk', 'au', 'pl'], arrangement: 'trilateral', objectTypes: JOINT_CASE_TYPES, tlp: ['clear', 'green'], onward: true,
    basis: 'Trilateral arrangement among the UK, Australia and Poland for joint cases (demo): incidents, reports, groupings, notes, opinions and the attribution cases, assessments and co-signed statements worked together, and what follows them: legal assessments, norms, responses and lessons learned',
  },
];

/** The demo agreements of `node`: for each link it is part of, each other member, outbound then inbound. */
export function demoAgreements(node: DemoNodeName): DemoAgreement[] {
  const agreements: DemoAgreement[] = [];
  for (const link of LINKS) {
    if (!link.nodes.includes(node)) continue;
    for (const partner of link.nodes) {
      if (partner === node) continue;
      for (const direction of ['outbound', 'inbound'] as const) {
        agreements.push({
          partner, direction, arrangement: link.arrangement, collections: ['*'], objectTypes: [...link.objectTypes],
          tlp: [...link.tlp], onward: link.onward, basis: link.basis,
        });
      }
    }
  }
  return agreements;
}

/** An agreement id for `accord agreement set --id` (e.g. `au-bilateral-outbound`): unique among a node's demo agreements. */
export function demoAgreementId(agreement: Pick<DemoAgreement, 'partner' | 'arrangement' | 'direction'>): string {
  return `${agreement.partner}-${agreement.arrangement}-${agreement.direction}`;
}

/** The identity id of each demo node for `seed`. */
export function demoIdentityIds(seed: number = DEFAULT_DEMO_SEED): Record<DemoNodeName, string> {
  const namespace = seedNamespace(seed);
  return { uk: demoId(namespace, 'uk', 'identity', 'node'), au: demoId(namespace, 'au', 'identity', 'node'), pl: demoId(namespace, 'pl', 'identity', 'node') };
}

/**
 * The node's identity and its country, as node-identity.ts records them, both
 * TLP:CLEAR: the identity signs joint statements, which the public pages of
 * every partner show with their signers.
 */
function addNodeIdentity(builder: NodeBuilder, profile: NodeProfile): void {
  builder.addAs(builder.identityId, { tlp: 'clear', daysAgo: 400 }, {
    name: profile.name,
    description: profile.description,
    identity_class: 'organization',
    sectors: ['government-national'],
  });
  const ids = nodeLocationIds(builder.identityId);
  const same = { tlp: 'clear', daysAgo: 400, createdWith: builder.identityId } as const;
  builder.addAs(ids.location, same, { name: countryName(profile.country) ?? profile.country, country: profile.country });
  builder.addAs(ids.relationship, same, {
    relationship_type: 'located-at', source_ref: builder.identityId, target_ref: ids.location,
  });
}

/** Builds the demo federation's starting data (see docs/demo-scenario.md). */
export function buildDemoScenario(options: DemoScenarioOptions = {}): DemoScenario {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`the demo seed must be a whole number, not ${seed}`);
  const now = (options.now ?? new Date()).getTime();
  if (Number.isNaN(now)) throw new RangeError('the demo scenario needs a valid date for now');
  const namespace = seedNamespace(seed);
  const identities = demoIdentityIds(seed);
  const builders = {} as Record<DemoNodeName, NodeBuilder>;
  for (const name of DEMO_NODE_NAMES) {
    builders[name] = new NodeBuilder(namespace, seed, name, identities[name], now);
    addNodeIdentity(builders[name], PROFILES[name]);
  }
  buildUk(builders.uk, identities);
  buildAu(builders.au, identities);
  buildPl(builders.pl, identities);

  const nodes = {} as Record<DemoNodeName, DemoNode>;
  const agreements = {} as Record<DemoNodeName, DemoAgreement[]>;
  for (const name of DEMO_NODE_NAMES) {
    const builder = builders[name];
    const objects = [...builder.markingsUsed(), ...builder.objects];
    nodes[name] = { name, country: PROFILES[name].country, identity: builder.objects[0] as Identity, objects };
    agreements[name] = demoAgreements(name);
  }
  return { seed, now: new Date(now).toISOString(), nodes, agreements };
}
