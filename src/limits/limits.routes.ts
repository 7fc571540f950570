import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type AuthHooks, currentUser } from '../platform/http/authenticate.ts';
import { errorResponses } from '../platform/http/route-helpers.ts';
import { RateLimitStatusSchema } from './limits.schemas.ts';
import type { LimitsService } from './limits.service.ts';

/**
 * `hooks` must be the plain authentication hooks, not the ones that count api_calls: reading the
 * status consumes nothing.
 */
export function limitsRoutes(deps: { limits: LimitsService; hooks: AuthHooks }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/core/rate-limits/status/',
      {
        preHandler: deps.hooks.requireUser,
        schema: {
          tags: ['plans'],
          summary: 'Your plan limits and what you have used',
          description:
            'Each scope over its rolling window: `limit`, `used`, `remaining`, `reset_at` (when `remaining` next grows), `percentage_used` and `status` (`healthy` below 50%, `moderate` from 50%, `warning` from 70%, `critical` from 90%), then `upgrade_recommendation`: the next plan when a scope is at 80% or more. Reading it counts against nothing.',
          security: [{ bearerAuth: [] }],
          response: { 200: RateLimitStatusSchema, ...errorResponses(401) },
        },
      },
      async (request) => {
        const { user } = currentUser(request);
        return deps.limits.statusReport(user);
      },
    );
  };
}
