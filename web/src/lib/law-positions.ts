/**
 * The response board's words and rules: the tally of partners' positions as
 * a sentence, which status moves are open (the node's flow, docs/responses.md)
 * and which need a reason. Pure.
 */

export type PositionValue = 'support' | 'oppose' | 'abstain';
export type ResponseStatus = 'proposed' | 'agreed' | 'in-progress' | 'done' | 'dropped';

export interface Tally {
  support: number;
  oppose: number;
  abstain: number;
}

/** "2 support, 1 oppose, 0 abstain; no position yet: pl". */
export function tallyText(tally: Tally, silent: readonly string[] = []): string {
  const counts = `${tally.support} support, ${tally.oppose} oppose, ${tally.abstain} abstain`;
  return silent.length > 0 ? `${counts}; no position yet: ${silent.join(', ')}` : counts;
}

/** The node's status flow: proposed → agreed → in-progress → done, dropped from any open status. */
export const NEXT_STATUSES: Readonly<Record<ResponseStatus, readonly ResponseStatus[]>> = {
  proposed: ['agreed', 'dropped'],
  agreed: ['in-progress', 'dropped'],
  'in-progress': ['done', 'dropped'],
  done: [],
  dropped: [],
};

export function nextStatuses(status: string): readonly ResponseStatus[] {
  return NEXT_STATUSES[status as ResponseStatus] ?? [];
}

/** What a position or status change needs before it is sent: the problem, or undefined. */
export function reasonProblem(what: 'oppose' | 'abstain' | 'dropped' | string, reason: string): string | undefined {
  const needs = what === 'oppose' || what === 'abstain' || what === 'dropped';
  return needs && reason.trim() === '' ? `Give a reason to ${what === 'dropped' ? 'drop the option' : what}.` : undefined;
}
