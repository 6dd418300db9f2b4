/**
 * The attribution workspace's decisions, kept out of the components: how
 * stances read, what the concurrence says, which buttons are live and why the
 * others are not. The node decides again on every call; this only explains.
 */
import type {
  CaseConcurrence, CaseDetail, CaseParticipantView, CaseStatus, CaseTransitionOption, OpinionValue, ParticipantStanceKind, StateNexus,
} from '../../../src/server/api/contract.ts';

export const STANCE_LABEL: Readonly<Record<ParticipantStanceKind, string>> = {
  concurs: 'Concurs',
  dissents: 'Dissents',
  neutral: 'Neutral',
  silent: 'No opinion yet',
};

export const OPINION_LABEL: Readonly<Record<OpinionValue, string>> = {
  'strongly-agree': 'strongly agree',
  agree: 'agree',
  neutral: 'neutral',
  disagree: 'disagree',
  'strongly-disagree': 'strongly disagree',
};
/** Strongest agreement first, as the form offers them. */
export const OPINION_VALUES = Object.keys(OPINION_LABEL) as OpinionValue[];

export const STATUS_LABEL: Readonly<Record<CaseStatus, string>> = {
  draft: 'Draft',
  consultation: 'In consultation',
  agreed: 'Agreed',
  published: 'Published',
  withdrawn: 'Withdrawn',
};

export const NEXUS_LABEL: Readonly<Record<StateNexus, string>> = {
  'state-organ': 'an organ of the state',
  'directed-or-controlled-proxy': 'a proxy directed or controlled by the state',
  'tolerated-or-harboured': 'tolerated or harboured by the state',
  unknown: 'state nexus unknown',
};
export const STATE_NEXUS_VALUES = Object.keys(NEXUS_LABEL) as StateNexus[];

export const isDissent = (opinion: OpinionValue): boolean => opinion === 'disagree' || opinion === 'strongly-disagree';

/** "2 concur · 1 dissents · 1 no opinion yet": the stances at a glance, only the kinds present, in a fixed order. */
export function stanceSummary(stances: readonly ParticipantStanceKind[]): string {
  const parts = (['concurs', 'dissents', 'neutral', 'silent'] as const).flatMap((kind) => {
    const n = stances.filter((s) => s === kind).length;
    if (n === 0) return [];
    const verb = kind === 'concurs' ? (n === 1 ? 'concurs' : 'concur') : kind === 'dissents' ? (n === 1 ? 'dissents' : 'dissent') : kind === 'neutral' ? 'neutral' : 'no opinion yet';
    return [`${n} ${verb}`];
  });
  return parts.length > 0 ? parts.join(' · ') : 'no participants';
}

/** The rule in words: "all 3 participants concur" or "at least 2 of 3 participants concur". */
export function ruleText(concurrence: Pick<CaseConcurrence, 'rule' | 'required'>, participants: number): string {
  return concurrence.rule.kind === 'all' ? `all ${participants} participants concur` : `at least ${concurrence.required} of ${participants} participants concur`;
}

/** The concurrence against the rule, one sentence. */
export function concurrenceText(concurrence: CaseConcurrence, participants: number): string {
  const rule = ruleText(concurrence, participants);
  if (concurrence.met) {
    const dissent = concurrence.dissenting.length > 0 ? `, though ${concurrence.dissenting.length} ${concurrence.dissenting.length === 1 ? 'dissents' : 'dissent'} (on the record)` : '';
    return `Met: ${concurrence.concurring.length} of ${participants} concur and the rule needs ${rule}${dissent}.`;
  }
  return `Not met: ${concurrence.reason ?? `the rule needs ${rule}`}.`;
}

/** The participants who dissent, with their reasons. */
export function dissents(participants: readonly CaseParticipantView[]): { who: string; opinion: OpinionValue; explanation: string }[] {
  return participants.flatMap((p) => (p.dissent ? [{ who: p.name ?? p.identityId, ...p.dissent }] : []));
}

const TRANSITION_LABEL: Readonly<Record<CaseStatus, string>> = {
  draft: 'Back to draft',
  consultation: 'Start consultation',
  agreed: 'Mark agreed',
  published: 'Publish',
  withdrawn: 'Withdraw',
};

export interface TransitionButton {
  to: CaseStatus;
  label: string;
  disabled: boolean;
  /** Why the button is disabled (absent when it is live). */
  reason?: string;
  needsReason: boolean;
}

const NOT_OPENER = 'only the node that opened the case changes its status';

/**
 * One button per next status the node lists: live when the node allows the
 * step and this node opened the case, else disabled with the reason.
 */
export function transitionButtons(options: readonly CaseTransitionOption[], editable: boolean): TransitionButton[] {
  return options.map((option) => {
    const reason = !option.allowed ? option.reason ?? 'not allowed now' : editable ? undefined : NOT_OPENER;
    return { to: option.to, label: TRANSITION_LABEL[option.to], disabled: reason !== undefined, ...(reason !== undefined ? { reason } : {}), needsReason: option.needsReason };
  });
}

/** Whether this node may act on the statement now, and why not. */
export interface StatementActions {
  draft: { allowed: boolean; reason?: string };
  sign: { allowed: boolean; reason?: string };
}

const allowed = { allowed: true } as const;
const refused = (reason: string) => ({ allowed: false, reason });

export function statementActions(detail: Pick<CaseDetail, 'case' | 'statement' | 'signatures' | 'editable' | 'participating' | 'nodeIdentityId'>): StatementActions {
  const { status } = detail.case;
  const draft = detail.statement !== undefined ? refused('the statement has been drafted')
    : status !== 'agreed' ? refused(`a statement is drafted from an agreed case; this one is ${STATUS_LABEL[status].toLowerCase()}`)
    : !detail.editable ? refused('only the node that opened the case drafts its statement')
    : allowed;
  const signedHere = detail.signatures.some((s) => s.signer === detail.nodeIdentityId && s.valid);
  const sign = detail.statement === undefined ? refused('no statement has been drafted yet')
    : !detail.participating ? refused('this node is not a participant in the case')
    : signedHere ? refused('this node has signed the current version')
    : allowed;
  return { draft, sign };
}

/** Why this node may not add evidence, an assessment or an opinion now (absent: it may). */
export interface ContributionRefusals {
  evidence?: string;
  assessment?: string;
  opinion?: string;
}

export function contributionRefusals(detail: Pick<CaseDetail, 'case' | 'participating'>): ContributionRefusals {
  const { status } = detail.case;
  if (!detail.participating) {
    const reason = 'this node is not a participant in the case';
    return { evidence: reason, assessment: reason, opinion: reason };
  }
  const open = status === 'draft' || status === 'consultation';
  const stage = `the case is ${STATUS_LABEL[status].toLowerCase()}`;
  const refusals: ContributionRefusals = {};
  if (!open) refusals.evidence = `${stage}; evidence is added while it is a draft or in consultation`;
  if (!open) refusals.assessment = `${stage}; assessments are made while it is a draft or in consultation`;
  if (status !== 'consultation') refusals.opinion = `${stage}; opinions are given during consultation`;
  return refusals;
}

/** The node's reasons name participants by identity id; show their names where they are known. */
export function withNames(text: string, names: ReadonlyMap<string, string>): string {
  return text.replace(/\bidentity--[0-9a-f-]{36}\b/g, (id) => names.get(id) ?? id);
}
