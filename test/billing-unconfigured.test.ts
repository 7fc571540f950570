// Billing left unconfigured on every backend: without Stripe every billing route answers 503 and
// the rest of the API works; without a webhook secret only the webhook does, so Stripe delivers again
// later.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startStripeFake } from './fakes/stripe-fake.ts';
import { bearer, json, registerUser, startTestApp, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';
import { seedFakePrices, stripeEnv } from './helpers/billing.ts';

for (const backend of backends()) {
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
}
