// The session cache: what it keeps, for how long, and that a change announced in one process
// reaches the others at once (two API instances over one PostgreSQL database, its LISTEN/NOTIFY
// bus, and Redis pub/sub when a Redis server is given).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import type { UserWithPlan } from '../src/auth/auth.repository.ts';
import { createSessionCache, type SessionCache } from '../src/auth/session-cache.ts';
import { loadConfig } from '../src/platform/config.ts';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { createMemoryEvents } from '../src/platform/events.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createOwnedCache, type OwnedCache } from '../src/platform/owned-cache.ts';
import { GOOD_PASSWORD, json, registerUser } from './helpers/app.ts';
import { createScratchPostgresDatabase, POSTGRES_URL, postgresSkipReason } from './helpers/backends.ts';

const REDIS_URL = process.env.TEST_REDIS_URL;

const logger = createLogger('silent');

function someone(id: number): UserWithPlan {
  return { user: { id } as UserWithPlan['user'], plan: null };
}

/** Fills the cache as a request would: a read that finds the user. */
const fill = (cache: SessionCache, sessionId: string, userId: number) =>
  cache.load(sessionId, userId, async () => someone(userId));

describe('session cache', () => {
  test('answers a session it read until the time-to-live ends', async () => {
    const cache = await createSessionCache({ events: createMemoryEvents(), ttlMs: 40, logger });
    try {
      await fill(cache, 's1', 1);
      assert.equal(cache.get('s1', 1)?.user.id, 1);
      assert.equal(cache.get('s1', 2), undefined, 'another user id never gets the entry');
      await fill(cache, 's1', 1);
      await new Promise((resolve) => setTimeout(resolve, 60));
      assert.equal(cache.get('s1', 1), undefined);
    } finally {
      await cache.close();
    }
  });

  test('a change drops the session or every session of the user, in every cache on the bus', async () => {
    const events = createMemoryEvents();
    const here = await createSessionCache({ events, ttlMs: 60_000, logger });
    const there = await createSessionCache({ events, ttlMs: 60_000, logger });
    try {
      for (const cache of [here, there]) {
        await fill(cache, 'a', 1);
        await fill(cache, 'b', 1);
        await fill(cache, 'c', 2);
      }
      await here.changed({ sessionId: 'a' });
      for (const cache of [here, there]) {
        assert.equal(cache.get('a', 1), undefined);
        assert.ok(cache.get('b', 1));
      }
      await there.changed({ userId: 1 });
      for (const cache of [here, there]) {
        assert.equal(cache.get('b', 1), undefined);
        assert.ok(cache.get('c', 2), 'other users stay');
      }
    } finally {
      await here.close();
      await there.close();
    }
  });

  test('a reading that began before a change is not kept', async () => {
    const cache = await createSessionCache({ events: createMemoryEvents(), ttlMs: 60_000, logger });
    try {
      let release = () => {};
      const reading = cache.load(
        's1',
        1,
        () =>
          new Promise<UserWithPlan>((resolve) => {
            release = () => resolve(someone(1));
          }),
      );
      await cache.changed({ userId: 1 });
      release();
      assert.equal((await reading)?.user.id, 1, 'the request that read still gets its answer');
      assert.equal(cache.get('s1', 1), undefined);
    } finally {
      await cache.close();
    }
  });

  test('requests that miss together share one read; a change in between starts a new one', async () => {
    const cache = await createSessionCache({ events: createMemoryEvents(), ttlMs: 60_000, logger });
    try {
      let reads = 0;
      let release = () => {};
      const read = () => {
        reads += 1;
        return new Promise<UserWithPlan>((resolve) => {
          release = () => resolve(someone(1));
        });
      };
      const first = cache.load('s1', 1, read);
      const second = cache.load('s1', 1, read);
      assert.equal(reads, 1, 'the second request waits for the first read');
      await cache.changed({ userId: 1 });
      const third = cache.load('s1', 1, async () => {
        reads += 1;
        return someone(1);
      });
      assert.equal(reads, 2, 'after a change, a new read');
      release();
      assert.equal((await first)?.user.id, 1);
      assert.equal((await second)?.user.id, 1);
      assert.equal((await third)?.user.id, 1);
      assert.ok(cache.get('s1', 1), 'the read made after the change is kept');
    } finally {
      await cache.close();
    }
  });

  test('keeps nothing with a time-to-live of 0, and at most maxEntries sessions', async () => {
    const off = await createSessionCache({ events: createMemoryEvents(), ttlMs: 0, logger });
    await fill(off, 's1', 1);
    assert.equal(off.get('s1', 1), undefined);
    await off.close();
    const small = await createSessionCache({
      events: createMemoryEvents(),
      ttlMs: 60_000,
      logger,
      maxEntries: 2,
    });
    for (const id of [1, 2, 3]) await fill(small, `s${id}`, id);
    assert.equal(small.get('s1', 1), undefined, 'the oldest entry made room');
    assert.ok(small.get('s3', 3));
    await small.close();
  });
});

