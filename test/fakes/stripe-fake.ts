// A loopback stand-in for the parts of Stripe's API billing uses. It speaks Stripe's wire format
// (form-encoded requests with bracketed keys, JSON objects with `cus_`/`cs_`/`sub_`/`price_` ids,
// Stripe's error shape, Idempotency-Key replays) so the real `stripe` SDK is what tests exercise,
// pointed here through STRIPE_API_URL. Tests script it: prices, how a checkout ends (paid or
// unpaid), failures (HTTP 500 or a request held until the client gives up), and they sign
// webhook payloads with the SDK's own test header.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import Stripe from 'stripe';

export const FAKE_SECRET_KEY = 'sk_test_fake_0123456789abcdef';
export const FAKE_WEBHOOK_SECRET = 'whsec_fake_0123456789abcdef';

export interface FakeRequest {
  method: string;
  path: string;
  form: Record<string, any>;
  idempotencyKey: string | undefined;
  /** True when the answer was a replay of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

export type FakeFailure = 'error' | 'hang' | null;
export type FakeEndpoint = 'customers' | 'checkout' | 'portal' | 'prices' | 'subscriptions';

export interface FakePrice {
  unit_amount: number | null;
  currency: string;
  interval: 'month' | 'year' | 'week';
}

export interface StripeFake {
  url: string;
  secretKey: string;
  webhookSecret: string;
  requests: FakeRequest[];
  customers: Map<string, Record<string, any>>;
  sessions: Map<string, Record<string, any>>;
  subscriptions: Map<string, Record<string, any>>;
  prices: Map<string, FakePrice>;
  /** Set to make an endpoint fail from the next request on. */
  failures: Partial<Record<FakeEndpoint, FakeFailure>>;
  /** Ends a checkout as Stripe would after the customer pays (or not): `paid` creates the subscription. */
  completeSession(sessionId: string, paymentStatus: 'paid' | 'unpaid'): Record<string, any>;
  /** Requests whose path starts with this prefix. */
  requestsTo(method: string, pathPrefix: string): FakeRequest[];
  /** A Stripe event around `object`, as the webhook endpoint receives it. */
  event(
    type: string,
    object: Record<string, any>,
    options?: { created?: number; id?: string },
  ): Record<string, any>;
  /** The body and Stripe-Signature header of a webhook delivery, signed with the SDK's test helper. */
  sign(payload: Record<string, any> | string, secret?: string): { body: string; signature: string };
  close(): Promise<void>;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Stripe's form encoding (`a[b][0][c]=v`) back into objects and arrays. */
export function parseStripeForm(body: string): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const parts = rawKey.replace(/\]/g, '').split('[');
    let node: any = out;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      if (last) {
        node[part] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(parts[i + 1] ?? '');
      node[part] ??= nextIsIndex ? [] : {};
      node = node[part];
    });
  }
  return out;
}

