/**
 * What the app shell needs to mount the issue-8 views: the route matcher
 * (lib/law-routes.ts), the view of a matched route, the main navigation's
 * links and the panel the incident view embeds.
 */
export { matchLawRoute, type LawRoute } from '../../lib/law-routes.ts';
export { LawView } from './LawView.tsx';
export { IncidentNormsPanel } from './IncidentNorms.tsx';

/** Main navigation entries (Shell.tsx NAV shape): every signed-in role may read these. */
export const LAW_NAV = [
  { to: '/legal', label: 'Legal', show: () => true },
  { to: '/norms', label: 'Norms', show: () => true },
  { to: '/lessons', label: 'Lessons', show: () => true },
] as const;
