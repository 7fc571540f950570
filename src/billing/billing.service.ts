// Stripe checkout, the billing portal, verify-session and the webhook. Money flows are bound to the
// user who started them (client_reference_id, metadata, the customer we created for that user),
// never matched by email, and each Stripe event is applied once.
import type { Clock } from '../platform/clock.ts';
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError, notFound } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import {
  findPlanBySlugOrThrow,
  findUserById,
  isStripeEventRecorded,
  storeCustomerId,
  type UserRow,
} from './billing.repository.ts';
import type { CheckoutSessionBody, VerifySessionResult } from './billing.schemas.ts';
import { FREE_PLAN_SLUG } from './plans.catalog.ts';
import { findPlanById } from './plans.repository.ts';
import { StripeCallError, type StripeClient, StripeSignatureError } from './stripe.client.ts';
import { checkoutSessionOwner, idOf, snapshotOfSubscription } from './subscription-state.ts';
import {
  applySubscriptionSnapshot,
  logOutcome,
  planIdForPrice,
  type WebhookContext,
} from './webhooks/apply.ts';
import { PAID_STATUSES } from './webhooks/checkout-session-completed.handler.ts';
import { WEBHOOK_HANDLERS } from './webhooks/index.ts';

export interface BillingService {
  /** Throws the 503 every billing route answers when Stripe is not configured. */
  ensureConfigured(): void;
  createCheckoutSession(userId: number, input: CheckoutSessionBody): Promise<{ url: string }>;
  verifySession(userId: number, sessionId: string): Promise<VerifySessionResult>;
  createPortalSession(userId: number): Promise<{ url: string }>;
  handleWebhook(rawBody: Buffer, signature: string | undefined): Promise<{ received: true }>;
}

export interface BillingServiceDeps {
  db: Db;
  /** Null when STRIPE_SECRET_KEY is not set. */
  stripe: StripeClient | null;
  config: Config['stripe'];
  clock: Clock;
  logger: Logger;
  /** Told after a user's row changed (plan, subscription), so no process keeps the old one. */
  userChanged?: (userId: number) => Promise<void>;
}

/** Statuses of a subscription that is still running: a second checkout would bill twice. */
const LIVE_STATUSES = new Set(['active', 'trialing', 'past_due']);
/** Checkouts of one user for one plan and interval within this window are one Stripe session. */
const CHECKOUT_BUCKET_MS = 60_000;
const SESSION_ID = /^cs_[A-Za-z0-9_]{1,250}$/;
const SESSION_NOT_FOUND = 'Checkout session not found.';

/** What the methods share: their dependencies, and the Free plan's id once read (it never changes). */
interface BillingState {
  deps: BillingServiceDeps;
  freePlanId: number | undefined;
}

export function createBillingService(deps: BillingServiceDeps): BillingService {
  const state: BillingState = { deps, freePlanId: undefined };
  return {
    ensureConfigured() {
      stripeOrThrow(deps);
    },
    createCheckoutSession: (userId, input) => createCheckoutSession(state, userId, input),
    verifySession: (userId, sessionId) => verifySession(state, userId, sessionId),
    createPortalSession: (userId) => createPortalSession(deps, userId),
    handleWebhook: (rawBody, signature) => handleWebhook(state, rawBody, signature),
  };
}

function stripeOrThrow(deps: BillingServiceDeps): StripeClient {
  if (!deps.stripe) throw new AppError('service_unavailable', 'Billing is not configured on this server.');
  return deps.stripe;
}

function webhookContext(state: BillingState, stripe: StripeClient): WebhookContext {
  const { db, logger } = state.deps;
  return {
    db,
    stripe,
    logger,
    async freePlanId() {
      state.freePlanId ??= (await findPlanBySlugOrThrow(db, FREE_PLAN_SLUG)).id;
      return state.freePlanId;
    },
  };
}

/** A failed Stripe call as the client sees it; the details go to the log without any key. */
function fromStripe(logger: Logger, error: unknown, what: string): never {
  if (!(error instanceof StripeCallError)) throw error;
  const fields = {
    type: error.type,
    status: error.statusCode,
    code: error.stripeCode,
    requestId: error.requestId,
  };
  if (error.isUnavailable) {
    logger.warn({ stripe: fields }, `Stripe unavailable: ${what}`);
    throw new AppError(
      'service_unavailable',
      'The payment provider cannot be reached right now. Please try again.',
      {
        headers: { 'Retry-After': '30' },
      },
    );
  }
  logger.error({ stripe: fields, message: error.message }, `Stripe refused: ${what}`);
  throw new AppError('service_unavailable', 'The payment provider refused the request.', { status: 502 });
}

