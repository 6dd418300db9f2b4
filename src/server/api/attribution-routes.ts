import type { FastifyInstance } from 'fastify';
import { searchPublicAttributions } from '../../workflows/attribution/index.ts';
import type { PublicAttributionList } from './contract.ts';
import { publicAttributionListSchema, str } from './schemas.ts';
import { ListQuery } from './workflow-query.ts';
import { requireReader } from './workflow-support.ts';

/** Years the record could hold: from the first public attributions of cyber operations to far beyond now. */
const FIRST_YEAR = 1990;
const LAST_YEAR = 2100;

/** `GET /api/attributions`: the record of public attributions, searchable by actor, state and year (every role but partner). */
export function registerAttributionRoutes(app: FastifyInstance): void {
  app.get('/api/attributions', {
    schema: {
      summary: 'The record of public attributions (past joint and notable single-state attributions), oldest first: actor and state are case-insensitive words, year a year',
      tags: ['api'],
      querystring: { type: 'object', properties: { actor: str, state: str, year: str } },
      response: { 200: publicAttributionListSchema },
    },
  }, async (request): Promise<PublicAttributionList> => {
    requireReader(request, 'reading the record of public attributions');
    const query = new ListQuery(request.query as Record<string, unknown>, ['actor', 'state', 'year'], 'the record of public attributions');
    const actor = query.single('actor');
    const state = query.single('state');
    const year = query.integer('year', FIRST_YEAR, LAST_YEAR);
    const items = searchPublicAttributions({ ...(actor !== undefined && { actor }), ...(state !== undefined && { state }), ...(year !== undefined && { year }) })
      .map((record) => ({ ...record, attributingStates: [...record.attributingStates], sources: [...record.sources] }));
    return { items, total: items.length };
  });
}
