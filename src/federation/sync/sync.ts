/**
 * Sync between partner nodes (issue 5; docs/federation.md "Sync"): pull (TAXII Get
 * Objects from the partner with a saved `added_after` cursor, paged, every page's
 * signature verified) and push (Add Objects to the partner, signed, in envelopes of
 * at most 1,000, status polled). Each link — partner, direction, collection —
 * keeps its cursor in the node-local store after every page or envelope, so a run
 * that stops half way resumes where it stopped; what is delivered twice is stored
 * once (the store de-duplicates versions).
 *
 * What goes out passes the one policy (`decide`, as the partner reads it); what
 * comes in passes this node's inbound agreements with its provenance recorded
 * first. Both are injected by the caller (`SyncNode.ingest`): the same path a
 * partner's Add Objects takes on this node's server.
 */
import { AppError, ErrorCode } from '../../common/errors.ts';
import type { StixObject } from '../../stix/object.ts';
import type { AuditLog } from '../../store/audit/audit-log.ts';
import type { LocalStore, SyncDirection, SyncStateRecord } from '../../store/local/local-store.ts';
import type { Store } from '../../store/store.ts';
import { formatTaxiiQuery, type ObjectsParams } from '../../taxii/query.ts';
import { DATE_ADDED_LAST_HEADER, type Collections, type Status, type TaxiiCollection } from '../../taxii/resources.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../taxii/retry.ts';
import type { Partner, Reader } from '../model.ts';
import { parseCredentials } from '../partners.ts';
import { decide, localPolicySource, policyContext, WithheldTally, type PolicySource } from '../policy.ts';
import { signEnvelope, verifyEnvelope } from '../signing.ts';
import { SIGNATURE_HEADER, syncRequest, type SyncHttpOptions } from './http.ts';

/** Objects per pushed envelope (and per pulled page asked for). */
export const SYNC_BATCH_SIZE = 1000;

/** The sync state row that summarises a whole link (partner and direction): last success, last error. */
export const LINK_ROW = '*';

/** What one partner's objects did when ingested here. */
export interface IngestCounts {
  /** Stored, or already here (a re-delivery). */
  accepted: number;
  /** Refused by an inbound agreement, or invalid. */
  refused: number;
}

/**
 * Ingests what `partner` sent into `collectionId`: admitted by this node's inbound
 * agreements with it, provenance recorded before anything is written, then
 * validated and stored (server/access.ts `partnerAdmission` + server/add-objects.ts
 * `addObjects`: the path of a partner's Add Objects).
 */
export type PartnerIngest = (partner: Partner, collectionId: string, objects: readonly unknown[]) => Promise<IngestCounts>;

export interface SyncNode {
  store: Store;
  local: LocalStore;
  audit: AuditLog;
  ingest: PartnerIngest;
  /** The policy's facts (default: the node-local store's, audited to `audit`). */
  policy?: PolicySource;
}

export interface SyncOptions {
  /** Only these collections (pull: the partner's ids; push: local ids). */
  collections?: readonly string[];
  retry?: RetryPolicy;
  timeoutMs?: number;
  random?: () => number;
  /** Between status requests of a push (default 200 ms). */
  pollIntervalMs?: number;
  /** Give up waiting for a pushed envelope's status after this long (default 60 s). */
  statusTimeoutMs?: number;
  now?: () => Date;
}

export interface SyncReport {
  partner: string;
  direction: SyncDirection;
  /** Collections read (pull: the partner's; push: this node's). */
  collections: number;
  /** Pages fetched (pull) or envelopes posted (push). */
  batches: number;
  /** Versions received (pull) or sent (push). */
  objects: number;
  /** Versions stored (or already there) by the receiver. */
  accepted: number;
  /** Versions the receiver refused (its inbound agreements, validation). */
  refused: number;
  /** Push: versions the policy kept from the partner. */
  withheld: number;
  /** One per failed collection (or one for the whole link); empty: the run succeeded. */
  errors: { collection: string; message: string }[];
}

