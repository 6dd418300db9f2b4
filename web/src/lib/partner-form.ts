/** The partner editor's fields ⇄ the `PATCH /api/partners/:name` body: only what changed is sent. */
import type { PartnerUpdate, PartnerView } from '../../../src/server/api/contract.ts';

export interface PartnerFields {
  url: string;
  identityId: string;
  publicKey: string;
  accountName: string;
  pushCollection: string;
  /** Write-only: empty keeps the stored credentials. */
  credentials: string;
}

const KEPT_FIELDS = ['url', 'identityId', 'publicKey', 'accountName', 'pushCollection'] as const;

export function toPartnerFields(partner: PartnerView): PartnerFields {
  return {
    url: partner.url ?? '',
    identityId: partner.identityId ?? '',
    publicKey: partner.publicKey ?? '',
    accountName: partner.accountName ?? '',
    pushCollection: partner.pushCollection ?? '',
    credentials: '',
  };
}

/**
 * The change to send: each field whose trimmed value differs from the stored one
 * (a field emptied is a problem: the node keeps a value once set), and the
 * credentials when typed. `undefined` when nothing changed.
 */
export function toPartnerUpdate(partner: PartnerView, fields: PartnerFields): { ok: true; update: PartnerUpdate | undefined } | { ok: false; problems: string[] } {
  const update: PartnerUpdate = {};
  const problems: string[] = [];
  const stored = toPartnerFields(partner);
  for (const field of KEPT_FIELDS) {
    const value = fields[field].trim();
    if (value === stored[field]) continue;
    if (value === '') problems.push(`${LABELS[field]} cannot be emptied once set.`);
    else update[field] = value;
  }
  if (fields.credentials !== '') update.credentials = fields.credentials;
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, update: Object.keys(update).length === 0 ? undefined : update };
}

export const LABELS: Record<keyof PartnerFields, string> = {
  url: 'TAXII API root URL',
  identityId: 'Identity',
  publicKey: 'Public key',
  accountName: 'Account',
  pushCollection: 'Push collection',
  credentials: 'New credentials',
};
