// Stripe checkout on every backend, through the real `stripe` SDK talking to a loopback fake: one
// customer per user even under concurrency, the refusals that never reach Stripe, Stripe down, and
// verify-session (own sessions only, paid only, applied once with the webhook).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { storeCustomerId } from '../src/billing/billing.repository.ts';
import type { StripeFake } from './fakes/stripe-fake.ts';
import { json, registerUser, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';
import { billingCalls, FRONTEND, PRICES, sessionIdOf, startBillingTestApp } from './helpers/billing.ts';

for (const backend of backends()) {
  describe(`billing checkout on ${backend.name}`, () => {
    let stripe: StripeFake;
    let t: TestApp;
    let planIds: Record<string, number>;

    before(async () => {
      ({ stripe, t, planIds } = await startBillingTestApp(backend));
    });
    after(async () => {
      await t.close();
      await stripe.close();
    });

    const { checkout, verify, deliver, me, recorded, subscribe } = billingCalls(() => ({
      t,
      stripe,
      planIds,
    }));

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
  });
}