/** Raised for a page whose signature does not verify: nothing of it is ingested. */
export class SignatureError extends AppError {
  constructor(message: string) {
    super(ErrorCode.AUTH_FORBIDDEN, message);
  }
}

/**
 * Pulls from `partnerName`: every collection of its node this node may read (all,
 * or those `options.collections` names), from each one's saved cursor, into this
 * node's default collection. Never throws for the partner's failures: they are
 * recorded in the sync state and the report (and the next run catches up).
 */
export async function pullFrom(node: SyncNode, partnerName: string, options: SyncOptions = {}): Promise<SyncReport> {
  const report = emptyReport(partnerName, 'pull');
  const now = options.now ?? (() => new Date());
  await runLink(node, report, now, async () => {
    const link = connect(node, partnerName, options);
    const { partner } = link;
    if (partner.publicKey === undefined) throw new AppError(ErrorCode.CLI_USAGE, `partner ${partnerName} has no registered public key: its pages cannot be verified (accord partner add … --public-key)`);
    const target = await defaultCollection(node);
    const collections = ((await link.get(link.url('collections'))).body as Collections | undefined)?.collections ?? [];
    for (const collection of collections) {
      if (!collection.can_read || (options.collections !== undefined && !options.collections.includes(collection.id))) continue;
      report.collections++;
      await runCollection(node, report, 'pull', collection.id, now, async (state) => {
        const original: ObjectsParams = { versions: ['all'], limit: SYNC_BATCH_SIZE };
        let params: ObjectsParams = { ...original, ...(state.cursor !== undefined && { addedAfter: state.cursor }) };
        for (;;) {
          const url = link.url('collections', collection.id, 'objects');
          url.search = formatTaxiiQuery(params);
          const page = await link.get(url);
          const envelope = (page.body ?? {}) as { more?: boolean; next?: string; objects?: unknown[] };
          if (!verifyEnvelope(page.body, page.headers.get(SIGNATURE_HEADER) ?? undefined, partner.publicKey!)) {
            node.audit.append({ actor: `partner:${partnerName}`, action: 'sync.signature-rejected', target: collection.id, details: { direction: 'pull', objects: envelope.objects?.length ?? 0, signed: page.headers.has(SIGNATURE_HEADER) } });
            throw new SignatureError(`a page of partner ${partnerName}'s collection ${collection.id} ${page.headers.has(SIGNATURE_HEADER) ? 'has a signature that does not verify against its registered key' : `has no ${SIGNATURE_HEADER} header`}: not ingested`);
          }
          report.batches++;
          const objects = envelope.objects ?? [];
          if (objects.length > 0) {
            const counts = await node.ingest(partner, target, objects);
            report.objects += objects.length;
            report.accepted += counts.accepted;
            report.refused += counts.refused;
          }
          const last = page.headers.get(DATE_ADDED_LAST_HEADER);
          if (last !== null) state.cursor = last;
          node.local.putSyncState(state);
          if (envelope.more !== true) return;
          if (envelope.next !== undefined && envelope.next !== '' && envelope.next !== params.next) params = { ...original, next: envelope.next };
          else if (state.cursor !== undefined && state.cursor !== params.addedAfter) params = { ...original, addedAfter: state.cursor };
          else return;
        }
      });
    }
  });
  node.audit.append({ actor: 'system', action: 'sync.pull', target: partnerName, details: counts(report) });
  return report;
}

/**
 * Pushes to `partnerName`: what was added to each local collection since its saved
 * cursor and that the partner may read (`decide`, as it reads through TAXII: a
 * version it sent here is never sent back), signed, in envelopes of at most
 * `SYNC_BATCH_SIZE`, into the partner's push collection (`Partner.pushCollection`;
 * by default the first collection of its node this node may write).
 * Never throws for the partner's failures (see `pullFrom`).
 */
