// Listing AI responses on every backend: pages, ordering and the questionnaire filter; someone else's
// response is 404 on every route and no token is 401; deleting a questionnaire deletes its responses
// and their PDFs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { aiResponses, documents } from '../src/platform/db/schema.ts';
import {
  type AiResponsesSuite,
  call,
  PROMPT,
  questionnaireWithCv,
  startAiResponsesSuite,
} from './helpers/ai-responses.ts';
import { json, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';
import { registerPremiumUser } from './helpers/cv-app.ts';

for (const backend of backends()) {
  describe(`AI responses: list and ownership on ${backend.name}`, () => {
    let suite: AiResponsesSuite;
    let t: TestApp;
    let alice: AiResponsesSuite['alice'];
    let bob: AiResponsesSuite['bob'];
    let questionnaireId: number;
    before(async () => {
      suite = await startAiResponsesSuite(backend);
      ({ t, alice, bob, questionnaireId } = suite);
    });
    after(async () => {
      await suite.close();
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
