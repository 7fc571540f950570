// /cv/ai-responses/ end to end on every backend: HTTP → row + job in one transaction → worker →
// AI provider (the offline one, or the real OpenAI SDK against the loopback fake) → row, events,
// SSE over real HTTP. Also validation sentences, cancel, Prefer: wait, idempotency, PDFs and the
// security cases.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { type AiProvider, aiError } from '../src/ai/index.ts';
import { insertAiResponse } from '../src/cv/ai-response.repository.ts';
import { createJobHandlers } from '../src/job-handlers.ts';
import { improveCvJob } from '../src/jobs/catalog.ts';
import { aiResponses, documents } from '../src/platform/db/schema.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createGate, type OpenAiFake, reply, startOpenAiFake } from './fakes/openai-fake.ts';
import { bearer, json, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';
import {
  eventually,
  multipart,
  registerPremiumUser,
  startCvTestApp,
  VALID_QUESTIONNAIRE,
} from './helpers/cv-app.ts';
import { type SseFrame, sseReader } from './helpers/sse-client.ts';

const cvText = readFileSync(new URL('./fixtures/documents/cv.txt', import.meta.url));
const encryptedPdf = readFileSync(new URL('./fixtures/documents/encrypted.pdf', import.meta.url));
const PROMPT = 'Make my CV fit this backend role better, please.';
// A faithful answer: every job, degree, contact detail and bullet of cv.txt, laid out anew.
const IMPROVED = [
  '# Zoë Müller-Łukasiewicz\n\nSenior Backend Engineer · Kraków, Poland · zoe@example.com\n\n',
  '## Experience\n\n### Staff Engineer — Ångström Logistics (2021–present)\n\n- Led the migration of the order service to PostgreSQL 15, cutting p99 latency by 40 %.\n- Mentored four engineers; introduced contract tests for 12 public endpoints.\n\n',
  '### Software Engineer — Dvořák Payments (2017–2021)\n\n- Built the card-settlement pipeline processing 2 million transactions a day.\n- Worked with Øyvind Hansen and Ştefan Popescu on fraud detection rules.\n\n## Education\n\nM.Sc. Computer Science, AGH University of Science and Technology, 2017\n\n## Skills\n\nTypeScript, Node.js, Go, PostgreSQL, Redis, Kubernetes, AWS\n',
];
// A model answer that gives the CV an employer (and dates) it never had.
const INVENTED = [
  ...IMPROVED.slice(0, 2),
  '### Senior Engineer — Initech GmbH (2015–2017)\n\n- Built billing systems\n\n',
  IMPROVED[2]!,
];
const FACT_FIX_MARKER = '<invented_facts>';

for (const backend of backends()) {
  describe(`AI responses on ${backend.name}`, () => {
    let fake: OpenAiFake;
    let t: TestApp;
    let offline: TestApp;
    let baseUrl: string;
    let alice: { access: string; user: Record<string, any> };
    let bob: { access: string };
    let questionnaireId: number;

    const call = (
      app: TestApp,
      method: string,
      url: string,
      token: string | null,
      payload?: unknown,
      headers = {},
    ) =>
      app.app.inject({
        method: method as 'GET',
        url,
        headers: { ...(token ? bearer(token) : {}), ...headers },
        ...(payload === undefined ? {} : { payload: payload as object }),
      });

    async function questionnaireWithCv(app: TestApp, token: string, file = cvText, filename = 'cv.txt') {
      const body = multipart(VALID_QUESTIONNAIRE, { filename, data: file });
      const res = await app.app.inject({
        method: 'POST',
        url: '/cv/questionnaire/',
        headers: { ...bearer(token), ...body.headers },
        payload: body.payload,
      });
      assert.equal(res.statusCode, 201, res.body);
      const id = json(res).id as number;
      await eventually(
        async () => json(await call(app, 'GET', `/cv/questionnaire/${id}/`, token)),
        (q) => q.resume_status !== 'processing',
        { what: 'the CV to be read' },
      );
      return id;
    }

    /** The provider request at this index, once it has arrived. */
    const requestAt = (index: number) =>
      eventually(
        async () => fake.requests[index],
        (r) => r !== undefined,
        { what: `provider request #${index}` },
      ) as Promise<NonNullable<OpenAiFake['requests'][number]>>;

    const finished = (app: TestApp, id: number, token = alice.access) =>
      eventually(
        async () => json(await call(app, 'GET', `/cv/ai-responses/${id}/`, token)),
        (r) => ['succeeded', 'failed', 'canceled'].includes(r.status),
        { what: `AI response ${id} to finish` },
      );

    before(async () => {
      fake = await startOpenAiFake({
        defaultReply: reply.text(...IMPROVED),
        apiKey: 'sk-test-0123456789abcdef',
      });
      t = await startCvTestApp(backend, {
        env: {
          AI_PROVIDER: 'openai',
          AI_API_KEY: 'sk-test-0123456789abcdef',
          AI_BASE_URL: `${fake.url}/v1`,
          AI_MODEL: 'gpt-4o-mini',
          AI_TIMEOUT_MS: '20000',
        },
      });
      offline = await startCvTestApp(backend);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const address = t.app.server.address();
      assert.ok(address && typeof address === 'object');
      baseUrl = `http://127.0.0.1:${address.port}`;
      alice = await registerPremiumUser(t);
      bob = await registerPremiumUser(t);
      questionnaireId = await questionnaireWithCv(t, alice.access);
    });
    after(async () => {
      await t.close();
      await offline.close();
      await fake.close();
    });

    describe('validation keeps the original sentences', () => {
      for (const [label, body, status, sentence] of [
        ['nothing', {}, 400, 'Both questionnaire ID and prompt are required.'],
        ['no prompt', { questionnaire: 1 }, 400, 'Both questionnaire ID and prompt are required.'],
        ['no questionnaire', { prompt: PROMPT }, 400, 'Both questionnaire ID and prompt are required.'],
        [
          'short prompt',
          { questionnaire: 1, prompt: '   too short  ' },
          400,
          'Prompt must be at least 10 characters long.',
        ],
        [
          'long prompt',
          { questionnaire: 1, prompt: 'x'.repeat(5001) },
          400,
          'Prompt must be less than 5000 characters.',
        ],
        [
          'unknown questionnaire',
          { questionnaire: 2_000_000_000, prompt: PROMPT },
          404,
          'Questionnaire not found or you do not have permission to access it.',
        ],
        [
          'not an id',
          { questionnaire: 'abc', prompt: PROMPT },
          404,
          'Questionnaire not found or you do not have permission to access it.',
        ],
        [
          'huge id',
          { questionnaire: 99999999999999, prompt: PROMPT },
          404,
          'Questionnaire not found or you do not have permission to access it.',
        ],
        [
          'prompt of wrong type',
          { questionnaire: 1, prompt: 12345678901 },
          400,
          'Both questionnaire ID and prompt are required.',
        ],
      ] as const) {
        test(label, async () => {
          const res = await call(t, 'POST', '/cv/ai-responses/', alice.access, body);
          assert.equal(res.statusCode, status, res.body);
          assert.equal(json(res).error, sentence);
          assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        });
      }

      test("someone else's questionnaire is 404 with the sentence, and nothing is queued", async () => {
        const res = await call(t, 'POST', '/cv/ai-responses/', bob.access, {
          questionnaire: questionnaireId,
          prompt: PROMPT,
        });
        assert.equal(res.statusCode, 404);
        assert.equal(json(res).error, 'Questionnaire not found or you do not have permission to access it.');
        assert.equal(json(await call(t, 'GET', '/cv/ai-responses/', bob.access)).count, 0);
      });

      test('a prompt of exactly 10 and 5000 characters is accepted', async () => {
        for (const prompt of ['x'.repeat(10), 'y'.repeat(5000)]) {
          const res = await call(t, 'POST', '/cv/ai-responses/', alice.access, {
            questionnaire: String(questionnaireId),
            prompt,
          });
          assert.equal(res.statusCode, 202, res.body);
          await finished(t, json(res).id);
        }
      });
    });

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

    describe('report and fact guard', () => {
      const post = (app: TestApp, token: string, qid: number, headers = {}) =>
        call(app, 'POST', '/cv/ai-responses/', token, { questionnaire: qid, prompt: PROMPT }, headers);
      const sentText = (index: number) => JSON.stringify(fake.requests[index]?.body);

      test('the offline answer is the analysis improvement: it passes the fact guard and has a report', async () => {
        const carol = await registerPremiumUser(offline);
        const qid = await questionnaireWithCv(offline, carol.access);
        const res = await post(offline, carol.access, qid, { prefer: 'wait=30' });
        assert.equal(res.statusCode, 201, res.body);
        const body = json(res);
        assert.equal(body.status, 'succeeded');
        // The CV alone, ordered for a 6+ candidate (experience before education); how it was made
        // and the advice to its author are in the report.
        assert.match(body.response_text, /^# Zoë Müller-Łukasiewicz/);
        assert.ok(body.response_text.indexOf('## Experience') < body.response_text.indexOf('## Education'));
        assert.doesNotMatch(body.response_text, /No AI model|## Suggestions/);
        const report = body.report;
        assert.match(report.provenance.note, /^No AI model was used/);
        assert.ok(report.suggestions.length > 0 && report.suggestions.every((s: any) => s.quote && s.advice));
        assert.equal(report.preservation.passed, true, JSON.stringify(report.preservation.dropped));
        assert.equal(report.fact_guard.passed, true, JSON.stringify(report.fact_guard));
        assert.deepEqual(report.fact_guard.invented, []);
        assert.deepEqual(report.fact_guard.changed, []);
        assert.equal(report.fact_fix, null);
        assert.ok(Number.isInteger(report.score_before) && report.score_before > 0, JSON.stringify(report));
        assert.ok(report.score_after >= report.score_before);
        assert.match(report.version, /\S/);
        const postgres = report.requirements.find((r: any) => r.requirement === 'PostgreSQL');
        assert.equal(postgres?.status, 'covered', JSON.stringify(report.requirements));
        assert.ok(
          postgres.evidence.some((e: any) => e.section === 'experience' && /PostgreSQL 15/.test(e.text)),
        );
        for (const r of report.requirements)
          assert.ok(['covered', 'weak', 'missing'].includes(r.status_before));
        for (const m of report.missing) assert.match(m.suggestion, /^Add only if true/);
        assert.ok(report.changes.length > 0 && report.changes.every((c: any) => c.change && c.reason));
        // Two runs of the same CV and job give the same scores.
        const again = json(await post(offline, carol.access, qid, { prefer: 'wait=30' }));
        assert.equal(again.report.score_before, report.score_before);
        assert.equal(again.report.score_after, report.score_after);
        assert.equal(again.response_text, body.response_text);
      });

      test('rate_limit_info on POST answers shows the ai_responses quota; GET leaves it null', async () => {
        const erin = await registerPremiumUser(t);
        const qid = await questionnaireWithCv(t, erin.access);
        const first = json(await post(t, erin.access, qid));
        assert.deepEqual(Object.keys(first.rate_limit_info).sort(), [
          'limit',
          'remaining',
          'reset_at',
          'used',
        ]);
        assert.equal(first.rate_limit_info.limit, 1000);
        assert.equal(first.rate_limit_info.used, 1);
        assert.equal(first.rate_limit_info.remaining, 999);
        assert.ok(Date.parse(first.rate_limit_info.reset_at) > t.clock.now().getTime());
        const second = json(await post(t, erin.access, qid, { prefer: 'wait=30' }));
        assert.equal(second.status, 'succeeded');
        assert.equal(second.rate_limit_info.used, 2);
        assert.equal(second.rate_limit_info.remaining, 998);
        assert.equal(
          json(await call(t, 'GET', `/cv/ai-responses/${second.id}/`, erin.access)).rate_limit_info,
          null,
        );
        await finished(t, first.id, erin.access);
      });

      test('an invented employer is sent back once to be removed; usage adds up both calls', async () => {
        const index = fake.requests.length;
        fake.script(
          { kind: 'text', chunks: INVENTED, usage: { input: 300, output: 40 } },
          { kind: 'text', chunks: IMPROVED, usage: { input: 200, output: 20 } },
        );
        const res = await post(t, alice.access, questionnaireId, { prefer: 'wait=30' });
        assert.equal(res.statusCode, 201, res.body);
        const body = json(res);
        assert.equal(body.status, 'succeeded', JSON.stringify(body.error));
        assert.equal(fake.requests.length, index + 2, 'two calls to the model');
        assert.doesNotMatch(sentText(index), /<invented_facts>/);
        const fix = sentText(index + 1);
        assert.ok(fix.includes(FACT_FIX_MARKER), 'the second call carries the fact-fix instructions');
        assert.match(fix, /<invented_facts>[\s\S]*Initech GmbH[\s\S]*<\/invented_facts>/);
        assert.match(fix, /<draft>[\s\S]*Initech GmbH[\s\S]*<\/draft>/);
        assert.doesNotMatch(fix, /zoe@example\.com/, 'the email stays home on the second call too');
        assert.equal(body.response_text, IMPROVED.join(''));
        assert.doesNotMatch(body.response_text, /Initech/);
        assert.deepEqual(body.usage, { prompt_tokens: 500, completion_tokens: 60 });
        const report = body.report;
        assert.equal(report.fact_guard.passed, true, JSON.stringify(report.fact_guard));
        assert.ok(
          report.fact_fix.first_pass.invented.some(
            (f: any) => f.kind === 'employer' && f.value === 'Initech GmbH',
          ),
          JSON.stringify(report.fact_fix),
        );
        assert.ok(report.fact_fix.removed.includes('Initech GmbH'), JSON.stringify(report.fact_fix.removed));
        assert.equal(report.fact_fix.error, null);
      });

      test('a job lost without a word is asked back; a bullet removed with a reason is not', async () => {
        const index = fake.requests.length;
        // The first answer leaves out the whole Dvořák Payments job; it does remove one bullet on
        // purpose, and says why.
        const lossy = [
          IMPROVED[0]!,
          IMPROVED[1]!.replace(
            '- Mentored four engineers; introduced contract tests for 12 public endpoints.\n',
            '',
          ),
          '## Education\n\nM.Sc. Computer Science, AGH University of Science and Technology, 2017\n\n## Skills\n\nTypeScript, Node.js, Go, PostgreSQL, Redis, Kubernetes, AWS\n',
          '<!-- removed: Mentored four engineers; introduced contract tests for 12 public endpoints. | not asked for by this role -->\n',
        ];
        const restored = [IMPROVED[0]!, lossy[1]!, IMPROVED[2]!, lossy[3]!];
        fake.script(reply.text(...lossy), reply.text(...restored));
        const body = json(await post(t, alice.access, questionnaireId, { prefer: 'wait=30' }));
        assert.equal(body.status, 'succeeded', JSON.stringify(body.error));
        assert.equal(fake.requests.length, index + 2, 'asked once to put back what it lost');
        const fix = sentText(index + 1);
        assert.match(fix, /<lost_items>[\s\S]*Dvořák Payments[\s\S]*<\/lost_items>/);
        const lostBlock = fix.slice(fix.lastIndexOf('<lost_items>'), fix.lastIndexOf('</lost_items>'));
        assert.doesNotMatch(lostBlock, /Mentored four engineers/, 'a declared removal is not asked back');
        // The CV is stored without the removal note; the report keeps the note's reason.
        assert.doesNotMatch(body.response_text, /<!--/);
        assert.match(body.response_text, /Dvořák Payments/);
        const { preservation, fact_fix } = body.report;
        assert.ok(fact_fix.first_pass.lost.some((l: string) => l.includes('Dvořák Payments')));
        assert.equal(preservation.passed, true, JSON.stringify(preservation.dropped));
        assert.deepEqual(
          preservation.dropped.map((d: any) => [d.kind, d.intended, d.reason]),
          [['bullet', true, 'not asked for by this role']],
        );
        assert.ok(
          body.report.changes.some(
            (c: any) =>
              c.change.startsWith("Removed 'Mentored four engineers") &&
              c.reason === 'not asked for by this role',
          ),
        );
        assert.equal(body.report.provenance.ai_model_used, true);
      });

      test('a model that keeps inventing: the report says the check failed and what remains', async () => {
        const index = fake.requests.length;
        fake.script(reply.text(...INVENTED), reply.text(...INVENTED));
        const body = json(await post(t, alice.access, questionnaireId, { prefer: 'wait=30' }));
        assert.equal(body.status, 'succeeded');
        assert.equal(fake.requests.length, index + 2, 'asked once more, not in a loop');
        assert.match(body.response_text, /Initech GmbH/);
        const guard = body.report.fact_guard;
        assert.equal(guard.passed, false);
        const employer = guard.invented.find((f: any) => f.kind === 'employer');
        assert.equal(employer?.value, 'Initech GmbH');
        assert.equal(employer?.section, 'experience');
        assert.match(employer?.context, /Initech GmbH/);
        assert.deepEqual(body.report.fact_fix.removed, []);
      });

      test('a fact-fix call that fails for good keeps the first answer, reported as unchecked', async () => {
        fake.script(reply.text(...INVENTED), reply.error('unauthorized'));
        const body = json(await post(t, alice.access, questionnaireId, { prefer: 'wait=30' }));
        assert.equal(body.status, 'succeeded');
        assert.equal(body.response_text, INVENTED.join(''));
        assert.equal(body.report.fact_guard.passed, false);
        assert.equal(body.report.fact_fix.error.code, 'ai_unavailable');
        assert.doesNotMatch(body.report.fact_fix.error.message, /sk-test/);
      });

      test('SSE: first-pass deltas, a fact_check progress event, then done with the corrected text', async () => {
        const gate = createGate();
        fake.script({ kind: 'text', chunks: INVENTED, gate: gate.promise }, reply.text(...IMPROVED));
        const id = json(await post(t, alice.access, questionnaireId)).id;
        const sse = sseReader(
          await fetch(`${baseUrl}/cv/ai-responses/${id}/events/`, { headers: bearer(alice.access) }),
        );
        const frames: SseFrame[] = [];
        for (let frame = await sse.next(); frame; frame = await sse.next()) {
          frames.push(frame);
          if (frame.event === 'delta') break;
        }
        gate.open();
        frames.push(...(await sse.rest()));
        const events = frames.map((f) => f.event);
        const check = frames.findIndex((f) => f.event === 'progress' && f.data.stage === 'fact_check');
        assert.ok(check > 0, events.join(' '));
        assert.equal(
          frames
            .slice(0, check)
            .filter((f) => f.event === 'delta')
            .map((f) => f.data.text)
            .join(''),
          INVENTED.join(''),
          'the first pass streams whole',
        );
        assert.ok(!events.slice(check).includes('delta'), 'the second pass is not streamed');
        const done = frames.at(-1);
        assert.equal(done?.event, 'done');
        assert.equal(done?.data.response_text, IMPROVED.join(''));
        assert.equal(done?.data.report.fact_guard.passed, true);
      });

      test('a retry after the first call starts from the stored draft, not from a second first call', async () => {
        const handler = createJobHandlers({
          database: t.database,
          queue: t.app.queue,
          logger: createLogger('silent'),
          config: t.config,
          events: t.app.events,
          ai: t.app.ai,
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
        const context = (attempt: number) => ({
          id: 'direct',
          payload: { aiResponseId: row.id },
          attempt,
          isLastAttempt: false,
          signal: new AbortController().signal,
        });
        const index = fake.requests.length;
        fake.script(
          { kind: 'text', chunks: INVENTED, usage: { input: 300, output: 40 } },
          reply.error('rate_limited', 0),
        );
        await assert.rejects(handler(context(1)), (error: any) => error.code === 'ai_busy');
        assert.equal(fake.requests.length, index + 2);
        const [draft] = await t.database.db.select().from(aiResponses).where(eq(aiResponses.id, row.id));
        assert.equal(draft?.status, 'running');
        assert.equal(draft?.responseText, INVENTED.join(''), 'the first answer is kept');

        fake.script({ kind: 'text', chunks: IMPROVED, usage: { input: 200, output: 20 } });
        await handler(context(2));
        assert.equal(fake.requests.length, index + 3, 'one more call: the fact fix only');
        assert.ok(sentText(index + 2).includes(FACT_FIX_MARKER));
        const done = json(await call(t, 'GET', `/cv/ai-responses/${row.id}/`, alice.access));
        assert.equal(done.status, 'succeeded');
        assert.equal(done.response_text, IMPROVED.join(''));
        assert.deepEqual(done.usage, { prompt_tokens: 500, completion_tokens: 60 });
        assert.equal(done.report.fact_guard.passed, true);
        assert.ok(done.report.fact_fix.removed.includes('Initech GmbH'));
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

    describe('idempotency', () => {
      test('a retried POST with the same key returns the first response and runs one job', async () => {
        const key = `key-${Date.now()}`;
        const requests = fake.requests.length;
        const first = await call(
          t,
          'POST',
          '/cv/ai-responses/',
          alice.access,
          { questionnaire: questionnaireId, prompt: PROMPT },
          { 'idempotency-key': key },
        );
        assert.equal(first.statusCode, 202);
        const again = await Promise.all(
          [1, 2, 3].map(() =>
            call(
              t,
              'POST',
              '/cv/ai-responses/',
              alice.access,
              { questionnaire: questionnaireId, prompt: PROMPT },
              { 'idempotency-key': key },
            ),
          ),
        );
        for (const res of again) assert.equal(json(res).id, json(first).id);
        await finished(t, json(first).id);
        assert.equal(fake.requests.length, requests + 1);
        const other = await call(
          t,
          'POST',
          '/cv/ai-responses/',
          alice.access,
          { questionnaire: questionnaireId, prompt: `${PROMPT} Different.` },
          { 'idempotency-key': key },
        );
        assert.equal(other.statusCode, 409);
        // Keys belong to their user.
        const bobQ = await questionnaireWithCv(t, bob.access);
        const bobs = await call(
          t,
          'POST',
          '/cv/ai-responses/',
          bob.access,
          { questionnaire: bobQ, prompt: PROMPT },
          { 'idempotency-key': key },
        );
        assert.equal(bobs.statusCode, 202);
        assert.notEqual(json(bobs).id, json(first).id);
        await finished(t, json(bobs).id, bob.access);
      });
    });

    describe('generate-pdf', () => {
      test('renders the answer into a PDF of its own; the uploaded CV is untouched', async () => {
        const res = await call(
          t,
          'POST',
          '/cv/ai-responses/',
          alice.access,
          { questionnaire: questionnaireId, prompt: PROMPT },
          { prefer: 'wait=30' },
        );
        const id = json(res).id;
        const questionnaire = json(
          await call(t, 'GET', `/cv/questionnaire/${questionnaireId}/`, alice.access),
        );
        const pdf = await call(t, 'POST', `/cv/ai-responses/${id}/generate-pdf/`, alice.access);
        assert.equal(pdf.statusCode, 200, pdf.body);
        const url = json(pdf).pdf_url as string;
        assert.match(url, /^\/cv\/documents\/[0-9a-f-]{36}\/$/);
        assert.notEqual(url, questionnaire.resume);
        const download = await call(t, 'GET', url, alice.access);
        assert.equal(download.statusCode, 200);
        assert.equal(download.headers['content-type'], 'application/pdf');
        assert.equal(download.rawPayload.subarray(0, 5).toString(), '%PDF-');
        assert.equal((await call(t, 'GET', url, bob.access)).statusCode, 404);
        const upload = await call(t, 'GET', questionnaire.resume, alice.access);
        assert.ok(upload.rawPayload.equals(cvText), 'the upload is unchanged');
        const again = await call(t, 'POST', `/cv/ai-responses/${id}/generate-pdf/`, alice.access);
        assert.equal(json(again).pdf_url, url, 'one PDF per response');
      });

      test('409 unless the response succeeded', async () => {
        fake.script(reply.error('unauthorized'));
        const res = await call(
          t,
          'POST',
          '/cv/ai-responses/',
          alice.access,
          { questionnaire: questionnaireId, prompt: PROMPT },
          { prefer: 'wait=30' },
        );
        assert.equal(json(res).status, 'failed');
        const pdf = await call(t, 'POST', `/cv/ai-responses/${json(res).id}/generate-pdf/`, alice.access);
        assert.equal(pdf.statusCode, 409);
      });
    });

    describe('lists, ownership and deletion', () => {
      test('paginated newest first with a questionnaire filter', async () => {
        const dave = await registerPremiumUser(t);
        const q1 = await questionnaireWithCv(t, dave.access);
        const q2 = await questionnaireWithCv(t, dave.access);
        const ids: number[] = [];
        for (const q of [q1, q2, q1]) {
          const res = await call(
            t,
            'POST',
            '/cv/ai-responses/',
            dave.access,
            { questionnaire: q, prompt: PROMPT },
            { prefer: 'wait=30' },
          );
          ids.push(json(res).id);
          t.clock.advance(1000);
        }
        const list = json(await call(t, 'GET', '/cv/ai-responses/', dave.access));
        assert.equal(list.count, 3);
        assert.deepEqual(
          list.results.map((r: any) => r.id),
          [...ids].reverse(),
        );
        const filtered = json(await call(t, 'GET', `/cv/ai-responses/?questionnaire=${q1}`, dave.access));
        assert.deepEqual(
          filtered.results.map((r: any) => r.id),
          [ids[2], ids[0]],
        );
        const paged = json(await call(t, 'GET', '/cv/ai-responses/?page_size=2&page=2', dave.access));
        assert.deepEqual(
          paged.results.map((r: any) => r.id),
          [ids[0]],
        );
        assert.equal(
          (await call(t, 'GET', '/cv/ai-responses/?questionnaire=abc', dave.access)).statusCode,
          400,
        );
        const oldest = json(await call(t, 'GET', '/cv/ai-responses/?ordering=created_at', dave.access));
        assert.deepEqual(
          oldest.results.map((r: any) => r.id),
          ids,
        );
        const junk = await call(t, 'GET', '/cv/ai-responses/?ordering=;drop table', dave.access);
        assert.equal(junk.statusCode, 400);
        assert.ok(json(junk).errors.ordering);
      });

      test("someone else's response is 404 on every route; no token is 401", async () => {
        const res = await call(
          t,
          'POST',
          '/cv/ai-responses/',
          alice.access,
          { questionnaire: questionnaireId, prompt: PROMPT },
          { prefer: 'wait=30' },
        );
        const id = json(res).id;
        for (const [method, path] of [
          ['GET', `/cv/ai-responses/${id}/`],
          ['GET', `/cv/ai-responses/${id}/events/`],
          ['POST', `/cv/ai-responses/${id}/cancel/`],
          ['POST', `/cv/ai-responses/${id}/generate-pdf/`],
        ] as const) {
          assert.equal((await call(t, method, path, bob.access)).statusCode, 404, `${method} ${path}`);
          assert.equal((await call(t, method, path, null)).statusCode, 401, `${method} ${path}`);
        }
        assert.equal((await call(t, 'GET', '/cv/ai-responses/', null)).statusCode, 401);
        assert.equal(
          (
            await call(t, 'POST', '/cv/ai-responses/', null, {
              questionnaire: questionnaireId,
              prompt: PROMPT,
            })
          ).statusCode,
          401,
        );
        for (const bad of ['abc', '0', '99999999999', '-4']) {
          assert.equal((await call(t, 'GET', `/cv/ai-responses/${bad}/`, alice.access)).statusCode, 404, bad);
          assert.equal(
            (await call(t, 'GET', `/cv/ai-responses/${bad}/events/`, alice.access)).statusCode,
            404,
            bad,
          );
        }
      });

      test('deleting the questionnaire deletes its responses and their PDFs', async () => {
        const erin = await registerPremiumUser(t);
        const qid = await questionnaireWithCv(t, erin.access);
        const res = await call(
          t,
          'POST',
          '/cv/ai-responses/',
          erin.access,
          { questionnaire: qid, prompt: PROMPT },
          { prefer: 'wait=30' },
        );
        await call(t, 'POST', `/cv/ai-responses/${json(res).id}/generate-pdf/`, erin.access);
        const del = await call(t, 'DELETE', `/cv/questionnaire/${qid}/`, erin.access);
        assert.equal(del.statusCode, 204);
        assert.equal(
          (await call(t, 'GET', `/cv/ai-responses/${json(res).id}/`, erin.access)).statusCode,
          404,
        );
        const left = await t.database.db.select().from(documents).where(eq(documents.userId, erin.user.pk));
        assert.deepEqual(left, []);
        const rows = await t.database.db
          .select()
          .from(aiResponses)
          .where(eq(aiResponses.userId, erin.user.pk));
        assert.deepEqual(rows, []);
      });
    });
  });
}
