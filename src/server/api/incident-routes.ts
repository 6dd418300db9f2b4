import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../../common/errors.ts';
import { iterateObjects } from '../../store/iterate.ts';
import type { StixObject } from '../../stix/object.ts';
import type { StoredObject } from '../../store/store.ts';
import { correlate, hasObservableIndex } from '../../workflows/correlation/index.ts';
import {
  createIncident, incidentExtension, INCIDENT_CATEGORIES, INCIDENT_STATUSES, updateIncident,
  type IncidentChanges, type IncidentExtension, type IncidentInput as DomainIncidentInput,
} from '../../workflows/incidents/index.ts';
import { caseRows } from './case-rows.ts';
import type { IncidentCorrelations, IncidentDetail, IncidentImpact, IncidentList, IncidentRow, IncidentTimelineEntry } from './contract.ts';
import { viewerOf } from './object-routes.ts';
import { correlationsSchema, idParams, incidentDetailSchema, incidentListSchema, workflowBody } from './schemas.ts';
import type { Viewer } from './viewer.ts';
import { ListQuery, newestFirst } from './workflow-query.ts';
import {
  auditWrite, collectionsOf, creationCollections, nodeIdentityOf, requireReader, requireWriter,
  summariesOf, visibleById, visibleObject, withoutCollection, workflowContext, type WorkflowDeps,
} from './workflow-support.ts';

const DEFAULT_SUGGESTIONS = 20;
const MAX_SUGGESTIONS = 100;

