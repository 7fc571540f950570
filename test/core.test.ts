// Plans, health, API documentation and the error format, on every backend.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { parse as parseYaml } from 'yaml';
import { bearer, json, registerUser, startTestApp, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';

for (const backend of backends()) {
  describe(`core on ${backend.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(backend);
    });
    after(() => t.close());

    test('plans come in plan order with limits and prices', async () => {
      const res = await t.app.inject('/core/plans/');
      assert.equal(res.statusCode, 200);
      const plans = json<any[]>(res);
      assert.deepEqual(
        plans.map((p) => [
          p.name,
          p.order,
          p.limits.ai_responses_per_day,
          p.limits.questionnaires_per_day,
          p.limits.uploads_per_day,
          p.limits.api_calls_per_hour,
          p.limits.burst_per_minute,
        ]),
        [
          ['Free', 1, 3, 5, 3, 200, 20],
          ['Basic', 2, 20, 50, 20, 300, 30],
          ['Pro', 3, 100, 200, 100, 600, 50],
          ['Premium', 4, 1000, 1000, 500, 1200, 100],
        ],
      );
      assert.equal(plans[0].monthly_price, null);
      assert.deepEqual(plans[1].monthly_price, { amount: 9.99, currency: 'usd', interval: 'month' });
      assert.ok(plans.every((p) => p.is_current === false));
    });

    test('is_current marks the signed-in user’s plan; billing filters by price', async () => {
      const u = await registerUser(t.app);
      const plans = json<any[]>(await t.app.inject({ url: '/core/plans/', headers: bearer(u.access) }));
      assert.deepEqual(
        plans.filter((p) => p.is_current).map((p) => p.name),
        ['Free'],
      );
      const monthly = json<any[]>(await t.app.inject('/core/plans/?billing=monthly'));
      assert.deepEqual(
        monthly.map((p) => p.name),
        ['Basic', 'Pro', 'Premium'],
      );
      const bad = await t.app.inject('/core/plans/?billing=weekly');
      assert.equal(bad.statusCode, 400);
      assert.ok(json(bad).errors.billing);
      const badToken = await t.app.inject({ url: '/core/plans/', headers: bearer('garbage') });
      assert.equal(badToken.statusCode, 401, 'a bad token is refused, not ignored');
    });

    test('health reports the database', async () => {
      const res = await t.app.inject('/core/health/');
      assert.equal(res.statusCode, 200);
      const body = json(res);
      assert.equal(body.overall, 'healthy');
      assert.equal(body.services.db, 'healthy');
      for (const name of ['queue', 'redis', 'ai'])
        assert.ok(['healthy', 'skipped'].includes(body.services[name]), name);
    });

    test('the API docs offer a file picker for the CV of a multipart questionnaire', async () => {
      const doc = json(await t.app.inject('/schema/?format=json'));
      for (const [path, method] of [
        ['/cv/questionnaire/', 'post'],
        ['/cv/questionnaire/{id}/', 'put'],
        ['/cv/questionnaire/{id}/', 'patch'],
      ] as const) {
        const content = doc.paths[path][method].requestBody.content;
        assert.deepEqual(
          [
            content['multipart/form-data'].schema.properties.resume.type,
            content['multipart/form-data'].schema.properties.resume.format,
          ],
          ['string', 'binary'],
          `${method} ${path}`,
        );
        assert.notEqual(
          content['application/json'].schema.properties.resume.format,
          'binary',
          'JSON keeps null',
        );
      }
    });

    test('the OpenAPI document describes every route with its errors', async () => {
      const yamlRes = await t.app.inject('/schema/');
      assert.equal(yamlRes.statusCode, 200);
      assert.match(String(yamlRes.headers['content-type']), /yaml/);
      const doc = parseYaml(yamlRes.body);
      assert.equal(doc.openapi, '3.1.0');
      const jsonDoc = json(await t.app.inject('/schema/?format=json'));
      assert.deepEqual(Object.keys(jsonDoc.paths).sort(), Object.keys(doc.paths).sort());
      const expected: Array<[string, string]> = [
        ['post', '/auth/registration/'],
        ['post', '/auth/login/'],
        ['post', '/auth/logout/'],
        ['post', '/auth/token/refresh/'],
        ['post', '/auth/token/verify/'],
        ['get', '/auth/user/'],
        ['put', '/auth/user/'],
        ['patch', '/auth/user/'],
        ['post', '/auth/password/change/'],
        ['post', '/auth/password/reset/'],
        ['post', '/auth/password/reset/confirm/'],
        ['post', '/auth/registration/verify-email/'],
        ['post', '/auth/registration/resend-email/'],
        ['post', '/auth/social/login/google/'],
        ['get', '/core/plans/'],
        ['get', '/core/health/'],
        ['get', '/core/rate-limits/status/'],
        ['post', '/core/payments/create-checkout-session/'],
        ['get', '/core/payments/verify-session/'],
        ['post', '/core/billing/portal/'],
        ['post', '/core/payments/webhook/stripe/'],
        ['get', '/cv/questionnaire/'],
        ['post', '/cv/questionnaire/'],
        ['get', '/cv/questionnaire/{id}/'],
        ['put', '/cv/questionnaire/{id}/'],
        ['patch', '/cv/questionnaire/{id}/'],
        ['delete', '/cv/questionnaire/{id}/'],
        ['get', '/cv/documents/{id}/'],
        ['post', '/cv/ai-responses/'],
        ['get', '/cv/ai-responses/'],
        ['get', '/cv/ai-responses/{id}/'],
        ['get', '/cv/ai-responses/{id}/events/'],
        ['post', '/cv/ai-responses/{id}/cancel/'],
        ['post', '/cv/ai-responses/{id}/generate-pdf/'],
      ];
      const documented = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method} ${path}`),
      );
      for (const [m, p] of expected) assert.ok(documented.includes(`${m} ${p}`), `${m} ${p} documented`);
      for (const [method, path] of expected) {
        const op = doc.paths[path]?.[method];
        assert.ok(op, `${method} ${path} documented`);
        assert.ok(op.summary, `${method} ${path} has a summary`);
        assert.ok(
          op.responses['200'] || op.responses['201'] || op.responses['204'],
          `${method} ${path} success`,
        );
        if (path !== '/core/health/') {
          assert.ok(op.responses['400'] || op.responses['401'], `${method} ${path} errors`);
        }
        const bodyless =
          method === 'get' || method === 'delete' || /cancel|generate-pdf|billing\/portal|webhook/.test(path);
        if (!bodyless) assert.ok(op.requestBody, `${method} ${path} request body`);
        // Every body a person fills in the docs starts from an example (Stripe signs its own).
        for (const [type, media] of Object.entries<any>(op.requestBody?.content ?? {})) {
          if (/webhook/.test(path)) continue;
          const ref = media.schema?.$ref?.replace('#/components/schemas/', '');
          const schema = ref ? doc.components.schemas[ref] : media.schema;
          assert.ok(media.example ?? schema?.example, `${method} ${path} ${type} has an example`);
        }
      }
      // A download is a file to save, not JSON to show.
      assert.deepEqual(Object.keys(doc.paths['/cv/documents/{id}/'].get.responses['200'].content), [
        'application/octet-stream',
      ]);
      assert.ok(doc.components.schemas.Problem, 'problem details schema');
      assert.ok(doc.components.securitySchemes.bearerAuth);
    });

    test('Swagger UI is served at /docs/, where / sends API clients (browsers get the web app)', async () => {
      const root = await t.app.inject({ url: '/', headers: { accept: 'application/json' } });
      assert.equal(root.statusCode, 302);
      assert.equal(root.headers.location, '/docs/');
      const ui = await t.app.inject(String(root.headers.location));
      assert.equal(ui.statusCode, 200);
      assert.match(ui.body, /swagger/i);
      assert.match(ui.body, /<title>CV Improver API<\/title>/);
      // The page's own style sheet hides the plugin's /docs/json address (the description links
      // /schema/), as a file, so the page keeps a CSP without inline styles.
      const css = await t.app.inject('/docs/static/theme/theme.css');
      assert.equal(css.statusCode, 200);
      assert.match(css.body, /hgroup\.main a\.link/);
      const init = await t.app.inject('/docs/static/swagger-initializer.js');
      assert.match(init.body, /"layout":"BaseLayout"/);
    });

    test('unknown routes and methods get problem details', async () => {
      const res = await t.app.inject('/no/such/route/');
      assert.equal(res.statusCode, 404);
      assert.match(String(res.headers['content-type']), /problem\+json/);
      assert.equal(json(res).code, 'not_found');
      const wrongMethod = await t.app.inject({ method: 'DELETE', url: '/core/plans/' });
      assert.equal(wrongMethod.statusCode, 405);
      assert.equal(json(wrongMethod).code, 'method_not_allowed');
      assert.ok(res.headers['x-request-id']);
    });

    test('an oversized body is a 413, not a crash', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/auth/login/',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ username: 'x'.repeat(2_000_000), password: 'y' }),
      });
      assert.equal(res.statusCode, 413);
      assert.equal(json(res).code, 'payload_too_large');
    });
  });
}

