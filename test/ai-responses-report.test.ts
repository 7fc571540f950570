// An AI response's report on every backend: the offline answer and its analysis, the quota shown on
// POST, and the fact guard (an invented employer sent back once to be removed, a job lost without a
// word asked back, a model that keeps inventing, a fact-fix call that fails, a retry from the stored
// draft).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { insertAiResponse } from '../src/cv/ai-response.repository.ts';
import { createJobHandlers } from '../src/job-handlers.ts';
import { improveCvJob } from '../src/jobs/catalog.ts';
import { aiResponses } from '../src/platform/db/schema.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createGate, type OpenAiFake, reply } from './fakes/openai-fake.ts';
import {
  type AiResponsesSuite,
  aiResponseCalls,
  call,
  FACT_FIX_MARKER,
  IMPROVED,
  INVENTED,
  PROMPT,
  questionnaireWithCv,
  startAiResponsesSuite,
} from './helpers/ai-responses.ts';
import { bearer, json, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';
import { registerPremiumUser, startCvTestApp } from './helpers/cv-app.ts';
import { type SseFrame, sseReader } from './helpers/sse-client.ts';

for (const backend of backends()) {
  describe(`AI responses: report and fact guard on ${backend.name}`, () => {
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

    const { finished } = aiResponseCalls(() => suite);

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
  });
}
