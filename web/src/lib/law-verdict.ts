/**
 * How the legal views show the engine's answers: verdicts (yes, no, cannot
 * determine), the status of a response's precondition (met, unmet, unknown)
 * and the standing of a response option, each with words and a colour pair
 * that meets WCAG AA (law-verdict.test.ts computes the contrast). The words
 * carry the meaning; the colour only repeats it.
 */

export type Verdict = 'yes' | 'no' | 'cannot-determine';

export interface Badge {
  label: string;
  /** Text colour. */
  fg: string;
  /** Background colour. */
  bg: string;
}

const GREEN = { fg: '#0b5d1e', bg: '#e3f4e6' };
const RED = { fg: '#8a1c1c', bg: '#fbe5e5' };
const AMBER = { fg: '#6b4500', bg: '#fff1cc' };
const GREY = { fg: '#3d4451', bg: '#e9ecf1' };

export const VERDICT_BADGES: Readonly<Record<Verdict, Badge>> = {
  yes: { label: 'Yes', ...GREEN },
  no: { label: 'No', ...RED },
  'cannot-determine': { label: 'Cannot determine', ...AMBER },
};

export const REQUIREMENT_BADGES: Readonly<Record<string, Badge>> = {
  met: { label: 'Met', ...GREEN },
  unmet: { label: 'Unmet', ...RED },
  'cannot-determine': { label: 'Unknown', ...AMBER },
};

export const STANDING_BADGES: Readonly<Record<string, Badge>> = {
  'lawful-in-itself': { label: 'Lawful as retorsion', ...GREEN },
  'lawful-within-conditions': { label: 'Lawful within conditions', ...GREEN },
  'cannot-determine': { label: 'Cannot determine', ...AMBER },
  'not-open': { label: 'Not open', ...RED },
};

/** Every badge the views may show (the contrast test walks them all). */
export const ALL_BADGES: readonly Badge[] = [...Object.values(VERDICT_BADGES), ...Object.values(REQUIREMENT_BADGES), ...Object.values(STANDING_BADGES), { label: '', ...GREY }];

/** The badge of a value from one of the tables above; an unknown value in neutral grey with its own words. */
export function badgeOf(table: Readonly<Record<string, Badge>>, value: string): Badge {
  return table[value] ?? { label: value.replace(/-/g, ' '), ...GREY };
}

export const isVerdict = (value: unknown): value is Verdict => value === 'yes' || value === 'no' || value === 'cannot-determine';
