// Small publish/subscribe between processes: the worker publishes the progress of a job, and the
// API process holding a client's Server-Sent Events stream (or waiting for `Prefer: wait`) hears
// it. Also carries cancel requests from the API to the worker running the job.
//
// Delivery is best effort and at most once: a subscriber that was not listening misses the
// event. Callers therefore subscribe first, then read the current state from the database.
//
// Drivers: in memory (embedded mode, one process), PostgreSQL LISTEN/NOTIFY (server mode), Redis
// pub/sub (when REDIS_URL is set).
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import pg from 'pg';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { Logger } from './logger.ts';
import { createRedis, loadIoredis } from './redis.ts';

export type EventMessage = Record<string, unknown>;
export type EventListener = (message: EventMessage) => void;

export interface Events {
  readonly driver: 'memory' | 'postgres' | 'redis';
  /** Resolves once the message was handed to the transport; messages of one topic keep their order. */
  publish(topic: string, message: EventMessage): Promise<void>;
  /** Resolves once the subscription is live; the returned function ends it. */
  subscribe(topic: string, listener: EventListener): Promise<() => void>;
  close(): Promise<void>;
}

/** Listeners per topic, shared by every driver for the local end of a subscription. */
class LocalTopics {
  readonly #topics = new Map<string, Set<EventListener>>();
  add(topic: string, listener: EventListener): { first: boolean; remove: () => boolean } {
    let set = this.#topics.get(topic);
    const first = !set;
    if (!set) {
      set = new Set();
      this.#topics.set(topic, set);
    }
    set.add(listener);
    return {
      first,
      remove: () => {
        const current = this.#topics.get(topic);
        if (!current) return false;
        current.delete(listener);
        if (current.size > 0) return false;
        this.#topics.delete(topic);
        return true;
      },
    };
  }
  deliver(topic: string, message: EventMessage, logger?: Logger): void {
    for (const listener of [...(this.#topics.get(topic) ?? [])]) {
      try {
        listener(message);
      } catch (error) {
        logger?.warn({ err: error, topic }, 'event listener failed');
      }
    }
  }
}

export function createMemoryEvents(): Events {
  const topics = new LocalTopics();
  return {
    driver: 'memory',
    async publish(topic, message) {
      // A copy per delivery, as over a wire: no subscriber sees another's mutations.
      topics.deliver(topic, structuredClone(message));
    },
    async subscribe(topic, listener) {
      const { remove } = topics.add(topic, listener);
      return () => void remove();
    },
    async close() {},
  };
}

/** NOTIFY payloads must stay under 8000 bytes; larger messages travel in pieces. */
export const NOTIFY_PAYLOAD_LIMIT = 7_500;
const CHANNEL = 'cvimprover_events';

interface Envelope {
  /** topic */
  t: string;
  /** the message, or for a piece: the piece of its JSON text */
  m?: EventMessage;
  /** pieces: message id, index, count, part of the JSON */
  id?: string;
  i?: number;
  n?: number;
  p?: string;
}

/** Splits a message into envelopes whose JSON fits the limit, cutting by characters, not bytes. */
export function toEnvelopes(topic: string, message: EventMessage, limit = NOTIFY_PAYLOAD_LIMIT): string[] {
  const whole = JSON.stringify({ t: topic, m: message } satisfies Envelope);
  if (Buffer.byteLength(whole) <= limit) return [whole];
  const json = JSON.stringify(message);
  const id = randomUUID();
  // A character costs at most 6 bytes inside a JSON string (a control character as \u001f; any
  // other at most 3 bytes in UTF-8), so pieces of budget/6 characters always fit.
  const overhead = Buffer.byteLength(JSON.stringify({ t: topic, id, i: 999_999, n: 999_999, p: '' }));
  const size = Math.max(1, Math.floor((limit - overhead) / 6));
  const pieces: string[] = [];
  for (let at = 0; at < json.length; ) {
    let piece = json.slice(at, at + size);
    // Never split a surrogate pair: a lone half would not survive the trip as UTF-8.
    const last = piece.charCodeAt(piece.length - 1);
    if (last >= 0xd800 && last <= 0xdbff && piece.length > 1) piece = piece.slice(0, -1);
    pieces.push(piece);
    at += piece.length;
  }
  return pieces.map((p, i) => JSON.stringify({ t: topic, id, i, n: pieces.length, p } satisfies Envelope));
}

/** Reassembles pieces; returns the topic and message once complete. */
export function createReassembler(maxPending = 1000) {
  const pending = new Map<string, { parts: string[]; received: number }>();
  return (payload: string): { topic: string; message: EventMessage } | null => {
    const envelope = JSON.parse(payload) as Envelope;
    if (envelope.m) return { topic: envelope.t, message: envelope.m };
    if (envelope.id === undefined || envelope.i === undefined || envelope.n === undefined) return null;
    let entry = pending.get(envelope.id);
    if (!entry) {
      // A publisher that died mid-message leaves pieces behind; drop the oldest rather than grow.
      if (pending.size >= maxPending) pending.delete(pending.keys().next().value as string);
      entry = { parts: new Array(envelope.n), received: 0 };
      pending.set(envelope.id, entry);
    }
    if (entry.parts[envelope.i] === undefined) entry.received++;
    entry.parts[envelope.i] = envelope.p ?? '';
    if (entry.received < envelope.n) return null;
    pending.delete(envelope.id);
    return { topic: envelope.t, message: JSON.parse(entry.parts.join('')) as EventMessage };
  };
}

/**
 * One dedicated connection LISTENs on one channel for every topic; publishing goes through the
 * pool. A lost listener connection is re-opened (events sent meanwhile are missed, which callers
 * tolerate by reading the database state).
 */
export function createPostgresEvents(options: { url: string; pool: pg.Pool; logger: Logger }): Events {
  const { pool, logger } = options;
  const topics = new LocalTopics();
  const reassemble = createReassembler();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let closed = false;
  // Publishes go one after another, so the messages of a topic arrive in the order sent.
  let chain: Promise<void> = Promise.resolve();

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: options.url, application_name: 'cvimprover-events' });
    next.on('notification', (n) => {
      if (n.channel !== CHANNEL || !n.payload) return;
      try {
        const done = reassemble(n.payload);
        if (done) topics.deliver(done.topic, done.message, logger);
      } catch (error) {
        logger.warn({ err: error }, 'unreadable event notification');
      }
    });
    next.on('error', (error) => {
      logger.warn({ err: error.message }, 'event listener connection lost');
      if (client === next) client = null;
      next.end().catch(() => {});
      if (!closed) setTimeout(() => void ensureListening().catch(() => {}), 1_000).unref();
    });
    await next.connect();
    await next.query(`LISTEN ${CHANNEL}`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
  }

