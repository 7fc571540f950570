import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkHealth, type HealthCheck } from './health.service.ts';

const State = z.enum(['healthy', 'unhealthy', 'skipped']);
const HealthSchema = z
  .object({
    overall: z.enum(['healthy', 'unhealthy']),
    services: z.object({ db: State, queue: State, redis: State, ai: State }),
  })
  .meta({ id: 'Health' });

export function healthRoutes(deps: { checks: HealthCheck[] }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/core/health/',
      {
        schema: {
          tags: ['core'],
          summary: 'Service health',
          description:
            '200 when every service in use is healthy, else 503. `skipped` means the service is not used by this deployment. Not rate limited; never calls a paid API.',
          response: { 200: HealthSchema, 503: HealthSchema },
        },
      },
      async (_request, reply) => {
        const report = await checkHealth(deps.checks);
        reply.header('Cache-Control', 'no-store');
        return reply.code(report.overall === 'healthy' ? 200 : 503).send(report);
      },
    );
  };
}
