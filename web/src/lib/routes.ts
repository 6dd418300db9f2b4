/** The app's paths (ui-spec): which view a URL shows, and the links to them. */

export type Route =
  | { view: 'login' }
  | { view: 'dashboard' }
  | { view: 'explore' }
  | { view: 'object'; id: string }
  | { view: 'graph'; id?: string }
  | { view: 'patterns' }
  | { view: 'partners' }
  | { view: 'audit' }
  | { view: 'not-found' };

const FIXED: Record<string, Route> = {
  '/': { view: 'dashboard' },
  '/login': { view: 'login' },
  '/explore': { view: 'explore' },
  '/graph': { view: 'graph' },
  '/patterns': { view: 'patterns' },
  '/partners': { view: 'partners' },
  '/audit': { view: 'audit' },
};

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
  const m = /^\/(objects|graph)\/([^/]+)$/.exec(path);
  const id = m?.[2] ? decoded(m[2]) : undefined;
  if (m && id) return m[1] === 'objects' ? { view: 'object', id } : { view: 'graph', id };
  return { view: 'not-found' };
}

export const objectPath = (id: string): string => `/objects/${encodeURIComponent(id)}`;
export const graphPath = (id: string): string => `/graph/${encodeURIComponent(id)}`;

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