  function ensureListening(): Promise<void> {
    if (client || closed) return Promise.resolve();
    connecting ??= connect().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  return {
    driver: 'postgres',
    publish(topic, message) {
      const payloads = toEnvelopes(topic, message);
      const run = chain.then(async () => {
        for (const payload of payloads) await pool.query('select pg_notify($1, $2)', [CHANNEL, payload]);
      });
      chain = run.catch(() => {});
      return run;
    },
    async subscribe(topic, listener) {
      const { remove } = topics.add(topic, listener);
      try {
        await ensureListening();
      } catch (error) {
        remove();
        throw error;
      }
      return () => void remove();
    },
    async close() {
      closed = true;
      await connecting?.catch(() => {});
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}

/** Redis pub/sub: one channel per topic, subscribed while it has local listeners. */
export function createRedisEvents(options: { url: string; publisher: Redis; logger: Logger }): Events {
  const { publisher, logger } = options;
  const prefix = 'cvimprover:events:';
  const topics = new LocalTopics();
  const { Redis } = loadIoredis();
  const subscriber = new Redis(options.url, { maxRetriesPerRequest: null, lazyConnect: false });
  subscriber.on('error', (error) => logger.warn({ err: error.message }, 'redis event subscriber error'));
  subscriber.on('message', (channel: string, payload: string) => {
    if (!channel.startsWith(prefix)) return;
    try {
      topics.deliver(channel.slice(prefix.length), JSON.parse(payload) as EventMessage, logger);
    } catch (error) {
      logger.warn({ err: error }, 'unreadable event message');
    }
  });
  return {
    driver: 'redis',
    async publish(topic, message) {
      // One connection sends commands in order, so a topic's messages keep their order.
      await publisher.publish(prefix + topic, JSON.stringify(message));
    },
    async subscribe(topic, listener) {
      const { first, remove } = topics.add(topic, listener);
      if (first) {
        try {
          await subscriber.subscribe(prefix + topic);
        } catch (error) {
          remove();
          throw error;
        }
      }
      return () => {
        if (remove()) subscriber.unsubscribe(prefix + topic).catch(() => {});
      };
    },
    async close() {
      // quit() is queued until the connection is up, which never happens while Redis is down.
      if (subscriber.status === 'ready') await subscriber.quit().catch(() => subscriber.disconnect());
      else subscriber.disconnect();
    },
  };
}

/** How a wait ended: the state was reached before listening mattered, by a message, or by time. */
export type WaitOutcome = 'already' | 'event' | 'timeout';

/**
 * The one way a request waits for work done elsewhere (`Prefer: wait=N`): listen on the topic,
 * then look at the stored state, then wait for a message that `ends` accepts or for `ms` to pass.
 * Subscribing before looking means an end published in between is seen one way or the other; the
 * deadline bounds the wait when a message is lost (delivery is at most once), after which the
 * caller reads the state again.
 */
export async function waitForEvent(
  events: Events,
  topic: string,
  options: {
    ms: number;
    ends: (message: EventMessage) => boolean;
    isDone: () => Promise<boolean>;
  },
): Promise<WaitOutcome> {
  let finish!: (outcome: WaitOutcome) => void;
  const ended = new Promise<WaitOutcome>((resolve) => {
    finish = resolve;
  });
  const unsubscribe = await events.subscribe(topic, (message) => {
    if (options.ends(message)) finish('event');
  });
  const timer = setTimeout(() => finish('timeout'), options.ms);
  try {
    if (await options.isDone()) return 'already';
    return await ended;
  } finally {
    clearTimeout(timer);
    unsubscribe();
  }
}

let processEvents: Events | null = null;

/**
 * The in-memory bus of this process. In embedded mode the API and the worker share one process,
 * and must share one bus, whoever creates it first.
 */
export function sharedMemoryEvents(): Events {
  processEvents ??= createMemoryEvents();
  return processEvents;
}

/**
 * Redis when REDIS_URL is set, else PostgreSQL LISTEN/NOTIFY when the database is a server, else
 * the process's in-memory bus (embedded mode: one process). `close` releases what was opened here.
 */
export function createEvents(options: {
  config: Pick<Config, 'redisUrl' | 'db'>;
  database: Pick<Database, 'kind' | 'pool'>;
  logger: Logger;
  /** An open Redis client to publish with; one is opened (and closed by `close`) otherwise. */
  redis?: Redis | undefined;
}): Events {
  const { config, database, logger } = options;
  if (config.redisUrl) {
    const publisher = options.redis ?? createRedis(config.redisUrl, logger);
    const events = createRedisEvents({ url: config.redisUrl, publisher, logger });
    if (options.redis) return events;
    return {
      ...events,
      driver: 'redis',
      async close() {
        await events.close();
        await publisher.quit().catch(() => publisher.disconnect());
      },
    };
  }
  if (config.db.kind === 'postgres' && database.kind === 'postgres' && database.pool) {
    return createPostgresEvents({ url: config.db.url, pool: database.pool, logger });
  }
  return sharedMemoryEvents();
}
