// An AI response's job end to end on every backend: HTTP → row + job in one transaction → worker →
// the real OpenAI SDK against the loopback fake (or the offline provider) → row, events, Server-Sent
// Events over real HTTP and Prefer: wait; then provider failures, retries, a job delivered twice, and
// cancel.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type AiProvider, aiError } from '../src/ai/index.ts';
import { insertAiResponse } from '../src/cv/ai-response.repository.ts';
import { createJobHandlers } from '../src/job-handlers.ts';
import { improveCvJob } from '../src/jobs/catalog.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createGate, type OpenAiFake, reply } from './fakes/openai-fake.ts';
import {
  type AiResponsesSuite,
  aiResponseCalls,
  call,
  encryptedPdf,
  IMPROVED,
  PROMPT,
  questionnaireWithCv,
  startAiResponsesSuite,
} from './helpers/ai-responses.ts';
import { bearer, json, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';
import { registerPremiumUser, startCvTestApp } from './helpers/cv-app.ts';
import { sseReader } from './helpers/sse-client.ts';

for (const backend of backends()) {
  describe(`AI responses: job and stream on ${backend.name}`, () => {
    let suite: AiResponsesSuite;
    let fake: OpenAiFake;
    let t: TestApp;
    let baseUrl: string;
    let alice: AiResponsesSuite['alice'];
    let questionnaireId: number;
    let offline: TestApp;
    before(async () => {
      suite = await startAiResponsesSuite(backend);
      ({ fake, t, baseUrl, alice, questionnaireId } = suite);
      offline = await startCvTestApp(backend);
    });
    after(async () => {
      await suite.close();
      await offline.close();
    });

    const { requestAt, finished } = aiResponseCalls(() => suite);

    describe('the job, end to end', () => {
      test('202 queued with Location; the worker stores the answer, usage and model', async () => {
        const res = await call(t, 'POST', '/cv/ai-responses/', alice.access, {
          questionnaire: questionnaireId,
          prompt: PROMPT,
        });
        assert.equal(res.statusCode, 202, res.body);
        const body = json(res);
        assert.equal(body.status, 'queued');
        assert.equal(res.headers.location, `/cv/ai-responses/${body.id}/`);
        assert.deepEqual(Object.keys(body).sort(), [
          'created_at',
          'error',
          'events_link',
          'finished_at',
          'id',
          'model',
          'progress',
          'prompt',
          'provider',
          'questionnaire',
          'rate_limit_info',
          'report',
          'response_text',
          'started_at',
          'status',
          'usage',
        ]);
        const done = await finished(t, body.id);
        assert.equal(done.status, 'succeeded', JSON.stringify(done));
        assert.equal(done.response_text, IMPROVED.join(''));
        assert.equal(done.progress, 100);
        assert.equal(done.provider, 'openai');
        assert.equal(done.model, 'gpt-4o-mini');
        assert.ok(
          done.usage.prompt_tokens > 0 && done.usage.completion_tokens >= 0,
          JSON.stringify(done.usage),
        );
        assert.ok(done.started_at && done.finished_at && done.error === null);
      });

      test('the model gets the questionnaire, the CV and the prompt in delimiters, without the email', async () => {
        const index = fake.requests.length;
        const res = await call(t, 'POST', '/cv/ai-responses/', alice.access, {
          questionnaire: questionnaireId,
          prompt: PROMPT,
        });
        await finished(t, json(res).id);
        const sent = JSON.stringify(fake.requests[index]?.body);
        assert.match(sent, /<job>[\s\S]*Senior Backend Engineer[\s\S]*<\/job>/);
        assert.match(sent, /<cv>[\s\S]*Ångström Logistics[\s\S]*<\/cv>/);
        assert.match(sent, /<request>[\s\S]*backend role better[\s\S]*<\/request>/);
        assert.doesNotMatch(sent, /zoe@example\.com/, 'the email stays home');
      });

      test('SSE over HTTP: status, deltas as they are written, then done; the stream ends', async () => {
        const gate = createGate();
        fake.script({ kind: 'text', chunks: IMPROVED, gate: gate.promise });
        const res = await call(t, 'POST', '/cv/ai-responses/', alice.access, {
          questionnaire: questionnaireId,
          prompt: PROMPT,
        });
        const id = json(res).id;
        const stream = await fetch(`${baseUrl}/cv/ai-responses/${id}/events/`, {
          headers: bearer(alice.access),
        });
        assert.equal(stream.status, 200);
        assert.match(String(stream.headers.get('content-type')), /^text\/event-stream/);
        const sse = sseReader(stream);
        const first = await sse.next();
        assert.equal(first?.event, 'status');
        // The first chunk arrives while the fake holds back the rest: text streams before the end.
        let frame = await sse.next();
        while (frame && frame.event !== 'delta') frame = await sse.next();
        assert.equal(frame?.event, 'delta');
        assert.equal(frame?.data.text, IMPROVED[0]);
        assert.equal(json(await call(t, 'GET', `/cv/ai-responses/${id}/`, alice.access)).status, 'running');
        gate.open();
        const rest = await sse.rest();
        const deltas = [
          frame?.data.text,
          ...rest.filter((f) => f.event === 'delta').map((f) => f.data.text),
        ].join('');
        assert.equal(deltas, IMPROVED.join(''));
        const last = rest.at(-1);
        assert.equal(last?.event, 'done');
        assert.equal(last?.data.status, 'succeeded');
        assert.equal(last?.data.response_text, IMPROVED.join(''));
      });

      test('a late subscriber still gets the current state and done', async () => {
        const res = await call(t, 'POST', '/cv/ai-responses/', alice.access, {
          questionnaire: questionnaireId,
          prompt: PROMPT,
        });
        const done = await finished(t, json(res).id);
        const stream = await fetch(`${baseUrl}/cv/ai-responses/${done.id}/events/`, {
          headers: bearer(alice.access),
        });
        const frames = await sseReader(stream).rest();
        assert.deepEqual(
          frames.map((f) => f.event),
          ['status', 'done'],
        );
        // The stream's `done` is the response as GET shows it, less the link GET signs for the caller.
        const { events_link: _link, ...shown } = done;
        assert.deepEqual(frames[1]?.data, shown);
      });

      test('Prefer: wait=N answers 201 with the finished response', async () => {
        const res = await call(
          t,
          'POST',
          '/cv/ai-responses/',
          alice.access,
          { questionnaire: questionnaireId, prompt: PROMPT },
          { prefer: 'wait=30' },
        );
        assert.equal(res.statusCode, 201, res.body);
        assert.equal(json(res).status, 'succeeded');
        assert.equal(json(res).response_text, IMPROVED.join(''));
        assert.equal(res.headers['preference-applied'], 'wait=30');
        assert.ok(res.headers.location);
      });

      test('Prefer: wait gives up after N seconds with the 202', async () => {
        const gate = createGate();
        fake.script({ kind: 'text', chunks: IMPROVED, gate: gate.promise });
        const res = await call(
          t,
          'POST',
          '/cv/ai-responses/',
          alice.access,
          { questionnaire: questionnaireId, prompt: PROMPT },
          { prefer: 'wait=1' },
        );
        assert.equal(res.statusCode, 202, res.body);
        assert.ok(['queued', 'running'].includes(json(res).status));
        gate.open();
        assert.equal((await finished(t, json(res).id)).status, 'succeeded');
      });

      test('the offline provider works with no AI configured, and says so', async () => {
        const carol = await registerPremiumUser(offline);
        const qid = await questionnaireWithCv(offline, carol.access);
        const res = await call(
          offline,
          'POST',
          '/cv/ai-responses/',
          carol.access,
          { questionnaire: qid, prompt: PROMPT },
          { prefer: 'wait=30' },
        );
        assert.equal(res.statusCode, 201, res.body);
        const body = json(res);
        assert.equal(body.status, 'succeeded');
        assert.equal(body.provider, 'offline');
        assert.doesNotMatch(body.response_text, /No AI model was used/);
        assert.equal(body.report.provenance.ai_model_used, false);
        assert.match(body.report.provenance.note, /No AI model was used/);
        assert.match(body.response_text, /Zoë Müller-Łukasiewicz/);
      });
    });

    describe('failures', () => {
      for (const [label, scripted, code] of [
        ['provider refuses the key', reply.error('unauthorized'), 'ai_unavailable'],
        ['provider quota exhausted', reply.error('insufficient_quota'), 'ai_quota'],
        ['empty answer', reply.empty(), 'ai_empty'],
      ] as const) {
        test(`${label} → failed with ${code}`, async () => {
          fake.script(scripted);
          const res = await call(
            t,
            'POST',
            '/cv/ai-responses/',
            alice.access,
            { questionnaire: questionnaireId, prompt: PROMPT },
            { prefer: 'wait=30' },
          );
          assert.equal(res.statusCode, 201, res.body);
          const body = json(res);
          assert.equal(body.status, 'failed');
          assert.equal(body.error.code, code);
          assert.ok(body.error.message.length > 10);
          assert.doesNotMatch(body.error.message, /sk-test/, 'no key in the message');
          assert.equal(body.response_text, null);
          const frames = await sseReader(
            await fetch(`${baseUrl}/cv/ai-responses/${body.id}/events/`, { headers: bearer(alice.access) }),
          ).rest();
          assert.deepEqual(frames.at(-1), { event: 'error', data: body.error });
        });
      }

      test('an unreadable CV fails the job with a clear error, never a 500', async () => {
        const qid = await questionnaireWithCv(t, alice.access, encryptedPdf, 'locked.pdf');
        const requests = fake.requests.length;
        const res = await call(
          t,
          'POST',
          '/cv/ai-responses/',
          alice.access,
          { questionnaire: qid, prompt: PROMPT },
          { prefer: 'wait=30' },
        );
        assert.equal(res.statusCode, 201, res.body);
        assert.equal(json(res).status, 'failed');
        assert.equal(json(res).error.code, 'resume_unreadable');
        assert.match(json(res).error.message, /password/);
        assert.equal(fake.requests.length, requests, 'the provider was not called');
      });

      test('transient errors are retried while attempts remain, then stored as final', async () => {
        const busy: AiProvider = {
          name: 'openai',
          model: 'gpt-test',
          checkConfig: () => ({ ok: true, detail: '' }),
          generate: async () => {
            throw aiError('ai_busy', 'OpenAI is busy or rate limited (status 429).');
          },
        };
        const handler = createJobHandlers({
          database: t.database,
          queue: t.app.queue,
          logger: createLogger('silent'),
          config: t.config,
          events: t.app.events,
          ai: busy,
        })[improveCvJob.name];
        assert.ok(handler);
        // A row without a job, so only this test's handler runs it.
        const row = await insertAiResponse(t.database.db, {
          userId: alice.user.pk,
          questionnaireId,
          prompt: PROMPT,
          status: 'queued',
        });
        assert.ok(row);
        const context = (attempt: number, isLastAttempt: boolean) => ({
          id: 'direct',
          payload: { aiResponseId: row.id },
          attempt,
          isLastAttempt,
          signal: new AbortController().signal,
        });
        await assert.rejects(handler(context(1, false)), (error: any) => error.code === 'ai_busy');
        assert.equal(
          json(await call(t, 'GET', `/cv/ai-responses/${row.id}/`, alice.access)).status,
          'running',
        );
        await handler(context(4, true));
        const failed = json(await call(t, 'GET', `/cv/ai-responses/${row.id}/`, alice.access));
        assert.equal(failed.status, 'failed');
        assert.equal(failed.error.code, 'ai_busy');
        // Delivered again after it failed: nothing changes.
        await handler(context(5, true));
        assert.deepEqual(json(await call(t, 'GET', `/cv/ai-responses/${row.id}/`, alice.access)), failed);
      });

      test('a job delivered twice produces one response', async () => {
        const res = await call(
          t,
          'POST',
          '/cv/ai-responses/',
          alice.access,
          { questionnaire: questionnaireId, prompt: PROMPT },
          { prefer: 'wait=30' },
        );
        assert.equal(json(res).status, 'succeeded');
        const done = json(await call(t, 'GET', `/cv/ai-responses/${json(res).id}/`, alice.access));
        const requests = fake.requests.length;
        const handler = createJobHandlers({
          database: t.database,
          queue: t.app.queue,
          logger: createLogger('silent'),
          config: t.config,
          events: t.app.events,
          ai: t.app.ai,
        })[improveCvJob.name];
        await handler?.({
          id: 'again',
          payload: { aiResponseId: done.id },
          attempt: 1,
          isLastAttempt: false,
          signal: new AbortController().signal,
        });
        assert.equal(fake.requests.length, requests, 'no second provider call');
        assert.deepEqual(json(await call(t, 'GET', `/cv/ai-responses/${done.id}/`, alice.access)), done);
      });
    });

    describe('cancel', () => {
      test('a running job stops at once: the provider call is aborted, the row stays canceled', async () => {
        fake.script(reply.hang());
        const request = requestAt(fake.requests.length);
        const res = await call(t, 'POST', '/cv/ai-responses/', alice.access, {
          questionnaire: questionnaireId,
          prompt: PROMPT,
        });
        const id = json(res).id;
        const running = await request;
        const stream = await fetch(`${baseUrl}/cv/ai-responses/${id}/events/`, {
          headers: bearer(alice.access),
        });
        const sse = sseReader(stream);
        assert.equal((await sse.next())?.event, 'status');
        const cancel = await call(t, 'POST', `/cv/ai-responses/${id}/cancel/`, alice.access);
        assert.equal(cancel.statusCode, 200, cancel.body);
        assert.equal(json(cancel).status, 'canceled');
        await running.closed;
        assert.equal(running.abortedByClient, true, 'the worker hung up on the provider');
        const frames = await sse.rest();
        assert.deepEqual(frames.at(-1), {
          event: 'error',
          data: { code: 'job_canceled', message: 'The response was canceled.' },
        });
        const after = json(await call(t, 'GET', `/cv/ai-responses/${id}/`, alice.access));
        assert.equal(after.status, 'canceled');
        assert.equal(after.response_text, null);
        // Canceling again is harmless; a finished one cannot be canceled.
        assert.equal((await call(t, 'POST', `/cv/ai-responses/${id}/cancel/`, alice.access)).statusCode, 200);
      });

      test('a finished response cannot be canceled (409)', async () => {
        const res = await call(
          t,
          'POST',
          '/cv/ai-responses/',
          alice.access,
          { questionnaire: questionnaireId, prompt: PROMPT },
          { prefer: 'wait=30' },
        );
        const cancel = await call(t, 'POST', `/cv/ai-responses/${json(res).id}/cancel/`, alice.access);
        assert.equal(cancel.statusCode, 409);
        assert.equal(
          json(await call(t, 'GET', `/cv/ai-responses/${json(res).id}/`, alice.access)).status,
          'succeeded',
        );
      });
    });
  });
}
