// What the billing suites share: Stripe's loopback fake with four prices, the app configured for
// it, and the calls the tests make (checkout, verify, webhook delivery, the user as the API shows it),
// plus the Stripe events a subscription goes through.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { buildApp } from '../../src/app.ts';
import { createManualClock } from '../../src/platform/clock.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { stripeEvents } from '../../src/platform/db/schema.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { type StripeFake, startStripeFake } from '../fakes/stripe-fake.ts';
import { bearer, createCapturingMailer, json, startTestApp, type TestApp } from './app.ts';
import type { Backend } from './backends.ts';

export const PRICES = {
  basicMonthly: 'price_basic_monthly_test',
  basicYearly: 'price_basic_yearly_test',
  proMonthly: 'price_pro_monthly_test',
  premiumMonthly: 'price_premium_monthly_test',
};
export const FRONTEND = 'https://app.example.test';

export function seedFakePrices(stripe: StripeFake) {
  stripe.prices.set(PRICES.basicMonthly, { unit_amount: 1250, currency: 'eur', interval: 'month' });
  stripe.prices.set(PRICES.basicYearly, { unit_amount: 12000, currency: 'eur', interval: 'year' });
  stripe.prices.set(PRICES.proMonthly, { unit_amount: 2500, currency: 'eur', interval: 'month' });
  stripe.prices.set(PRICES.premiumMonthly, { unit_amount: 6000, currency: 'eur', interval: 'month' });
}

export function stripeEnv(stripe: StripeFake, extra: Record<string, string> = {}): Record<string, string> {
  return {
    STRIPE_SECRET_KEY: stripe.secretKey,
    STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
    STRIPE_API_URL: stripe.url,
    STRIPE_PRICE_BASIC_MONTHLY: PRICES.basicMonthly,
    STRIPE_PRICE_BASIC_YEARLY: PRICES.basicYearly,
    STRIPE_PRICE_PRO_MONTHLY: PRICES.proMonthly,
    STRIPE_PRICE_PREMIUM_MONTHLY: PRICES.premiumMonthly,
    FRONTEND_URL: FRONTEND,
    ...extra,
  };
}

export const sessionIdOf = (url: string) => url.split('/').pop() ?? '';
export const seconds = () => Math.floor(Date.now() / 1000);

export interface BillingSuite {
  t: TestApp;
  stripe: StripeFake;
  planIds: Record<string, number>;
}

/** Stripe's fake with the prices seeded, and an app that uses it; plan ids by lower-cased name. */
export async function startBillingTestApp(backend: Backend): Promise<BillingSuite> {
  const stripe = await startStripeFake();
  seedFakePrices(stripe);
  const t = await startTestApp(backend, { env: stripeEnv(stripe) });
  const plans = json<any[]>(await t.app.inject('/core/plans/'));
  const planIds: Record<string, number> = Object.fromEntries(plans.map((p) => [p.name.toLowerCase(), p.id]));
  return { stripe, t, planIds };
}

/**
 * The calls a billing test makes. The suite is read at each call, because a suite starts its app in
 * `before`, after its tests have been declared.
 */
export function billingCalls(suite: () => BillingSuite) {
  const checkout = (access: string, planId: number | undefined, billing = 'monthly') =>
    suite().t.app.inject({
      method: 'POST',
      url: '/core/payments/create-checkout-session/',
      headers: bearer(access),
      payload: { plan_id: planId, billing },
    });
  const verify = (access: string, sessionId: string) =>
    suite().t.app.inject({
      url: `/core/payments/verify-session/?session_id=${encodeURIComponent(sessionId)}`,
      headers: bearer(access),
    });
  const deliver = (payload: Record<string, any> | string, signature?: string) => {
    const signed = suite().stripe.sign(payload);
    return suite().t.app.inject({
      method: 'POST',
      url: '/core/payments/webhook/stripe/',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature ?? signed.signature },
      payload: signed.body,
    });
  };
  const me = async (access: string) =>
    json(await suite().t.app.inject({ url: '/auth/user/', headers: bearer(access) }));
  const currentPlanName = async (access: string) =>
    json<any[]>(await suite().t.app.inject({ url: '/core/plans/', headers: bearer(access) }))
      .filter((p) => p.is_current)
      .map((p) => p.name);
  const recorded = async (eventId: string) =>
    (await suite().t.database.db.select().from(stripeEvents).where(eq(stripeEvents.id, eventId))).length;

  /** Checkout, paid at Stripe, and its checkout.session.completed delivered. */
  async function subscribe(access: string, plan = 'basic', billing = 'monthly') {
    const res = await checkout(access, suite().planIds[plan], billing);
    assert.equal(res.statusCode, 200, res.body);
    const sessionId = sessionIdOf(json(res).url);
    const { stripe } = suite();
    const session = stripe.completeSession(sessionId, 'paid');
    const event = stripe.event('checkout.session.completed', session);
    const delivered = await deliver(event);
    assert.equal(delivered.statusCode, 200, delivered.body);
    return { sessionId, subscriptionId: session.subscription as string, event };
  }

  /** A subscription event carrying the fake's subscription with some fields changed. */
  function subscriptionEvent(
    type: string,
    subscriptionId: string,
    changes: { status?: string; price?: string; periodEnd?: number },
    created: number,
  ) {
    const { stripe } = suite();
    const subscription = structuredClone(stripe.subscriptions.get(subscriptionId)) as Record<string, any>;
    if (changes.status) subscription.status = changes.status;
    const item = subscription.items.data[0];
    if (changes.price) {
      const price = stripe.prices.get(changes.price);
      item.price = {
        id: changes.price,
        object: 'price',
        currency: price?.currency,
        unit_amount: price?.unit_amount,
        recurring: { interval: price?.interval },
      };
    }
    if (changes.periodEnd) item.current_period_end = changes.periodEnd;
    return stripe.event(type, subscription, { created });
  }

  function invoiceEvent(type: string, subscriptionId: string, created: number, price = PRICES.basicMonthly) {
    const { stripe } = suite();
    const subscription = stripe.subscriptions.get(subscriptionId) as Record<string, any>;
    return stripe.event(
      type,
      {
        id: `in_${subscriptionId}_${created}`,
        object: 'invoice',
        customer: subscription.customer,
        status: type === 'invoice.paid' ? 'paid' : 'open',
        parent: {
          type: 'subscription_details',
          subscription_details: { subscription: subscriptionId, metadata: subscription.metadata },
        },
        lines: { object: 'list', data: [{ id: 'il_1', pricing: { price_details: { price } } }] },
      },
      { created },
    );
  }

  return {
    checkout,
    verify,
    deliver,
    me,
    currentPlanName,
    recorded,
    subscribe,
    subscriptionEvent,
    invoiceEvent,
  };
}

/** An app like startTestApp's, with a logger whose lines the test can read. */
export async function startPricesApp(backend: Backend, env: Record<string, string>) {
  const database: Database = await backend.open();
  const lines: Array<Record<string, any>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const clock = createManualClock(new Date());
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', LOGIN_SLOWDOWN_MS: '1', ...env }),
    database,
    clock,
    mailer: createCapturingMailer(),
    logger: createLogger('info', sink),
  });
  return {
    app,
    clock,
    logs: () => lines,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
