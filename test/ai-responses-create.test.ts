// POST /cv/ai-responses/ on every backend: the original API's validation sentences, someone else's
// questionnaire, and an Idempotency-Key that makes a retried POST one response and one job.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OpenAiFake } from './fakes/openai-fake.ts';
import {
  type AiResponsesSuite,
  aiResponseCalls,
  call,
  PROMPT,
  questionnaireWithCv,
  startAiResponsesSuite,
} from './helpers/ai-responses.ts';
import { json, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';

for (const backend of backends()) {
  describe(`AI responses: create on ${backend.name}`, () => {
    let suite: AiResponsesSuite;
    let fake: OpenAiFake;
    let t: TestApp;
    let alice: AiResponsesSuite['alice'];
    let bob: AiResponsesSuite['bob'];
    let questionnaireId: number;
    before(async () => {
      suite = await startAiResponsesSuite(backend);
      ({ fake, t, alice, bob, questionnaireId } = suite);
    });
    after(async () => {
      await suite.close();
    });

    const { finished } = aiResponseCalls(() => suite);

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
  });
}
