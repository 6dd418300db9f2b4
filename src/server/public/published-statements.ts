import { parsePublicKey, keyFingerprint } from '../../federation/keys.ts';
import { uuidV5 } from '../../stix/identifier.ts';
import { versionOf, type StixBundle, type StixObject } from '../../stix/object.ts';
import { MAX_PAGE_LIMIT } from '../../store/limits.ts';
import type { ObjectFilter, Store } from '../../store/store.ts';
import type { PublicReader } from './public-reader.ts';

/** The `report_types` value that makes a report a joint statement of attribution (issue 7). */
const STATEMENT_REPORT_TYPE = 'threat-actor';
/** The detached co-signature type (docs/public.md). */
const SIGNATURE_TYPE = 'accord-signature';
/** Ids asked of the store per query. */
const ID_CHUNK = 500;
/** Names what the public pages make up (bundle and feed ids), so the same input always gets the same id. */
export const PUBLIC_NAMESPACE = 'd1c8e3a0-5b7e-4f0c-9a6e-3f2b7c4d9e51';

/** One co-signature as the public pages show it. */
export interface PublicSignature {
  object: StixObject;
  signerId: string;
  /** The signer identity's `name`, when the identity is public. */
  signerName?: string;
  /** The fingerprint of the key the signature carries, computed here (a claimed `key_fingerprint` is not trusted); absent when it carries no Ed25519 key. */
  fingerprint?: string;
}

/** A published joint statement: its report, the co-signatures of that report version, and the signers' public identities. */
export interface PublishedStatement {
  report: StixObject;
  signatures: PublicSignature[];
  identities: StixObject[];
}

/**
 * The node's published joint statements, as the public may see them: a latest,
 * unrevoked `report` whose `report_types` include `threat-actor`, with at least
 * one `accord-signature` of that very version. Every object — report,
 * signature, identity — passes `reader` (the sharing policy for the public),
 * so a statement that is not TLP:CLEAR is absent, exactly like a missing one.
 * Statements are found from their signatures (few) rather than by scanning
 * every report of the node.
 */
export class PublishedStatements {
  constructor(private readonly store: Store, private readonly reader: PublicReader) {}

  /** Every published statement, newest first (`published`, then `modified`). */
  async list(): Promise<PublishedStatement[]> {
    const signatures = await this.#signaturesByReport();
    const reports = await this.#visible({ ids: [...signatures.keys()], types: ['report'] });
    const statements: PublishedStatement[] = [];
    for (const report of reports) {
      const statement = await this.#statement(report, signatures.get(report.id) ?? []);
      if (statement !== undefined) statements.push(statement);
    }
    return statements.sort((a, b) => newest(a.report, b.report));
  }

  /** The published statement whose report is `reportId`, or undefined (absent, withheld, unsigned or not a statement: all alike). */
  async get(reportId: string): Promise<PublishedStatement | undefined> {
    if (!reportId.startsWith('report--')) return undefined;
    const [report] = await this.#visible({ ids: [reportId], types: ['report'] });
    if (report === undefined) return undefined;
    return this.#statement(report, (await this.#signaturesByReport()).get(reportId) ?? []);
  }

  async #statement(report: StixObject, signatures: readonly StixObject[]): Promise<PublishedStatement | undefined> {
    if (report.revoked === true || !isStatement(report)) return undefined;
    const signed = signatures.filter((signature) => signature.object_modified === versionOf(report));
    if (signed.length === 0) return undefined;
    const signerIds = [...new Set(signed.map((signature) => stringOf(signature.signer_ref)).filter((id) => id !== undefined))];
    const identities = await this.#visible({ ids: signerIds, types: ['identity'] });
    const names = new Map(identities.map((identity) => [identity.id, stringOf(identity.name)]));
    return {
      report,
      identities,
      signatures: signed.map((object) => {
        const signerId = stringOf(object.signer_ref) ?? '';
        const signerName = names.get(signerId);
        const fingerprint = fingerprintOf(object.public_key);
        return { object, signerId, ...(signerName !== undefined && { signerName }), ...(fingerprint !== undefined && { fingerprint }) };
      }),
    };
  }

  /** The public co-signatures on this node, by the id of the report they sign. */
  async #signaturesByReport(): Promise<Map<string, StixObject[]>> {
    const byReport = new Map<string, StixObject[]>();
    for (const signature of await this.#visible({ types: [SIGNATURE_TYPE] })) {
      const reportId = stringOf(signature.object_ref);
      if (reportId === undefined) continue;
      const list = byReport.get(reportId);
      if (list === undefined) byReport.set(reportId, [signature]);
      else list.push(signature);
    }
    return byReport;
  }

  /** The latest versions matching `filter` that the public may see (ids asked in chunks, every page read). */
  async #visible(filter: ObjectFilter): Promise<StixObject[]> {
    const chunks = filter.ids === undefined ? [undefined] : chunked(filter.ids);
    const found: StixObject[] = [];
    for (const ids of chunks) {
      let next: string | undefined;
      do {
        const page = await this.store.query({ ...filter, ...(ids !== undefined && { ids }) }, { limit: MAX_PAGE_LIMIT, ...(next !== undefined && { next }) });
        for (const item of page.items) if (this.reader.allows(item.object)) found.push(item.object);
        next = page.more ? page.next : undefined;
      } while (next !== undefined);
    }
    return found;
  }
}

/**
 * The statement as a STIX bundle — the report, its co-signatures and the
 * signers' identities — which `accord verify` and `POST /api/statements/verify` check.
 */
export function statementBundle(statement: PublishedStatement): StixBundle {
  const { report } = statement;
  return {
    type: 'bundle',
    id: `bundle--${uuidV5(PUBLIC_NAMESPACE, `${report.id}@${versionOf(report)}`)}`,
    objects: [report, ...statement.signatures.map((signature) => signature.object), ...statement.identities],
  };
}

function isStatement(report: StixObject): boolean {
  return Array.isArray(report.report_types) && report.report_types.includes(STATEMENT_REPORT_TYPE);
}

/** Newest first: `published`, then the version; ties by id so the order is stable. */
function newest(a: StixObject, b: StixObject): number {
  const time = (value: unknown) => (typeof value === 'string' ? Date.parse(value) || 0 : 0);
  return time(b.published) - time(a.published) || time(versionOf(b)) - time(versionOf(a)) || a.id.localeCompare(b.id);
}

function fingerprintOf(publicKey: unknown): string | undefined {
  if (typeof publicKey !== 'string') return undefined;
  const parsed = parsePublicKey(publicKey);
  return 'problem' in parsed ? undefined : keyFingerprint(parsed.key);
}

function chunked(ids: readonly string[]): string[][] {
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += ID_CHUNK) chunks.push(ids.slice(start, start + ID_CHUNK));
  return chunks;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