export async function startStripeFake(
  options: { secretKey?: string; webhookSecret?: string } = {},
): Promise<StripeFake> {
  const secretKey = options.secretKey ?? FAKE_SECRET_KEY;
  const webhookSecret = options.webhookSecret ?? FAKE_WEBHOOK_SECRET;
  const requests: FakeRequest[] = [];
  const customers = new Map<string, Record<string, any>>();
  const sessions = new Map<string, Record<string, any>>();
  const subscriptions = new Map<string, Record<string, any>>();
  const prices = new Map<string, FakePrice>();
  const failures: Partial<Record<FakeEndpoint, FakeFailure>> = {};
  const replays = new Map<string, { status: number; body: string }>();
  const sockets = new Set<Socket>();

  function priceObject(priceId: string): Record<string, any> | null {
    const price = prices.get(priceId);
    if (!price) return null;
    return {
      id: priceId,
      object: 'price',
      active: true,
      currency: price.currency,
      unit_amount: price.unit_amount,
      recurring: { interval: price.interval, interval_count: 1 },
      type: 'recurring',
      product: 'prod_fake',
      livemode: false,
    };
  }

  function stripeError(status: number, message: string, type = 'invalid_request_error', code?: string) {
    return { status, body: { error: { type, message, ...(code ? { code } : {}) } } };
  }

  function route(method: string, path: string, form: Record<string, any>): { status: number; body: unknown } {
    if (method === 'POST' && path === '/v1/customers') {
      const customer = {
        id: id('cus'),
        object: 'customer',
        email: form.email ?? null,
        name: form.name ?? null,
        metadata: form.metadata ?? {},
        created: nowSeconds(),
        livemode: false,
      };
      customers.set(customer.id, customer);
      return { status: 200, body: customer };
    }
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      const lineItems: Array<Record<string, any>> = form.line_items ?? [];
      const priceId = lineItems[0]?.price;
      if (!priceId || !prices.has(priceId)) {
        return stripeError(400, `No such price: '${priceId}'`, 'invalid_request_error', 'resource_missing');
      }
      if (form.customer && !customers.has(form.customer)) {
        return stripeError(
          400,
          `No such customer: '${form.customer}'`,
          'invalid_request_error',
          'resource_missing',
        );
      }
      const sessionId = id('cs_test');
      const session = {
        id: sessionId,
        object: 'checkout.session',
        mode: form.mode,
        customer: form.customer ?? null,
        customer_email: form.customer_email ?? null,
        client_reference_id: form.client_reference_id ?? null,
        metadata: form.metadata ?? {},
        status: 'open',
        payment_status: 'unpaid',
        subscription: null,
        success_url: form.success_url,
        cancel_url: form.cancel_url,
        url: `https://checkout.stripe.test/c/pay/${sessionId}`,
        created: nowSeconds(),
        livemode: false,
        // Kept so completeSession can create the subscription the checkout was for.
        _line_price: priceId,
        _subscription_metadata: form.subscription_data?.metadata ?? {},
      };
      sessions.set(sessionId, session);
      return { status: 200, body: publicSession(session) };
    }
    const sessionMatch = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (method === 'GET' && sessionMatch) {
      const session = sessions.get(decodeURIComponent(sessionMatch[1] ?? ''));
      if (!session)
        return stripeError(
          404,
          `No such checkout.session: '${sessionMatch[1]}'`,
          'invalid_request_error',
          'resource_missing',
        );
      return { status: 200, body: publicSession(session) };
    }
    if (method === 'POST' && path === '/v1/billing_portal/sessions') {
      if (!customers.has(form.customer)) {
        return stripeError(
          400,
          `No such customer: '${form.customer}'`,
          'invalid_request_error',
          'resource_missing',
        );
      }
      const portalId = id('bps');
      return {
        status: 200,
        body: {
          id: portalId,
          object: 'billing_portal.session',
          customer: form.customer,
          return_url: form.return_url,
          url: `https://billing.stripe.test/p/session/${portalId}`,
          created: nowSeconds(),
          livemode: false,
        },
      };
    }
    const priceMatch = /^\/v1\/prices\/([^/]+)$/.exec(path);
    if (method === 'GET' && priceMatch) {
      const price = priceObject(decodeURIComponent(priceMatch[1] ?? ''));
      if (!price)
        return stripeError(
          404,
          `No such price: '${priceMatch[1]}'`,
          'invalid_request_error',
          'resource_missing',
        );
      return { status: 200, body: price };
    }
    if (method === 'GET' && path === '/v1/prices') {
      const data = [...prices.keys()].map((priceId) => priceObject(priceId));
      return { status: 200, body: { object: 'list', data, has_more: false, url: '/v1/prices' } };
    }
    const subscriptionMatch = /^\/v1\/subscriptions\/([^/]+)$/.exec(path);
    if (method === 'GET' && subscriptionMatch) {
      const subscription = subscriptions.get(decodeURIComponent(subscriptionMatch[1] ?? ''));
      if (!subscription) {
        return stripeError(
          404,
          `No such subscription: '${subscriptionMatch[1]}'`,
          'invalid_request_error',
          'resource_missing',
        );
      }
      return { status: 200, body: subscription };
    }
    return stripeError(404, `Unrecognized request URL (${method}: ${path}).`);
  }

  function endpointOf(path: string): FakeEndpoint | null {
    if (path.startsWith('/v1/customers')) return 'customers';
    if (path.startsWith('/v1/checkout')) return 'checkout';
    if (path.startsWith('/v1/billing_portal')) return 'portal';
    if (path.startsWith('/v1/prices')) return 'prices';
    if (path.startsWith('/v1/subscriptions')) return 'subscriptions';
    return null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const form = parseStripeForm(
      method === 'GET' ? url.search.slice(1) : Buffer.concat(chunks).toString('utf8'),
    );
    const keyHeader = req.headers['idempotency-key'];
    const idempotencyKey = typeof keyHeader === 'string' ? keyHeader : undefined;
    const record: FakeRequest = { method, path: url.pathname, form, idempotencyKey, replayed: false };
    requests.push(record);

    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req'), ...headers });
      res.end(body);
    };
    if (req.headers.authorization !== `Bearer ${secretKey}`) {
      send(401, JSON.stringify(stripeError(401, 'Invalid API Key provided.').body));
      return;
    }
    const failure = failures[endpointOf(url.pathname) ?? 'customers'];
    if (endpointOf(url.pathname) && failure === 'hang') return; // held until the client times out
    if (endpointOf(url.pathname) && failure === 'error') {
      send(500, JSON.stringify(stripeError(500, 'An unknown error occurred', 'api_error').body), {
        'stripe-should-retry': 'false',
      });
      return;
    }
    const replayKey = idempotencyKey ? `${method} ${url.pathname} ${idempotencyKey}` : undefined;
    const earlier = replayKey ? replays.get(replayKey) : undefined;
    if (earlier) {
      record.replayed = true;
      send(earlier.status, earlier.body, { 'idempotent-replayed': 'true' });
      return;
    }
    const answer = route(method, url.pathname, form);
    const body = JSON.stringify(answer.body);
    if (replayKey && method === 'POST') replays.set(replayKey, { status: answer.status, body });
    send(answer.status, body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'api_error', message: String(error) } }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    secretKey,
    webhookSecret,
    requests,
    customers,
    sessions,
    subscriptions,
    prices,
    failures,
    completeSession(sessionId, paymentStatus) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`no session ${sessionId}`);
      // As at Stripe, the subscription exists once the customer submits the checkout; with a
      // payment still clearing (a bank debit) it stays `incomplete` and the session `unpaid`.
      let subscription = session.subscription ? subscriptions.get(session.subscription) : undefined;
      if (!subscription) {
        const start = nowSeconds();
        const price = priceObject(session._line_price);
        const days = price?.recurring.interval === 'year' ? 365 : 30;
        subscription = {
          id: id('sub'),
          object: 'subscription',
          customer: session.customer,
          status: 'incomplete',
          metadata: session._subscription_metadata,
          created: start,
          livemode: false,
          items: {
            object: 'list',
            data: [
              {
                id: id('si'),
                object: 'subscription_item',
                price,
                quantity: 1,
                current_period_start: start,
                current_period_end: start + days * 86_400,
              },
            ],
            has_more: false,
          },
        };
        subscriptions.set(subscription.id, subscription);
      }
      subscription.status = paymentStatus === 'paid' ? 'active' : 'incomplete';
      session.status = 'complete';
      session.payment_status = paymentStatus;
      session.subscription = subscription.id;
      return publicSession(session);
    },
    requestsTo(method, pathPrefix) {
      return requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix));
    },
    event(type, object, eventOptions = {}) {
      return {
        id: eventOptions.id ?? id('evt'),
        object: 'event',
        api_version: '2026-10-28.endive',
        created: eventOptions.created ?? nowSeconds(),
        type,
        data: { object },
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
      };
    },
    sign(payload, secret = webhookSecret) {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
      return { body, signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret }) };
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function publicSession(session: Record<string, any>): Record<string, any> {
  const { _line_price, _subscription_metadata, ...rest } = session;
  return structuredClone(rest);
}
