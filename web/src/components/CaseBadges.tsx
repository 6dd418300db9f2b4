/** A case's status and a participant's stance as badges: words first, colour only as a second cue. */
import type { CaseStatus, ParticipantStanceKind } from '../../../src/server/api/contract.ts';
import { STANCE_LABEL, STATUS_LABEL } from '../lib/workspace.ts';

export function StatusBadge({ status, testId }: { status: CaseStatus; testId?: string }) {
  return <span className={`badge case-status case-${status}`} data-status={status} data-testid={testId}>{STATUS_LABEL[status]}</span>;
}

export function StanceBadge({ stance }: { stance: ParticipantStanceKind }) {
  return <span className={`badge stance stance-${stance}`} data-stance={stance}>{STANCE_LABEL[stance]}</span>;
}
