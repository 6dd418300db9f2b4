/**
 * The paths of the issue-8 views (legal assessment, norms, responses,
 * lessons): which one a URL shows, and links to them. lib/routes.ts hands
 * these paths over to `matchLawRoute`.
 */

export type LawRoute =
  | { view: 'legal' }
  | { view: 'norms' }
  | { view: 'norms-state'; state: string }
  | { view: 'incident-norms'; id: string }
  | { view: 'responses'; caseId: string }
  | { view: 'lessons' }
  | { view: 'lesson'; id: string };

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment) || undefined;
  } catch {
    return undefined; // a malformed %-escape
  }
}

const PATTERNS: readonly [RegExp, (value: string) => LawRoute][] = [
  [/^\/norms\/states\/([^/]+)$/, (state) => ({ view: 'norms-state', state })],
  [/^\/incidents\/([^/]+)\/norms$/, (id) => ({ view: 'incident-norms', id })],
  [/^\/cases\/([^/]+)\/responses$/, (caseId) => ({ view: 'responses', caseId })],
  [/^\/lessons\/([^/]+)$/, (id) => ({ view: 'lesson', id })],
];

/** The issue-8 view of `pathname` (trailing slashes ignored), or undefined when it is not one of them. */
export function matchLawRoute(pathname: string): LawRoute | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/legal') return { view: 'legal' };
  if (path === '/norms') return { view: 'norms' };
  if (path === '/lessons') return { view: 'lessons' };
  for (const [pattern, route] of PATTERNS) {
    const m = pattern.exec(path);
    const value = m?.[1] ? decoded(m[1]) : undefined;
    if (value) return route(value);
  }
  return undefined;
}

const enc = encodeURIComponent;
export const legalPath = (attach: { case?: string; incident?: string } = {}): string => {
  const params = new URLSearchParams();
  if (attach.case) params.set('case', attach.case);
  if (attach.incident) params.set('incident', attach.incident);
  const query = params.toString();
  return query ? `/legal?${query}` : '/legal';
};
export const stateRecordPath = (state: string): string => `/norms/states/${enc(state)}`;
export const incidentNormsPath = (id: string): string => `/incidents/${enc(id)}/norms`;
export const responsesPath = (caseId: string): string => `/cases/${enc(caseId)}/responses`;
export const lessonPath = (id: string): string => `/lessons/${enc(id)}`;
