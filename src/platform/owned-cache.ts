// What a request read about one user, kept for a few seconds in this process: who is behind a
// session, a page of the user's questionnaires. Reading them from the database on every request
// was most of what the request cost (a round trip; on the embedded database, a query run on the
// request's own thread).
//
// Each entry has an owner (a user id). A change is announced on the event bus, for one entry or
// for everything an owner has: every process drops what it makes stale at once. The time-to-live
// bounds how long a change made without an announcement (a row edited by hand, a message lost with
// a broken connection) goes unseen.
import type { EventListener, Events } from './events.ts';
import type { Logger } from './logger.ts';

/** What changed: one entry, or everything of one owner. */
export type OwnedChange = { key: string } | { owner: number };

export interface OwnedCache<V> {
  /** The cached value under `key` if it belongs to `owner`, else undefined. */
  get(key: string, owner: number): V | undefined;
  /**
   * The cached value, else what `read` finds (then cached, unless a change came in while it read,
   * or `keep` says it is in flux). Requests that miss at the same moment share one read.
   */
  load(
    key: string,
    owner: number,
    read: () => Promise<V | undefined>,
    keep?: (value: V) => boolean,
  ): Promise<V | undefined>;
  /** Drops what the change makes stale here, and tells the other processes. */
  changed(change: OwnedChange): Promise<void>;
  close(): Promise<void>;
}

interface Entry<V> {
  value: V;
  owner: number;
  expiresAt: number;
}

/**
 * This process's entries and the readings in flight. A reading records the change counter when it
 * starts; it is not cached if its owner (or, for a change to one entry, anything) changed since,
 * or a slower request that read the old row could undo the change.
 */
class LocalEntries<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #keysOf = new Map<number, Set<string>>();
  readonly #reads = new Map<string, { owner: number; pending: Promise<V | undefined> }>();
  /** The counter at each owner's last change; owners changed before `#floor` are forgotten. */
  readonly #changedAt = new Map<number, number>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  #counter = 0;
  #floor = 0;

  constructor(ttlMs: number, maxEntries: number) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
  }

  forget(change: OwnedChange): void {
    this.#counter += 1;
    if ('key' in change) {
      // One entry, whose owner may not be known here: no reading in flight may be kept.
      this.#floor = this.#counter;
      this.#reads.clear();
      this.#delete(change.key);
      return;
    }
    this.#changedAt.delete(change.owner);
    this.#changedAt.set(change.owner, this.#counter);
    if (this.#changedAt.size > this.#maxEntries) {
      const [oldest, at] = this.#changedAt.entries().next().value as [number, number];
      this.#changedAt.delete(oldest);
      this.#floor = Math.max(this.#floor, at);
    }
    for (const [key, read] of this.#reads) if (read.owner === change.owner) this.#reads.delete(key);
    for (const key of [...(this.#keysOf.get(change.owner) ?? [])]) this.#delete(key);
  }

  get(key: string, owner: number): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= performance.now() || entry.owner !== owner) {
      this.#delete(key);
      return undefined;
    }
    return entry.value;
  }

  load(
    key: string,
    owner: number,
    read: () => Promise<V | undefined>,
    keep?: (value: V) => boolean,
  ): Promise<V | undefined> {
    const cached = this.get(key, owner);
    if (cached !== undefined) return Promise.resolve(cached);
    const shared = this.#reads.get(key);
    if (shared && shared.owner === owner) return shared.pending;
    const ticket = this.#counter;
    const pending: Promise<V | undefined> = read()
      .then((value) => {
        if (value !== undefined && (!keep || keep(value)) && this.#unchangedSince(owner, ticket))
          this.#set(key, owner, value);
        return value;
      })
      .finally(() => {
        if (this.#reads.get(key)?.pending === pending) this.#reads.delete(key);
      });
    this.#reads.set(key, { owner, pending });
    return pending;
  }

  clear(): void {
    this.#entries.clear();
    this.#keysOf.clear();
  }

  #unchangedSince(owner: number, ticket: number): boolean {
    return ticket >= this.#floor && (this.#changedAt.get(owner) ?? 0) <= ticket;
  }

  #set(key: string, owner: number, value: V): void {
    if (this.#ttlMs <= 0) return;
    this.#delete(key);
    // Oldest first out: a Map iterates in insertion order.
    if (this.#entries.size >= this.#maxEntries) this.#delete(this.#entries.keys().next().value as string);
    this.#entries.set(key, { value, owner, expiresAt: performance.now() + this.#ttlMs });
    let keys = this.#keysOf.get(owner);
    if (!keys) {
      keys = new Set();
      this.#keysOf.set(owner, keys);
    }
    keys.add(key);
  }

  #delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    const keys = this.#keysOf.get(entry.owner);
    keys?.delete(key);
    if (keys?.size === 0) this.#keysOf.delete(entry.owner);
  }
}

export async function createOwnedCache<V>(deps: {
  events: Events;
  /** The bus topic on which this cache's changes travel between processes. */
  topic: string;
  ttlMs: number;
  logger: Logger;
  maxEntries?: number;
}): Promise<OwnedCache<V>> {
  const { events, topic, ttlMs, logger } = deps;
  const local = new LocalEntries<V>(ttlMs, deps.maxEntries ?? 10_000);

  const onMessage: EventListener = (message) => {
    if (typeof message.key === 'string') local.forget({ key: message.key });
    else if (typeof message.owner === 'number') local.forget({ owner: message.owner });
  };
  // Not awaited: a bus that cannot be reached (Redis down) must not stop the API from starting.
  // Until the subscription is live, another process's change is seen when the entry expires.
  let unsubscribe: (() => void) | undefined;
  let closed = false;
  if (ttlMs > 0) {
    events.subscribe(topic, onMessage).then(
      (off) => {
        if (closed) off();
        else unsubscribe = off;
      },
      (error: unknown) => logger.warn({ err: error, topic }, 'cache changes not subscribed'),
    );
  }

  return {
    get: (key, owner) => local.get(key, owner),
    load: (key, owner, read, keep) => local.load(key, owner, read, keep),
    async changed(change) {
      local.forget(change);
      if (ttlMs <= 0) return;
      // Not awaited either: the request that made the change does not wait on the bus. A message
      // that cannot be sent leaves the other processes to see the change when their entries expire.
      events.publish(topic, change).catch((error: unknown) => {
        logger.warn({ err: error, topic }, 'cache change not announced');
      });
    },
    async close() {
      closed = true;
      unsubscribe?.();
      local.clear();
    },
  };
}
