// Stripe billing on every backend, through the real `stripe` SDK talking to a loopback fake:
// checkout (one customer per user, even under concurrency), verify-session (own sessions only,
// paid only), the portal, the webhook (signature on the raw body, each event once, out-of-order
// events, never bound to the wrong user), the subscription lifecycle as the User object and the
// plans list show it, live prices with their cache and fallback, and 503 without Stripe.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import { storeCustomerId } from '../src/billing/billing.repository.ts';
import { applyToUser } from '../src/billing/webhooks/apply.ts';
import { createManualClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Database } from '../src/platform/db/database.ts';
import { stripeEvents } from '../src/platform/db/schema.ts';
import { createLogger } from '../src/platform/logger.ts';
import { type StripeFake, startStripeFake } from './fakes/stripe-fake.ts';
import {
  bearer,
  createCapturingMailer,
  json,
  registerUser,
  startTestApp,
  type TestApp,
} from './helpers/app.ts';
import { type Backend, backends } from './helpers/backends.ts';

const PRICES = {
  basicMonthly: 'price_basic_monthly_test',
  basicYearly: 'price_basic_yearly_test',
  proMonthly: 'price_pro_monthly_test',
  premiumMonthly: 'price_premium_monthly_test',
};
const FRONTEND = 'https://app.example.test';

function seedFakePrices(stripe: StripeFake) {
  stripe.prices.set(PRICES.basicMonthly, { unit_amount: 1250, currency: 'eur', interval: 'month' });
  stripe.prices.set(PRICES.basicYearly, { unit_amount: 12000, currency: 'eur', interval: 'year' });
  stripe.prices.set(PRICES.proMonthly, { unit_amount: 2500, currency: 'eur', interval: 'month' });
  stripe.prices.set(PRICES.premiumMonthly, { unit_amount: 6000, currency: 'eur', interval: 'month' });
}