async function userOrThrow(db: Db, userId: number): Promise<UserRow> {
  const user = await findUserById(db, userId);
  if (!user) throw new AppError('not_authenticated', 'Authentication credentials were not provided.');
  return user;
}

/**
 * The user's Stripe customer, created once. Concurrent first checkouts send the same idempotency
 * key, so Stripe answers both with one customer, and the conditional update keeps the first id
 * stored.
 */
async function ensureCustomer(
  deps: BillingServiceDeps,
  stripe: StripeClient,
  user: UserRow,
): Promise<string> {
  if (user.stripeCustomerId) return user.stripeCustomerId;
  const name = `${user.firstName} ${user.lastName}`.trim();
  const created = await stripe
    .createCustomer({ email: user.email, name, userId: user.id }, `cvimprover-customer-${user.id}`)
    .catch((error) => fromStripe(deps.logger, error, 'create customer'));
  const stored = await storeCustomerId(deps.db, user.id, created.id);
  await deps.userChanged?.(user.id);
  if (stored !== created.id) {
    deps.logger.warn({ userId: user.id }, 'user already had another Stripe customer; keeping the stored one');
  }
  return stored ?? created.id;
}

async function createCheckoutSession(
  state: BillingState,
  userId: number,
  input: CheckoutSessionBody,
): Promise<{ url: string }> {
  const { deps } = state;
  const stripe = stripeOrThrow(deps);
  const user = await userOrThrow(deps.db, userId);
  const { plan, priceId } = await checkoutPlanOrThrow(deps.db, user, input);
  const customer = await ensureCustomer(deps, stripe, user);
  const bucket = Math.floor(deps.clock.now().getTime() / CHECKOUT_BUCKET_MS);
  const userRef = String(user.id);
  const session = await stripe
    .createCheckoutSession(
      {
        mode: 'subscription',
        customer,
        client_reference_id: userRef,
        line_items: [{ price: priceId, quantity: 1 }],
        metadata: { user_id: userRef, plan_id: String(plan.id), billing: input.billing },
        subscription_data: { metadata: { user_id: userRef, plan_id: String(plan.id) } },
        success_url: deps.config.successUrl,
        cancel_url: deps.config.cancelUrl,
      },
      // A double click within the window gets the same session instead of a second one.
      `cvimprover-checkout-${user.id}-${plan.id}-${input.billing}-${bucket}`,
    )
    .catch((error) => fromStripe(deps.logger, error, 'create checkout session'));
  if (!session.url)
    throw new AppError('service_unavailable', 'The payment provider returned no checkout URL.', {
      status: 502,
    });
  return { url: session.url };
}

/** The plan and Stripe price a checkout is for, refused before any Stripe call when it cannot be bought. */
async function checkoutPlanOrThrow(db: Db, user: UserRow, input: CheckoutSessionBody) {
  const plan = await findPlanById(db, input.plan_id);
  if (!plan) throw new AppError('not_found', 'Plan not found.', { extensions: { error: 'Plan not found' } });
  if (plan.slug === FREE_PLAN_SLUG) {
    const message = 'The Free plan needs no payment.';
    throw new AppError('bad_request', message, { extensions: { error: message } });
  }
  const priceId = input.billing === 'monthly' ? plan.stripePriceMonthly : plan.stripePriceYearly;
  if (!priceId) {
    const message = 'Plan does not support that billing cycle.';
    throw new AppError('bad_request', message, { extensions: { error: message } });
  }
  if (user.stripeSubscriptionId && LIVE_STATUSES.has(user.stripeSubscriptionStatus ?? '')) {
    const message =
      'You already have a subscription. Change or cancel it in the billing portal (POST /core/billing/portal/).';
    throw new AppError('conflict', message, { extensions: { error: message } });
  }
  return { plan, priceId };
}

async function verifySession(
  state: BillingState,
  userId: number,
  sessionId: string,
): Promise<VerifySessionResult> {
  const { deps } = state;
  const stripe = stripeOrThrow(deps);
  const session = await ownCheckoutSession(deps, stripe, userId, sessionId);
  const subscriptionId = idOf(session.subscription);
  if (session.status !== 'complete' || !PAID_STATUSES.has(session.payment_status) || !subscriptionId) {
    return {
      success: false,
      subscription: null,
      payment_status: session.payment_status,
      detail:
        session.status === 'expired'
          ? 'This checkout session expired without a payment.'
          : 'The payment has not been completed yet.',
    };
  }
  const snapshot = await applyVerifiedSubscription(state, stripe, userId, session, subscriptionId);
  const planId = await planIdForPrice(deps.db, snapshot.priceId);
  const plan = planId === undefined ? undefined : await findPlanById(deps.db, planId);
  return {
    success: true,
    payment_status: session.payment_status,
    subscription: {
      id: snapshot.subscriptionId,
      plan_name: plan?.name ?? null,
      status: snapshot.status,
      current_period_start: snapshot.periodStart?.toISOString() ?? null,
      current_period_end: snapshot.periodEnd?.toISOString() ?? null,
    },
  };
}

