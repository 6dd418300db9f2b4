/** The app's paths (ui-spec): which view a URL shows, and the links to them. */
import { matchLawRoute, type LawRoute } from './law-routes.ts';

export type Route =
  | { view: 'login' }
  | { view: 'dashboard' }
  | { view: 'explore' }
  | { view: 'object'; id: string }
  | { view: 'graph'; id?: string }
  | { view: 'patterns' }
  | { view: 'partners' }
  | { view: 'audit' }
  | { view: 'incidents' }
  | { view: 'incident'; id: string }
  | { view: 'cases' }
  | { view: 'case'; id: string }
  | { view: 'attributions' }
  | { view: 'law'; route: LawRoute }
  | { view: 'not-found' };

const FIXED: Record<string, Route> = {
  '/': { view: 'dashboard' },
  '/login': { view: 'login' },
  '/explore': { view: 'explore' },
  '/graph': { view: 'graph' },
  '/patterns': { view: 'patterns' },
  '/partners': { view: 'partners' },
  '/audit': { view: 'audit' },
  '/incidents': { view: 'incidents' },
  '/cases': { view: 'cases' },
  '/attributions': { view: 'attributions' },
};

/** The first path segment of a page about one object → its view. */
const BY_ID = { objects: 'object', graph: 'graph', incidents: 'incident', cases: 'case' } as const;

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment) || undefined;
  } catch {
    return undefined; // a malformed %-escape: not an object id
  }
}

export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const fixed = FIXED[path];
  if (fixed) return fixed;
  const law = matchLawRoute(path);
  if (law) return { view: 'law', route: law };
  const m = /^\/(objects|graph|incidents|cases)\/([^/]+)$/.exec(path);
  const id = m?.[2] ? decoded(m[2]) : undefined;
  if (m && id) return { view: BY_ID[m[1] as keyof typeof BY_ID], id };
  return { view: 'not-found' };
}

export const objectPath = (id: string): string => `/objects/${encodeURIComponent(id)}`;
export const graphPath = (id: string): string => `/graph/${encodeURIComponent(id)}`;
export const incidentPath = (id: string): string => `/incidents/${encodeURIComponent(id)}`;
export const casePath = (id: string): string => `/cases/${encodeURIComponent(id)}`;
/** A published statement's public page, served by the node itself (no login), not by this app. */
export const publicStatementPath = (id: string): string => `/public/statements/${encodeURIComponent(id)}`;

/**
 * Where to go after signing in: only a path of this app, never another site
 * ("//evil.example", "https://…") and never back to the login page.
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return matchRoute(new URL(next, 'http://app.invalid').pathname).view === 'login' ? '/' : next;
}

export function loginPath(next: string): string {
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}