/** The accord-incident extension of a stored incident, if it has one. */
function extensionOf(incident: StixObject): IncidentExtension | undefined {
  return incidentExtension(incident as { extensions?: unknown });
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** An incident's row: its summary and the extension fields a list shows. */
function incidentRow(viewer: Viewer, item: StoredObject): IncidentRow {
  const extension = extensionOf(item.object);
  return {
    summary: viewer.summary(item),
    ...(extension?.category !== undefined && { category: extension.category }),
    ...(extension?.status !== undefined && { status: extension.status }),
    countries: stringList(extension?.countries),
    sectors: stringList(extension?.sectors),
    ...(extension?.impact !== undefined && { impact: extension.impact as IncidentImpact }),
  };
}

/**
 * `/api/incidents`: incidents with the accord-incident extension (list,
 * detail, create, new versions) and their correlations. Reads: every role
 * but partner; writes: analysts and administrators, acting as the node's
 * identity, audited as `incident.create` / `incident.update`.
 */
export function registerIncidentRoutes(app: FastifyInstance, deps: WorkflowDeps): void {
  const { store, local } = deps;

  async function detail(request: FastifyRequest, id: string): Promise<IncidentDetail> {
    const viewer = viewerOf(request, deps);
    const item = await visibleObject(viewer, id, 'incident', 'incident');
    const incident = item.object;
    const extension = extensionOf(incident);
    const victimRefs = stringList(extension?.victim_refs);
    const relatedRefs = stringList(extension?.related_refs);
    const visible = await visibleById(store, viewer, [...victimRefs, ...relatedRefs]);
    const victims = summariesOf(viewer, visible, victimRefs);
    const related = summariesOf(viewer, visible, relatedRefs);
    const cases: StoredObject[] = [];
    for await (const stored of iterateObjects(store, { types: ['accord-attribution-case'] })) {
      if (stringList(stored.object.incident_refs).includes(id)) cases.push(stored);
    }
    const answer: IncidentDetail = {
      ...incidentRow(viewer, item),
      name: typeof incident.name === 'string' ? incident.name : id,
      ...(typeof incident.description === 'string' && { description: incident.description }),
      timeline: (extension?.timeline ?? []) as IncidentTimelineEntry[],
      victims: victims.items,
      related: related.items,
      missing: [...victims.missing, ...related.missing],
      cases: await caseRows(store, viewer, await viewer.visible(cases.sort(newestFirst))),
      editable: incident.created_by_ref === local.settings().identityId,
      object: JSON.parse(item.json) as Record<string, unknown>,
    };
    viewer.report('api.incident');
    return answer;
  }

  app.get('/api/incidents', {
    schema: {
      summary: 'Incidents the account may see, newest first: filter by category, status, country and sector (any of; repeat or comma-separate), offset and limit',
      tags: ['api'],
      querystring: {
        type: 'object',
        properties: {
          category: { type: 'array', items: { type: 'string' }, description: INCIDENT_CATEGORIES.join(', ') },
          status: { type: 'array', items: { type: 'string' }, description: INCIDENT_STATUSES.join(', ') },
          country: { type: 'array', items: { type: 'string' }, description: 'ISO 3166-1 alpha-2 codes' },
          sector: { type: 'array', items: { type: 'string' }, description: 'sectors as the incidents name them (STIX industry-sector-ov and others), case-insensitive' },
          offset: { type: 'string' },
          limit: { type: 'string', description: '1 to 500 (default 50)' },
        },
      },
      response: { 200: incidentListSchema },
    },
  }, async (request): Promise<IncidentList> => {
    requireReader(request, 'reading incidents');
    const query = new ListQuery(request.query as Record<string, unknown>, ['category', 'status', 'country', 'sector', 'offset', 'limit'], 'the incident list');
    const categories = query.list('category', INCIDENT_CATEGORIES);
    const statuses = query.list('status', INCIDENT_STATUSES);
    const countries = query.list('country', undefined, (value) => value.toUpperCase());
    const sectors = query.list('sector', undefined, (value) => value.toLowerCase());
    const { offset, limit } = query.paging();
    const viewer = viewerOf(request, deps);
    const matching: StoredObject[] = [];
    for await (const item of iterateObjects(store, { types: ['incident'] })) {
      const extension = extensionOf(item.object);
      if (categories !== undefined && !categories.some((category) => category === extension?.category)) continue;
      if (statuses !== undefined && !statuses.some((status) => status === extension?.status)) continue;
      if (countries !== undefined && !stringList(extension?.countries).some((country) => countries.includes(country.toUpperCase()))) continue;
      if (sectors !== undefined && !stringList(extension?.sectors).some((sector) => sectors.includes(sector.toLowerCase()))) continue;
      matching.push(item);
    }
    const visible = (await viewer.visible(matching)).sort(newestFirst);
    viewer.report('api.incidents');
    return { items: visible.slice(offset, offset + limit).map((item) => incidentRow(viewer, item)), total: visible.length, offset, limit };
  });

  app.get('/api/incidents/:id', {
    schema: {
      summary: 'One incident: its extension fields flattened (category, status, sectors, countries, impact, timeline), victims and related intelligence as summaries, the cases naming it; 404 when absent or withheld alike',
      tags: ['api'],
      params: idParams,
      response: { 200: incidentDetailSchema },
    },
  }, async (request): Promise<IncidentDetail> => {
    requireReader(request, 'reading incidents');
    return detail(request, (request.params as { id: string }).id);
  });

  app.post('/api/incidents', {
    schema: {
      summary: 'Create an incident (analysts, administrators): IncidentInput; made by the node\'s identity, audited as incident.create; 400 listing every problem',
      tags: ['api'],
      body: workflowBody('IncidentInput (contract.ts)'),
      response: { 201: incidentDetailSchema },
    },
  }, async (request, reply): Promise<IncidentDetail> => {
    requireWriter(request, 'creating an incident');
    const { content, collection } = withoutCollection(request.body);
    const collections = await creationCollections(deps, request, collection);
    const incident = await createIncident(workflowContext(store, collections), nodeIdentityOf(local), content as DomainIncidentInput);
    auditWrite(deps, request, 'incident.create', incident.id, { collections });
    reply.code(201);
    return detail(request, incident.id);
  });

  app.patch('/api/incidents/:id', {
    schema: {
      summary: 'A new version of an incident this node made (analysts, administrators): IncidentPatch, null removes a property; audited as incident.update; 400 listing every problem, 409 for an incident made elsewhere',
      tags: ['api'],
      params: idParams,
      body: workflowBody('IncidentPatch (contract.ts)'),
      response: { 200: incidentDetailSchema },
    },
  }, async (request): Promise<IncidentDetail> => {
    requireWriter(request, 'changing an incident');
    const { id } = request.params as { id: string };
    await visibleObject(viewerOf(request, deps), id, 'incident', 'incident');
    const next = await updateIncident(workflowContext(store, await collectionsOf(store, id)), nodeIdentityOf(local), id, request.body as IncidentChanges);
    auditWrite(deps, request, 'incident.update', id, { version: next.modified });
    return detail(request, id);
  });

  app.get('/api/incidents/:id/correlations', {
    schema: {
      summary: `Ranked, explained suggestions for an incident: intrusion sets, actors, campaigns, incidents and reports sharing its observables, infrastructure or ATT&CK techniques, with the partner each came from (limit 1-${MAX_SUGGESTIONS}, default ${DEFAULT_SUGGESTIONS})`,
      tags: ['api'],
      params: idParams,
      querystring: { type: 'object', properties: { limit: { type: 'string' } } },
      response: { 200: correlationsSchema },
    },
  }, async (request): Promise<IncidentCorrelations> => {
    requireReader(request, 'reading correlations');
    const { id } = request.params as { id: string };
    const limit = new ListQuery(request.query as Record<string, unknown>, ['limit'], 'correlation').integer('limit', 1, MAX_SUGGESTIONS) ?? DEFAULT_SUGGESTIONS;
    const viewer = viewerOf(request, deps);
    await visibleObject(viewer, id, 'incident', 'incident');
    if (!hasObservableIndex(store)) throw new AppError(ErrorCode.TAXII_NOT_IMPLEMENTED, 'this node\'s store keeps no observable index, which correlation needs (the SQLite store keeps one)');
    // Ask for more than shown: suggestions the account may not see are dropped after ranking.
    const correlation = await correlate(store, id, { limit: limit * 2 });
    const visible = await visibleById(store, viewer, correlation.suggestions.map((suggestion) => suggestion.targetId));
    const suggestions = correlation.suggestions.flatMap((suggestion) => {
      const target = visible.get(suggestion.targetId);
      if (target === undefined) return [];
      return [{
        target: viewer.summary(target),
        ...(suggestion.origin !== undefined && { origin: suggestion.origin }),
        score: suggestion.score,
        reasons: suggestion.reasons,
        explanation: suggestion.explanation,
      }];
    }).slice(0, limit);
    viewer.report('api.correlations');
    return { incidentId: id, suggestions, overCommon: correlation.overCommon };
  });
}
