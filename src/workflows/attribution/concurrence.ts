import { compareTimestamps } from '../../stix/timestamp.ts';
import { concurs, dissents, type CaseOpinion, type ConcurrenceRule, type OpinionValue } from './model.ts';

/**
 * The concurrence rule of a case: count each participant's latest opinion on
 * the case (STIX `opinion`, newest `modified` wins, whichever opinion object
 * it is). `agree` and `strongly-agree` concur; `disagree` and
 * `strongly-disagree` dissent; `neutral` and no opinion do neither. Rule
 * `all` needs every participant to concur; `n-of-m` needs at least n. A
 * dissent never blocks an n-of-m rule that is otherwise met, but it is always
 * shown beside the agreement.
 */

export interface ParticipantStance {
  participant: string;
  /** The participant's latest opinion on the case, if any. */
  opinion?: CaseOpinion;
  stance: 'concurs' | 'dissents' | 'neutral' | 'silent';
}

export interface Concurrence {
  rule: ConcurrenceRule;
  /** How many concurring participants the rule needs. */
  required: number;
  stances: ParticipantStance[];
  concurring: string[];
  dissenting: string[];
  met: boolean;
  /** Why the rule is not met (absent when it is). */
  reason?: string;
}

function stanceOf(value: OpinionValue): ParticipantStance['stance'] {
  return concurs(value) ? 'concurs' : dissents(value) ? 'dissents' : 'neutral';
}

/** Each participant's latest opinion among `opinions` (opinions of non-participants are ignored). */
export function latestOpinions(participants: readonly string[], opinions: readonly CaseOpinion[]): Map<string, CaseOpinion> {
  const latest = new Map<string, CaseOpinion>();
  const wanted = new Set(participants);
  for (const opinion of opinions) {
    if (!wanted.has(opinion.created_by_ref)) continue;
    const seen = latest.get(opinion.created_by_ref);
    if (seen === undefined || compareTimestamps(opinion.modified ?? '', seen.modified ?? '') > 0) latest.set(opinion.created_by_ref, opinion);
  }
  return latest;
}

export function concurrence(rule: ConcurrenceRule, participants: readonly string[], opinions: readonly CaseOpinion[]): Concurrence {
  const latest = latestOpinions(participants, opinions);
  const stances: ParticipantStance[] = participants.map((participant) => {
    const opinion = latest.get(participant);
    return opinion === undefined ? { participant, stance: 'silent' } : { participant, opinion, stance: stanceOf(opinion.opinion) };
  });
  const concurring = stances.filter((s) => s.stance === 'concurs').map((s) => s.participant);
  const dissenting = stances.filter((s) => s.stance === 'dissents').map((s) => s.participant);
  const required = rule.kind === 'all' ? participants.length : rule.n;
  const met = participants.length > 0 && concurring.length >= required;
  const result: Concurrence = { rule, required, stances, concurring, dissenting, met };
  if (!met) {
    const others = stances.filter((s) => s.stance !== 'concurs').map((s) => `${s.participant} ${s.stance === 'silent' ? 'has given no opinion' : s.stance === 'dissents' ? 'dissents' : 'is neutral'}`);
    result.reason = `${concurring.length} of ${participants.length} participants concur and the rule needs ${rule.kind === 'all' ? 'all of them' : `${required}`} (${others.join('; ')})`;
  }
  return result;
}
