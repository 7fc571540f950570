// Closing the app (SIGTERM) while a person watches a running job: the event stream ends at once
// instead of holding the shutdown until the grace period runs out and the process is killed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createGate, startOpenAiFake } from './fakes/openai-fake.ts';
import { bearer, json } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';
import { eventually, registerPremiumUser, startCvTestApp, VALID_QUESTIONNAIRE } from './helpers/cv-app.ts';
import { sseReader } from './helpers/sse-client.ts';

test('app.close() ends open event streams and returns promptly', async () => {
  const fake = await startOpenAiFake();
  const gate = createGate();
  fake.script({ kind: 'text', chunks: ['# Draft\n', 'never finished'], gate: gate.promise });
  const t = await startCvTestApp(backends()[0]!, {
    env: {
      AI_PROVIDER: 'openai-compatible',
      AI_BASE_URL: `${fake.url}/v1`,
      AI_MODEL: 'm',
      AI_TIMEOUT_MS: '60000',
    },
  });
  try {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    assert.ok(address && typeof address === 'object');
    const base = `http://127.0.0.1:${address.port}`;
    const user = await registerPremiumUser(t);
    const q = json(
      await t.app.inject({
        method: 'POST',
        url: '/cv/questionnaire/',
        headers: bearer(user.access),
        payload: VALID_QUESTIONNAIRE,
      }),
    );
    await t.database.db.execute(
      `update questionnaires set resume_status = 'ready', resume_text = 'Jane Doe\nEngineer at Acme' where id = ${Number(q.id)}` as never,
    );
    const created = json(
      await t.app.inject({
        method: 'POST',
        url: '/cv/ai-responses/',
        headers: bearer(user.access),
        payload: { questionnaire: q.id, prompt: 'Please improve my CV for this job.' },
      }),
    );
    await eventually(
      async () =>
        json(await t.app.inject({ url: `/cv/ai-responses/${created.id}/`, headers: bearer(user.access) })),
      (r) => r.status === 'running',
      { what: 'the job to start' },
    );
    const sse = sseReader(
      await fetch(`${base}/cv/ai-responses/${created.id}/events/`, { headers: bearer(user.access) }),
    );
    assert.equal((await sse.next())?.event, 'status');

    const startedAt = performance.now();
    const closing = t.app.close();
    // The stream ends at once (with or without a last frame), while the running job still has
    // its grace period to finish.
    await sse.rest();
    const streamMs = performance.now() - startedAt;
    assert.ok(streamMs < 2_000, `the stream took ${Math.round(streamMs)} ms to end`);
    gate.open();
    await closing;
  } finally {
    gate.open();
    await t.database.close().catch(() => {});
    await fake.close();
  }
});
