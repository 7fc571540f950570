// GET /metrics on every backend: the request, limit, queue, AI and event-stream figures, and the
// token that guards them when configured.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, registerUser, startTestApp, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';

const TOKEN = 'metrics-token-0123456789';

for (const backend of backends()) {
  describe(`metrics on ${backend.name}`, () => {
    let open: TestApp;
    let guarded: TestApp;
    before(async () => {
      open = await startTestApp(backend);
      guarded = await startTestApp(backend, { env: { METRICS_TOKEN: TOKEN } });
    });
    after(async () => {
      await open.close();
      await guarded.close();
    });

    test('requests per route pattern, limits, queue depth, AI tokens and open streams', async () => {
      const user = await registerUser(open.app);
      await open.app.inject({ method: 'GET', url: '/auth/user/', headers: bearer(user.access) });
      await open.app.inject({ method: 'GET', url: '/cv/questionnaire/12345/', headers: bearer(user.access) });
      const res = await open.app.inject({ method: 'GET', url: '/metrics' });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
      const text = res.body;
      assert.match(
        text,
        /^cvimprover_http_requests_total\{route="\/auth\/user\/",method="GET",status="2xx"\} 1$/m,
      );
      // The pattern, not the path: one series for every questionnaire.
      assert.match(text, /route="\/cv\/questionnaire\/:id\/",method="GET",status="4xx"/);
      assert.doesNotMatch(text, /12345/);
      assert.match(
        text,
        /^cvimprover_http_request_duration_seconds_bucket\{route="\/auth\/user\/",method="GET",le="\+Inf"\} 1$/m,
      );
      assert.match(text, /^cvimprover_queue_jobs\{job="improve-cv",state="waiting"\} 0$/m);
      assert.match(text, /^# TYPE cvimprover_ai_tokens_total counter$/m);
      assert.match(text, /^cvimprover_improvement_duration_seconds\{quantile="count"\} 0$/m);
      assert.match(text, /^cvimprover_event_streams_open 0$/m);
      assert.match(text, /^# TYPE cvimprover_limit_refusals_total counter$/m);
    });

    test('with METRICS_TOKEN, only the scraper that sends it gets the figures', async () => {
      const without = await guarded.app.inject({ method: 'GET', url: '/metrics' });
      assert.equal(without.statusCode, 401);
      assert.equal(without.headers['www-authenticate'], 'Bearer');
      const wrong = await guarded.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: bearer(`${TOKEN}x`),
      });
      assert.equal(wrong.statusCode, 401);
      const right = await guarded.app.inject({ method: 'GET', url: '/metrics', headers: bearer(TOKEN) });
      assert.equal(right.statusCode, 200);
      assert.match(right.body, /cvimprover_http_requests_total/);
    });
  });
}

describe('metrics turned off', () => {
  test('METRICS_ENABLED=false: no route', async () => {
    const [backend] = backends();
    const t = await startTestApp(backend!, { env: { METRICS_ENABLED: 'false' } });
    try {
      assert.equal((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 404);
    } finally {
      await t.close();
    }
  });
});
