import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthHooks } from '../platform/http/authenticate.ts';
import { errorResponses } from '../platform/http/route-helpers.ts';
import { PlanListItemSchema, PlansQuerySchema } from './plans.schemas.ts';
import type { PlansService } from './plans.service.ts';

export function plansRoutes(deps: { plans: PlansService; hooks: AuthHooks }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/core/plans/',
      {
        preHandler: deps.hooks.optionalUser,
        schema: {
          tags: ['plans'],
          summary: 'The plans, in plan order',
          description:
            'Public. With a bearer token, `is_current` marks the user’s plan. `?billing=monthly|yearly` keeps the plans that have a price for that interval.',
          security: [{ bearerAuth: [] }, {}],
          querystring: PlansQuerySchema,
          response: { 200: z.array(PlanListItemSchema), ...errorResponses(400, 401) },
        },
      },
      async (request) =>
        deps.plans.list({ currentPlanId: request.auth?.user.planId ?? null, billing: request.query.billing }),
    );
  };
}
