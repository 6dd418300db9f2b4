import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../metrics.ts';

/** `/healthz` (no authentication: load balancers ask it), `/metrics` (admins), `/openapi.json`. */
export function registerOperationsRoutes(app: FastifyInstance, deps: { metrics: Metrics }): void {
  app.get('/healthz', { schema: { summary: 'Liveness: 200 while the node serves requests', tags: ['operations'], security: [] } }, async () => ({ status: 'ok' }));

  app.get('/metrics', { schema: { summary: 'Prometheus metrics (text exposition format); administrators only', tags: ['operations'] } }, async (_request, reply) => {
    void reply.type(deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
