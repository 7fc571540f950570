import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthHooks } from '../platform/http/authenticate.ts';
import { currentUser } from '../platform/http/authenticate.ts';
import { errorResponses } from '../platform/http/route-helpers.ts';
import {
  CheckoutSessionBodySchema,
  RedirectUrlSchema,
  VerifySessionQuerySchema,
  VerifySessionResultSchema,
  WebhookAckSchema,
} from './billing.schemas.ts';
import type { BillingService } from './billing.service.ts';

const bearer = [{ bearerAuth: [] }];
const NOT_CONFIGURED =
  'Billing is not configured on this server (no STRIPE_SECRET_KEY): every billing route answers 503.';

export function billingRoutes(deps: { billing: BillingService; hooks: AuthHooks }): FastifyPluginAsyncZod {
  const { billing, hooks } = deps;
  return async (app) => {
    // Before authentication and body parsing: without Stripe there is nothing these routes can do.
    app.addHook('onRequest', async () => billing.ensureConfigured());

    app.post(
      '/core/payments/create-checkout-session/',
      {
        preHandler: hooks.requireUser,
        schema: {
          tags: ['billing'],
          summary: 'Start a Stripe Checkout for a plan',
          description: `Answers the Checkout URL to send the browser to. The user's Stripe customer is created once and reused. Refuses the Free plan and a plan without a price for that billing interval (400), and a second subscription while one is running (409: use the portal). ${NOT_CONFIGURED}`,
          security: bearer,
          body: CheckoutSessionBodySchema,
          response: { 200: RedirectUrlSchema, ...errorResponses(400, 401, 404, 409, 415, 502, 503) },
        },
      },
      async (request) => billing.createCheckoutSession(currentUser(request).user.id, request.body),
    );

    app.get(
      '/core/payments/verify-session/',
      {
        preHandler: hooks.requireUser,
        schema: {
          tags: ['billing'],
          summary: 'Check a finished Checkout and apply its subscription',
          description: `For the page Stripe sends the browser back to. Only the user who started the checkout sees it (anyone else: 404). A session not paid yet answers 200 with \`success: false\` and its \`payment_status\`, so the page can ask again. Applying the subscription here and in the webhook is idempotent. ${NOT_CONFIGURED}`,
          security: bearer,
          querystring: VerifySessionQuerySchema,
          response: { 200: VerifySessionResultSchema, ...errorResponses(400, 401, 404, 502, 503) },
        },
      },
      async (request) => billing.verifySession(currentUser(request).user.id, request.query.session_id),
    );

    app.post(
      '/core/billing/portal/',
      {
        preHandler: hooks.requireUser,
        schema: {
          tags: ['billing'],
          summary: 'Open the Stripe billing portal',
          description: `Answers the portal URL, where the user changes plan, card or cancels. 400 "No Stripe customer ID found." (also in \`error\`) before a first checkout. ${NOT_CONFIGURED}`,
          security: bearer,
          response: { 200: RedirectUrlSchema, ...errorResponses(400, 401, 502, 503) },
        },
      },
      async (request) => billing.createPortalSession(currentUser(request).user.id),
    );

    await app.register(async (webhook) => {
      // The signature covers the exact bytes Stripe sent, so this route (and only this one, the
      // plugin being encapsulated) keeps the JSON body as a Buffer instead of parsing it.
      webhook.removeContentTypeParser('application/json');
      webhook.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
        done(null, body);
      });
      webhook.post(
        '/core/payments/webhook/stripe/',
        {
          schema: {
            tags: ['billing'],
            summary: 'Stripe webhook',
            description: `Stripe-signed events (Stripe-Signature header checked on the raw body; 400 when missing or wrong). Each event is applied once; a redelivery answers 200 and changes nothing. Applied: checkout.session.completed, customer.subscription.created/.updated/.deleted, invoice.paid, invoice.payment_failed; any other event answers 200. 503 asks Stripe to deliver again later. ${NOT_CONFIGURED}`,
            headers: z.object({ 'stripe-signature': z.string().optional() }),
            response: { 200: WebhookAckSchema, ...errorResponses(400, 413, 415, 502, 503) },
          },
        },
        async (request) => {
          const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          const signature = request.headers['stripe-signature'];
          return billing.handleWebhook(body, typeof signature === 'string' ? signature : undefined);
        },
      );
    });
  };
}
