// The database going away under a running service (PostgreSQL behind a proxy the test takes down):
// every request that needs it answers 503 with Retry-After and a problem body within about a
// second, nothing half-written stays behind, and the service recovers by itself when it is back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../src/platform/db/database.ts';
import {
  bearer,
  GOOD_PASSWORD,
  json,
  registerUser,
  startTestApp,
  type TestApp,
  uniqueName,
} from './helpers/app.ts';
import { createScratchPostgresDatabase, postgresSkipReason } from './helpers/backends.ts';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy.ts';

describe('database outage', { skip: postgresSkipReason }, () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let drop = async () => {};
  let token: string;

  before(async () => {
    const scratch = await createScratchPostgresDatabase();
    drop = scratch.drop;
    const url = new URL(scratch.url);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${proxy.port}`;
    t = await startTestApp(
      {
        name: 'postgres',
        open: () => openDatabase({ kind: 'postgres', url: url.toString(), poolMax: 4 }),
      },
      // With the session cache on, `GET /auth/user/` would not need the database for its first
      // seconds: off, it stands for every request that does.
      { env: { AUTH_CACHE_SECONDS: '0' } },
    );
    token = (await registerUser(t.app)).access;
  });
  after(async () => {
    await proxy?.up().catch(() => {});
    await t?.close();
    await proxy?.close();
    await drop();
  });

  test('503 with Retry-After within about a second, then back without a restart', async () => {
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/auth/user/', headers: bearer(token) })).statusCode,
      200,
    );
    await proxy.down();
    try {
      for (const request of [
        { method: 'GET' as const, url: '/auth/user/', headers: bearer(token) },
        {
          method: 'POST' as const,
          url: '/auth/registration/',
          payload: {
            username: uniqueName(),
            email: `${uniqueName()}@example.com`,
            password1: GOOD_PASSWORD,
            password2: GOOD_PASSWORD,
          },
        },
      ]) {
        const started = performance.now();
        const res = await t.app.inject(request);
        const ms = performance.now() - started;
        assert.equal(res.statusCode, 503, `${request.url}: ${res.body}`);
        assert.equal(res.headers['retry-after'], '5');
        assert.match(String(res.headers['content-type']), /application\/problem\+json/);
        assert.equal(json(res).code, 'service_unavailable');
        assert.ok(ms < 2_500, `${request.url} answered after ${Math.round(ms)} ms`);
      }
    } finally {
      await proxy.up();
    }
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      status = (await t.app.inject({ method: 'GET', url: '/auth/user/', headers: bearer(token) })).statusCode;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(status, 200, 'the service answers again once the database is back');
  });
});

const REDIS_URL = process.env.TEST_REDIS_URL;

describe('Redis outage', { skip: REDIS_URL ? false : 'TEST_REDIS_URL is not set' }, () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let token: string;

  before(async () => {
    const url = new URL(REDIS_URL ?? '');
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 6379) });
    url.host = `127.0.0.1:${proxy.port}`;
    t = await startTestApp(
      { name: 'pglite', open: () => openDatabase({ kind: 'pglite-memory' }) },
      {
        env: {
          REDIS_URL: url.toString(),
          RATE_LIMITS_ENABLED: 'true',
          RATE_LIMIT_KEY_PREFIX: `outage-${process.pid}:`,
        },
      },
    );
    token = (await registerUser(t.app)).access;
  });
  after(async () => {
    await t?.close();
    await proxy?.close();
  });

  const timed = async () => {
    const started = performance.now();
    const res = await t.app.inject({ method: 'GET', url: '/auth/user/', headers: bearer(token) });
    return { status: res.statusCode, ms: performance.now() - started };
  };

  test('the request limits let requests through within a second while Redis is hung or down', async () => {
    assert.equal((await timed()).status, 200);
    for (const outage of ['hung', 'down'] as const) {
      if (outage === 'hung') proxy.freeze();
      else await proxy.down();
      for (let i = 0; i < 3; i++) {
        const { status, ms } = await timed();
        assert.equal(status, 200, `${outage}, request ${i + 1}`);
        assert.ok(ms < 1_000, `${outage}, request ${i + 1} took ${Math.round(ms)} ms`);
      }
    }
    const health = async () => {
      const res = await t.app.inject({ method: 'GET', url: '/core/health/' });
      return { status: res.statusCode, services: json(res).services };
    };
    const down = await health();
    assert.equal(down.status, 503);
    assert.equal(down.services.redis, 'unhealthy', JSON.stringify(down.services));
    assert.equal(down.services.db, 'healthy', 'health tells which dependency is down');
    await proxy.up();
    const back = performance.now();
    let now = await health();
    while (now.status !== 200 && performance.now() - back < 10_000) {
      await new Promise((r) => setTimeout(r, 200));
      now = await health();
    }
    assert.equal(now.status, 200, JSON.stringify(now.services));
    assert.ok(
      performance.now() - back < 4_000,
      `healthy again after ${Math.round(performance.now() - back)} ms`,
    );
  });
});
