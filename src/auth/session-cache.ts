// Who is behind a session, kept for a few seconds in this process. Every authenticated request
// needs the user, their plan and whether the session is still open; asking the database each time
// was the largest part of what a request cost (a round trip, and on the embedded database a query
// run on the same thread as the request).
//
// A change to an account (sign-out, password change or reset, profile or email change, a plan
// changed by billing) is announced on the event bus: every process drops the entries it makes
// stale at once. The time-to-live bounds how long a change made without an announcement (a row
// edited by hand, a message lost with a broken connection) goes unseen: `AUTH_CACHE_SECONDS`,
// 5 s by default, 0 to ask the database on every request.
import type { EventListener, Events } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { UserWithPlan } from './auth.repository.ts';

export const ACCOUNT_CHANGES_TOPIC = 'auth:account-changed';

/** What changed: one session (signed out), or everything about one user. */
export type AccountChange = { sessionId: string } | { userId: number };

export interface SessionCache {
  /** The cached user of an open session, or undefined when it must be read from the database. */
  get(sessionId: string, userId: number): UserWithPlan | undefined;
  /**
   * The cached user of a session, else what `read` finds (then cached, unless a change came in
   * while it read). Requests that miss at the same moment (an entry expiring under load) share
   * one read instead of each asking.
   */
  load(
    sessionId: string,
    userId: number,
    read: () => Promise<UserWithPlan | undefined>,
  ): Promise<UserWithPlan | undefined>;
  /** Drops what the change makes stale here, and tells the other processes. */
  changed(change: AccountChange): Promise<void>;
  close(): Promise<void>;
}

interface Entry {
  found: UserWithPlan;
  expiresAt: number;
}

/**
 * This process's entries and the database readings in flight for them. `generation` is bumped by
 * every change: a reading that started before a change is not cached, or the change could be
 * undone by a slower request that read the old row.
 */
class LocalSessions {
  readonly #entries = new Map<string, Entry>();
  readonly #reads = new Map<string, Promise<UserWithPlan | undefined>>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  #generation = 0;

  constructor(ttlMs: number, maxEntries: number) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
  }

  forget(change: AccountChange): void {
    this.#generation += 1;
    // A read in flight may have seen the old row: whoever asks from now on reads anew.
    this.#reads.clear();
    if ('sessionId' in change) {
      this.#entries.delete(change.sessionId);
      return;
    }
    for (const [sessionId, entry] of this.#entries) {
      if (entry.found.user.id === change.userId) this.#entries.delete(sessionId);
    }
  }

  get(sessionId: string, userId: number): UserWithPlan | undefined {
    const entry = this.#entries.get(sessionId);
    if (!entry) return undefined;
    if (entry.expiresAt <= performance.now() || entry.found.user.id !== userId) {
      this.#entries.delete(sessionId);
      return undefined;
    }
    return entry.found;
  }

  /** The cached answer, or one shared database reading for all who ask at the same time. */
  load(
    sessionId: string,
    userId: number,
    read: () => Promise<UserWithPlan | undefined>,
  ): Promise<UserWithPlan | undefined> {
    const cached = this.get(sessionId, userId);
    if (cached) return Promise.resolve(cached);
    const key = `${sessionId}:${userId}`;
    const pending = this.#reads.get(key);
    if (pending) return pending;
    const ticket = this.#generation;
    const started: Promise<UserWithPlan | undefined> = read()
      .then((found) => {
        if (found) this.#set(sessionId, found, ticket);
        return found;
      })
      .finally(() => {
        if (this.#reads.get(key) === started) this.#reads.delete(key);
      });
    this.#reads.set(key, started);
    return started;
  }

  clear(): void {
    this.#entries.clear();
  }

  #set(sessionId: string, found: UserWithPlan, ticket: number): void {
    if (this.#ttlMs <= 0 || ticket !== this.#generation) return;
    // Oldest first out: a Map iterates in insertion order.
    if (this.#entries.size >= this.#maxEntries)
      this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(sessionId, { found, expiresAt: performance.now() + this.#ttlMs });
  }
}

export async function createSessionCache(deps: {
  events: Events;
  ttlMs: number;
  logger: Logger;
  maxEntries?: number;
}): Promise<SessionCache> {
  const { events, ttlMs, logger } = deps;
  const local = new LocalSessions(ttlMs, deps.maxEntries ?? 10_000);

  const onMessage: EventListener = (message) => {
    if (typeof message.sessionId === 'string') local.forget({ sessionId: message.sessionId });
    else if (typeof message.userId === 'number') local.forget({ userId: message.userId });
  };
  // Not awaited: a bus that cannot be reached (Redis down) must not stop the API from starting.
  // Until the subscription is live, another process's change is seen when the entry expires.
  let unsubscribe: (() => void) | undefined;
  let closed = false;
  if (ttlMs > 0) {
    events.subscribe(ACCOUNT_CHANGES_TOPIC, onMessage).then(
      (off) => {
        if (closed) off();
        else unsubscribe = off;
      },
      (error: unknown) => logger.warn({ err: error }, 'account changes not subscribed'),
    );
  }

  return {
    get: (sessionId, userId) => local.get(sessionId, userId),
    load: (sessionId, userId, read) => local.load(sessionId, userId, read),
    async changed(change) {
      local.forget(change);
      if (ttlMs <= 0) return;
      // Not awaited either: the request that made the change does not wait on the bus. A message
      // that cannot be sent leaves the other processes to see the change when their entries expire.
      events.publish(ACCOUNT_CHANGES_TOPIC, change).catch((error: unknown) => {
        logger.warn({ err: error }, 'account change not announced');
      });
    },
    async close() {
      closed = true;
      unsubscribe?.();
      local.clear();
    },
  };
}
