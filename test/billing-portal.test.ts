// /core/billing/portal/ on every backend: refused without a Stripe customer, a portal session for the
// user's own customer with one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StripeFake } from './fakes/stripe-fake.ts';
import { bearer, json, registerUser, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';
import { billingCalls, FRONTEND, startBillingTestApp } from './helpers/billing.ts';

for (const backend of backends()) {
  describe(`billing portal on ${backend.name}`, () => {
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

    const { checkout, me } = billingCalls(() => ({ t, stripe, planIds }));

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
}