export async function pushTo(node: SyncNode, partnerName: string, options: SyncOptions = {}): Promise<SyncReport> {
  const report = emptyReport(partnerName, 'push');
  const now = options.now ?? (() => new Date());
  await runLink(node, report, now, async () => {
    const link = connect(node, partnerName, options);
    const key = node.local.nodeKey();
    if (key === undefined) throw new AppError(ErrorCode.CLI_USAGE, 'this node has no signing key: run `accord init`');
    const collections = ((await link.get(link.url('collections'))).body as Collections | undefined)?.collections ?? [];
    const inbox = pushTarget(link.partner, collections);
    const reader: Reader = { kind: 'partner', partner: link.partner };
    const source = node.policy ?? localPolicySource(node.local, { audit: node.audit });
    const nodeIdentityId = node.local.settings().identityId;
    for (const collection of await node.store.listCollections()) {
      if (options.collections !== undefined && !options.collections.includes(collection.id)) continue;
      report.collections++;
      await runCollection(node, report, 'push', collection.id, now, async (state) => {
        const context = policyContext(source, reader, { collectionId: collection.id, nodeIdentityId });
        const withheld = new WithheldTally();
        try {
          let next: string | undefined;
          for (;;) {
            const page = await node.store.query({ collection: collection.id, versions: ['all'], ...(state.cursor !== undefined && { addedAfter: state.cursor }) }, { limit: SYNC_BATCH_SIZE, ...(next !== undefined && { next }) });
            const allowed: string[] = [];
            for (const item of page.items) {
              const decision = decide(reader, item.object as StixObject, context);
              if (decision.allow) allowed.push(item.json);
              else withheld.add(item.object as StixObject, decision);
            }
            if (allowed.length > 0) {
              const body = `{"objects":[${allowed.join(',')}]}`;
              const status = await link.post(link.url('collections', inbox.id, 'objects'), body, signEnvelope(JSON.parse(body), key.privateKey), options);
              report.batches++;
              report.objects += allowed.length;
              report.accepted += status.success_count;
              report.refused += status.failure_count;
            }
            if (page.items.length > 0) state.cursor = page.items.at(-1)!.dateAdded;
            node.local.putSyncState(state);
            if (!page.more || page.next === undefined) return;
            next = page.next;
          }
        } finally {
          report.withheld += withheld.count;
          if (withheld.count > 0) source.recordWithheld?.(withheld.summary(`partner:${partnerName}`, 'sync.push', collection.id));
        }
      });
    }
  });
  node.audit.append({ actor: 'system', action: 'sync.push', target: partnerName, details: counts(report) });
  return report;
}

export interface SyncRunOptions extends SyncOptions {
  /** One partner; absent: every partner with a node URL. */
  partner?: string;
  /** Directions to run (default both: pull, then push). */
  directions?: readonly SyncDirection[];
}

/** One sync run of `node`: for each partner, a pull then a push (or only one of them). */
export async function runSync(node: SyncNode, options: SyncRunOptions = {}): Promise<SyncReport[]> {
  const partners = options.partner !== undefined ? [options.partner] : syncablePartners(node.local).map((partner) => partner.name);
  if (options.partner !== undefined && node.local.partner(options.partner) === undefined) {
    throw new AppError(ErrorCode.CLI_USAGE, `there is no partner named ${JSON.stringify(options.partner)} (accord partner list)`);
  }
  const directions = options.directions ?? ['pull', 'push'];
  const reports: SyncReport[] = [];
  for (const partner of partners) {
    if (directions.includes('pull')) reports.push(await pullFrom(node, partner, options));
    if (directions.includes('push')) reports.push(await pushTo(node, partner, options));
  }
  return reports;
}

/** Per partner and direction: last success, last error, lag, cursors (`accord sync status`). */
export interface LinkStatus {
  partner: string;
  direction: SyncDirection;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Seconds since the last success; null before the first. */
  lagSeconds: number | null;
  /** By collection (pull: the partner's; push: this node's). */
  cursors: Record<string, string | null>;
}