/** A cache on its own bus, closed when `use` ends. */
async function withOwnedCache(use: (cache: OwnedCache<string>) => Promise<void>): Promise<void> {
  const cache = await createOwnedCache<string>({
    events: createMemoryEvents(),
    topic: 't',
    ttlMs: 60_000,
    logger,
  });
  try {
    await use(cache);
  } finally {
    await cache.close();
  }
}

describe('owned cache (what session and list caches share)', () => {
  test('a change of one owner leaves the readings in flight of others to be kept', async () => {
    await withOwnedCache(async (cache) => {
      let release = () => {};
      const reading = cache.load(
        'b:page1',
        2,
        () =>
          new Promise<string>((resolve) => {
            release = () => resolve('two');
          }),
      );
      await cache.changed({ owner: 1 });
      release();
      assert.equal(await reading, 'two');
      assert.equal(cache.get('b:page1', 2), 'two');
    });
  });

  test('a value that `keep` refuses is answered but not kept', async () => {
    await withOwnedCache(async (cache) => {
      assert.equal(
        await cache.load(
          'k',
          1,
          async () => 'in flux',
          (value) => value !== 'in flux',
        ),
        'in flux',
      );
      assert.equal(cache.get('k', 1), undefined);
      assert.equal(
        await cache.load(
          'k',
          1,
          async () => 'settled',
          (value) => value !== 'in flux',
        ),
        'settled',
      );
      assert.equal(cache.get('k', 1), 'settled');
    });
  });

  test("a change of an owner drops all of its entries and no one else's", async () => {
    await withOwnedCache(async (cache) => {
      for (const [key, owner] of [
        ['a1', 1],
        ['a2', 1],
        ['b1', 2],
      ] as const)
        await cache.load(key, owner, async () => key);
      await cache.changed({ owner: 1 });
      assert.equal(cache.get('a1', 1), undefined);
      assert.equal(cache.get('a2', 1), undefined);
      assert.equal(cache.get('b1', 2), 'b1');
    });
  });
});

/** Two API instances on one database, as two processes behind a load balancer would be. */
async function twoInstances(env: Record<string, string>) {
  const scratch = await createScratchPostgresDatabase();
  const databases: Database[] = [];
  const apps: FastifyInstance[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const config = loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: scratch.url,
        // Long enough that only an announcement can explain a refusal within the test.
        AUTH_CACHE_SECONDS: '60',
        LIST_CACHE_SECONDS: '60',
        ...env,
      });
      const database = await openDatabase({ kind: 'postgres', url: scratch.url, poolMax: 4 });
      databases.push(database);
      apps.push(await buildApp({ config, database, logger }));
    }
  } catch (error) {
    for (const app of apps) await app.close();
    for (const database of databases) await database.close();
    await scratch.drop();
    throw error;
  }
  return {
    apps: apps as [FastifyInstance, FastifyInstance],
    async close() {
      for (const app of apps) await app.close();
      for (const database of databases) await database.close();
      await scratch.drop();
    },
  };
}

