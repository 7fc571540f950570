// Live prices on every backend: read from Stripe, cached for PRICES_CACHE_SECONDS with one reload for
// concurrent lists, and the configured prices when Stripe fails or hangs, logged once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startStripeFake } from './fakes/stripe-fake.ts';
import { bearer, json, registerUser } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';
import { PRICES, seedFakePrices, startPricesApp, stripeEnv } from './helpers/billing.ts';

for (const backend of backends()) {
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
