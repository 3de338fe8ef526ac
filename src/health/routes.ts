import type { FastifyInstance } from 'fastify';
import { checkReadiness, type ReadinessChecks } from './readiness';

/** `/healthz` (alive) and `/readyz` (every check passes, else 503 naming what is not ready) on a fastify app. */
export function healthRoutes(app: FastifyInstance, checks: ReadinessChecks): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const readiness = await checkReadiness(checks);
    return reply.code(readiness.ready ? 200 : 503).header('cache-control', 'no-store').send(readiness);
  });
}
