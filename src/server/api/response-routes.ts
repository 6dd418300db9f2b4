import type { FastifyInstance } from 'fastify';
import type { AttributionCase } from '../../workflows/attribution/model.ts';
import { boardEntry, proposeResponse, recordPosition, transitionResponse, type ResponseOption, type ResponsePosition } from '../../workflows/responses/index.ts';
import type { ResponseBoard, ResponseInputBody } from './contract.ts';
import { visibleOfTypes } from './law-routes.ts';
import { idParams, open, str } from './schemas.ts';
import { viewerOf } from './object-routes.ts';
import {
  auditWrite, collectionsOf, nodeIdentityOf, requireReader, requireWriter, visibleObject, workflowContext, type WorkflowDeps,
} from './workflow-support.ts';

const boardSchema = {
  type: 'object', required: ['caseId', 'options'],
  properties: { caseId: str, options: { type: 'array', items: { type: 'object', properties: { option: open, positions: { type: 'array', items: open }, tally: open } } } },
} as const;

/** The response board of a case: options checked by the legal engine, partners' positions, statuses. */
export function registerResponseRoutes(app: FastifyInstance, deps: WorkflowDeps): void {
  /** The board as the account may see it: only the options and positions the policy lets it read. */
  async function board(viewer: ReturnType<typeof viewerOf>, caseId: string): Promise<ResponseBoard> {
    const entry = (await visibleObject(viewer, caseId, 'accord-attribution-case', 'attribution case')).object as AttributionCase;
    const options = (await visibleOfTypes(deps, viewer, ['accord-response-option'], (object) => object.case_ref === caseId)) as ResponseOption[];
    const ids = new Set(options.map((option) => option.id));
    const positions = (await visibleOfTypes(deps, viewer, ['accord-response-position'], (object) => ids.has(String(object.option_ref)))) as ResponsePosition[];
    viewer.report('api.responses');
    const sorted = options.sort((a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id));
    return { caseId, options: sorted.map((option) => boardEntry(entry, option, positions)) as unknown as ResponseBoard['options'] };
  }

  app.get('/api/cases/:id/responses', {
    schema: { summary: 'The response board of an attribution case: each option with its legal check, status and partners\' positions (what the account may see)', tags: ['api'], params: idParams, response: { 200: boardSchema } },
  }, async (request): Promise<ResponseBoard> => {
    requireReader(request, 'the response board');
    return board(viewerOf(request, deps), (request.params as { id: string }).id);
  });

  app.post('/api/cases/:id/responses', {
    schema: {
      summary: 'Propose a response option for a case, checked by the legal engine on the case\'s stored assessment or the facts given (analysts, administrators; audited as response.propose)',
      tags: ['api'], params: idParams,
      body: { type: 'object', description: 'ResponseInputBody (contract.ts): kind, description, name?, target_ref?, facts?', additionalProperties: true },
      response: { 201: open },
    },
  }, async (request, reply): Promise<ResponseOption> => {
    requireWriter(request, 'proposing a response');
    const { id } = request.params as { id: string };
    await visibleObject(viewerOf(request, deps), id, 'accord-attribution-case', 'attribution case');
    const ctx = workflowContext(deps.store, await collectionsOf(deps.store, id));
    const option = await proposeResponse(ctx, nodeIdentityOf(deps.local), id, request.body as ResponseInputBody);
    auditWrite(deps, request, 'response.propose', option.id, { case: id, kind: option.kind, standing: option.legal_check.standing });
    void reply.code(201);
    return option;
  });

  app.post('/api/responses/:id/status', {
    schema: {
      summary: 'Move a response option this node proposed to agreed, in-progress, done or dropped (with a reason) (analysts, administrators; audited as response.status)',
      tags: ['api'], params: idParams,
      body: { type: 'object', required: ['status'], properties: { status: str, reason: str }, additionalProperties: false },
      response: { 200: open },
    },
  }, async (request): Promise<ResponseOption> => {
    requireWriter(request, 'changing a response\'s status');
    const { id } = request.params as { id: string };
    await visibleObject(viewerOf(request, deps), id, 'accord-response-option', 'response option');
    const body = request.body as { status: ResponseOption['status']; reason?: string };
    const ctx = workflowContext(deps.store, await collectionsOf(deps.store, id));
    const option = await transitionResponse(ctx, nodeIdentityOf(deps.local), id, body.status, body.reason);
    auditWrite(deps, request, 'response.status', id, { ...body });
    return option;
  });

  app.post('/api/responses/:id/positions', {
    schema: {
      summary: 'State this node\'s position on a response option: support, oppose or abstain, with reasons (required to oppose or abstain) (analysts, administrators; audited as response.position)',
      tags: ['api'], params: idParams,
      body: { type: 'object', required: ['position'], properties: { position: str, reason: str }, additionalProperties: true },
      response: { 201: open },
    },
  }, async (request, reply): Promise<ResponsePosition> => {
    requireWriter(request, 'stating a position');
    const { id } = request.params as { id: string };
    await visibleObject(viewerOf(request, deps), id, 'accord-response-option', 'response option');
    const ctx = workflowContext(deps.store, await collectionsOf(deps.store, id));
    const position = await recordPosition(ctx, nodeIdentityOf(deps.local), id, request.body as { position: ResponsePosition['position']; reason?: string });
    auditWrite(deps, request, 'response.position', id, { position: position.position });
    void reply.code(201);
    return position;
  });
}