export function syncStatus(node: Pick<SyncNode, 'local'>, now: Date = new Date()): LinkStatus[] {
  const rows = node.local.listSyncState();
  const links: LinkStatus[] = [];
  for (const partner of syncablePartners(node.local)) {
    for (const direction of ['pull', 'push'] as const) {
      const mine = rows.filter((row) => row.partner === partner.name && row.direction === direction);
      const link: SyncStateRecord | undefined = mine.find((row) => row.collectionId === LINK_ROW);
      links.push({
        partner: partner.name,
        direction,
        lastAttemptAt: link?.lastAttemptAt ?? null,
        lastSuccessAt: link?.lastSuccessAt ?? null,
        lastError: link?.lastError ?? null,
        lastErrorAt: link?.lastErrorAt ?? null,
        lagSeconds: link?.lastSuccessAt === undefined ? null : Math.max(0, Math.round((now.getTime() - Date.parse(link.lastSuccessAt)) / 1000)),
        cursors: Object.fromEntries(mine.filter((row) => row.collectionId !== LINK_ROW).map((row) => [row.collectionId, row.cursor ?? null])),
      });
    }
  }
  return links;
}

/**
 * Runs `runSync` now and then every `intervalMs` (a run never overlaps the one
 * before: the next starts `intervalMs` after the last ended) until `stop`, which
 * resolves once a run in progress has finished. `onReports` gets each run's reports,
 * `onError` what a run threw (a usage error: an unknown partner).
 */
export function scheduleSync(node: SyncNode, options: SyncRunOptions & { intervalMs: number; onReports?: (reports: SyncReport[]) => void; onError?: (error: unknown) => void }): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = (): void => {
    running = runSync(node, options).then((reports) => options.onReports?.(reports), (error: unknown) => options.onError?.(error)).finally(() => {
      if (!stopped) timer = setTimeout(tick, options.intervalMs);
    });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await running;
    },
  };
}

/** The partners a sync of "all" covers: those with a node URL (not the public). */
export function syncablePartners(local: Pick<LocalStore, 'listPartners'>): Partner[] {
  return local.listPartners().filter((partner) => partner.url !== undefined && partner.kind !== 'public');
}

interface Link {
  partner: Partner;
  url(...segments: string[]): URL;
  get(url: URL): ReturnType<typeof syncRequest>;
  post(url: URL, body: string, signature: string, options: SyncOptions): Promise<Status>;
}

function connect(node: SyncNode, partnerName: string, options: SyncOptions): Link {
  const partner = node.local.partner(partnerName);
  if (partner === undefined) throw new AppError(ErrorCode.CLI_USAGE, `there is no partner named ${JSON.stringify(partnerName)} (accord partner list)`);
  if (partner.url === undefined) throw new AppError(ErrorCode.CLI_USAGE, `partner ${partnerName} has no node URL to sync with`);
  const stored = node.local.partnerCredentials(partnerName);
  const parsed = stored === undefined ? undefined : parseCredentials(stored);
  if (parsed !== undefined && 'problem' in parsed) throw new AppError(ErrorCode.CLI_USAGE, `partner ${partnerName}'s stored credentials are unusable: ${parsed.problem}`);
  const http: SyncHttpOptions = {
    credentials: parsed,
    retry: options.retry ?? DEFAULT_RETRY_POLICY,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    ...(options.random !== undefined && { random: options.random }),
  };
  const root = new URL(partner.url.endsWith('/') ? partner.url : `${partner.url}/`);
  if (root.protocol !== 'https:' && !(root.protocol === 'http:' && isLoopback(root.hostname))) {
    throw new AppError(ErrorCode.TAXII_CLIENT_CONFIG, `partner ${partnerName}'s URL ${partner.url} is not https: sync uses plain http only on loopback`);
  }
  const url = (...segments: string[]): URL => new URL(segments.map((segment) => `${encodeURIComponent(segment)}/`).join(''), root);
  return {
    partner,
    url,
    get: (target) => syncRequest('GET', target, http),
    async post(target, body, signature, waitOptions) {
      let status = (await syncRequest('POST', target, http, body, signature)).body as Status;
      const deadline = Date.now() + (waitOptions.statusTimeoutMs ?? 60_000);
      while (!(status.status === 'complete' || (status.total_count > 0 && status.pending_count === 0))) {
        if (Date.now() > deadline) throw new AppError(ErrorCode.TAXII_STATUS_PENDING, `status ${status.id} at partner ${partnerName} still pending`);
        await new Promise((resolve) => setTimeout(resolve, waitOptions.pollIntervalMs ?? 200));
        status = (await syncRequest('GET', url('status', status.id), http)).body as Status;
      }
      return status;
    },
  };
}

