import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { UserRow } from './billing.repository.ts';
import {
  checkoutSessionOwner,
  decideInvoiceChange,
  decideSubscriptionChange,
  invoicePriceId,
  invoiceSubscriptionId,
  parseUserId,
  type SubscriptionSnapshot,
  snapshotOfSubscription,
} from './subscription-state.ts';

const T = new Date('2026-03-01T12:00:00Z');
const later = (s: number) => new Date(T.getTime() + s * 1000);

function user(overrides: Partial<UserRow> = {}): UserRow {
  return {
    id: 7,
    planId: 1,
    stripeCustomerId: 'cus_1',
    stripeSubscriptionId: 'sub_1',
    stripeSubscriptionStatus: 'active',
    subscriptionRenewalDate: null,
    subscriptionInterval: 'month',
    stripeStateAt: T,
    ...overrides,
  } as UserRow;
}

function snapshot(overrides: Partial<SubscriptionSnapshot> = {}): SubscriptionSnapshot {
  return {
    subscriptionId: 'sub_1',
    customerId: 'cus_1',
    status: 'active',
    priceId: 'price_pro',
    interval: 'year',
    periodStart: T,
    periodEnd: later(86_400),
    metadataUserId: '7',
    at: later(10),
    ...overrides,
  };
}

const decide = (u: UserRow, s: SubscriptionSnapshot, extra: { planId?: number; bind?: boolean } = {}) =>
  decideSubscriptionChange({
    user: u,
    snapshot: s,
    planId: extra.planId ?? 3,
    freePlanId: 1,
    bind: extra.bind ?? false,
  });

test('an active subscription grants its plan, renewal date and interval', () => {
  const d = decide(user(), snapshot());
  assert.ok(d.apply);
  assert.equal(d.changes.planId, 3);
  assert.deepEqual(d.changes.subscriptionRenewalDate, later(86_400));
  assert.equal(d.changes.subscriptionInterval, 'year');
  assert.deepEqual(d.changes.stripeStateAt, later(10));
  assert.equal(d.changes.stripeCustomerId, undefined, 'a stored customer is never replaced');
});

test('an older state is ignored; the same second is applied', () => {
  assert.deepEqual(decide(user(), snapshot({ at: later(-1) })), { apply: false, reason: 'stale' });
  assert.equal(decide(user(), snapshot({ at: T })).apply, true);
});

test('ended subscriptions stay ended and a subscription never goes back to incomplete', () => {
  const ended = user({ stripeSubscriptionStatus: 'canceled' });
  assert.deepEqual(decide(ended, snapshot()), { apply: false, reason: 'subscription_already_ended' });
  assert.deepEqual(decide(user(), snapshot({ status: 'incomplete' })), {
    apply: false,
    reason: 'status_regressed',
  });
});

test('revoking statuses put the user on Free without a renewal date', () => {
  for (const status of ['canceled', 'unpaid', 'incomplete_expired']) {
    const d = decide(user(), snapshot({ status }));
    assert.ok(d.apply, status);
    assert.equal(d.changes.planId, 1);
    assert.equal(d.changes.subscriptionRenewalDate, null);
    assert.equal(d.changes.subscriptionInterval, null);
  }
});

test('incomplete and unknown prices do not change the plan', () => {
  const incomplete = decide(
    user({ stripeSubscriptionId: null, stripeSubscriptionStatus: null }),
    snapshot({ status: 'incomplete' }),
  );
  assert.ok(incomplete.apply);
  assert.equal(incomplete.changes.planId, undefined);
  const unknownPrice = decideSubscriptionChange({
    user: user(),
    snapshot: snapshot(),
    planId: undefined,
    freePlanId: 1,
    bind: false,
  });
  assert.ok(unknownPrice.apply);
  assert.equal(unknownPrice.changes.planId, undefined);
});

test('another live subscription stays current unless the user just paid for this one', () => {
  const other = snapshot({ subscriptionId: 'sub_2' });
  assert.deepEqual(decide(user(), other), { apply: false, reason: 'not_current_subscription' });
  assert.equal(decide(user(), other, { bind: true }).apply, true);
  assert.equal(decide(user(), { ...other, status: 'canceled' }, { bind: true }).apply, false);
  assert.equal(decide(user({ stripeSubscriptionStatus: 'canceled' }), other).apply, true);
});

