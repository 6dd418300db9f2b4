import type { FastifyInstance } from 'fastify';
import { AppError, ErrorCode } from '../../common/errors.ts';
import { recordLessons, RECOMMENDATION_STATUSES, searchLessons, type LessonsInput, type LessonsLearned, type LessonsQuery } from '../../workflows/lessons/index.ts';
import { visibleOfTypes } from './law-routes.ts';
import { idParams, open, str } from './schemas.ts';
import { viewerOf } from './object-routes.ts';
import {
  auditWrite, creationCollections, nodeIdentityOf, requireReader, requireWriter, visibleObject, withoutCollection, workflowContext, type WorkflowDeps,
} from './workflow-support.ts';

/** Lessons learned: post-incident reviews, searchable. */
export function registerLessonRoutes(app: FastifyInstance, deps: WorkflowDeps): void {
  app.get('/api/lessons', {
    schema: {
      summary: 'Search post-incident reviews the account may see: ?q= (words in the review), incident=, owner=, status= (of a recommendation); newest first',
      tags: ['api'],
      querystring: { type: 'object', properties: { q: str, incident: str, owner: str, status: str }, additionalProperties: false },
      response: { 200: { type: 'array', items: open } },
    },
  }, async (request): Promise<LessonsLearned[]> => {
    requireReader(request, 'lessons learned');
    const query = request.query as { q?: string; incident?: string; owner?: string; status?: string };
    if (query.status !== undefined && !(RECOMMENDATION_STATUSES as readonly string[]).includes(query.status)) {
      throw new AppError(ErrorCode.API_BAD_INPUT, `status=${query.status}: expected one of ${RECOMMENDATION_STATUSES.join(', ')}`);
    }
    const viewer = viewerOf(request, deps);
    const reviews = (await visibleOfTypes(deps, viewer, ['accord-lessons-learned'])) as LessonsLearned[];
    viewer.report('api.lessons');
    const search: LessonsQuery = {
      ...(query.q !== undefined && { text: query.q }), ...(query.incident !== undefined && { incident: query.incident }),
      ...(query.owner !== undefined && { owner: query.owner }), ...(query.status !== undefined && { status: query.status as LessonsQuery['status'] }),
    };
    return searchLessons(reviews, search);
  });

  app.get('/api/lessons/:id', {
    schema: { summary: 'One post-incident review (latest version the account may see); 404 when absent or withheld alike', tags: ['api'], params: idParams, response: { 200: open } },
  }, async (request): Promise<LessonsLearned> => {
    requireReader(request, 'lessons learned');
    const viewer = viewerOf(request, deps);
    const review = await visibleObject(viewer, (request.params as { id: string }).id, 'accord-lessons-learned', 'review');
    viewer.report('api.lesson');
    return review.object as LessonsLearned;
  });

  app.post('/api/lessons', {
    schema: {
      summary: 'Record a post-incident review: what happened, what worked, what did not, recommendations with owner, due date and status, incidents (analysts, administrators; audited as lessons.record)',
      tags: ['api'],
      body: { type: 'object', description: 'LessonsInputBody (contract.ts), plus collection?', additionalProperties: true },
      response: { 201: open },
    },
  }, async (request, reply): Promise<LessonsLearned> => {
    requireWriter(request, 'recording lessons learned');
    const { content, collection } = withoutCollection(request.body);
    const viewer = viewerOf(request, deps);
    const refs = (content as { incident_refs?: unknown }).incident_refs;
    if (Array.isArray(refs)) for (const id of refs) if (typeof id === 'string') await visibleObject(viewer, id, 'incident', 'incident');
    const ctx = workflowContext(deps.store, await creationCollections(deps, request, collection));
    const review = await recordLessons(ctx, nodeIdentityOf(deps.local), content as LessonsInput);
    auditWrite(deps, request, 'lessons.record', review.id, { incidents: review.incident_refs });
    void reply.code(201);
    return review;
  });
}
