import type { Concurrence } from './concurrence.ts';
import type { CaseStatus } from './model.ts';

/**
 * The status flow of a case, as data: draft → consultation → agreed →
 * published, and withdrawn from any status before published. Published and
 * withdrawn are final. `transitionRefusal` is pure: the service gathers the
 * facts (concurrence, signatures) and this decides, with the reason.
 */
export const NEXT_STATUSES: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  draft: ['consultation', 'withdrawn'],
  consultation: ['agreed', 'withdrawn'],
  agreed: ['published', 'withdrawn'],
  published: [],
  withdrawn: [],
};

/** What the rules look at besides the two statuses. */
export interface TransitionFacts {
  /** The case's concurrence now (needed for `agreed`). */
  concurrence: Concurrence;
  /** Whether a statement has been drafted (`statement_ref`). */
  hasStatement: boolean;
  /** Concurring participants without a valid signature on the statement's current version (needed empty for `published`). */
  missingSignatures: readonly string[];
  /** The reason given with the request. */
  reason?: string;
}

/** Why the case may not go from `from` to `to`, or undefined when it may. */
export function transitionRefusal(from: CaseStatus, to: CaseStatus, facts: TransitionFacts): string | undefined {
  if (from === to) return `the case is already ${from}`;
  if (NEXT_STATUSES[from].length === 0) return `the case is ${from}, which is final: it changes no more`;
  if (!NEXT_STATUSES[from].includes(to)) {
    return `a ${from} case can go only to ${NEXT_STATUSES[from].join(' or ')}, not to ${to} (the flow is draft → consultation → agreed → published, or withdrawn before publication)`;
  }
  switch (to) {
    case 'agreed':
      return facts.concurrence.met ? undefined : `the concurrence rule is not met: ${facts.concurrence.reason}`;
    case 'published':
      if (!facts.hasStatement) return 'no joint statement has been drafted for the case yet';
      if (facts.missingSignatures.length > 0) return `the statement is not signed by every concurring participant: no valid signature of its current version from ${facts.missingSignatures.join(', ')}`;
      return undefined;
    case 'withdrawn':
      return facts.reason === undefined || facts.reason.trim() === '' ? 'withdrawing a case needs a reason, which partners and the record will see' : undefined;
    default:
      return undefined;
  }
}
