/**
 * An independent reading of the sharing rules (docs/policy.md, FIRST TLP 2.0) for
 * the multi-node federation tests: written from the documented rules, not from
 * `decide`, and applied to what the nodes really hold, so a test can say both
 * "nothing reached a node the policy forbids" and "everything allowed arrived".
 *
 * A version may go from node P to node Z when Z did not create it (`created_by_ref`),
 * P's outbound agreement with Z covers its type and lists its level, Z's inbound agreement with P does too, a RED
 * version names Z's identity in `x_accord_recipients`, and — when P received it
 * from some partner S — Z is not S, the level is CLEAR or GREEN, and the inbound
 * agreement P received it under allows onward sharing.
 */
import type { AgreementRecord, ProvenanceRecord } from '../../src/store/local/local-store.ts';
import { TLP2_AMBER, TLP2_AMBER_STRICT, TLP2_CLEAR, TLP2_GREEN, TLP2_RED, type TlpLevel } from '../../src/stix/markings.ts';
import type { StixObject } from '../../src/stix/object.ts';
import type { Federation } from './federation-nodes.ts';
import { versionKey } from './federation-nodes.ts';

const LEVELS: readonly TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];
const BY_MARKING = new Map<string, TlpLevel>([
  [TLP2_CLEAR.id, 'clear'], [TLP2_GREEN.id, 'green'], [TLP2_AMBER.id, 'amber'], [TLP2_AMBER_STRICT.id, 'amber+strict'], [TLP2_RED.id, 'red'],
]);

/** The strictest TLP 2.0 object marking; unmarked: TLP:AMBER (the default marking out of the box). */
export function levelOf(object: StixObject): TlpLevel {
  const ranks = (object.object_marking_refs ?? []).map((id) => LEVELS.indexOf(BY_MARKING.get(id)!)).filter((rank) => rank >= 0);
  return ranks.length === 0 ? 'amber' : LEVELS[Math.max(...ranks)]!;
}

/** What one node knows: its agreements, its identity, and the provenance of each test version it holds (null: it made it). */
export interface NodeView {
  name: string;
  identityId: string;
  agreements: AgreementRecord[];
  held: Map<string, ProvenanceRecord | null>;
}

/** Reads every node's agreements, and which of `objects` it holds with their provenance. */
export async function viewsOf(federation: Federation, objects: readonly StixObject[]): Promise<Map<string, NodeView>> {
  const views = new Map<string, NodeView>();
  for (const [name, node] of Object.entries(federation.nodes)) {
    const holdings = await federation.holdings(name);
    views.set(name, await federation.with(name, (stores) => {
      const held = new Map<string, ProvenanceRecord | null>();
      for (const object of objects) {
        if (holdings.has(versionKey(object))) held.set(versionKey(object), stores.local.provenanceOf(object.id, String(object.modified)) ?? null);
      }
      return { name, identityId: node.identity.id, agreements: stores.local.listAgreements(), held };
    }));
  }
  return views;
}

function covering(view: NodeView, partner: string, direction: AgreementRecord['direction'], object: StixObject, level: TlpLevel): AgreementRecord[] {
  return view.agreements.filter((agreement) => agreement.partner === partner && agreement.direction === direction
    && (agreement.objectTypes.includes('*') || agreement.objectTypes.includes(object.type)) && agreement.tlp.includes(level));
}

/** Why `from` may not pass `object` (held there with `provenance`) to `to`, or undefined when it may. */
export function forbidden(views: ReadonlyMap<string, NodeView>, from: string, to: string, object: StixObject, provenance: ProvenanceRecord | null): string | undefined {
  const sender = views.get(from)!;
  const receiver = views.get(to)!;
  const level = levelOf(object);
  if (object.created_by_ref === receiver.identityId) return `${to} created it: never sent back`;
  if (provenance !== null) {
    if (provenance.partner === to) return `${from} received it from ${to}: never sent back`;
    if (level !== 'clear' && level !== 'green') return `${level} received by ${from} from ${provenance.partner} never travels onward`;
    const inbound = sender.agreements.find((agreement) => agreement.id === provenance.agreementId);
    if (inbound?.onward !== true) return `${from}'s inbound agreement ${provenance.agreementId} does not allow onward sharing`;
  }
  if (covering(sender, to, 'outbound', object, level).length === 0) return `no outbound agreement of ${from} with ${to} covers ${object.type} at ${level}`;
  if (covering(receiver, from, 'inbound', object, level).length === 0) return `no inbound agreement of ${to} with ${from} covers ${object.type} at ${level}`;
  const recipients = object.x_accord_recipients;
  if (level === 'red' && !(Array.isArray(recipients) && recipients.includes(receiver.identityId))) return `${to} is not named in the RED version's recipients`;
  return undefined;
}

/**
 * Every breach of the rules in what the nodes hold: a version at a node that did
 * not make it whose recorded sender could not have given it (safety), and a
 * version a node could give a partner that the partner still lacks (liveness,
 * once sync has converged). `origin`: which node made each version.
 */
export function breaches(views: ReadonlyMap<string, NodeView>, objects: readonly StixObject[], origin: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const object of objects) {
    const key = versionKey(object);
    const maker = origin.get(key)!;
    for (const view of views.values()) {
      if (!view.held.has(key)) continue;
      const provenance = view.held.get(key)!;
      if (view.name === maker) {
        // An echo of its own version must not make it look received (and so restrict or misattribute it).
        if (provenance !== null) found.push(`ECHO: ${key} made at ${maker} came back from ${provenance.partner} and now has its provenance`);
        continue;
      }
      if (provenance === null) {
        found.push(`${key} (${levelOf(object)}) is at ${view.name} with no provenance`);
        continue;
      }
      const senderHeld = views.get(provenance.partner)?.held;
      if (senderHeld?.has(key) !== true) {
        found.push(`${key} is at ${view.name} from ${provenance.partner}, which does not hold it`);
        continue;
      }
      const why = forbidden(views, provenance.partner, view.name, object, senderHeld.get(key)!);
      if (why !== undefined) found.push(`FORBIDDEN: ${key} (${levelOf(object)}, made at ${maker}) reached ${view.name} from ${provenance.partner}: ${why}`);
      const inbound = view.agreements.find((agreement) => agreement.id === provenance.agreementId);
      if (inbound === undefined || inbound.direction !== 'inbound' || inbound.partner !== provenance.partner) found.push(`${key} at ${view.name}: provenance names agreement ${provenance.agreementId}, not an inbound agreement with ${provenance.partner}`);
    }
    for (const sender of views.values()) {
      if (!sender.held.has(key)) continue;
      for (const receiver of views.values()) {
        if (receiver === sender || receiver.held.has(key) || receiver.name === maker) continue;
        if (forbidden(views, sender.name, receiver.name, object, sender.held.get(key)!) === undefined) {
          found.push(`MISSING: ${key} (${levelOf(object)}, made at ${maker}) may go from ${sender.name} to ${receiver.name} but has not arrived`);
        }
      }
    }
  }
  return found;
}
