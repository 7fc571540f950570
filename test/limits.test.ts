// Plan quotas, per-address limits and the status route, on every backend: daily quotas on PGlite
// and PostgreSQL, the short windows in memory and in Redis. Time is the injected manual clock.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { type AiProvider, aiError } from '../src/ai/index.ts';
import { deleteBlock, upsertBlock } from '../src/limits/quota.repository.ts';
import { createQuotaService } from '../src/limits/quota.service.ts';
import { createMemoryWindowCounter } from '../src/limits/windows.ts';
import { plans, quotaEvents, users } from '../src/platform/db/schema.ts';
import { bearer, json, registerUser, startTestApp, type TestApp } from './helpers/app.ts';
import { type Backend, backends } from './helpers/backends.ts';
import { startCvTestApp, VALID_QUESTIONNAIRE } from './helpers/cv-app.ts';

const REDIS_URL = process.env.TEST_REDIS_URL;
const DAY = 24 * 3600_000;

interface Target {
  name: string;
  backend: Backend;
  redis: boolean;
}

const dbBackends = backends();
const targets: Target[] = dbBackends.map((backend) => ({
  name: `${backend.name} + memory`,
  backend,
  redis: false,
}));
if (REDIS_URL) {
  const backend = dbBackends[dbBackends.length - 1] as Backend;
  targets.push({ name: `${backend.name} + redis`, backend, redis: true });
}

function limitEnv(target: Target, extra: Record<string, string> = {}): Record<string, string> {
  return {
    RATE_LIMITS_ENABLED: 'true',
    ...(target.redis && REDIS_URL
      ? { REDIS_URL, RATE_LIMIT_KEY_PREFIX: `cvi-test:${randomBytes(6).toString('hex')}` }
      : {}),
    ...extra,
  };
}

/** Fails every job at once, except prompts containing HANG, which wait until canceled. */
const failingAi: AiProvider = {
  name: 'openai',
  model: 'gpt-test',
  checkConfig: () => ({ ok: true, detail: '' }),
  async generate(input) {
    if (input.prompt.includes('HANG')) {
      await new Promise((_, reject) =>
        input.signal?.addEventListener('abort', () => reject(aiError('job_canceled', 'canceled'))),
      );
    }
    throw aiError('ai_unavailable', 'The provider refused the API key.');
  },
};

async function createPlan(t: TestApp, slug: string, limits: Partial<typeof plans.$inferInsert>) {
  const [row] = await t.database.db
    .insert(plans)
    .values({
      slug,
      name: `Test ${slug}`,
      order: 90 + Math.floor(Math.random() * 1000),
      aiResponsesPerDay: 100,
      questionnairesPerDay: 100,
      uploadsPerDay: 100,
      apiCallsPerHour: 100_000,
      burstPerMinute: 100_000,
      ...limits,
    })
    .returning();
  assert.ok(row);
  return row;
}

async function setPlan(t: TestApp, userId: number, slug: string) {
  const [plan] = await t.database.db.select().from(plans).where(eq(plans.slug, slug));
  assert.ok(plan, slug);
  await t.database.db.update(users).set({ planId: plan.id }).where(eq(users.id, userId));
}

function assertLimitHeaders(res: LightMyRequestResponse, limit: number, remaining: number) {
  assert.equal(res.headers['x-ratelimit-limit'], String(limit), 'X-RateLimit-Limit');
  assert.equal(res.headers['x-ratelimit-remaining'], String(remaining), 'X-RateLimit-Remaining');
  assert.match(String(res.headers['x-ratelimit-reset']), /^\d{10}$/, 'X-RateLimit-Reset in Unix seconds');
}

