// The plans' prices as Stripe has them, for GET /core/plans/. Cached for PRICES_CACHE_SECONDS so
// listing plans is not a Stripe call each time; when Stripe cannot be reached the last known
// prices stay, and prices never loaded fall back to the configured ones (PLAN_PRICES). The outage
// is logged once, not once per request, and retried only after a pause so a public page does not
// wait on a dead upstream at every call.
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import type { StripeClient } from './stripe.client.ts';

export interface LivePrice {
  amount: number;
  currency: string;
  interval: 'month' | 'year';
}

export interface PriceSource {
  /** Brings these prices up to date when the cache is old. Never throws. */
  refresh(priceIds: string[]): Promise<void>;
  /** The last price loaded for this id; undefined when none was (use the configured price). */
  get(priceId: string): LivePrice | undefined;
}

/** The pause before trying again after a failure, at most the cache lifetime. */
const RETRY_AFTER_FAILURE_MS = 30_000;
/** A listing of plans should not wait long on Stripe: past this it shows the fallback. */
const PRICE_TIMEOUT_MS = 3_000;

export function createStripePriceSource(deps: {
  stripe: StripeClient;
  ttlSeconds: number;
  clock: Clock;
  logger: Logger;
  /** The client's own timeout; price loads use it when it is shorter than theirs. */
  timeoutMs?: number;
}): PriceSource {
  const prices = new Map<string, LivePrice>();
  let loadedKey = '';
  let freshUntil = 0;
  let failing = false;
  let inflight: Promise<void> | null = null;
  const timeoutMs = Math.min(deps.timeoutMs ?? PRICE_TIMEOUT_MS, PRICE_TIMEOUT_MS);

  async function load(ids: string[], key: string): Promise<void> {
    const now = deps.clock.now().getTime();
    try {
      const loaded = await Promise.all(
        ids.map(async (id) => [id, await deps.stripe.retrievePrice(id, { timeoutMs })] as const),
      );
      for (const [id, price] of loaded) {
        const interval = asInterval(price.recurring?.interval);
        if (price.unit_amount === null || !interval) {
          deps.logger.warn(
            { priceId: id },
            'Stripe price is not a monthly or yearly amount; using the configured price',
          );
          prices.delete(id);
          continue;
        }
        prices.set(id, { amount: price.unit_amount / 100, currency: price.currency, interval });
      }
      loadedKey = key;
      freshUntil = now + deps.ttlSeconds * 1000;
      if (failing) deps.logger.info('Stripe prices can be loaded again');
      failing = false;
    } catch (error) {
      if (!failing) {
        deps.logger.warn(
          { err: { type: (error as { type?: string }).type, message: (error as Error).message } },
          'cannot load prices from Stripe; showing the last known or configured prices',
        );
      }
      failing = true;
      loadedKey = key;
      freshUntil = now + Math.min(deps.ttlSeconds * 1000, RETRY_AFTER_FAILURE_MS);
    }
  }

  return {
    async refresh(priceIds) {
      const ids = [...new Set(priceIds)].sort();
      if (ids.length === 0) return;
      const key = ids.join(',');
      if (key === loadedKey && deps.clock.now().getTime() < freshUntil) return;
      // One load at a time: concurrent listings share it instead of each calling Stripe.
      if (!inflight) {
        inflight = load(ids, key).finally(() => {
          inflight = null;
        });
      }
      await inflight;
    },
    get: (priceId) => prices.get(priceId),
  };
}

function asInterval(value: string | undefined): LivePrice['interval'] | null {
  return value === 'month' || value === 'year' ? value : null;
}
