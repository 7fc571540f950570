// The Stripe calls billing makes, behind one small interface so the service never touches the SDK
// and tests can point the real SDK at a loopback fake (STRIPE_API_URL). The secret key lives only
// inside the SDK instance: it is never logged, and errors are reduced to fields that carry no key.
import type Stripe from 'stripe';
import { AppError } from '../platform/errors.ts';

export type StripeEvent = Stripe.Event;
export type StripeSubscription = Stripe.Subscription;
export type StripeCheckoutSession = Stripe.Checkout.Session;
export type StripeInvoice = Stripe.Invoice;
export type StripePrice = Stripe.Price;
export type CheckoutSessionParams = Stripe.Checkout.SessionCreateParams;

export interface StripeClient {
  createCustomer(
    params: { email: string; name: string; userId: number },
    idempotencyKey: string,
  ): Promise<{ id: string }>;
  createCheckoutSession(
    params: CheckoutSessionParams,
    idempotencyKey: string,
  ): Promise<{ id: string; url: string | null }>;
  retrieveCheckoutSession(id: string): Promise<StripeCheckoutSession>;
  createPortalSession(params: { customer: string; returnUrl: string }): Promise<{ url: string }>;
  retrievePrice(id: string, options?: { timeoutMs?: number }): Promise<StripePrice>;
  retrieveSubscription(id: string): Promise<StripeSubscription>;
  /** Checks the `Stripe-Signature` header against the raw body; rejects with StripeSignatureError. */
  constructEvent(rawBody: Buffer, signature: string): Promise<StripeEvent>;
}

export class StripeSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StripeSignatureError';
  }
}

export interface StripeClientOptions {
  secretKey: string;
  webhookSecret: string | undefined;
  /** Another API server (a loopback fake in tests); unset = api.stripe.com. */
  apiUrl: string | undefined;
  timeoutMs: number;
}

export function createStripeClient(options: StripeClientOptions): StripeClient {
  const sdk = lazySdk(options);
  return {
    async createCustomer({ email, name, userId }, idempotencyKey) {
      const customer = await call(async () =>
        (await sdk()).customers.create(
          { email, ...(name ? { name } : {}), metadata: { user_id: String(userId) } },
          { idempotencyKey },
        ),
      );
      return { id: customer.id };
    },
    async createCheckoutSession(params, idempotencyKey) {
      const session = await call(async () =>
        (await sdk()).checkout.sessions.create(params, { idempotencyKey }),
      );
      return { id: session.id, url: session.url };
    },
    retrieveCheckoutSession: (id) => call(async () => (await sdk()).checkout.sessions.retrieve(id)),
    async createPortalSession({ customer, returnUrl }) {
      const session = await call(async () =>
        (await sdk()).billingPortal.sessions.create({ customer, return_url: returnUrl }),
      );
      return { url: session.url };
    },
    retrievePrice: (id, callOptions = {}) =>
      call(async () =>
        (await sdk()).prices.retrieve(
          id,
          {},
          callOptions.timeoutMs ? { timeout: callOptions.timeoutMs, maxNetworkRetries: 0 } : {},
        ),
      ),
    retrieveSubscription: (id) => call(async () => (await sdk()).subscriptions.retrieve(id)),
    async constructEvent(rawBody, signature) {
      if (!options.webhookSecret) {
        throw new AppError('service_unavailable', 'Stripe webhooks are not configured on this server.');
      }
      const stripe = await sdk();
      try {
        return stripe.webhooks.constructEvent(rawBody, signature, options.webhookSecret);
      } catch (error) {
        throw new StripeSignatureError(error instanceof Error ? error.message : 'bad signature');
      }
    },
  };
}

/** Loads the SDK ahead of the first call (see warm-up.ts); the first call then only makes the instance. */
export async function preloadStripeSdk(): Promise<void> {
  await import('stripe');
}

/**
 * The SDK instance, made on the first call. The SDK is over 200 modules (about 6 MB of heap and
 * 2 MB of source): imported at start, every API process held it, billing configured or not, used
 * or not. Loading it costs 0.2–0.4 s, which the warm-up pays when billing is configured.
 */
function lazySdk(options: StripeClientOptions): () => Promise<Stripe> {
  const target = options.apiUrl ? new URL(options.apiUrl) : undefined;
  let instance: Promise<Stripe> | undefined;
  return () => {
    instance ??= import('stripe').then(
      ({ default: StripeSdk }) =>
        new StripeSdk(options.secretKey, {
          // One retry: the SDK only retries what is safe (network errors, 409 lock contention, 5xx
          // with Stripe-Should-Retry), and every POST we make carries an idempotency key, so a retry
          // cannot create a second customer or session. More retries would hold a request too long.
          maxNetworkRetries: 1,
          timeout: options.timeoutMs,
          telemetry: false,
          ...(target
            ? {
                host: target.hostname,
                port: target.port || (target.protocol === 'https:' ? 443 : 80),
                protocol: target.protocol === 'https:' ? 'https' : 'http',
              }
            : {}),
        }),
    );
    return instance;
  };
}

/** What a failed Stripe call left behind, minus anything that could carry a credential. */
export class StripeCallError extends Error {
  readonly type: string;
  readonly statusCode: number | undefined;
  readonly stripeCode: string | undefined;
  readonly requestId: string | undefined;
  constructor(error: {
    type?: string;
    message?: string;
    statusCode?: number;
    code?: string;
    requestId?: string;
  }) {
    super(error.message ?? 'Stripe call failed');
    this.name = 'StripeCallError';
    this.type = error.type ?? 'unknown';
    this.statusCode = error.statusCode;
    this.stripeCode = error.code;
    this.requestId = error.requestId;
  }

  /** The object asked for does not exist at Stripe (or not in this account). */
  get isMissing(): boolean {
    return this.statusCode === 404 || this.stripeCode === 'resource_missing';
  }

  /** Stripe could not be reached or failed on its side: worth a later retry. */
  get isUnavailable(): boolean {
    return (
      this.type === 'StripeConnectionError' ||
      this.type === 'StripeAPIError' ||
      this.type === 'StripeRateLimitError' ||
      (this.statusCode !== undefined && this.statusCode >= 500)
    );
  }
}

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    // SDK errors hold the raw response and request details; keep only the plain fields so a log
    // line or a rethrow can never carry more than that.
    const e = error as {
      type?: string;
      message?: string;
      statusCode?: number;
      code?: string;
      requestId?: string;
    };
    throw new StripeCallError({
      type: e.type ?? (error instanceof Error ? error.name : 'unknown'),
      message: e.message ?? 'Stripe call failed',
      ...(e.statusCode !== undefined ? { statusCode: e.statusCode } : {}),
      ...(e.code !== undefined ? { code: e.code } : {}),
      ...(e.requestId !== undefined ? { requestId: e.requestId } : {}),
    });
  }
}
