/**
 * Lessons learned in the web app: the search in the URL (`q`, `incident`,
 * `owner`, `status`) and the record form's text → the `POST /api/lessons`
 * body, with the problems named by field. Pure.
 */
import type { LessonsInputBody } from '../../../src/server/api/contract.ts';

export const RECOMMENDATION_STATUSES = ['open', 'in-progress', 'done', 'dropped'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

export interface LessonSearch {
  q: string;
  incident: string;
  owner: string;
  status: string;
}

const SEARCH_KEYS = ['q', 'incident', 'owner', 'status'] as const;

export function parseLessonSearch(search: string): LessonSearch {
  const params = new URLSearchParams(search);
  return { q: params.get('q') ?? '', incident: params.get('incident') ?? '', owner: params.get('owner') ?? '', status: params.get('status') ?? '' };
}

/** "?q=…&owner=…" with the empty ones left out ("" when all are). */
export function lessonQuery(search: LessonSearch): string {
  const params = new URLSearchParams();
  for (const key of SEARCH_KEYS) if (search[key].trim()) params.set(key, search[key].trim());
  const query = params.toString();
  return query ? `?${query}` : '';
}

export interface LessonForm {
  name: string;
  whatHappened: string;
  /** One per line. */
  whatWorked: string;
  whatDidNotWork: string;
  /** One per line: "text | owner | YYYY-MM-DD | status". */
  recommendations: string;
  /** Comma or whitespace separated incident ids. */
  incidents: string;
}

const lines = (text: string): string[] => text.split('\n').map((line) => line.trim()).filter((line) => line !== '');

/** The body of the form, or the problems (named by field and line). */
export function lessonBody(form: LessonForm): { body?: LessonsInputBody; problems: string[] } {
  const problems: string[] = [];
  if (!form.name.trim()) problems.push('Name: required.');
  if (!form.whatHappened.trim()) problems.push('What happened: required.');
  const incidentRefs = form.incidents.split(/[\s,]+/).filter(Boolean);
  if (incidentRefs.length === 0) problems.push('Incidents: name at least one incident id.');
  const recommendations: NonNullable<LessonsInputBody['recommendations']> = [];
  lines(form.recommendations).forEach((line, index) => {
    const [text = '', owner = '', due = '', status = 'open'] = line.split('|').map((part) => part.trim());
    const where = `Recommendations, line ${index + 1}`;
    if (!text || !owner || !due) return problems.push(`${where}: write "text | owner | YYYY-MM-DD | status".`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due) || Number.isNaN(Date.parse(`${due}T00:00:00Z`))) return problems.push(`${where}: the due date "${due}" is not YYYY-MM-DD.`);
    if (!(RECOMMENDATION_STATUSES as readonly string[]).includes(status)) return problems.push(`${where}: the status "${status}" is not one of ${RECOMMENDATION_STATUSES.join(', ')}.`);
    recommendations.push({ text, owner, due: `${due}T00:00:00.000Z`, status: status as RecommendationStatus });
  });
  if (problems.length > 0) return { problems };
  const worked = lines(form.whatWorked);
  const didNot = lines(form.whatDidNotWork);
  return {
    problems,
    body: {
      name: form.name.trim(), what_happened: form.whatHappened.trim(), incident_refs: incidentRefs,
      ...(worked.length > 0 && { what_worked: worked }),
      ...(didNot.length > 0 && { what_did_not_work: didNot }),
      ...(recommendations.length > 0 && { recommendations }),
    },
  };
}
