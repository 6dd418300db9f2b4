import type { AuditLog } from '../store/audit/audit-log.ts';
import type { LocalStore } from '../store/local/local-store.ts';
import type { Checked, Partner } from './model.ts';
import { checkPartnerUpdate, type PartnerChange } from './partners.ts';

/** Where a partner change is kept and recorded: the node-local store and its audit trail. */
export interface PartnerNode {
  local: LocalStore;
  audit: AuditLog;
}

/** A partner as the audit trail records it: whether credentials are stored, never what they are. */
function audited(partner: Partner, credentials: string | undefined): Record<string, unknown> {
  return { ...partner, credentials: credentials === undefined ? 'not set' : 'set' };
}

/**
 * Changes a partner in place (the CLI's `partner update`, the API's PATCH): its
 * URL, key, identity, account, credentials or push collection, checked as
 * `partner add` checks them, stored, and audited as `partner.update` with the
 * partner before and after (credentials only as set/changed). Undefined when
 * there is no partner of that name.
 */
export function updatePartner(node: PartnerNode, actor: string, name: string, change: PartnerChange): Checked<{ partner: Partner; before: Partner }> | undefined {
  const before = node.local.partner(name);
  if (before === undefined) return undefined;
  const stored = node.local.partnerCredentials(name);
  const checked = checkPartnerUpdate(before, stored, change, { accountExists: (account) => node.local.accountByName(account) !== undefined });
  if (!checked.ok) return checked;
  const { partner, credentials } = checked.value;
  node.local.updatePartner(partner, credentials);
  node.audit.append({
    actor,
    action: 'partner.update',
    target: name,
    details: { before: audited(before, stored), after: audited(partner, credentials), credentialsChanged: credentials !== stored },
  });
  return { ok: true, value: { partner, before }, warnings: checked.warnings };
}
