/**
 * What the demo's seeded workflows (joint-cases.ts, follow-up.ts) share: each
 * node's stores and identity, a clock that moves one minute a step (so every
 * version and history entry is in order), and delivery of one node's objects
 * to its partners as sync would bring them — stored in the default collection
 * with provenance naming the sender and the inbound agreement, so they are
 * never sent back and pass on only as that agreement allows.
 */
import type { KeyObject } from 'node:crypto';
import { TLP2_GREEN } from '../../stix/markings.ts';
import type { StixObject } from '../../stix/object.ts';
import type { LocalStore } from '../../store/local/local-store.ts';
import type { Store } from '../../store/store.ts';
import type { WorkflowContext } from '../extensions/store-objects.ts';
import { demoId, seedNamespace } from './builder.ts';
import { DEMO_NODE_NAMES, demoAgreementId, type DemoArrangement, type DemoNodeName } from './scenario.ts';

/** One demo node as the seeding sees it: its stores, default collection, identity and signing key. */
export interface JointCaseNode {
  store: Store;
  local: LocalStore;
  collectionId: string;
  identityId: string;
  signingKey: KeyObject;
  /** Its public key (SPKI DER base64), as its partners register it. */
  publicKey: string;
}

const MINUTE = 60_000;

export class DemoSeeding {
  private clock: number;

  constructor(readonly nodes: Readonly<Record<DemoNodeName, JointCaseNode>>, readonly seed: number, start: Date) {
    this.clock = start.getTime();
  }

  /** The next step's time, one minute after the last. */
  readonly tick = (): string => new Date((this.clock += MINUTE)).toISOString();

  /** `name`'s workflow context: its store and default collection, marked `marking` (default GREEN: the trilateral arrangement carries it, onward too). */
  ctx(name: DemoNodeName, marking: string = TLP2_GREEN.id): WorkflowContext {
    return { store: this.nodes[name].store, collections: [this.nodes[name].collectionId], markings: [marking], now: this.tick };
  }

  /** The id of `node`'s scenario object `type`/`key` (scenario.ts). */
  scenarioId(node: DemoNodeName, type: string, key: string): string {
    return demoId(seedNamespace(this.seed), node, type, key);
  }

  /** `from`'s objects arrive at each other node, as the trilateral sync would bring them. */
  async share(from: DemoNodeName, ...objects: StixObject[]): Promise<void> {
    for (const to of DEMO_NODE_NAMES) if (to !== from) await this.deliver(from, to, 'trilateral', objects);
  }

  /** Stores `objects` from `from` at `to` with provenance, as a sync pull under their `arrangement` would. */
  async deliver(from: DemoNodeName, to: DemoNodeName, arrangement: DemoArrangement, objects: readonly StixObject[]): Promise<void> {
    const node = this.nodes[to];
    const result = await node.store.ingest(objects, { collections: [node.collectionId] });
    if (result.conflicts.length > 0) throw new Error(`demo seeding: ${result.conflicts[0]!.message}`);
    const agreementId = demoAgreementId({ partner: from, arrangement, direction: 'inbound' });
    const receivedAt = this.tick();
    node.local.recordProvenance(objects.map((object) => ({ objectId: object.id, modified: (object.modified ?? object.created)!, partner: from, agreementId, receivedAt })));
  }
}
