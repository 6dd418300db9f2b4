import type { FastifyInstance } from 'fastify';
import type { StixObject } from '../../stix/object.ts';
import { iterateObjects } from '../../store/iterate.ts';
import { assessLegal, LEGAL_FACTS_SCHEMA, LEGAL_RULES, overrideLegalAssessment, storeLegalAssessment, type LegalFacts } from '../../workflows/legal/index.ts';
import type { LegalAssessmentView, LegalAssessmentInput } from './contract.ts';
import { idParams, open, str } from './schemas.ts';
import type { Viewer } from './viewer.ts';
import { ListQuery, newestFirst } from './workflow-query.ts';
import { viewerOf } from './object-routes.ts';
import {
  auditWrite, collectionsOf, creationCollections, nodeIdentityOf, requireReader, requireWriter, visibleObject, withoutCollection, workflowContext, type WorkflowDeps,
} from './workflow-support.ts';

/** The latest versions of `types` the account may see for which `keep` holds (workflow collections are small). */
export async function visibleOfTypes(deps: WorkflowDeps, viewer: Viewer, types: readonly string[], keep: (object: StixObject) => boolean = () => true): Promise<StixObject[]> {
  const found = [];
  for await (const item of iterateObjects(deps.store, { types: [...types] })) if (keep(item.object)) found.push(item);
  return (await viewer.visible(found)).map((item) => item.object);
}

const assessmentBody = { type: 'object', description: 'LegalAssessmentInput (contract.ts): facts (see GET /api/legal/schema), case_ref and/or incident_ref, collection?', additionalProperties: true } as const;

/** `/api/legal/…`: assess facts (no write), the facts' schema, stored assessments and analysts' overrides. */
export function registerLawRoutes(app: FastifyInstance, deps: WorkflowDeps): void {
  app.post('/api/legal/assess', {
    schema: {
      summary: 'Assess legal facts: the reasoned, cited assessment (decision support, not legal advice); nothing is stored (any signed-in account)',
      tags: ['api'],
      body: { type: 'object', description: 'the legal facts (GET /api/legal/schema)', additionalProperties: true },
      response: { 200: open },
    },
  }, async (request) => {
    requireReader(request, 'assessing facts');
    return assessLegal(request.body as LegalFacts);
  });

  app.get('/api/legal/schema', {
    schema: { summary: 'The JSON Schema (draft 2020-12) of the legal facts the engine reads (any signed-in account)', tags: ['api'], response: { 200: open } },
  }, async (request) => {
    requireReader(request, 'the legal facts schema');
    return LEGAL_FACTS_SCHEMA;
  });

  app.get('/api/legal/rules', {
    schema: { summary: 'The rules the legal engine cites: id, instrument, provision, title, summary, source, binding (any signed-in account)', tags: ['api'], response: { 200: { type: 'array', items: open } } },
  }, async (request) => {
    requireReader(request, 'the legal rules');
    return LEGAL_RULES;
  });

  app.post('/api/legal/assessments', {
    schema: {
      summary: 'Assess facts and store the assessment (accord-legal-assessment) for an attribution case or incident (analysts, administrators; audited as legal.assess)',
      tags: ['api'], body: assessmentBody, response: { 201: open },
    },
  }, async (request, reply): Promise<LegalAssessmentView> => {
    requireWriter(request, 'storing a legal assessment');
    const { content, collection } = withoutCollection(request.body);
    const input = (content ?? {}) as LegalAssessmentInput;
    const refs = { ...(input.case_ref !== undefined && { case_ref: input.case_ref }), ...(input.incident_ref !== undefined && { incident_ref: input.incident_ref }) };
    const viewer = viewerOf(request, deps);
    for (const [id, type] of [[input.case_ref, 'accord-attribution-case'], [input.incident_ref, 'incident']] as const) {
      if (typeof id === 'string') await visibleObject(viewer, id, type, type === 'incident' ? 'incident' : 'attribution case');
    }
    const ctx = workflowContext(deps.store, await creationCollections(deps, request, collection));
    const stored = await storeLegalAssessment(ctx, nodeIdentityOf(deps.local), input.facts ?? {}, refs);
    auditWrite(deps, request, 'legal.assess', stored.id, refs);
    void reply.code(201);
    return stored as unknown as LegalAssessmentView;
  });

  app.get('/api/legal/assessments', {
    schema: {
      summary: 'Stored legal assessments the account may see, newest first: ?case=ID and/or ?incident=ID (any signed-in account)',
      tags: ['api'],
      querystring: { type: 'object', properties: { case: str, incident: str } },
      response: { 200: { type: 'array', items: open } },
    },
  }, async (request): Promise<LegalAssessmentView[]> => {
    requireReader(request, 'legal assessments');
    const query = new ListQuery(request.query as Record<string, unknown>, ['case', 'incident'], 'the list of legal assessments');
    const [caseId, incidentId] = [query.single('case'), query.single('incident')];
    const found = await visibleOfTypes(deps, viewerOf(request, deps), ['accord-legal-assessment'], (object) =>
      (caseId === undefined || object.case_ref === caseId) && (incidentId === undefined || object.incident_ref === incidentId));
    return found.map((object) => ({ object })).sort(newestFirst).map(({ object }) => object) as unknown as LegalAssessmentView[];
  });

  app.post('/api/legal/assessments/:id/overrides', {
    schema: {
      summary: 'Override one conclusion of a stored legal assessment with a reason, kept beside the engine\'s (a new version; analysts, administrators; audited as legal.override)',
      tags: ['api'], params: idParams,
      body: { type: 'object', required: ['conclusion', 'verdict', 'reason'], properties: { conclusion: str, verdict: str, reason: str }, additionalProperties: true },
      response: { 200: open },
    },
  }, async (request): Promise<LegalAssessmentView> => {
    requireWriter(request, 'overriding a legal assessment');
    const { id } = request.params as { id: string };
    await visibleObject(viewerOf(request, deps), id, 'accord-legal-assessment', 'legal assessment');
    const node = nodeIdentityOf(deps.local);
    const ctx = workflowContext(deps.store, await collectionsOf(deps.store, id));
    const body = request.body as { conclusion: string; verdict: string; reason: string };
    const stored = await overrideLegalAssessment(ctx, node, node, id, body);
    auditWrite(deps, request, 'legal.override', id, { conclusion: body.conclusion, verdict: body.verdict, reason: body.reason });
    return stored as unknown as LegalAssessmentView;
  });
}
