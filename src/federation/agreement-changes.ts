import type { AuditLog } from '../store/audit/audit-log.ts';
import type { LocalStore } from '../store/local/local-store.ts';
import { checkAgreement, type AgreementInput } from './agreements.ts';
import type { Checked, SharingAgreement } from './model.ts';

/** Where an agreement change is kept and recorded: the node-local store and its audit trail. */
export interface AgreementNode {
  local: LocalStore;
  audit: AuditLog;
}

/**
 * Creates or changes an agreement (the CLI's `agreement set`, the API's
 * POST/PUT): checked, stored and audited as `actor`, in one place so every
 * caller applies a change the same way. `collectionIds`: this node's
 * collections (unknown ones are refused).
 */
export function setAgreement(node: AgreementNode, actor: string, input: AgreementInput, collectionIds: ReadonlySet<string>): Checked<{ agreement: SharingAgreement; created: boolean }> {
  const checked = checkAgreement(input, {
    partner: node.local.partner(input.partner),
    agreement: (id) => node.local.agreement(id),
    partnerAgreements: node.local.listAgreements(input.partner),
    collectionIds,
  });
  if (!checked.ok) return checked;
  const { agreement, previous } = checked.value;
  node.local.putAgreement(agreement);
  const { id, ...terms } = agreement;
  node.audit.append({ actor, action: 'agreement.set', target: id, details: { ...terms, ...(previous !== undefined && { previous }) } });
  return { ok: true, value: { agreement, created: previous === undefined }, warnings: checked.warnings };
}

/** Removes an agreement, audited as `actor`; false when there is none with that id. */
export function removeAgreement(node: AgreementNode, actor: string, id: string): boolean {
  const stored = node.local.agreement(id);
  if (stored === undefined || !node.local.removeAgreement(id)) return false;
  const { id: _, ...terms } = stored;
  node.audit.append({ actor, action: 'agreement.remove', target: id, details: terms });
  return true;
}