/** The partner's collection pushes go to: the one its record names, else the first this node may write. */
function pushTarget(partner: Partner, collections: readonly TaxiiCollection[]): TaxiiCollection {
  const named = partner.pushCollection;
  if (named === undefined) {
    const first = collections.find((collection) => collection.can_write);
    if (first === undefined) throw new AppError(ErrorCode.AUTH_FORBIDDEN, `partner ${partner.name}'s node lets this node write to none of its collections`);
    return first;
  }
  const chosen = collections.find((collection) => collection.id === named);
  if (chosen === undefined) {
    throw new AppError(ErrorCode.CLI_USAGE, `partner ${partner.name}'s push collection ${named} is not among the collections its node shows this node (${collections.map((collection) => collection.id).join(', ') || 'none'}): change it with \`accord partner update ${partner.name} --push-collection ID\``);
  }
  if (!chosen.can_write) throw new AppError(ErrorCode.AUTH_FORBIDDEN, `partner ${partner.name}'s node does not let this node write to its push collection ${named}`);
  return chosen;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}

/** Runs a whole link, recording its outcome in its summary row (`LINK_ROW`); failures end in the report, not thrown. */
async function runLink(node: SyncNode, report: SyncReport, now: () => Date, work: () => Promise<void>): Promise<void> {
  const state = node.local.syncState(report.partner, report.direction, LINK_ROW) ?? { partner: report.partner, direction: report.direction, collectionId: LINK_ROW };
  state.lastAttemptAt = now().toISOString();
  try {
    await work();
  } catch (error) {
    report.errors.push({ collection: LINK_ROW, message: messageOf(error) });
  }
  if (report.errors.length === 0) {
    state.lastSuccessAt = state.lastAttemptAt;
    delete state.lastError;
    delete state.lastErrorAt;
  } else {
    state.lastError = report.errors.map((error) => (error.collection === LINK_ROW ? error.message : `collection ${error.collection}: ${error.message}`)).join('; ');
    state.lastErrorAt = now().toISOString();
  }
  node.local.putSyncState(state);
}

/** Runs one collection of a link from its saved state; its error is recorded there and in the report. */
async function runCollection(node: SyncNode, report: SyncReport, direction: SyncDirection, collectionId: string, now: () => Date, work: (state: SyncStateRecord) => Promise<void>): Promise<void> {
  const state = node.local.syncState(report.partner, direction, collectionId) ?? { partner: report.partner, direction, collectionId };
  state.lastAttemptAt = now().toISOString();
  try {
    await work(state);
    state.lastSuccessAt = now().toISOString();
    delete state.lastError;
    delete state.lastErrorAt;
  } catch (error) {
    state.lastError = messageOf(error);
    state.lastErrorAt = now().toISOString();
    report.errors.push({ collection: collectionId, message: state.lastError });
  }
  node.local.putSyncState(state);
}

/** The node's default collection (the first of its default API root): where pulled objects land. */
async function defaultCollection(node: SyncNode): Promise<string> {
  const root = node.local.settings().defaultApiRoot;
  const stored = new Set((await node.store.listCollections()).map((collection) => collection.id));
  const grant = node.local.listGrants(root).find((candidate) => stored.has(candidate.collectionId));
  if (grant === undefined) throw new AppError(ErrorCode.CLI_USAGE, 'this node has no default collection to pull into: run `accord init`');
  return grant.collectionId;
}

function emptyReport(partner: string, direction: SyncDirection): SyncReport {
  return { partner, direction, collections: 0, batches: 0, objects: 0, accepted: 0, refused: 0, withheld: 0, errors: [] };
}

function counts(report: SyncReport): Record<string, unknown> {
  const { partner: _, direction: __, errors, ...rest } = report;
  return { ...rest, errors: errors.length, ...(errors.length > 0 && { error: errors[0]!.message }) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
