import type { FastifyInstance } from 'fastify';
import { AppError, ErrorCode } from '../../common/errors.ts';
import type { AttributionCase } from '../../workflows/attribution/model.ts';
import type { AccordIncident } from '../../workflows/incidents/index.ts';
import {
  NORMS, currentNormTags, decideNorm, isNormId, normMatrix, recordImplementation, stateRecord, suggestNorms,
  type NormImplementation, type NormImplementationInput, type NormTag, type Period,
} from '../../workflows/norms/index.ts';
import type { IncidentNorms, NormMatrixView, StateRecordView } from './contract.ts';
import { visibleOfTypes } from './law-routes.ts';
import { idParams, open, str } from './schemas.ts';
import { viewerOf } from './object-routes.ts';
import {
  auditWrite, collectionsOf, creationCollections, nodeIdentityOf, requireReader, requireWriter, visibleObject, withoutCollection, workflowContext, type WorkflowDeps,
} from './workflow-support.ts';

const PERIODS: readonly Period[] = ['year', 'quarter'];

/** The UN GGE 2015 norms: catalogue, suggestions and decisions per incident, the matrix, state records. */
export function registerNormsRoutes(app: FastifyInstance, deps: WorkflowDeps): void {
  app.get('/api/norms', {
    schema: { summary: 'The UN GGE 2015 norms (A/70/174 para. 13 (a)-(k)): id, title, citation (any signed-in account)', tags: ['api'], response: { 200: { type: 'array', items: open } } },
  }, async (request) => {
    requireReader(request, 'the norms catalogue');
    return NORMS;
  });

  app.get('/api/incidents/:id/norms', {
    schema: {
      summary: 'The norms an incident engages: the engine\'s suggestions with the rules that fired, and the current tag (suggested, confirmed, rejected) of each norm',
      tags: ['api'], params: idParams, response: { 200: open },
    },
  }, async (request): Promise<IncidentNorms> => {
    requireReader(request, 'an incident\'s norms');
    const { id } = request.params as { id: string };
    const viewer = viewerOf(request, deps);
    const incident = (await visibleObject(viewer, id, 'incident', 'incident')).object as AccordIncident;
    const cases = (await visibleOfTypes(deps, viewer, ['accord-attribution-case'], (object) => (object as AttributionCase).status !== 'withdrawn' && (object as AttributionCase).incident_refs?.includes(id))) as AttributionCase[];
    const attribution = cases.sort((a, b) => (b.modified ?? '').localeCompare(a.modified ?? ''))[0];
    const tags = (await visibleOfTypes(deps, viewer, ['accord-norm-tag'], (object) => object.incident_ref === id)) as NormTag[];
    viewer.report('api.incident-norms');
    return {
      incidentId: id,
      ...(attribution !== undefined && { caseId: attribution.id }),
      suggestions: suggestNorms(incident, attribution) as unknown as IncidentNorms['suggestions'],
      tags: [...currentNormTags(tags).values()] as unknown as IncidentNorms['tags'],
    };
  });

  app.post('/api/incidents/:id/norms/:norm', {
    schema: {
      summary: 'Confirm or reject a norm for an incident, with the reason (analysts, administrators; audited as norm.decide)',
      tags: ['api'],
      params: { type: 'object', required: ['id', 'norm'], properties: { id: str, norm: str } },
      body: { type: 'object', required: ['status', 'reason'], properties: { status: { type: 'string', enum: ['confirmed', 'rejected'] }, reason: str }, additionalProperties: false },
      response: { 201: open },
    },
  }, async (request, reply): Promise<NormTag> => {
    requireWriter(request, 'deciding on a norm');
    const { id, norm } = request.params as { id: string; norm: string };
    if (!isNormId(norm)) throw new AppError(ErrorCode.API_BAD_INPUT, `${JSON.stringify(norm)} is not a norm: ${NORMS.map((entry) => entry.id).join(', ')}`);
    await visibleObject(viewerOf(request, deps), id, 'incident', 'incident');
    const body = request.body as { status: 'confirmed' | 'rejected'; reason: string };
    const node = nodeIdentityOf(deps.local);
    const ctx = workflowContext(deps.store, await collectionsOf(deps.store, id));
    const tag = await decideNorm(ctx, node, node, { incident_ref: id, norm, status: body.status, reason: body.reason });
    auditWrite(deps, request, 'norm.decide', id, { norm, status: body.status, reason: body.reason });
    void reply.code(201);
    return tag;
  });

  app.get('/api/norms/matrix', {
    schema: {
      summary: 'Incidents per norm per period (confirmed tags), and the same grouped per actor or per state (`groups`): ?by=actor|state&period=year|quarter&actor=&state= (what the account may see)',
      tags: ['api'],
      querystring: { type: 'object', properties: { by: str, period: str, actor: str, state: str }, additionalProperties: false },
      response: { 200: open },
    },
  }, async (request): Promise<NormMatrixView> => {
    requireReader(request, 'the norms matrix');
    const query = request.query as { by?: string; period?: string; actor?: string; state?: string };
    if (query.by !== undefined && query.by !== 'actor' && query.by !== 'state') throw new AppError(ErrorCode.API_BAD_INPUT, `by=${query.by}: expected actor or state`);
    if (query.period !== undefined && !PERIODS.includes(query.period as Period)) throw new AppError(ErrorCode.API_BAD_INPUT, `period=${query.period}: expected ${PERIODS.join(' or ')}`);
    const viewer = viewerOf(request, deps);
    const incidents = (await visibleOfTypes(deps, viewer, ['incident'])) as AccordIncident[];
    const tags = (await visibleOfTypes(deps, viewer, ['accord-norm-tag'])) as NormTag[];
    const cases = (await visibleOfTypes(deps, viewer, ['accord-attribution-case'])) as AttributionCase[];
    viewer.report('api.norms-matrix');
    const matrix = normMatrix(incidents, tags, cases, {
      period: (query.period ?? 'year') as Period,
      by: (query.by ?? 'actor') as NormMatrixView['by'],
      ...(query.actor !== undefined && { actor: query.actor }),
      ...(query.state !== undefined && { state: query.state }),
    });
    return matrix as unknown as NormMatrixView;
  });

  app.get('/api/norms/states/:state', {
    schema: { summary: 'A state\'s implementation record: each norm with its positive practical measures, evidence and dates (what the account may see)', tags: ['api'], params: { type: 'object', required: ['state'], properties: { state: str } }, response: { 200: open } },
  }, async (request): Promise<StateRecordView> => {
    requireReader(request, 'a state\'s record');
    const { state } = request.params as { state: string };
    const viewer = viewerOf(request, deps);
    const records = (await visibleOfTypes(deps, viewer, ['accord-norm-implementation'], (object) => object.state === state)) as NormImplementation[];
    viewer.report('api.norms-state');
    return stateRecord(records, state) as unknown as StateRecordView;
  });

  app.post('/api/norms/implementations', {
    schema: {
      summary: 'Record a state\'s measure implementing a norm, with evidence and date (analysts, administrators; audited as norm.implementation)',
      tags: ['api'],
      body: { type: 'object', description: 'NormImplementationBody (contract.ts): state, norm, measure, evidence, date, collection?', additionalProperties: true },
      response: { 201: open },
    },
  }, async (request, reply): Promise<NormImplementation> => {
    requireWriter(request, 'recording a norm implementation');
    const { content, collection } = withoutCollection(request.body);
    const ctx = workflowContext(deps.store, await creationCollections(deps, request, collection));
    const record = await recordImplementation(ctx, nodeIdentityOf(deps.local), content as NormImplementationInput);
    auditWrite(deps, request, 'norm.implementation', record.id, { state: record.state, norm: record.norm });
    void reply.code(201);
    return record;
  });
}