test('a customer is bound only to a user without one', () => {
  const d = decide(user({ stripeCustomerId: null, stripeSubscriptionId: null }), snapshot());
  assert.ok(d.apply);
  assert.equal(d.changes.stripeCustomerId, 'cus_1');
});

test('invoices: failure makes an active subscription past_due, payment makes it active again', () => {
  const failed = decideInvoiceChange({
    user: user(),
    subscriptionId: 'sub_1',
    outcome: 'failed',
    at: later(5),
    planId: undefined,
  });
  assert.deepEqual(failed, {
    apply: true,
    changes: { stripeSubscriptionStatus: 'past_due', stripeStateAt: later(5) },
  });
  const pastDue = user({ stripeSubscriptionStatus: 'unpaid', planId: 1 });
  const paid = decideInvoiceChange({
    user: pastDue,
    subscriptionId: 'sub_1',
    outcome: 'paid',
    at: later(9),
    planId: 3,
  });
  assert.ok(paid.apply);
  assert.equal(paid.changes.stripeSubscriptionStatus, 'active');
  assert.equal(paid.changes.planId, 3, 'the plan `unpaid` took away comes back');
  assert.equal(
    decideInvoiceChange({
      user: user({ stripeSubscriptionStatus: 'incomplete' }),
      subscriptionId: 'sub_1',
      outcome: 'failed',
      at: later(5),
      planId: undefined,
    }).apply,
    false,
  );
  assert.deepEqual(
    decideInvoiceChange({
      user: user(),
      subscriptionId: 'sub_9',
      outcome: 'failed',
      at: later(5),
      planId: undefined,
    }),
    { apply: false, reason: 'not_current_subscription' },
  );
  assert.deepEqual(
    decideInvoiceChange({
      user: user(),
      subscriptionId: 'sub_1',
      outcome: 'failed',
      at: later(-5),
      planId: undefined,
    }),
    { apply: false, reason: 'stale' },
  );
});

test('the checkout owner comes from the reference, never contradicted by metadata', () => {
  const session = (ref: string | null, meta: string | undefined) =>
    ({ client_reference_id: ref, metadata: meta === undefined ? {} : { user_id: meta } }) as never;
  assert.equal(checkoutSessionOwner(session('7', '7')), 7);
  assert.equal(checkoutSessionOwner(session('7', undefined)), 7);
  assert.equal(checkoutSessionOwner(session(null, '7')), 7);
  assert.equal(checkoutSessionOwner(session('7', '8')), null);
  assert.equal(checkoutSessionOwner(session('ann@example.com', undefined)), null);
  for (const bad of ['0', '-1', '1e3', '07x', '', '9999999999999']) assert.equal(parseUserId(bad), null, bad);
});

test('periods, subscriptions and prices are read from current and older payload shapes', () => {
  const legacySubscription = {
    id: 'sub_1',
    customer: { id: 'cus_1' },
    status: 'active',
    metadata: {},
    current_period_start: 1_770_000_000,
    current_period_end: 1_772_592_000,
    items: { data: [{ price: { id: 'price_x', recurring: { interval: 'month' } } }] },
  };
  const s = snapshotOfSubscription(legacySubscription as never, T);
  assert.equal(s.customerId, 'cus_1');
  assert.deepEqual(s.periodEnd, new Date(1_772_592_000_000));
  assert.equal(s.interval, 'month');
  assert.equal(s.metadataUserId, null);
  assert.equal(invoiceSubscriptionId({ subscription: 'sub_old', lines: { data: [] } } as never), 'sub_old');
  assert.equal(
    invoiceSubscriptionId({ parent: { subscription_details: { subscription: 'sub_new' } } } as never),
    'sub_new',
  );
  assert.equal(invoicePriceId({ lines: { data: [{ price: { id: 'price_old' } }] } } as never), 'price_old');
  assert.equal(
    invoicePriceId({ lines: { data: [{ pricing: { price_details: { price: 'price_new' } } }] } } as never),
    'price_new',
  );
});
