import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../../common/errors.ts';
import { iterateObjects } from '../../store/iterate.ts';
import {
  addAssessment, addEvidence, CASE_STATUSES, openCase, recordOpinion, transitionCase,
  type AssessmentInput, type AttributionCase, type CaseInput, type CaseStatus, type EvidenceInput, type OpinionInput,
} from '../../workflows/attribution/index.ts';
import type { WorkflowContext } from '../../workflows/extensions/store-objects.ts';
import { draftStatement } from '../../workflows/statements/index.ts';
import { caseDetail } from './case-detail.ts';
import { registeredKeys } from '../../federation/keys.ts';
import { caseRows } from './case-rows.ts';
import type { CaseDetail, CaseList, TransitionRequest } from './contract.ts';
import { viewerOf } from './object-routes.ts';
import { caseDetailSchema, caseListSchema, idParams, str, workflowBody } from './schemas.ts';
import { ListQuery, newestFirst } from './workflow-query.ts';
import {
  auditWrite, collectionsOf, creationCollections, nodeIdentityOf, requireReader, requireWriter,
  visibleObject, withoutCollection, workflowContext, type WorkflowDeps,
} from './workflow-support.ts';

/**
 * `/api/cases`: joint attribution cases, the workspace (`caseView` through
 * the viewer) and every step of the workflow. Writes act as the node's
 * identity; what is added to a case joins the case's collections so it
 * travels where the case travels. Each write answers the case as it now is.
 */
