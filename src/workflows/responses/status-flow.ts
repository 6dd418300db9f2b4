import type { ResponseStatus } from './model.ts';

/**
 * The status flow of a response option, as data:
 * proposed → agreed → in-progress → done, and dropped from any open status
 * (with a reason). done and dropped are final.
 */
export const NEXT_RESPONSE_STATUSES: Readonly<Record<ResponseStatus, readonly ResponseStatus[]>> = {
  proposed: ['agreed', 'dropped'],
  agreed: ['in-progress', 'dropped'],
  'in-progress': ['done', 'dropped'],
  done: [],
  dropped: [],
};

/** Why `from` → `to` is refused, or undefined when it is allowed. Pure. */
export function responseTransitionRefusal(from: ResponseStatus, to: ResponseStatus, reason: string | undefined): string | undefined {
  if (from === to) return `the option is ${from} already`;
  const next = NEXT_RESPONSE_STATUSES[from];
  if (next.length === 0) return `the option is ${from}, a final status`;
  if (!next.includes(to)) return `an option ${from} can go to ${next.join(' or ')}, not ${to}`;
  if (to === 'dropped' && (reason === undefined || reason.trim() === '')) return 'dropping an option needs a reason';
  return undefined;
}