for (const target of targets) {
  describe(`plan quotas on ${target.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startCvTestApp(target.backend, {
        env: limitEnv(target, { IP_LIMIT_PER_MINUTE: '1000000', IP_LIMIT_PER_HOUR: '1000000' }),
        ai: failingAi,
      });
    });
    after(() => t.close());

    const call = (
      method: 'GET' | 'POST' | 'PUT',
      url: string,
      token: string,
      payload?: unknown,
      headers = {},
    ) =>
      t.app.inject({
        method,
        url,
        headers: { ...bearer(token), ...headers },
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    // Access tokens live 15 minutes; after moving the clock by hours a client refreshes first.
    const refreshed = async (user: { refresh: string }) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/auth/token/refresh/',
        payload: { refresh: user.refresh },
      });
      assert.equal(res.statusCode, 200, res.body);
      Object.assign(user, { refresh: json(res).refresh });
      return json(res).access as string;
    };
    const status = async (token: string) => {
      const res = await call('GET', '/core/rate-limits/status/', token);
      assert.equal(res.statusCode, 200, res.body);
      return json(res);
    };

    test('50 concurrent requests against a remaining quota of 5: exactly 5 succeed', async () => {
      const plan = await createPlan(t, `q7${randomBytes(3).toString('hex')}`, { questionnairesPerDay: 7 });
      const user = await registerUser(t.app);
      await setPlan(t, user.user.pk, plan.slug);
      for (let i = 0; i < 2; i++)
        assert.equal(
          (await call('POST', '/cv/questionnaire/', user.access, VALID_QUESTIONNAIRE)).statusCode,
          201,
        );
      const firstAt = t.clock.now();

      const answers = await Promise.all(
        Array.from({ length: 50 }, () =>
          call('POST', '/cv/questionnaire/', user.access, VALID_QUESTIONNAIRE),
        ),
      );
      const created = answers.filter((r) => r.statusCode === 201);
      const refused = answers.filter((r) => r.statusCode === 429);
      assert.equal(created.length, 5, answers.map((r) => r.statusCode).join(','));
      assert.equal(refused.length, 45);

      const [counted] = await t.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(quotaEvents)
        .where(and(eq(quotaEvents.userId, user.user.pk), eq(quotaEvents.scope, 'questionnaires')));
      assert.equal(Number(counted?.n), 7, 'one unit per created questionnaire, none for refusals');

      for (const res of refused) {
        const body = json(res);
        assert.equal(body.error, 'rate_limit_exceeded');
        assert.equal(body.code, 'rate_limit_exceeded');
        assert.equal(body.status, 429);
        assert.match(body.message, /all 7 questionnaires/);
        assert.deepEqual(body.limit_info, {
          limit: 7,
          used: 7,
          remaining: 0,
          reset_at: new Date(firstAt.getTime() + DAY).toISOString(),
          current_plan: plan.name,
        });
        // A test plan ordered after Premium: there is nothing to upgrade to.
        assert.equal(body.upgrade_suggestion.recommended_plan, null);
        assert.equal(body.upgrade_suggestion.upgrade_url, '/core/plans/');
        assertLimitHeaders(res, 7, 0);
        assert.equal(res.headers['retry-after'], String(DAY / 1000));
      }
      for (const res of created) assert.equal(res.headers['x-ratelimit-limit'], '7');
    });

    test('the quota service itself is atomic: 50 concurrent takes, 5 granted', async () => {
      const plan = await createPlan(t, `a5${randomBytes(3).toString('hex')}`, { aiResponsesPerDay: 5 });
      const user = await registerUser(t.app);
      await setPlan(t, user.user.pk, plan.slug);
      const quota = createQuotaService({
        db: t.database.db,
        windows: createMemoryWindowCounter(),
        clock: t.clock,
      });
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          quota.consume({ id: user.user.pk, planId: plan.id }, 'ai_responses', { ref: `r${i}` }),
        ),
      );
      assert.equal(results.filter((r) => r.allowed).length, 5);
      assert.ok(results.filter((r) => !r.allowed).every((r) => r.remaining === 0 && r.used === 5));
    });

    test('a Free user over a daily quota is told the next plan, and the window rolls', async () => {
      const user = await registerUser(t.app);
      const start = t.clock.now().getTime();
      for (let i = 0; i < 3; i++)
        assert.equal(
          (await call('POST', '/cv/questionnaire/', user.access, VALID_QUESTIONNAIRE)).statusCode,
          201,
        );
      t.clock.advance(2 * 3600_000);
      const later = await refreshed(user);
      for (let i = 0; i < 2; i++)
        assert.equal((await call('POST', '/cv/questionnaire/', later, VALID_QUESTIONNAIRE)).statusCode, 201);

      const refused = await call('POST', '/cv/questionnaire/', later, VALID_QUESTIONNAIRE);
      assert.equal(refused.statusCode, 429);
      const body = json(refused);
      assert.equal(body.limit_info.current_plan, 'Free');
      assert.equal(body.limit_info.limit, 5);
      assert.equal(body.limit_info.reset_at, new Date(start + DAY).toISOString());
      assert.equal(body.upgrade_suggestion.recommended_plan, 'Basic');
      assert.match(body.upgrade_suggestion.message, /Basic for 50 questionnaires a day/);

      t.clock.set(new Date(start + DAY - 1));
      const access = await refreshed(user);
      assert.equal((await call('POST', '/cv/questionnaire/', access, VALID_QUESTIONNAIRE)).statusCode, 429);
      t.clock.set(new Date(start + DAY));
      const freed = await call('POST', '/cv/questionnaire/', access, VALID_QUESTIONNAIRE);
      assert.equal(freed.statusCode, 201, 'the first three units left the window exactly a day later');
      // Two of the three freed units are still free; the other two are 22 hours from leaving.
      assertLimitHeaders(freed, 5, 2);
    });

    test('burst per minute and api_calls per hour roll over with time', async () => {
      const user = await registerUser(t.app);
      for (let i = 0; i < 20; i++) {
        const res = await call('GET', '/cv/questionnaire/', user.access);
        assert.equal(res.statusCode, 200, res.body);
        assertLimitHeaders(res, 20, 19 - i);
      }
      const refused = await call('GET', '/cv/questionnaire/', user.access);
      assert.equal(refused.statusCode, 429);
      assert.equal(json(refused).limit_info.limit, 20);
      assert.equal(json(refused).upgrade_suggestion.recommended_plan, 'Basic');
      assert.equal(refused.headers['retry-after'], '60');
      t.clock.advance(59_999);
      assert.equal((await call('GET', '/cv/questionnaire/', user.access)).statusCode, 429);
      t.clock.advance(1);
      assert.equal((await call('GET', '/cv/questionnaire/', user.access)).statusCode, 200);

      // 200 an hour: 21 counted so far (the refusals counted nothing); spread the rest over minutes.
      let allowed = 21;
      while (allowed < 200) {
        t.clock.advance(60_000);
        for (let i = 0; i < 20 && allowed < 200; i++, allowed++)
          assert.equal((await call('GET', '/cv/questionnaire/', user.access)).statusCode, 200);
      }
      t.clock.advance(60_000);
      const hourly = await call('GET', '/cv/questionnaire/', user.access);
      assert.equal(hourly.statusCode, 429);
      assert.equal(json(hourly).limit_info.limit, 200);
    });

    test("watching one's own work (status polls, waits, event streams) is not charged", async () => {
      const user = await registerUser(t.app);
      const q = json(await call('POST', '/cv/questionnaire/', user.access, VALID_QUESTIONNAIRE));
      for (let i = 0; i < 30; i++) {
        const res = await call('GET', `/cv/questionnaire/${q.id}/`, user.access);
        assert.equal(res.statusCode, 200, res.body);
      }
      // Only the creation was counted: 19 of the minute's 20 are left for real work.
      const status = json(await call('GET', '/core/rate-limits/status/', user.access));
      assert.equal(status.rate_limits.burst.used, 1);
      assert.equal(status.rate_limits.api_calls.used, 1);
      // Someone else's questionnaire is still a 404, watched or not.
      const other = await registerUser(t.app);
      assert.equal((await call('GET', `/cv/questionnaire/${q.id}/`, other.access)).statusCode, 404);
      assert.equal((await call('GET', '/cv/ai-responses/999999/events/', other.access)).statusCode, 404);
    });

    test('failed and canceled AI jobs give their unit back; failed requests take none', async () => {
      const user = await registerUser(t.app);
      const q = json(await call('POST', '/cv/questionnaire/', user.access, VALID_QUESTIONNAIRE));
      const prompt = 'Please tailor my CV for this role.';

      const failed = await call(
        'POST',
        '/cv/ai-responses/',
        user.access,
        { questionnaire: q.id, prompt },
        {
          prefer: 'wait=20',
        },
      );
      assert.equal(failed.statusCode, 201, failed.body);
      assert.equal(json(failed).status, 'failed');
      assert.equal((await status(user.access)).rate_limits.ai_responses.used, 0, 'failed job refunded');

      const hanging = await call('POST', '/cv/ai-responses/', user.access, {
        questionnaire: q.id,
        prompt: `${prompt} HANG`,
      });
      assert.equal(hanging.statusCode, 202);
      assert.equal((await status(user.access)).rate_limits.ai_responses.used, 1);
      const canceled = await call('POST', `/cv/ai-responses/${json(hanging).id}/cancel/`, user.access);
      assert.equal(canceled.statusCode, 200, canceled.body);
      assert.equal((await status(user.access)).rate_limits.ai_responses.used, 0, 'canceled job refunded');

      const unknown = await call('POST', '/cv/ai-responses/', user.access, { questionnaire: 999999, prompt });
      assert.equal(unknown.statusCode, 404);
      const invalid = await call('POST', '/cv/ai-responses/', user.access, {
        questionnaire: q.id,
        prompt: 'short',
      });
      assert.equal(invalid.statusCode, 400);
      assert.equal(
        (await status(user.access)).rate_limits.ai_responses.used,
        0,
        'refused requests cost nothing',
      );

      const key = { 'idempotency-key': `k-${randomBytes(4).toString('hex')}` };
      const first = await call(
        'POST',
        '/cv/ai-responses/',
        user.access,
        { questionnaire: q.id, prompt: `${prompt} HANG` },
        key,
      );
      const replay = await call(
        'POST',
        '/cv/ai-responses/',
        user.access,
        { questionnaire: q.id, prompt: `${prompt} HANG` },
        key,
      );
      assert.equal(json(replay).id, json(first).id);
      assert.equal((await status(user.access)).rate_limits.ai_responses.used, 1, 'a replay is not charged');
      await call('POST', `/cv/ai-responses/${json(first).id}/cancel/`, user.access);
    });

    test('a retried POST gets its first answer even when it took the last unit', async () => {
      const user = await registerUser(t.app);
      const q = json(await call('POST', '/cv/questionnaire/', user.access, VALID_QUESTIONNAIRE));
      const body = { questionnaire: q.id, prompt: 'Please tailor my CV for this role. HANG' };
      const ids: number[] = [];
      for (let i = 0; i < 2; i++)
        ids.push(json(await call('POST', '/cv/ai-responses/', user.access, body)).id);
      const key = { 'idempotency-key': `last-${randomBytes(4).toString('hex')}` };
      const last = await call('POST', '/cv/ai-responses/', user.access, body, key);
      assert.equal(last.statusCode, 202, last.body);
      ids.push(json(last).id);
      const retry = await call('POST', '/cv/ai-responses/', user.access, body, key);
      assert.equal(retry.statusCode, 202, retry.body);
      assert.equal(json(retry).id, json(last).id);
      const fresh = await call('POST', '/cv/ai-responses/', user.access, body, {
        'idempotency-key': `new-${randomBytes(4).toString('hex')}`,
      });
      assert.equal(fresh.statusCode, 429, 'a new request still meets the limit');
      for (const id of ids) await call('POST', `/cv/ai-responses/${id}/cancel/`, user.access);
    });

    test('replays of one Idempotency-Key get the first answer, not a 429, past the burst limit', async () => {
      const user = await registerUser(t.app);
      const q = json(await call('POST', '/cv/questionnaire/', user.access, VALID_QUESTIONNAIRE));
      const body = { questionnaire: q.id, prompt: 'Please tailor my CV for this role. HANG' };
      const key = { 'idempotency-key': `storm-${randomBytes(4).toString('hex')}` };
      const first = await call('POST', '/cv/ai-responses/', user.access, body, key);
      assert.equal(first.statusCode, 202, first.body);
      // The rest of the minute's burst goes elsewhere (2 requests so far), then ten replays at once.
      for (let i = 0; i < 18; i++) await call('GET', '/cv/questionnaire/', user.access);
      assert.equal((await call('GET', '/cv/questionnaire/', user.access)).statusCode, 429);
      const replays = await Promise.all(
        Array.from({ length: 10 }, () => call('POST', '/cv/ai-responses/', user.access, body, key)),
      );
      for (const replay of replays) {
        assert.equal(replay.statusCode, 202, replay.body);
        assert.equal(json(replay).id, json(first).id);
      }
      const fresh = await call('POST', '/cv/ai-responses/', user.access, body, {
        'idempotency-key': `new-${randomBytes(4).toString('hex')}`,
      });
      assert.equal(fresh.statusCode, 429, 'a new request still meets the burst limit');
      t.clock.advance(60_000);
      const canceled = await call('POST', `/cv/ai-responses/${json(first).id}/cancel/`, user.access);
      assert.equal(canceled.statusCode, 200, canceled.body);
    });

    test('upgrading raises the limits at once; downgrading lowers them', async () => {
      const user = await registerUser(t.app);
      for (let i = 0; i < 5; i++)
        assert.equal(
          (await call('POST', '/cv/questionnaire/', user.access, VALID_QUESTIONNAIRE)).statusCode,
          201,
        );
      assert.equal(
        (await call('POST', '/cv/questionnaire/', user.access, VALID_QUESTIONNAIRE)).statusCode,
        429,
      );

      await setPlan(t, user.user.pk, 'basic');
      const upgraded = await call('POST', '/cv/questionnaire/', user.access, VALID_QUESTIONNAIRE);
      assert.equal(upgraded.statusCode, 201);
      assertLimitHeaders(upgraded, 50, 44);
      const basic = await status(user.access);
      assert.equal(basic.user.plan, 'Basic');
      assert.equal(basic.rate_limits.questionnaires.limit, 50);
      assert.equal(basic.rate_limits.burst.limit, 30);

      await setPlan(t, user.user.pk, 'free');
      const downgraded = await call('POST', '/cv/questionnaire/', user.access, VALID_QUESTIONNAIRE);
      assert.equal(downgraded.statusCode, 429);
      assert.equal(json(downgraded).limit_info.limit, 5);
      const free = await status(user.access);
      assert.deepEqual(
        [free.rate_limits.questionnaires.used, free.rate_limits.questionnaires.remaining],
        [6, 0],
      );
      assert.equal(free.rate_limits.questionnaires.status, 'critical');
      assert.equal(free.rate_limits.questionnaires.percentage_used, 120);
    });

    test('a CV that cannot be read gives its upload back', async () => {
      const user = await registerUser(t.app);
      const form = (await import('./helpers/cv-app.ts')).multipart;
      const { readFileSync } = await import('node:fs');
      const encrypted = readFileSync(new URL('./fixtures/documents/encrypted.pdf', import.meta.url));
      for (let i = 0; i < 4; i++) {
        const body = form(VALID_QUESTIONNAIRE, {
          filename: 'cv.pdf',
          contentType: 'application/pdf',
          data: encrypted,
        });
        const created = await t.app.inject({
          method: 'POST',
          url: '/cv/questionnaire/',
          headers: { ...bearer(user.access), ...body.headers },
          payload: body.payload,
        });
        assert.equal(created.statusCode, 201, `upload ${i + 1}: ${created.body}`);
        const read = await t.app.inject({
          url: `/cv/questionnaire/${json(created).id}/`,
          headers: { ...bearer(user.access), prefer: 'wait=30' },
        });
        assert.equal(json(read).resume_status, 'failed', read.body);
      }
      const s = await status(user.access);
      assert.equal(s.rate_limits.uploads.used, 0, 'four unreadable files, three uploads a day, none used');
    });

    test('uploads count only writes that carry a file', async () => {
      const user = await registerUser(t.app);
      const form = (await import('./helpers/cv-app.ts')).multipart;
      const upload = () => {
        const body = form(VALID_QUESTIONNAIRE, {
          filename: 'cv.txt',
          contentType: 'text/plain',
          data: Buffer.from(
            'Ann Example\nEngineer at Example GmbH 2019-2024\nSkills: TypeScript, PostgreSQL\n',
          ),
        });
        return t.app.inject({
          method: 'POST',
          url: '/cv/questionnaire/',
          headers: { ...bearer(user.access), ...body.headers },
          payload: body.payload,
        });
      };
      for (let i = 0; i < 3; i++) assert.equal((await upload()).statusCode, 201);
      const refused = await upload();
      assert.equal(refused.statusCode, 429, refused.body);
      assert.match(json(refused).message, /all 3 CV uploads/);
      const s = await status(user.access);
      assert.equal(s.rate_limits.uploads.used, 3);
      assert.equal(
        s.rate_limits.questionnaires.used,
        3,
        'the refused upload gave its questionnaire unit back',
      );
      assert.equal(
        (await call('POST', '/cv/questionnaire/', user.access, VALID_QUESTIONNAIRE)).statusCode,
        201,
      );
    });

    test('the status route reports every scope and consumes nothing', async () => {
      const user = await registerUser(t.app);
      for (let i = 0; i < 4; i++) await call('POST', '/cv/questionnaire/', user.access, VALID_QUESTIONNAIRE);
      const one = await status(user.access);
      const two = await status(user.access);
      assert.deepEqual(one, two, 'reading the status changes nothing');
      assert.deepEqual(Object.keys(one.rate_limits).sort(), [
        'ai_responses',
        'api_calls',
        'burst',
        'questionnaires',
        'uploads',
      ]);
      assert.equal(one.user.username, user.username);
      assert.equal(one.user.email, user.email);
      assert.deepEqual(one.rate_limits.questionnaires, {
        limit: 5,
        used: 4,
        remaining: 1,
        reset_at: one.rate_limits.questionnaires.reset_at,
        percentage_used: 80,
        status: 'warning',
      });
      assert.equal(one.rate_limits.api_calls.used, 4);
      assert.equal(one.rate_limits.ai_responses.status, 'healthy');
      assert.equal(one.upgrade_recommendation.should_upgrade, true);
      assert.equal(one.upgrade_recommendation.recommended_plan, 'Basic');
      assert.equal(one.upgrade_recommendation.upgrade_url, '/core/plans/');
      assert.deepEqual(one.upgrade_recommendation.high_usage_scopes, ['questionnaires']);
      assert.match(one.upgrade_recommendation.reason, /4 of 5 questionnaires/);
      assert.equal((await t.app.inject({ method: 'GET', url: '/core/rate-limits/status/' })).statusCode, 401);
    });
  });

  describe(`address limits on ${target.name}`, () => {
    let t: TestApp;
    let proxied: TestApp;
    const env = { IP_LIMIT_PER_MINUTE: '5', IP_LIMIT_PER_HOUR: '20', IP_BLOCK_MINUTES: '15' };
    before(async () => {
      t = await startTestApp(target.backend, { env: limitEnv(target, env) });
      proxied = await startTestApp(target.backend, {
        env: limitEnv(target, { ...env, TRUST_PROXY: '10.0.0.1' }),
      });
    });
    after(async () => {
      await t.close();
      await proxied.close();
    });

    const get = (
      app: TestApp,
      remoteAddress: string,
      headers: Record<string, string> = {},
      url = '/core/plans/',
    ) => app.app.inject({ method: 'GET', url, remoteAddress, headers });

    test('60/minute becomes 5/minute here: the sixth request is refused, then the window rolls', async () => {
      for (let i = 0; i < 5; i++) {
        const res = await get(t, '192.0.2.10');
        assert.equal(res.statusCode, 200);
        assertLimitHeaders(res, 5, 4 - i);
      }
      const refused = await get(t, '192.0.2.10');
      assert.equal(refused.statusCode, 429);
      assert.equal(json(refused).code, 'rate_limit_exceeded');
      assert.equal(refused.headers['retry-after'], '60');
      assertLimitHeaders(refused, 5, 0);
      assert.equal((await get(t, '192.0.2.11')).statusCode, 200, 'other addresses are not affected');
      t.clock.advance(60_000);
      assert.equal((await get(t, '192.0.2.10')).statusCode, 200);
    });

    test('the hour limit holds when each minute stays under its own', async () => {
      for (let i = 0; i < 20; i++) {
        if (i % 4 === 0) t.clock.advance(60_000);
        assert.equal((await get(t, '192.0.2.30')).statusCode, 200);
      }
      t.clock.advance(60_000);
      const refused = await get(t, '192.0.2.30');
      assert.equal(refused.statusCode, 429);
      assertLimitHeaders(refused, 20, 0);
      assert.match(json(refused).detail, /an hour/);
    });

    test('an address that keeps going past the minute limit is blocked for 15 minutes', async () => {
      const ip = '192.0.2.20';
      const breach = async () => {
        for (let i = 0; i < 5; i++) assert.equal((await get(t, ip)).statusCode, 200);
        return get(t, ip);
      };
      assert.equal((await breach()).statusCode, 429);
      t.clock.advance(30_000);
      assert.equal((await get(t, ip)).statusCode, 429, 'one breach a minute at most');
      t.clock.advance(31_000);
      assert.equal((await breach()).statusCode, 429);
      t.clock.advance(61_000);
      const blocked = await breach();
      assert.equal(blocked.statusCode, 403);
      assert.equal(json(blocked).code, 'ip_blocked');
      assert.equal(blocked.headers['retry-after'], String(15 * 60));
      t.clock.advance(14 * 60_000);
      assert.equal((await get(t, ip)).statusCode, 403, 'still blocked');
      t.clock.advance(60_000);
      assert.equal((await get(t, ip)).statusCode, 200, 'the block ends after 15 minutes');
    });

    test('operator blocks apply within the cache interval, and unblocking too', async () => {
      const ip = '192.0.2.99';
      assert.equal((await get(t, ip)).statusCode, 200);
      await upsertBlock(
        t.database.db,
        ip,
        new Date(t.clock.now().getTime() + 3600_000),
        'abuse',
        t.clock.now(),
      );
      t.clock.advance(5_000);
      const blocked = await get(t, ip);
      assert.equal(blocked.statusCode, 403);
      assert.match(json(blocked).detail, /blocked/);
      await deleteBlock(t.database.db, ip);
      t.clock.advance(5_000);
      assert.equal((await get(t, ip)).statusCode, 200);
    });

    test('health, the Stripe webhook and the docs are never limited', async () => {
      const ip = '192.0.2.40';
      for (let i = 0; i < 12; i++) {
        const health = await get(t, ip, {}, '/core/health/');
        assert.notEqual(health.statusCode, 429);
        assert.equal(health.headers['x-ratelimit-limit'], undefined);
        assert.notEqual((await get(t, ip, {}, '/schema/')).statusCode, 429);
      }
      assert.equal((await get(t, ip)).statusCode, 200, 'exempt requests did not count');
    });

    test('X-Forwarded-For is ignored unless the peer is a trusted proxy', async () => {
      // No proxy trusted: a client cannot pick a new address for each request.
      for (let i = 0; i < 5; i++)
        assert.equal(
          (await get(t, '203.0.113.50', { 'x-forwarded-for': `198.51.100.${i}` })).statusCode,
          200,
        );
      assert.equal((await get(t, '203.0.113.50', { 'x-forwarded-for': '198.51.100.77' })).statusCode, 429);

      // Through the trusted proxy each client is counted on its own.
      for (let i = 0; i < 5; i++)
        assert.equal((await get(proxied, '10.0.0.1', { 'x-forwarded-for': '198.51.100.1' })).statusCode, 200);
      assert.equal((await get(proxied, '10.0.0.1', { 'x-forwarded-for': '198.51.100.1' })).statusCode, 429);
      assert.equal((await get(proxied, '10.0.0.1', { 'x-forwarded-for': '198.51.100.2' })).statusCode, 200);

      // A peer that is not the trusted proxy is counted under its own address, whatever it claims.
      for (let i = 0; i < 5; i++)
        assert.equal(
          (await get(proxied, '203.0.113.9', { 'x-forwarded-for': `198.51.100.${100 + i}` })).statusCode,
          200,
        );
      assert.equal(
        (await get(proxied, '203.0.113.9', { 'x-forwarded-for': '198.51.100.200' })).statusCode,
        429,
      );
    });
  });
}