/** The user's own subscription checkout session; anything else is answered as not found. */
async function ownCheckoutSession(
  deps: BillingServiceDeps,
  stripe: StripeClient,
  userId: number,
  sessionId: string,
) {
  // Anything that is not a session id is not found, without asking Stripe.
  if (!SESSION_ID.test(sessionId)) throw notFound(SESSION_NOT_FOUND);
  const session = await stripe.retrieveCheckoutSession(sessionId).catch((error) => {
    if (error instanceof StripeCallError && error.isMissing) throw notFound(SESSION_NOT_FOUND);
    return fromStripe(deps.logger, error, 'retrieve checkout session');
  });
  // Someone else's session is answered exactly like a missing one.
  if (session.mode !== 'subscription' || checkoutSessionOwner(session) !== userId) {
    throw notFound(SESSION_NOT_FOUND);
  }
  return session;
}

/** Reads the paid session's subscription from Stripe and applies it to the user, as the webhook would. */
async function applyVerifiedSubscription(
  state: BillingState,
  stripe: StripeClient,
  userId: number,
  session: Awaited<ReturnType<typeof ownCheckoutSession>>,
  subscriptionId: string,
) {
  const { deps } = state;
  const subscription = await stripe
    .retrieveSubscription(subscriptionId)
    .catch((error) => fromStripe(deps.logger, error, 'retrieve subscription'));
  // The subscription as just read is at least as new as this second; the webhook's events
  // carry their own times, so whichever of the two comes second changes nothing older.
  const now = new Date(Math.floor(deps.clock.now().getTime() / 1000) * 1000);
  const snapshot = snapshotOfSubscription(subscription, now);
  if (snapshot.customerId !== idOf(session.customer)) throw notFound(SESSION_NOT_FOUND);
  const outcome = await applySubscriptionSnapshot(webhookContext(state, stripe), {
    event: null,
    userId,
    snapshot,
    bind: true,
  });
  if (outcome.applied) await deps.userChanged?.(userId);
  else deps.logger.info({ userId, reason: outcome.reason }, 'verify-session changed nothing');
  return snapshot;
}

async function createPortalSession(deps: BillingServiceDeps, userId: number): Promise<{ url: string }> {
  const stripe = stripeOrThrow(deps);
  const user = await userOrThrow(deps.db, userId);
  if (!user.stripeCustomerId) {
    const message = 'No Stripe customer ID found.';
    throw new AppError('bad_request', message, { extensions: { error: message } });
  }
  return stripe
    .createPortalSession({ customer: user.stripeCustomerId, returnUrl: deps.config.portalReturnUrl })
    .catch((error) => fromStripe(deps.logger, error, 'create portal session'));
}

async function handleWebhook(
  state: BillingState,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<{ received: true }> {
  const { db, logger } = state.deps;
  const stripe = stripeOrThrow(state.deps);
  const event = await signedEvent(logger, stripe, rawBody, signature);
  const handler = WEBHOOK_HANDLERS[event.type];
  if (!handler) return { received: true };
  // A redelivery costs no Stripe call; the insert in the handler's transaction stays the guard.
  if (await isStripeEventRecorded(db, event.id)) return { received: true };
  const outcome = await handler(event, webhookContext(state, stripe)).catch((error) =>
    // Not applied and not recorded: answering 503 makes Stripe deliver the event again.
    fromStripe(logger, error, `apply ${event.type}`),
  );
  if (outcome.applied && outcome.userId !== undefined) await state.deps.userChanged?.(outcome.userId);
  logOutcome(logger, event, outcome);
  return { received: true };
}

/** The event, once its signature proves it came from Stripe; a 400 otherwise. */
async function signedEvent(
  logger: Logger,
  stripe: StripeClient,
  rawBody: Buffer,
  signature: string | undefined,
): ReturnType<StripeClient['constructEvent']> {
  if (!signature) throw new AppError('bad_request', 'The Stripe-Signature header is missing.');
  try {
    return await stripe.constructEvent(rawBody, signature);
  } catch (error) {
    if (error instanceof StripeSignatureError) {
      logger.warn('Stripe webhook with a bad signature refused');
      throw new AppError('bad_request', 'The Stripe signature does not match the payload.');
    }
    throw error;
  }
}
