/** The frame of every signed-in page: skip link, which node and who, the main navigation, sign out. */
import { useEffect, useRef, type ReactNode } from 'react';
import { NodeBanner } from '../components/NodeBanner.tsx';
import { canReadAudit, canReadPartners } from '../lib/roles.ts';
import { LAW_NAV } from '../views/law/index.ts';
import { Link } from './router.tsx';
import { useSession } from './session.tsx';

const NAV = [
  { to: '/', label: 'Dashboard', show: () => true },
  { to: '/explore', label: 'Explorer', show: () => true },
  { to: '/graph', label: 'Graph', show: () => true },
  { to: '/patterns', label: 'Pattern bench', show: () => true },
  { to: '/incidents', label: 'Incidents', show: () => true },
  { to: '/cases', label: 'Attribution', show: () => true },
  ...LAW_NAV,
  { to: '/partners', label: 'Partners', show: canReadPartners },
  { to: '/audit', label: 'Audit log', show: canReadAudit },
] as const;

/** Pages that belong to a section whose path they do not start with. */
const ALSO_UNDER: Record<string, string> = { '/explore': '/objects/', '/cases': '/attributions' };

function isCurrent(to: string, pathname: string): boolean {
  if (to === '/') return pathname === '/';
  // An object's page belongs to the explorer; the record of public attributions to Attribution.
  const also = ALSO_UNDER[to];
  return pathname.startsWith(to) || (also !== undefined && pathname.startsWith(also));
}

export function Shell({ children, onSignOut, pathname }: { children: ReactNode; onSignOut: () => void; pathname: string }) {
  const session = useSession();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    // After an in-app navigation, start screen readers and keyboard users at the new page's heading, as a page load would.
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>('h1');
    (heading ?? main.current)?.focus();
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="app-header">
        <div className="brand">
          <span className="logo" aria-hidden="true">◆</span> Accord <NodeBanner node={session.node} />
        </div>
        <nav aria-label="Main">
          <ul>
            {NAV.filter((item) => item.show(session.account.role)).map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={isCurrent(item.to, pathname) ? 'page' : undefined}>{item.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          <span>
            {session.account.name} <span className="role">({session.account.role})</span>
          </span>
          <button type="button" onClick={onSignOut}>Sign out</button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="page">
        {children}
      </main>
    </>
  );
}