/** Polls until `check` holds (an announcement crosses processes asynchronously), at most 2 s. */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  const until = Date.now() + 2_000;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

const buses: Array<[string, Record<string, string>, string | false]> = [
  ['PostgreSQL LISTEN/NOTIFY', {}, postgresSkipReason],
  [
    'Redis pub/sub',
    { REDIS_URL: REDIS_URL ?? '' },
    postgresSkipReason || (REDIS_URL ? false : 'TEST_REDIS_URL is not set'),
  ],
];

for (const [bus, env, skip] of buses) {
  describe(`a change reaches the other API process (${bus})`, { skip }, () => {
    let pair: Awaited<ReturnType<typeof twoInstances>>;
    before(async () => {
      if (POSTGRES_URL) pair = await twoInstances(env);
    });
    after(async () => {
      await pair?.close();
    });

    const getUser = (app: FastifyInstance, access: string) =>
      app.inject({ method: 'GET', url: '/auth/user/', headers: { authorization: `Bearer ${access}` } });

    test('signing out in one process closes the session in the other', async () => {
      const [first, second] = pair.apps;
      const u = await registerUser(first);
      assert.equal((await getUser(second, u.access)).statusCode, 200, 'the second process now holds it');
      const out = await first.inject({
        method: 'POST',
        url: '/auth/logout/',
        headers: { authorization: `Bearer ${u.access}` },
        payload: { refresh: u.refresh },
      });
      assert.equal(out.statusCode, 200, out.body);
      assert.ok(await eventually(async () => (await getUser(second, u.access)).statusCode === 401));
    });

    test('a profile change in one process shows in the other', async () => {
      const [first, second] = pair.apps;
      const u = await registerUser(first);
      assert.equal(json(await getUser(second, u.access)).first_name, '');
      const changed = await first.inject({
        method: 'PATCH',
        url: '/auth/user/',
        headers: { authorization: `Bearer ${u.access}` },
        payload: { first_name: 'Ada' },
      });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.ok(await eventually(async () => json(await getUser(second, u.access)).first_name === 'Ada'));
    });

    test('a password change closes the other sessions in every process', async () => {
      const [first, second] = pair.apps;
      const u = await registerUser(first);
      const other = await second.inject({
        method: 'POST',
        url: '/auth/login/',
        payload: { username: u.username, password: u.password },
      });
      const otherAccess = json(other).access as string;
      assert.equal((await getUser(second, otherAccess)).statusCode, 200);
      const changed = await first.inject({
        method: 'POST',
        url: '/auth/password/change/',
        headers: { authorization: `Bearer ${u.access}` },
        payload: {
          old_password: GOOD_PASSWORD,
          new_password1: 'Green-Lantern-77',
          new_password2: 'Green-Lantern-77',
        },
      });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.ok(await eventually(async () => (await getUser(second, otherAccess)).statusCode === 401));
      assert.equal((await getUser(second, u.access)).statusCode, 200, 'the session that changed it stays');
    });

    test('a questionnaire made in one process shows in the list the other has kept', async () => {
      const [first, second] = pair.apps;
      const u = await registerUser(first);
      const list = async () => {
        const res = await second.inject({
          method: 'GET',
          url: '/cv/questionnaire/',
          headers: { authorization: `Bearer ${u.access}` },
        });
        assert.equal(res.statusCode, 200, res.body);
        return json(res).count as number;
      };
      assert.equal(await list(), 0, 'the second process now keeps the empty page');
      const made = await first.inject({
        method: 'POST',
        url: '/cv/questionnaire/',
        headers: { authorization: `Bearer ${u.access}` },
        payload: {
          position: 'Nurse',
          industry: 'Health',
          experience_level: '3-5',
          company_size: 'medium',
          application_timeline: '1-3 months',
        },
      });
      assert.equal(made.statusCode, 201, made.body);
      assert.ok(await eventually(async () => (await list()) === 1));
    });
  });
}
