import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import pg from 'pg';
import {
  createMemoryEvents,
  createPostgresEvents,
  createReassembler,
  createRedisEvents,
  type EventMessage,
  type Events,
  NOTIFY_PAYLOAD_LIMIT,
  toEnvelopes,
  waitForEvent,
} from './events.ts';
import { createLogger } from './logger.ts';

const logger = createLogger('silent');

describe('event envelopes', () => {
  test('a small message travels whole', () => {
    const envelopes = toEnvelopes('t', { type: 'delta', text: 'hi' });
    assert.equal(envelopes.length, 1);
    assert.deepEqual(createReassembler()(envelopes[0] as string), {
      topic: 't',
      message: { type: 'delta', text: 'hi' },
    });
  });

  test('a large message is cut into pieces under the NOTIFY limit and put back together', () => {
    const text = `${'Zoë Müller-Łukasiewicz 東京 🎉 \u0001 "quoted" \\ '.repeat(2_000)}end`;
    const envelopes = toEnvelopes('ai-response:1', { type: 'delta', text });
    assert.ok(envelopes.length > 1);
    for (const envelope of envelopes) assert.ok(Buffer.byteLength(envelope) <= NOTIFY_PAYLOAD_LIMIT);
    const reassemble = createReassembler();
    // Out of order on purpose: only the last piece completes the message.
    const results = [...envelopes].reverse().map((e) => reassemble(e));
    assert.deepEqual(results.slice(0, -1), new Array(envelopes.length - 1).fill(null));
    assert.deepEqual(results.at(-1), { topic: 'ai-response:1', message: { type: 'delta', text } });
  });
});

async function contract(make: () => Promise<{ a: Events; b: Events; close: () => Promise<void> }>) {
  const { a, b, close } = await make();
  try {
    // Subscribed on one side, published on the other, as API and worker processes do.
    const received: EventMessage[] = [];
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const unsubscribe = await b.subscribe('topic-1', (m) => {
      received.push(m);
      if (m.type === 'done') finish();
    });
    const other: EventMessage[] = [];
    const unsubscribeOther = await b.subscribe('topic-2', (m) => other.push(m));
    const big = 'x'.repeat(20_000);
    await a.publish('topic-1', { type: 'delta', text: 'one' });
    await a.publish('topic-1', { type: 'delta', text: big });
    await a.publish('topic-1', { type: 'delta', text: 'three' });
    await a.publish('topic-1', { type: 'done' });
    await finished;
    assert.deepEqual(
      received.map((m) => m.text ?? m.type),
      ['one', big, 'three', 'done'],
      'in order, large one intact',
    );
    assert.deepEqual(other, [], 'another topic hears nothing');
    unsubscribe();
    unsubscribeOther();
  } finally {
    await close();
  }
}

describe('memory events', () => {
  test('delivers in order to subscribers of the topic only', async () => {
    const events = createMemoryEvents();
    await contract(async () => ({ a: events, b: events, close: () => events.close() }));
  });

  test('an unsubscribed listener hears nothing more', async () => {
    const events = createMemoryEvents();
    const heard: EventMessage[] = [];
    const unsubscribe = await events.subscribe('t', (m) => heard.push(m));
    await events.publish('t', { n: 1 });
    unsubscribe();
    await events.publish('t', { n: 2 });
    assert.deepEqual(heard, [{ n: 1 }]);
  });
});

describe('waitForEvent', () => {
  const ends = (m: EventMessage) => m.type === 'done';

  test('ends on the first message it accepts, ignoring others, and stops listening', async () => {
    const events = createMemoryEvents();
    const waiting = waitForEvent(events, 't', { ms: 30_000, ends, isDone: async () => false });
    // Published only after the wait looked at the state, as a job finishing later does.
    await new Promise((resolve) => setImmediate(resolve));
    await events.publish('t', { type: 'progress' });
    await events.publish('t', { type: 'done' });
    const started = performance.now();
    assert.equal(await waiting, 'event');
    assert.ok(performance.now() - started < 1_000);
    let heard = 0;
    const unsubscribe = await events.subscribe('t', () => heard++);
    await events.publish('t', { type: 'done' });
    unsubscribe();
    assert.equal(heard, 1, 'only the probe heard it: the wait unsubscribed');
  });

  test('an end published between subscribing and looking is not missed', async () => {
    const events = createMemoryEvents();
    const outcome = await waitForEvent(events, 't', {
      ms: 30_000,
      ends,
      // The state was read just before the job stored its outcome and published.
      isDone: async () => {
        await events.publish('t', { type: 'done' });
        return false;
      },
    });
    assert.equal(outcome, 'event');
  });

  test('answers at once when the state is already reached', async () => {
    const events = createMemoryEvents();
    assert.equal(await waitForEvent(events, 't', { ms: 30_000, ends, isDone: async () => true }), 'already');
  });

  test('a lost message costs the deadline, no more', async () => {
    const events = createMemoryEvents();
    const started = performance.now();
    assert.equal(await waitForEvent(events, 't', { ms: 50, ends, isDone: async () => false }), 'timeout');
    assert.ok(performance.now() - started < 1_000);
  });
});

const POSTGRES_URL = process.env.TEST_DATABASE_URL;
describe('postgres events', { skip: POSTGRES_URL ? false : 'TEST_DATABASE_URL is not set' }, () => {
  test('LISTEN/NOTIFY between two instances, large messages in pieces', async () => {
    const url = POSTGRES_URL as string;
    await contract(async () => {
      const poolA = new pg.Pool({ connectionString: url, max: 2 });
      const poolB = new pg.Pool({ connectionString: url, max: 2 });
      const a = createPostgresEvents({ url, pool: poolA, logger });
      const b = createPostgresEvents({ url, pool: poolB, logger });
      return {
        a,
        b,
        close: async () => {
          await a.close();
          await b.close();
          await poolA.end();
          await poolB.end();
        },
      };
    });
  });
});

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
describe('redis events', () => {
  const publishers: Redis[] = [];
  after(() => {
    for (const p of publishers) p.disconnect();
  });
  test('pub/sub between two instances', async (t) => {
    const probe = new Redis(REDIS_URL, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      await probe.connect();
      await probe.ping();
    } catch {
      t.skip(`no Redis at ${REDIS_URL}`);
      probe.disconnect();
      return;
    }
    probe.disconnect();
    await contract(async () => {
      const pa = new Redis(REDIS_URL);
      const pb = new Redis(REDIS_URL);
      publishers.push(pa, pb);
      const a = createRedisEvents({ url: REDIS_URL, publisher: pa, logger });
      const b = createRedisEvents({ url: REDIS_URL, publisher: pb, logger });
      return {
        a,
        b,
        close: async () => {
          await a.close();
          await b.close();
        },
      };
    });
  });
});
