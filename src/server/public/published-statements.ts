import { parsePublicKey, keyFingerprint } from '../../federation/keys.ts';
import { uuidV5 } from '../../stix/identifier.ts';
import { versionOf, type StixBundle, type StixObject } from '../../stix/object.ts';
import { MAX_PAGE_LIMIT } from '../../store/limits.ts';
import type { ObjectFilter, Store } from '../../store/store.ts';
import { STATEMENT_REPORT_TYPE, statementBundle } from '../../workflows/statements/index.ts';
import type { PublicReader } from './public-reader.ts';

/** The detached co-signature type (docs/public.md). */
const SIGNATURE_TYPE = 'accord-signature';
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
  /** Every object of its bundle the public may see: the report, the co-signatures, the identities. */
  objects: StixObject[];
  signatures: PublicSignature[];
  identities: StixObject[];
}

/**
 * The node's published joint statements, as the public may see them: a latest,
 * unrevoked statement `report` with at least one co-signature of that very
 * version. The statement is the one bundle the workflow exports
 * (workflows/statements `statementBundle`); what the public pages add is the
 * policy: every object of it passes `reader` (the sharing policy for the
 * public), so a statement that is not TLP:CLEAR is absent, exactly like a
 * missing one, and the case and anything else not CLEAR is left out of the
 * bundle. Statements are found from the public signatures (few) rather than
 * by scanning every report of the node.
 */
export class PublishedStatements {
  constructor(private readonly store: Store, private readonly reader: PublicReader) {}

  /** Every published statement, newest first (`published`, then `modified`). */
  async list(): Promise<PublishedStatement[]> {
    const reportIds = new Set<string>();
    for (const signature of await this.#visible({ types: [SIGNATURE_TYPE] })) {
      if (typeof signature.object_ref === 'string') reportIds.add(signature.object_ref);
    }
    const statements: PublishedStatement[] = [];
    for (const reportId of reportIds) {
      const statement = await this.get(reportId);
      if (statement !== undefined) statements.push(statement);
    }
    return statements.sort((a, b) => newest(a.report, b.report));
  }

  /** The published statement whose report is `reportId`, or undefined (absent, withheld, unsigned or not a statement: all alike). */
  async get(reportId: string): Promise<PublishedStatement | undefined> {
    if (!reportId.startsWith('report--')) return undefined;
    const [report] = await this.#visible({ ids: [reportId], types: ['report'] });
    if (report === undefined || report.revoked === true || !isStatement(report)) return undefined;
    const bundled = ((await statementBundle(this.store, reportId)).objects ?? []).filter((object) => this.reader.allows(object));
    const signatures = bundled.filter((object) => object.type === SIGNATURE_TYPE);
    if (signatures.length === 0) return undefined;
    // Only the identities of signatures the public sees, and the drafter's: a withheld signature's signer is not hinted at.
    const named = new Set([...signatures.map((signature) => signature.signer_ref), report.created_by_ref]);
    const objects = bundled.filter((object) => object.type !== 'identity' || named.has(object.id));
    const identities = objects.filter((object) => object.type === 'identity');
    const names = new Map(identities.map((identity) => [identity.id, stringOf(identity.name)]));
    return {
      report,
      objects,
      identities,
      signatures: signatures.map((object) => {
        const signerId = stringOf(object.signer_ref) ?? '';
        const signerName = names.get(signerId);
        const fingerprint = fingerprintOf(object.public_key);
        return { object, signerId, ...(signerName !== undefined && { signerName }), ...(fingerprint !== undefined && { fingerprint }) };
      }),
    };
  }

  /** The latest versions matching `filter` that the public may see (every page read). */
  async #visible(filter: ObjectFilter): Promise<StixObject[]> {
    const found: StixObject[] = [];
    let next: string | undefined;
    do {
      const page = await this.store.query(filter, { limit: MAX_PAGE_LIMIT, ...(next !== undefined && { next }) });
      for (const item of page.items) if (this.reader.allows(item.object)) found.push(item.object);
      next = page.more ? page.next : undefined;
    } while (next !== undefined);
    return found;
  }
}

/** The statement's bundle as the public may have it (the report, its co-signatures, the signers' identities): what `accord verify` checks. */
export function publicBundle(statement: PublishedStatement): StixBundle {
  const { report } = statement;
  return { type: 'bundle', id: `bundle--${uuidV5(PUBLIC_NAMESPACE, `${report.id}@${versionOf(report)}`)}`, objects: statement.objects };
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

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
