/**
 * The app's root: finds out whether there is a session, sends the user to
 * /login when there is none (and back afterwards), and shows the signed-in
 * shell around the view of the current path.
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { SessionInfo } from '../../../src/server/api/contract.ts';
import { api, setCsrfToken, setUnauthorizedHandler } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { loginPath, matchRoute, safeNext, type Route } from '../lib/routes.ts';
import { canReadAudit, canReadPartners } from '../lib/roles.ts';
import { AttributionsView } from '../views/AttributionsView.tsx';
import { AuditView } from '../views/AuditView.tsx';
import { CasesView } from '../views/CasesView.tsx';
import { CaseView } from '../views/CaseView.tsx';
import { DashboardView } from '../views/DashboardView.tsx';
import { ExplorerView } from '../views/ExplorerView.tsx';
import { IncidentsView } from '../views/IncidentsView.tsx';
import { IncidentView } from '../views/IncidentView.tsx';
import { LawView } from '../views/law/index.ts';
import { LoginView } from '../views/LoginView.tsx';
import { NotFoundView } from '../views/NotFoundView.tsx';
import { ObjectView } from '../views/ObjectView.tsx';
import { PartnersView } from '../views/PartnersView.tsx';
import { PatternBenchView } from '../views/PatternBenchView.tsx';
import { navigate, useLocation } from './router.tsx';
import { SessionContext } from './session.tsx';
import { Shell } from './Shell.tsx';

// Cytoscape is the largest dependency: it loads only when a graph is shown.
const GraphView = lazy(() => import('../views/GraphView.tsx'));

type SessionState = { status: 'checking' } | { status: 'signed-out' } | { status: 'signed-in'; session: SessionInfo } | { status: 'failed'; error: unknown };

function viewOf(route: Route, session: SessionInfo) {
  const { role } = session.account;
  switch (route.view) {
    case 'dashboard': return <DashboardView />;
    case 'explore': return <ExplorerView />;
    case 'object': return <ObjectView id={route.id} />;
    case 'graph': return <GraphView id={route.id} />;
    case 'patterns': return <PatternBenchView />;
    case 'partners': return canReadPartners(role) ? <PartnersView /> : <NotFoundView />;
    case 'audit': return canReadAudit(role) ? <AuditView /> : <NotFoundView />;
    case 'incidents': return <IncidentsView />;
    case 'incident': return <IncidentView id={route.id} />;
    case 'cases': return <CasesView />;
    case 'case': return <CaseView id={route.id} />;
    case 'attributions': return <AttributionsView />;
    case 'law': return <LawView route={route.route} />;
    case 'login':
    case 'not-found': return <NotFoundView />;
  }
}

export function App() {
  const location = useLocation();
  const route = matchRoute(location.pathname);
  const [state, setState] = useState<SessionState>({ status: 'checking' });

  const signedIn = useCallback((session: SessionInfo) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', session });
  }, []);

  useEffect(() => {
    api.get<SessionInfo>('/api/session', { quiet401: true }).then(signedIn, (error: { httpStatus?: number }) => {
      setState(error.httpStatus === 401 ? { status: 'signed-out' } : { status: 'failed', error });
    });
  }, [signedIn]);

  useEffect(() => {
    // A session that ends while the app is open (expired, signed out elsewhere): sign in again, then come back here.
    setUnauthorizedHandler(() => {
      setCsrfToken(undefined);
      setState({ status: 'signed-out' });
    });
    return () => setUnauthorizedHandler(undefined);
  }, []);

  const signedOut = state.status === 'signed-out';
  useEffect(() => {
    if (signedOut && route.view !== 'login') navigate(loginPath(location.href), { replace: true });
  }, [signedOut, route.view, location.href]);

  const signOut = useCallback(async () => {
    try {
      await api.delete('/api/session', { quiet401: true });
    } finally {
      setCsrfToken(undefined);
      setState({ status: 'signed-out' });
      navigate('/login');
    }
  }, []);

  if (state.status === 'checking') return <p className="loading" aria-live="polite">Loading…</p>;
  if (state.status === 'failed') return <main className="page"><h1>Accord</h1><ErrorAlert error={state.error} /></main>;
  if (route.view === 'login' || state.status === 'signed-out') {
    const next = safeNext(new URLSearchParams(location.search).get('next'));
    return (
      <LoginView
        onSignedIn={(session) => {
          signedIn(session);
          navigate(next, { replace: true });
        }}
      />
    );
  }
  return (
    <SessionContext.Provider value={state.session}>
      <Shell onSignOut={signOut} pathname={location.pathname}>
        <Suspense fallback={<p aria-live="polite">Loading the view…</p>}>{viewOf(route, state.session)}</Suspense>
      </Shell>
    </SessionContext.Provider>
  );
}
