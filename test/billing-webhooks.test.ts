// The Stripe webhook on every backend: the signature over the raw body, each event applied once,
// events out of order, a checkout never bound to the wrong user, and the subscription lifecycle as
// the User object and the plans list show it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { applyToUser } from '../src/billing/webhooks/apply.ts';
import type { StripeFake } from './fakes/stripe-fake.ts';
import { json, registerUser, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';
import { billingCalls, PRICES, seconds, sessionIdOf, startBillingTestApp } from './helpers/billing.ts';

for (const backend of backends()) {
  describe(`billing webhook on ${backend.name}`, () => {
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

    const { checkout, deliver, me, currentPlanName, recorded, subscribe, subscriptionEvent, invoiceEvent } =
      billingCalls(() => ({ t, stripe, planIds }));

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
  });
}
