import type { AuditLog } from '../store/audit/audit-log.ts';
import type { LocalStore, SyncDirection } from '../store/local/local-store.ts';
import { checkAgreement, type AgreementInput } from './agreements.ts';
import type { Checked, Direction, SharingAgreement } from './model.ts';

/** Where an agreement change is kept and recorded: the node-local store and its audit trail. */
export interface AgreementNode {
  local: LocalStore;
  audit: AuditLog;
}

/** The sync links an agreement governs: outbound decides what is pushed, inbound what a pull admits. */
const LINK_OF: Record<Direction, SyncDirection> = { outbound: 'push', inbound: 'pull' };

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
  const cursorsReset = resetCursors(node.local, agreement.partner, agreement.direction);
  const { id, ...terms } = agreement;
  node.audit.append({ actor, action: 'agreement.set', target: id, details: { ...terms, ...(previous !== undefined && { previous }), cursorsReset } });
  return { ok: true, value: { agreement, created: previous === undefined }, warnings: checked.warnings };
}

/** Removes an agreement, audited as `actor`; false when there is none with that id. */
export function removeAgreement(node: AgreementNode, actor: string, id: string): boolean {
  const stored = node.local.agreement(id);
  if (stored === undefined || !node.local.removeAgreement(id)) return false;
  const cursorsReset = resetCursors(node.local, stored.partner, stored.direction);
  const { id: _, ...terms } = stored;
  node.audit.append({ actor, action: 'agreement.remove', target: id, details: { ...terms, cursorsReset } });
  return true;
}

/**
 * Sends the partner's sync links that the changed agreement governs back to the
 * beginning, so the next run offers again what the old terms kept back (a cursor
 * already past a version would otherwise never reconsider it). Safe because
 * re-delivery is idempotent: what the receiver already holds is counted, not
 * stored twice. Returns how many cursors were reset.
 */
function resetCursors(local: LocalStore, partner: string, direction: Direction): number {
  let reset = 0;
  for (const state of local.listSyncState(partner)) {
    if (state.direction !== LINK_OF[direction] || state.cursor === undefined) continue;
    const { cursor: _, ...rest } = state;
    local.putSyncState(rest);
    reset++;
  }
  return reset;
}