function stripeEnv(stripe: StripeFake, extra: Record<string, string> = {}): Record<string, string> {
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

const sessionIdOf = (url: string) => url.split('/').pop() ?? '';
const seconds = () => Math.floor(Date.now() / 1000);

for (const backend of backends()) {
  describe(`billing on ${backend.name}`, () => {
    let stripe: StripeFake;
    let t: TestApp;
    let planIds: Record<string, number>;

    before(async () => {
      stripe = await startStripeFake();
      seedFakePrices(stripe);
      t = await startTestApp(backend, { env: stripeEnv(stripe) });
      const plans = json<any[]>(await t.app.inject('/core/plans/'));
      planIds = Object.fromEntries(plans.map((p) => [p.name.toLowerCase(), p.id]));
    });
    after(async () => {
      await t.close();
      await stripe.close();
    });

    const checkout = (access: string, planId: number | undefined, billing = 'monthly') =>
      t.app.inject({
        method: 'POST',
        url: '/core/payments/create-checkout-session/',
        headers: bearer(access),
        payload: { plan_id: planId, billing },
      });
    const verify = (access: string, sessionId: string) =>
      t.app.inject({
        url: `/core/payments/verify-session/?session_id=${encodeURIComponent(sessionId)}`,
        headers: bearer(access),
      });
    const deliver = (payload: Record<string, any> | string, signature?: string) => {
      const signed = stripe.sign(payload);
      return t.app.inject({
        method: 'POST',
        url: '/core/payments/webhook/stripe/',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature ?? signed.signature },
        payload: signed.body,
      });
    };
    const me = async (access: string) =>
      json(await t.app.inject({ url: '/auth/user/', headers: bearer(access) }));
    const currentPlanName = async (access: string) =>
      json<any[]>(await t.app.inject({ url: '/core/plans/', headers: bearer(access) }))
        .filter((p) => p.is_current)
        .map((p) => p.name);
    const recorded = async (eventId: string) =>
      (await t.database.db.select().from(stripeEvents).where(eq(stripeEvents.id, eventId))).length;

    /** Checkout, paid at Stripe, and its checkout.session.completed delivered. */
    async function subscribe(access: string, plan = 'basic', billing = 'monthly') {
      const res = await checkout(access, planIds[plan], billing);
      assert.equal(res.statusCode, 200, res.body);
      const sessionId = sessionIdOf(json(res).url);
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

    function invoiceEvent(
      type: string,
      subscriptionId: string,
      created: number,
      price = PRICES.basicMonthly,
    ) {
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

    describe('checkout', () => {
      test('creates the customer once, binds the session to the user, and reuses the customer', async () => {
        const u = await registerUser(t.app);
        const res = await checkout(u.access, planIds.basic);
        assert.equal(res.statusCode, 200, res.body);
        assert.match(json(res).url, /^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);

        const created = stripe
          .requestsTo('POST', '/v1/customers')
          .filter((r) => r.form.metadata?.user_id === String(u.user.pk));
        assert.equal(created.length, 1);
        assert.ok(created[0]?.idempotencyKey, 'customer creation carries an idempotency key');
        const customerId = (await me(u.access)).stripe_customer_id;
        assert.match(customerId, /^cus_/);

        const session = stripe.requestsTo('POST', '/v1/checkout/sessions').at(-1);
        assert.ok(session?.idempotencyKey);
        assert.equal(session.form.mode, 'subscription');
        assert.equal(session.form.customer, customerId);
        assert.equal(session.form.client_reference_id, String(u.user.pk));
        assert.equal(session.form.metadata.user_id, String(u.user.pk));
        assert.equal(session.form.subscription_data.metadata.user_id, String(u.user.pk));
        assert.equal(session.form.line_items[0].price, PRICES.basicMonthly);
        assert.equal(
          session.form.success_url,
          `${FRONTEND}/payments/success?session_id={CHECKOUT_SESSION_ID}`,
        );
        assert.equal(session.form.cancel_url, `${FRONTEND}/payments/cancelled`);
        assert.equal(session.form.customer_email, undefined, 'the customer, not an email, names the payer');

        const again = await checkout(u.access, planIds.basic, 'yearly');
        assert.equal(again.statusCode, 200, again.body);
        assert.equal(stripe.requestsTo('POST', '/v1/checkout/sessions').at(-1)?.form.customer, customerId);
        assert.equal(
          stripe
            .requestsTo('POST', '/v1/customers')
            .filter((r) => r.form.metadata?.user_id === String(u.user.pk)).length,
          1,
          'the second checkout reuses the customer',
        );
      });

      test('concurrent checkouts create one customer and one session', async () => {
        const u = await registerUser(t.app);
        const answers = await Promise.all(Array.from({ length: 6 }, () => checkout(u.access, planIds.pro)));
        for (const res of answers) assert.equal(res.statusCode, 200, res.body);
        const mine = (r: { form: Record<string, any> }) => r.form.metadata?.user_id === String(u.user.pk);
        const customers = [...stripe.customers.values()].filter(
          (c) => c.metadata?.user_id === String(u.user.pk),
        );
        assert.equal(customers.length, 1, 'one customer at Stripe');
        assert.equal((await me(u.access)).stripe_customer_id, customers[0]?.id);
        const sessions = stripe
          .requestsTo('POST', '/v1/checkout/sessions')
          .filter((r) => mine(r) && !r.replayed);
        assert.equal(sessions.length, 1, 'a double click is one checkout session');
        assert.equal(new Set(answers.map((r) => json(r).url)).size, 1);
        // Were two different customers ever created (an idempotency key expired), the first stored stays.
        assert.equal(await storeCustomerId(t.database.db, u.user.pk, 'cus_other'), customers[0]?.id);
        assert.equal((await me(u.access)).stripe_customer_id, customers[0]?.id);
      });

      test('refuses a plan without that price, the Free plan and unknown plans', async () => {
        const u = await registerUser(t.app);
        const before = stripe.requests.length;
        const noPrice = await checkout(u.access, planIds.pro, 'yearly');
        assert.equal(noPrice.statusCode, 400);
        assert.equal(json(noPrice).error, 'Plan does not support that billing cycle.');
        const free = await checkout(u.access, planIds.free);
        assert.equal(free.statusCode, 400);
        assert.equal(json(free).code, 'bad_request');
        const unknown = await checkout(u.access, 999_999);
        assert.equal(unknown.statusCode, 404);
        assert.equal(json(unknown).error, 'Plan not found');
        const badBilling = await checkout(u.access, planIds.basic, 'weekly');
        assert.equal(badBilling.statusCode, 400);
        assert.ok(json(badBilling).errors.billing);
        const missing = await checkout(u.access, undefined);
        assert.equal(missing.statusCode, 400);
        assert.ok(json(missing).errors.plan_id);
        assert.equal(stripe.requests.length, before, 'no Stripe call for a refused checkout');
        assert.equal((await me(u.access)).stripe_customer_id, null);
      });

      test('needs a signed-in user', async () => {
        const res = await t.app.inject({
          method: 'POST',
          url: '/core/payments/create-checkout-session/',
          payload: { plan_id: planIds.basic, billing: 'monthly' },
        });
        assert.equal(res.statusCode, 401);
        const verifyRes = await t.app.inject('/core/payments/verify-session/?session_id=cs_test_x');
        assert.equal(verifyRes.statusCode, 401);
        const portal = await t.app.inject({ method: 'POST', url: '/core/billing/portal/' });
        assert.equal(portal.statusCode, 401);
      });

      test('Stripe down is a 503 to retry, a price Stripe does not know a 502; nothing is stored', async () => {
        const u = await registerUser(t.app);
        stripe.failures.customers = 'error';
        try {
          const down = await checkout(u.access, planIds.basic);
          assert.equal(down.statusCode, 503, down.body);
          assert.equal(down.headers['retry-after'], '30');
          assert.doesNotMatch(down.body, /sk_test|api_error/);
        } finally {
          stripe.failures.customers = null;
        }
        assert.equal((await me(u.access)).stripe_customer_id, null);
        const price = stripe.prices.get(PRICES.premiumMonthly);
        stripe.prices.delete(PRICES.premiumMonthly);
        try {
          const refused = await checkout(u.access, planIds.premium);
          assert.equal(refused.statusCode, 502, refused.body);
          assert.equal(json(refused).detail, 'The payment provider refused the request.');
        } finally {
          if (price) stripe.prices.set(PRICES.premiumMonthly, price);
        }
      });

      test('refuses a second subscription while one runs', async () => {
        const u = await registerUser(t.app);
        await subscribe(u.access);
        const res = await checkout(u.access, planIds.pro);
        assert.equal(res.statusCode, 409);
        assert.match(json(res).error, /billing portal/);
      });
    });

    describe('verify-session', () => {
      test('answers the paid session of its own user and applies it once with the webhook', async () => {
        const u = await registerUser(t.app);
        const res = await checkout(u.access, planIds.basic, 'yearly');
        const sessionId = sessionIdOf(json(res).url);
        const session = stripe.completeSession(sessionId, 'paid');

        const verified = await verify(u.access, sessionId);
        assert.equal(verified.statusCode, 200, verified.body);
        const body = json(verified);
        assert.equal(body.success, true);
        assert.equal(body.subscription.id, session.subscription);
        assert.equal(body.subscription.plan_name, 'Basic');
        assert.equal(body.subscription.status, 'active');
        assert.match(body.subscription.current_period_start, /Z$/);
        assert.match(body.subscription.current_period_end, /Z$/);

        const user = await me(u.access);
        assert.equal(user.plan.name, 'Basic');
        assert.equal(user.stripe_subscription_id, session.subscription);
        assert.equal(user.subscription_interval, 'year');
        assert.equal(user.subscription_renewal_date, body.subscription.current_period_end);

        // The webhook for the same checkout changes nothing more; a second verify neither.
        const event = stripe.event('checkout.session.completed', session);
        assert.equal((await deliver(event)).statusCode, 200);
        assert.equal((await verify(u.access, sessionId)).statusCode, 200);
        assert.deepEqual(await me(u.access), user);
        assert.equal(await recorded(event.id), 1);
      });

      test('another user’s session is not found, and neither is a made-up one', async () => {
        const owner = await registerUser(t.app);
        const other = await registerUser(t.app);
        const sessionId = sessionIdOf(json(await checkout(owner.access, planIds.basic)).url);
        assert.equal((await verify(other.access, sessionId)).statusCode, 404);
        stripe.completeSession(sessionId, 'paid');
        const res = await verify(other.access, sessionId);
        assert.equal(res.statusCode, 404);
        assert.equal(json(res).detail, 'Checkout session not found.');
        assert.equal((await me(other.access)).plan.name, 'Free');
        assert.equal((await me(other.access)).stripe_subscription_id, null);
        assert.equal((await verify(owner.access, 'cs_test_doesnotexist')).statusCode, 404);
        assert.equal((await verify(owner.access, '../../v1/customers')).statusCode, 404);
        assert.equal((await verify(owner.access, '')).statusCode, 400);
      });

      test('a session not paid yet is success: false and grants nothing, until it is paid', async () => {
        const u = await registerUser(t.app);
        const sessionId = sessionIdOf(json(await checkout(u.access, planIds.premium)).url);
        const unpaid = stripe.completeSession(sessionId, 'unpaid');
        const res = await verify(u.access, sessionId);
        assert.equal(res.statusCode, 200, res.body);
        assert.deepEqual(
          {
            success: json(res).success,
            subscription: json(res).subscription,
            payment_status: json(res).payment_status,
          },
          { success: false, subscription: null, payment_status: 'unpaid' },
        );
        assert.match(json(res).detail, /not been completed/);
        // A completed-but-unpaid checkout event (a bank debit still clearing) grants nothing either.
        assert.equal((await deliver(stripe.event('checkout.session.completed', unpaid))).statusCode, 200);
        assert.equal((await me(u.access)).plan.name, 'Free');
        assert.equal((await me(u.access)).stripe_subscription_status, null);

        stripe.completeSession(sessionId, 'paid');
        const paid = json(await verify(u.access, sessionId));
        assert.equal(paid.success, true);
        assert.equal((await me(u.access)).plan.name, 'Premium');
      });
    });

    describe('webhook', () => {
      test('refuses a missing, wrong or stale signature and a tampered body', async () => {
        const u = await registerUser(t.app);
        const sessionId = sessionIdOf(json(await checkout(u.access, planIds.basic)).url);
        const event = stripe.event('checkout.session.completed', stripe.completeSession(sessionId, 'paid'));
        const body = JSON.stringify(event);
        const post = (payload: string, headers: Record<string, string>) =>
          t.app.inject({
            method: 'POST',
            url: '/core/payments/webhook/stripe/',
            headers: { 'content-type': 'application/json', ...headers },
            payload,
          });
        const missing = await post(body, {});
        assert.equal(missing.statusCode, 400);
        assert.match(json(missing).detail, /Stripe-Signature/);
        const foreign = stripe.sign(body, 'whsec_someone_else');
        assert.equal((await post(body, { 'stripe-signature': foreign.signature })).statusCode, 400);
        const signed = stripe.sign(body);
        const tampered = body.replace(String(u.user.pk), String(u.user.pk + 1000));
        assert.equal((await post(tampered, { 'stripe-signature': signed.signature })).statusCode, 400);
        // Same JSON, other bytes: the signature is over the raw body, not the parsed object.
        const reformatted = JSON.stringify(event, null, 2);
        assert.equal((await post(reformatted, { 'stripe-signature': signed.signature })).statusCode, 400);
        assert.equal((await post(body, { 'stripe-signature': 'garbage' })).statusCode, 400);
        assert.equal(await recorded(event.id), 0);
        assert.equal((await me(u.access)).plan.name, 'Free');
        // The correctly signed original is accepted, with the content type Stripe sends.
        const accepted = await post(body, {
          'stripe-signature': signed.signature,
          'content-type': 'application/json; charset=utf-8',
        });
        assert.equal(accepted.statusCode, 200, accepted.body);
        assert.equal((await me(u.access)).plan.name, 'Basic');
      });

      test('a replayed event is applied once', async () => {
        const u = await registerUser(t.app);
        const { subscriptionId } = await subscribe(u.access);
        const at = seconds() + 5;
        const toPro = subscriptionEvent(
          'customer.subscription.updated',
          subscriptionId,
          { price: PRICES.proMonthly },
          at,
        );
        const toBasic = subscriptionEvent(
          'customer.subscription.updated',
          subscriptionId,
          { price: PRICES.basicMonthly },
          at,
        );
        assert.equal((await deliver(toPro)).statusCode, 200);
        assert.equal((await me(u.access)).plan.name, 'Pro');
        assert.equal((await deliver(toBasic)).statusCode, 200);
        assert.equal((await me(u.access)).plan.name, 'Basic');
        // Same second as the last applied state: only the event id tells the replay apart.
        const replay = await deliver(toPro);
        assert.equal(replay.statusCode, 200);
        assert.deepEqual(json(replay), { received: true });
        assert.equal((await me(u.access)).plan.name, 'Basic');
        assert.equal(await recorded(toPro.id), 1);
        // Concurrent deliveries of one event apply it once too.
        const toPremium = subscriptionEvent(
          'customer.subscription.updated',
          subscriptionId,
          { price: PRICES.premiumMonthly },
          at + 1,
        );
        const signed = stripe.sign(toPremium);
        const answers = await Promise.all(
          Array.from({ length: 4 }, () =>
            t.app.inject({
              method: 'POST',
              url: '/core/payments/webhook/stripe/',
              headers: { 'content-type': 'application/json', 'stripe-signature': signed.signature },
              payload: signed.body,
            }),
          ),
        );
        for (const res of answers) assert.equal(res.statusCode, 200, res.body);
        assert.equal(await recorded(toPremium.id), 1);
        assert.equal((await me(u.access)).plan.name, 'Premium');
      });

      test('an older update after a newer deletion does not bring the subscription back', async () => {
        const u = await registerUser(t.app);
        const { subscriptionId } = await subscribe(u.access, 'pro');
        const t0 = seconds() + 10;
        const deleted = subscriptionEvent(
          'customer.subscription.deleted',
          subscriptionId,
          { status: 'canceled' },
          t0 + 20,
        );
        const olderUpdate = subscriptionEvent(
          'customer.subscription.updated',
          subscriptionId,
          { status: 'active', price: PRICES.premiumMonthly },
          t0,
        );
        const sameSecondUpdate = subscriptionEvent(
          'customer.subscription.updated',
          subscriptionId,
          { status: 'active' },
          t0 + 20,
        );
        assert.equal((await deliver(deleted)).statusCode, 200);
        assert.equal((await deliver(olderUpdate)).statusCode, 200);
        assert.equal((await deliver(sameSecondUpdate)).statusCode, 200);
        const user = await me(u.access);
        assert.equal(user.plan.name, 'Free');
        assert.equal(user.stripe_subscription_status, 'canceled');
        assert.equal(user.subscription_renewal_date, null);
        assert.equal(await recorded(olderUpdate.id), 1, 'seen, though not applied');
      });

      test('an older plan change arriving after a newer one is ignored', async () => {
        const u = await registerUser(t.app);
        const { subscriptionId } = await subscribe(u.access);
        const t0 = seconds() + 10;
        const newer = subscriptionEvent(
          'customer.subscription.updated',
          subscriptionId,
          { price: PRICES.proMonthly },
          t0 + 5,
        );
        const older = subscriptionEvent(
          'customer.subscription.updated',
          subscriptionId,
          { price: PRICES.premiumMonthly },
          t0,
        );
        assert.equal((await deliver(newer)).statusCode, 200);
        assert.equal((await deliver(older)).statusCode, 200);
        assert.equal((await me(u.access)).plan.name, 'Pro');
      });

      test('a checkout is never bound to another user, whatever the email or reference says', async () => {
        const owner = await registerUser(t.app);
        const other = await registerUser(t.app);
        const sessionId = sessionIdOf(json(await checkout(owner.access, planIds.basic)).url);
        const session = stripe.completeSession(sessionId, 'paid');

        // Reference and metadata disagree: nobody is bound.
        const contradictory = stripe.event('checkout.session.completed', {
          ...session,
          client_reference_id: String(other.user.pk),
        });
        assert.equal((await deliver(contradictory)).statusCode, 200);
        assert.equal((await me(owner.access)).stripe_subscription_id, null);
        assert.equal((await me(other.access)).stripe_subscription_id, null);

        // The session and a subscription without our metadata name the other user, but the customer
        // is the owner's: refused.
        const subscription = stripe.subscriptions.get(session.subscription) as Record<string, any>;
        const metadata = subscription.metadata;
        subscription.metadata = {};
        const foreignCustomer = stripe.event('checkout.session.completed', {
          ...session,
          client_reference_id: String(other.user.pk),
          metadata: { user_id: String(other.user.pk) },
        });
        assert.equal((await deliver(foreignCustomer)).statusCode, 200);
        subscription.metadata = metadata;
        assert.equal((await me(other.access)).stripe_customer_id, null);
        assert.equal((await me(other.access)).plan.name, 'Free');

        // The session names the other user while its customer is the owner's: refused.
        const forged = stripe.event('checkout.session.completed', {
          ...session,
          client_reference_id: String(other.user.pk),
          metadata: { ...session.metadata, user_id: String(other.user.pk) },
          customer_email: other.email,
        });
        assert.equal((await deliver(forged)).statusCode, 200);
        const otherUser = await me(other.access);
        assert.equal(otherUser.plan.name, 'Free');
        assert.equal(otherUser.stripe_customer_id, null);
        assert.equal(otherUser.stripe_subscription_id, null);
        assert.equal((await me(owner.access)).plan.name, 'Free');

        // The real event carries the other user's email as the payer's: bound to the owner all the same.
        const genuine = stripe.event('checkout.session.completed', {
          ...session,
          customer_email: other.email,
        });
        assert.equal((await deliver(genuine)).statusCode, 200);
        assert.equal((await me(owner.access)).plan.name, 'Basic');
        assert.equal((await me(owner.access)).stripe_subscription_id, session.subscription);
        assert.equal((await me(other.access)).plan.name, 'Free');

        // A subscription event whose metadata names the other user but whose customer is the owner's.
        const crossed = subscriptionEvent(
          'customer.subscription.updated',
          session.subscription,
          { price: PRICES.premiumMonthly },
          seconds() + 30,
        );
        crossed.data.object.metadata = { user_id: String(other.user.pk) };
        assert.equal((await deliver(crossed)).statusCode, 200);
        assert.equal((await me(other.access)).plan.name, 'Free');
        assert.equal((await me(owner.access)).plan.name, 'Basic');
      });

      test('payment failure keeps the plan as past_due, and a paid invoice makes it active again', async () => {
        const u = await registerUser(t.app);
        const { subscriptionId } = await subscribe(u.access);
        const t0 = seconds() + 10;
        assert.equal(
          (await deliver(invoiceEvent('invoice.payment_failed', subscriptionId, t0))).statusCode,
          200,
        );
        let user = await me(u.access);
        assert.equal(user.stripe_subscription_status, 'past_due');
        assert.equal(user.plan.name, 'Basic');
        assert.equal((await deliver(invoiceEvent('invoice.paid', subscriptionId, t0 + 10))).statusCode, 200);
        user = await me(u.access);
        assert.equal(user.stripe_subscription_status, 'active');
        assert.equal(user.plan.name, 'Basic');
        // A late failure notice older than the payment changes nothing.
        assert.equal(
          (await deliver(invoiceEvent('invoice.payment_failed', subscriptionId, t0 + 5))).statusCode,
          200,
        );
        assert.equal((await me(u.access)).stripe_subscription_status, 'active');
      });

      test('cancellation puts the user back on Free', async () => {
        const u = await registerUser(t.app);
        const { subscriptionId } = await subscribe(u.access, 'premium');
        assert.deepEqual(await currentPlanName(u.access), ['Premium']);
        const deleted = subscriptionEvent(
          'customer.subscription.deleted',
          subscriptionId,
          { status: 'canceled' },
          seconds() + 10,
        );
        assert.equal((await deliver(deleted)).statusCode, 200);
        const user = await me(u.access);
        assert.equal(user.plan.name, 'Free');
        assert.equal(user.stripe_subscription_status, 'canceled');
        assert.equal(user.subscription_renewal_date, null);
        assert.equal(user.subscription_interval, null);
        assert.deepEqual(await currentPlanName(u.access), ['Free']);
      });

      test('an upgrade shows in the user and in the plans at once', async () => {
        const u = await registerUser(t.app);
        const { subscriptionId } = await subscribe(u.access);
        assert.deepEqual(await currentPlanName(u.access), ['Basic']);
        const periodEnd = seconds() + 40 * 86_400;
        const upgrade = subscriptionEvent(
          'customer.subscription.updated',
          subscriptionId,
          { price: PRICES.proMonthly, periodEnd },
          seconds() + 10,
        );
        assert.equal((await deliver(upgrade)).statusCode, 200);
        const user = await me(u.access);
        assert.equal(user.plan.name, 'Pro');
        assert.equal(user.stripe_subscription_status, 'active');
        assert.equal(user.subscription_renewal_date, new Date(periodEnd * 1000).toISOString());
        assert.equal(user.subscription_interval, 'month');
        assert.deepEqual(await currentPlanName(u.access), ['Pro']);
      });

      test('customer.subscription.created for a customer we know is applied', async () => {
        const u = await registerUser(t.app);
        const sessionId = sessionIdOf(json(await checkout(u.access, planIds.pro)).url);
        const { subscription } = stripe.completeSession(sessionId, 'paid');
        const created = subscriptionEvent('customer.subscription.created', subscription, {}, seconds());
        // Found by the customer we created for this user, even with no metadata.
        created.data.object.metadata = {};
        assert.equal((await deliver(created)).statusCode, 200);
        assert.equal((await me(u.access)).plan.name, 'Pro');
      });

      test('the event record and the change share a transaction: a second apply of one event does nothing', async () => {
        const u = await registerUser(t.app);
        const event = stripe.event('customer.subscription.updated', {
          id: 'sub_direct',
          object: 'subscription',
        });
        let decisions = 0;
        const decide = async () => {
          decisions += 1;
          return { apply: true as const, changes: { stripeSubscriptionStatus: `seen-${decisions}` } };
        };
        // Both past the service's early "already seen?" check, as two concurrent deliveries can be.
        const outcomes = await Promise.all([
          applyToUser(t.database.db, event as any, u.user.pk, decide),
          applyToUser(t.database.db, event as any, u.user.pk, decide),
        ]);
        assert.deepEqual(outcomes.map((o) => o.applied).sort(), [false, true]);
        assert.equal(outcomes.find((o) => !o.applied)?.reason, 'duplicate');
        assert.equal(decisions, 1);
        assert.equal((await me(u.access)).stripe_subscription_status, 'seen-1');
        // A failed change leaves the event unrecorded, so Stripe's redelivery can apply it.
        const failing = stripe.event('customer.subscription.updated', {
          id: 'sub_direct',
          object: 'subscription',
        });
        await assert.rejects(
          applyToUser(t.database.db, failing as any, u.user.pk, async () => {
            throw new Error('boom');
          }),
        );
        assert.equal(await recorded(failing.id), 0);
      });

      test('unknown events are acknowledged and not recorded', async () => {
        const event = stripe.event('customer.updated', { id: 'cus_whatever', object: 'customer' });
        const res = await deliver(event);
        assert.equal(res.statusCode, 200);
        assert.deepEqual(json(res), { received: true });
        assert.equal(await recorded(event.id), 0);
      });

      test('other JSON routes still parse JSON (the raw parser stays in the webhook)', async () => {
        const res = await t.app.inject({
          method: 'POST',
          url: '/auth/login/',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ username: 'nobody', password: 'Nope-nope-1' }),
        });
        assert.equal(res.statusCode, 400);
        assert.equal(json(res).code, 'invalid_credentials');
      });
    });

    describe('portal', () => {
      test('400 without a Stripe customer, a portal URL with one', async () => {
        const u = await registerUser(t.app);
        const none = await t.app.inject({
          method: 'POST',
          url: '/core/billing/portal/',
          headers: bearer(u.access),
        });
        assert.equal(none.statusCode, 400);
        assert.equal(json(none).detail, 'No Stripe customer ID found.');
        assert.equal(json(none).error, 'No Stripe customer ID found.');

        await checkout(u.access, planIds.basic);
        const res = await t.app.inject({
          method: 'POST',
          url: '/core/billing/portal/',
          headers: bearer(u.access),
        });
        assert.equal(res.statusCode, 200, res.body);
        assert.match(json(res).url, /^https:\/\/billing\.stripe\.test\/p\/session\/bps_/);
        const request = stripe.requestsTo('POST', '/v1/billing_portal/sessions').at(-1);
        assert.equal(request?.form.customer, (await me(u.access)).stripe_customer_id);
        assert.equal(request?.form.return_url, `${FRONTEND}/profile`);
      });
    });
  });

  describe(`billing without Stripe on ${backend.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(backend);
    });
    after(async () => t.close());

    test('every billing route answers 503 and everything else works', async () => {
      const u = await registerUser(t.app);
      const calls = [
        {
          method: 'POST' as const,
          url: '/core/payments/create-checkout-session/',
          payload: { plan_id: 2, billing: 'monthly' },
        },
        { method: 'POST' as const, url: '/core/payments/create-checkout-session/', payload: {} },
        { method: 'GET' as const, url: '/core/payments/verify-session/?session_id=cs_test_1' },
        { method: 'POST' as const, url: '/core/billing/portal/' },
        { method: 'POST' as const, url: '/core/payments/webhook/stripe/', payload: { id: 'evt_1' } },
      ];
      for (const call of calls) {
        for (const headers of [bearer(u.access), {}]) {
          const res = await t.app.inject({ ...call, headers });
          assert.equal(res.statusCode, 503, `${call.method} ${call.url}: ${res.body}`);
          assert.equal(json(res).code, 'service_unavailable');
          assert.equal(json(res).detail, 'Billing is not configured on this server.');
        }
      }
      const plans = json<any[]>(await t.app.inject('/core/plans/'));
      assert.deepEqual(plans[1].monthly_price, { amount: 9.99, currency: 'usd', interval: 'month' });
      assert.equal((await t.app.inject({ url: '/auth/user/', headers: bearer(u.access) })).statusCode, 200);
    });
  });

  describe(`billing without a webhook secret on ${backend.name}`, () => {
    test('the webhook answers 503 (Stripe delivers again later) and checkout still works', async () => {
      const stripe = await startStripeFake();
      seedFakePrices(stripe);
      const env = stripeEnv(stripe);
      delete env.STRIPE_WEBHOOK_SECRET;
      const t = await startTestApp(backend, { env });
      try {
        const signed = stripe.sign(stripe.event('invoice.paid', { id: 'in_1', object: 'invoice' }));
        const res = await t.app.inject({
          method: 'POST',
          url: '/core/payments/webhook/stripe/',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'stripe-signature': signed.signature,
          },
          payload: signed.body,
        });
        assert.equal(res.statusCode, 503);
        assert.match(json(res).detail, /webhooks are not configured/);
        const u = await registerUser(t.app);
        const plans = json<any[]>(await t.app.inject('/core/plans/'));
        const basic = plans.find((p) => p.name === 'Basic');
        const checkout = await t.app.inject({
          method: 'POST',
          url: '/core/payments/create-checkout-session/',
          headers: bearer(u.access),
          payload: { plan_id: basic.id, billing: 'monthly' },
        });
        assert.equal(checkout.statusCode, 200, checkout.body);
      } finally {
        await t.close();
        await stripe.close();
      }
    });
  });

  describe(`live prices on ${backend.name}`, () => {
    test('come from Stripe, are cached, and refresh after PRICES_CACHE_SECONDS', async () => {
      const stripe = await startStripeFake();
      seedFakePrices(stripe);
      const app = await startPricesApp(backend, stripeEnv(stripe, { PRICES_CACHE_SECONDS: '300' }));
      try {
        const list = async () => json<any[]>(await app.app.inject('/core/plans/'));
        const first = await list();
        const basic = first.find((p) => p.name === 'Basic');
        assert.deepEqual(basic.monthly_price, { amount: 12.5, currency: 'eur', interval: 'month' });
        assert.deepEqual(basic.yearly_price, { amount: 120, currency: 'eur', interval: 'year' });
        const pro = first.find((p) => p.name === 'Pro');
        assert.equal(pro.yearly_price, null, 'no Stripe price for Pro yearly: it cannot be bought');
        const monthly = json<any[]>(await app.app.inject('/core/plans/?billing=yearly'));
        assert.deepEqual(
          monthly.map((p) => p.name),
          ['Basic'],
        );
        const loads = stripe.requestsTo('GET', '/v1/prices/').length;
        assert.equal(loads, 4, 'one call per configured price');

        stripe.prices.set(PRICES.basicMonthly, { unit_amount: 1500, currency: 'eur', interval: 'month' });
        await Promise.all([list(), list(), list()]);
        assert.equal(stripe.requestsTo('GET', '/v1/prices/').length, loads, 'cached');
        assert.equal((await list()).find((p) => p.name === 'Basic').monthly_price.amount, 12.5);

        app.clock.advance(301_000);
        await Promise.all([list(), list()]);
        assert.equal(
          stripe.requestsTo('GET', '/v1/prices/').length,
          loads * 2,
          'one reload for concurrent lists',
        );
        assert.equal((await list()).find((p) => p.name === 'Basic').monthly_price.amount, 15);
        // The user's plan in the User object shows the same prices.
        const u = await registerUser(app.app);
        const res = await app.app.inject({
          method: 'POST',
          url: '/core/payments/create-checkout-session/',
          headers: bearer(u.access),
          payload: { plan_id: basic.id, billing: 'monthly' },
        });
        assert.equal(res.statusCode, 200, res.body);
      } finally {
        await app.close();
        await stripe.close();
      }
    });

    test('fall back to the configured prices when Stripe fails or hangs, logging once', async () => {
      for (const failure of ['error', 'hang'] as const) {
        const stripe = await startStripeFake();
        seedFakePrices(stripe);
        stripe.failures.prices = failure;
        const app = await startPricesApp(
          backend,
          stripeEnv(stripe, { PRICES_CACHE_SECONDS: '300', STRIPE_TIMEOUT_MS: '500' }),
        );
        try {
          const list = async () => json<any[]>(await app.app.inject('/core/plans/'));
          const basic = (await list()).find((p) => p.name === 'Basic');
          assert.deepEqual(
            basic.monthly_price,
            { amount: 9.99, currency: 'usd', interval: 'month' },
            failure,
          );
          await list();
          app.clock.advance(31_000);
          await list();
          const warnings = app.logs().filter((l) => /cannot load prices from Stripe/.test(l.msg));
          assert.equal(warnings.length, 1, `${failure}: logged once`);
          assert.doesNotMatch(
            JSON.stringify(app.logs()),
            new RegExp(stripe.secretKey),
            'the key is never logged',
          );

          stripe.failures.prices = null;
          app.clock.advance(31_000);
          assert.equal((await list()).find((p) => p.name === 'Basic').monthly_price.amount, 12.5, failure);
        } finally {
          await app.close();
          await stripe.close();
        }
      }
    });
  });
}

/** An app like startTestApp's, with a logger whose lines the test can read. */
async function startPricesApp(backend: Backend, env: Record<string, string>) {
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
