import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '../../store/audit/audit-log.ts';
import type { BrowseQuery } from '../../store/store.ts';
import type { ActionItem, Dashboard, SyncLink } from './contract.ts';
import { syncLinks } from './federation-routes.ts';
import { viewerOf } from './object-routes.ts';
import { int, str, summariesSchema, syncLinkSchema } from './schemas.ts';
import type { Viewer, ViewerDeps } from './viewer.ts';

/** Without a previous visit, "since" is this long ago. */
const DEFAULT_SINCE_MS = 7 * 24 * 60 * 60 * 1000;
const LATEST_PER_PARTNER = 5;
const RECENT_SIGHTINGS = 10;

/** `GET /api/dashboard`: what partners shared since the last visit, sync health, recent sightings, what needs action. */
export function registerDashboardRoute(app: FastifyInstance, deps: ViewerDeps & { audit?: AuditLog | undefined }): void {
  const { store, local } = deps;

  app.get('/api/dashboard', {
    schema: {
      summary: 'The dashboard: per partner what arrived since the previous visit, sync health, recent sightings, action items and counts (what the account may see)',
      tags: ['api'],
      response: {
        200: {
          type: 'object',
          properties: {
            since: str,
            sharedSince: { type: 'array', items: { type: 'object', properties: { partner: str, objects: int, byType: { type: 'object', additionalProperties: int }, latest: summariesSchema } } },
            sync: { type: 'array', items: syncLinkSchema },
            sightings: summariesSchema,
            actions: { type: 'array', items: { type: 'object', properties: { kind: str, severity: str, title: str, detail: str, href: str } } },
            counts: { type: 'object', properties: { objects: int, indicators: int, partners: int, agreements: int } },
          },
        },
      },
    },
  }, async (request): Promise<Dashboard> => {
    const viewer = viewerOf(request, deps);
    const since = request.apiSession?.record.previousVisit ?? new Date(Date.now() - DEFAULT_SINCE_MS).toISOString();
    const scope: Pick<BrowseQuery, 'collections'> = viewer.collections === undefined ? {} : { collections: viewer.collections };
    const total = async (query: BrowseQuery): Promise<number> => (await store.browse({ ...query, ...scope, limit: 1 })).total;

    const sharedSince: Dashboard['sharedSince'] = [];
    for (const partner of local.listPartners()) {
      const ids = local.receivedObjectIds(partner.name, since);
      if (ids.length === 0) {
        sharedSince.push({ partner: partner.name, objects: 0, byType: {}, latest: [] });
        continue;
      }
      const page = await store.browse({ ids, ...scope, sort: 'added', order: 'desc', limit: LATEST_PER_PARTNER });
      const byType: Record<string, number> = {};
      for (const type of new Set(ids.map((id) => id.slice(0, id.indexOf('--'))))) {
        const count = await total({ ids, types: [type] });
        if (count > 0) byType[type] = count;
      }
      sharedSince.push({ partner: partner.name, objects: page.total, byType, latest: await summaries(viewer, page.items) });
    }

    const sightingsPage = await store.browse({ types: ['sighting'], ...scope, sort: 'added', order: 'desc', limit: RECENT_SIGHTINGS });
    const sightings = await summaries(viewer, sightingsPage.items);
    const sync = syncLinks(local);
    const actions = actionItems(sync, sightings.filter((sighting) => sighting.dateAdded > since).length, viewer.account.role === 'reader' ? undefined : deps.audit);
    viewer.report('api.dashboard');
    return {
      since,
      sharedSince,
      sync,
      sightings,
      actions,
      counts: { objects: await total({}), indicators: await total({ types: ['indicator'] }), partners: local.listPartners().length, agreements: local.listAgreements().length },
    };
  });
}

async function summaries(viewer: Viewer, items: Parameters<Viewer['visible']>[0]) {
  return (await viewer.visible(items, true)).map((item) => viewer.summary(item));
}

const SEVERITY_ORDER: Record<ActionItem['severity'], number> = { high: 0, medium: 1, low: 2 };

/** What someone should look at, most urgent first: failing or never-run sync links, a broken audit chain (for roles that read the audit log), new sightings. */
function actionItems(sync: readonly SyncLink[], newSightings: number, audit: AuditLog | undefined): ActionItem[] {
  const items: ActionItem[] = [];
  for (const link of sync) {
    if (link.health === 'failing') {
      items.push({ kind: 'sync-failing', severity: 'high', title: `Sync ${link.direction} with ${link.partner} is failing`, detail: link.lastError ?? 'the last run failed', href: '/partners' });
    } else if (link.health === 'never') {
      items.push({ kind: 'sync-never', severity: 'low', title: `Sync ${link.direction} with ${link.partner} has never succeeded`, detail: 'run `accord sync` or check the partner link', href: '/partners' });
    }
  }
  const verification = audit?.verify();
  if (verification !== undefined && !verification.ok) {
    items.push({ kind: 'audit-broken', severity: 'high', title: 'The audit log chain is broken', detail: `entry ${verification.firstBad}: ${verification.reason}`, href: '/audit' });
  }
  if (newSightings > 0) {
    items.push({ kind: 'new-sightings', severity: 'medium', title: `${newSightings} new sighting${newSightings === 1 ? '' : 's'} since your last visit`, detail: 'indicators shared by partners matched observations on this node', href: '/explore?type=sighting' });
  }
  return items.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