describe('health with Redis', () => {
  test('a reachable Redis is healthy', {
    skip: process.env.TEST_REDIS_URL ? false : 'TEST_REDIS_URL is not set',
  }, async () => {
    const t = await startTestApp(backends()[0]!, { env: { REDIS_URL: process.env.TEST_REDIS_URL ?? '' } });
    try {
      const res = await t.app.inject('/core/health/');
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(json(res).services.redis, 'healthy');
    } finally {
      await t.close();
    }
  });

  test('an unreachable Redis makes the service unhealthy (503)', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const t = await startTestApp(backends()[0]!, { env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const res = await t.app.inject('/core/health/');
      assert.equal(res.statusCode, 503);
      assert.equal(json(res).overall, 'unhealthy');
      assert.equal(json(res).services.redis, 'unhealthy');
      assert.equal(json(res).services.db, 'healthy');
    } finally {
      await t.close();
    }
  });
});

describe('scheduled cleanup', () => {
  test('CLEANUP_DAYS schedules the cleanup job daily at 03:00 UTC', async () => {
    const t = await startTestApp(backends()[0]!, { env: { CLEANUP_DAYS: '30' } });
    try {
      const result = (await t.database.db.execute(
        sql`select cron, data from pgboss.schedule where name = 'cleanup'`,
      )) as unknown as { rows: Array<{ cron: string; data: { days: number } }> };
      assert.equal(result.rows[0]?.cron, '0 3 * * *');
      assert.deepEqual(result.rows[0]?.data, { days: 30 });
    } finally {
      await t.close();
    }
  });
});