export function registerCaseRoutes(app: FastifyInstance, deps: WorkflowDeps): void {
  const { store, local } = deps;

  const detail = (request: FastifyRequest, id: string): Promise<CaseDetail> => caseDetail(store, local, viewerOf(request, deps), id);

  /** A write on case `:id`: the case must be visible to the account (404 alike otherwise); `step` runs in the case's collections. */
  function caseStep(
    path: string, summary: string, what: string, action: string,
    step: (ctx: WorkflowContext, actor: string, caseId: string, body: unknown) => Promise<{ id: string; modified?: unknown }>,
    options: { body?: string; created?: boolean } = {},
  ): void {
    app.post(path, {
      schema: {
        summary,
        tags: ['api'],
        params: idParams,
        ...(options.body !== undefined && { body: workflowBody(options.body) }),
        response: { [options.created === false ? 200 : 201]: caseDetailSchema },
      },
    }, async (request, reply): Promise<CaseDetail> => {
      requireWriter(request, what);
      const { id } = request.params as { id: string };
      await visibleObject(viewerOf(request, deps), id, 'accord-attribution-case', 'case');
      const ctx = workflowContext(store, await collectionsOf(store, id));
      const made = await step(ctx, nodeIdentityOf(local), id, request.body);
      auditWrite(deps, request, action, id, { object: made.id, version: made.modified });
      if (options.created !== false) reply.code(201);
      return detail(request, id);
    });
  }

  app.get('/api/cases', {
    schema: {
      summary: 'Joint attribution cases the account may see, newest first: filter by status (repeat or comma-separate), offset and limit',
      tags: ['api'],
      querystring: { type: 'object', properties: { status: { type: 'array', items: str, description: CASE_STATUSES.join(', ') }, offset: str, limit: str } },
      response: { 200: caseListSchema },
    },
  }, async (request): Promise<CaseList> => {
    requireReader(request, 'reading cases');
    const query = new ListQuery(request.query as Record<string, unknown>, ['status', 'offset', 'limit'], 'the case list');
    const statuses = query.list('status', CASE_STATUSES);
    const { offset, limit } = query.paging();
    const viewer = viewerOf(request, deps);
    const matching = [];
    for await (const item of iterateObjects(store, { types: ['accord-attribution-case'] })) {
      if (statuses === undefined || statuses.includes((item.object as AttributionCase).status)) matching.push(item);
    }
    const visible = (await viewer.visible(matching)).sort(newestFirst);
    viewer.report('api.cases');
    return { items: await caseRows(store, viewer, visible.slice(offset, offset + limit)), total: visible.length, offset, limit };
  });

  app.get('/api/cases/:id', {
    schema: {
      summary: 'The attribution workspace: the case, its incidents and candidate, evidence with Admiralty grades, participants side by side (assessments, latest opinion, dissents with reasons), concurrence, statement and signatures, next statuses allowed or refused with the reason; 404 when absent or withheld alike',
      tags: ['api'],
      params: idParams,
      response: { 200: caseDetailSchema },
    },
  }, async (request): Promise<CaseDetail> => {
    requireReader(request, 'reading cases');
    return detail(request, (request.params as { id: string }).id);
  });

  app.post('/api/cases', {
    schema: {
      summary: 'Open a joint attribution case (analysts, administrators): CaseOpenRequest; status draft, opened by the node\'s identity, audited as case.open; 400 listing every problem',
      tags: ['api'],
      body: workflowBody('CaseOpenRequest (contract.ts)'),
      response: { 201: caseDetailSchema },
    },
  }, async (request, reply): Promise<CaseDetail> => {
    requireWriter(request, 'opening a case');
    const { content, collection } = withoutCollection(request.body);
    const collections = await creationCollections(deps, request, collection);
    const opened = await openCase(workflowContext(store, collections), nodeIdentityOf(local), content as CaseInput);
    auditWrite(deps, request, 'case.open', opened.id, { collections });
    reply.code(201);
    return detail(request, opened.id);
  });

  caseStep('/api/cases/:id/evidence', 'Add an evidence item to a case, graded with the Admiralty code (analysts, administrators): EvidenceRequest; audited as case.evidence; 400 listing every problem, 409 when the case takes no input now',
    'adding evidence', 'case.evidence', (ctx, actor, id, body) => addEvidence(ctx, actor, id, body as EvidenceInput), { body: 'EvidenceRequest (contract.ts)' });
  caseStep('/api/cases/:id/assessments', 'Record this node\'s assessment of a case in PHIA terms (analysts, administrators): AssessmentRequest; ICD 203 term and probability derived; audited as case.assessment',
    'assessing a case', 'case.assessment', (ctx, actor, id, body) => addAssessment(ctx, actor, id, body as AssessmentInput), { body: 'AssessmentRequest (contract.ts)' });
  caseStep('/api/cases/:id/opinions', 'Record this node\'s concurrence with a case as a STIX opinion, during consultation (analysts, administrators): OpinionRequest; a dissent needs an explanation; audited as case.opinion',
    'giving an opinion', 'case.opinion', (ctx, actor, id, body) => recordOpinion(ctx, actor, id, body as OpinionInput), { body: 'OpinionRequest (contract.ts)' });
  caseStep('/api/cases/:id/statement', 'Draft the joint public statement of an agreed case (analysts, administrators; the node that opened the case): a TLP:CLEAR report; audited as statement.draft; 409 with the reason when refused',
    'drafting a statement', 'statement.draft', (ctx, actor, id) => draftStatement(ctx, actor, id));
  caseStep('/api/cases/:id/transitions', 'Move a case to its next status (analysts, administrators): TransitionRequest {to, reason?}; publishing needs every concurring participant\'s signature with its registered key; audited as case.transition; 409 with the reason when refused',
    'moving a case', 'case.transition', (ctx, actor, id, body) => {
      const { to, reason } = transitionRequestOf(body);
      return transitionCase(ctx, actor, id, to, { ...(reason !== undefined && { reason }), ...(to === 'published' && { expectedKeys: registeredKeys(local) }) });
    }, { body: 'TransitionRequest (contract.ts)', created: false });
}

/** `{to, reason?}`, or a 400 listing every problem. */
function transitionRequestOf(body: unknown): TransitionRequest & { to: CaseStatus } {
  const problems: { path: string; message: string }[] = [];
  const record = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const { to, reason, ...rest } = record;
  if (typeof to !== 'string' || !(CASE_STATUSES as readonly string[]).includes(to)) {
    problems.push({ path: '$.to', message: `${to === undefined ? 'missing' : JSON.stringify(to)}: expected one of ${CASE_STATUSES.join(', ')}` });
  }
  if (reason !== undefined && typeof reason !== 'string') problems.push({ path: '$.reason', message: 'expected a string (the reason kept in the status history)' });
  for (const name of Object.keys(rest)) problems.push({ path: `$.${name}`, message: 'not a property of a transition (it takes to and reason)' });
  if (problems.length > 0) {
    throw new AppError(ErrorCode.WORKFLOW_BAD_INPUT, `the transition is not valid: ${problems.map((problem) => `${problem.path} ${problem.message}`).join('; ')}`, { problems });
  }
  return { to: to as CaseStatus, ...(typeof reason === 'string' && { reason }) };
}
