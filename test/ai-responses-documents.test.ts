// POST /cv/ai-responses/{id}/generate-pdf/ on every backend: a PDF of its own for a succeeded answer,
// the uploaded CV untouched, one PDF per response, 409 otherwise.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type OpenAiFake, reply } from './fakes/openai-fake.ts';
import {
  type AiResponsesSuite,
  call,
  cvText,
  PROMPT,
  startAiResponsesSuite,
} from './helpers/ai-responses.ts';
import { json, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';

for (const backend of backends()) {
  describe(`AI responses: documents on ${backend.name}`, () => {
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
  });
}
