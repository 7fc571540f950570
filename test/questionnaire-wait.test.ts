// A questionnaire's `Prefer: wait` listens on the event bus for the CV-reading job's outcome, on
// every backend with the bus it uses (in memory beside PGlite, LISTEN/NOTIFY beside PostgreSQL).
// No worker runs here: each test runs the reading job itself, at the moment it chooses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createExtractResumeHandler } from '../src/cv/extract-resume.handler.ts';
import { documentUrlFor } from '../src/cv/index.ts';
import { storeResumeOutcome } from '../src/cv/questionnaire.repository.ts';
import {
  createQuestionnaireService,
  type ListPage,
  type QuestionnaireService,
} from '../src/cv/questionnaire.service.ts';
import type { Events } from '../src/platform/events.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createOwnedCache, type OwnedCache } from '../src/platform/owned-cache.ts';
import { createDatabaseStorage } from '../src/platform/storage.ts';
import { bearer, json, startTestApp, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';
import { multipart, registerPremiumUser, VALID_QUESTIONNAIRE } from './helpers/cv-app.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/documents/${name}`, import.meta.url));

for (const backend of backends()) {
  describe(`questionnaire Prefer: wait on ${backend.name}`, () => {
    let t: TestApp;
    let alice: { access: string; user: Record<string, any> };
    let questionnaires: QuestionnaireService;
    let readCv: ReturnType<typeof createExtractResumeHandler>;
    let listCache: OwnedCache<ListPage>;
    before(async () => {
      t = await startTestApp(backend);
      const logger = createLogger('silent');
      listCache = await createOwnedCache({ events: t.app.events, topic: 'lists', ttlMs: 0, logger });
      alice = await registerPremiumUser(t);
      questionnaires = createQuestionnaireService(serviceDeps());
      readCv = createExtractResumeHandler({
        db: t.database.db,
        storage: createDatabaseStorage(t.database.db),
        events: t.app.events,
        logger: createLogger('silent'),
      });
    });
    after(() => t.close());

    const serviceDeps = () => ({
      db: t.database.db,
      storage: createDatabaseStorage(t.database.db),
      queue: t.app.queue,
      events: t.app.events,
      clock: t.clock,
      documentUrl: documentUrlFor(undefined),
      listCache,
    });

    /** A questionnaire whose CV waits to be read (its job queued, no worker to take it). */
    async function uploadCv(filename: string): Promise<{ id: number; documentId: string }> {
      const body = multipart(VALID_QUESTIONNAIRE, { filename, data: fixture(filename) });
      const res = await t.app.inject({
        method: 'POST',
        url: '/cv/questionnaire/',
        headers: { ...bearer(alice.access), ...body.headers },
        payload: body.payload,
      });
      assert.equal(res.statusCode, 201, res.body);
      const created = json(res);
      assert.equal(created.resume_status, 'processing');
      const documentId = /\/cv\/documents\/([^/]+)\//.exec(created.resume)?.[1];
      assert.ok(documentId, created.resume);
      return { id: created.id, documentId };
    }

    const runJob = (payload: { questionnaireId: number; documentId: string }) =>
      readCv({ id: 'test', payload, attempt: 1, isLastAttempt: true, signal: new AbortController().signal });

    test('answers as soon as the reading job has stored the CV, far before its deadline', async () => {
      const { id, documentId } = await uploadCv('cv.txt');
      const started = performance.now();
      const waiting = questionnaires.get(alice.user.pk, id, 30);
      await runJob({ questionnaireId: id, documentId });
      const jobDone = performance.now();
      const answer = await waiting;
      const afterJob = performance.now() - jobDone;
      assert.equal(answer.resume_status, 'ready');
      assert.ok((answer.resume_text_chars ?? 0) > 0);
      assert.ok(afterJob < 1_000, `answered ${afterJob.toFixed(0)} ms after the job finished`);
      assert.ok(performance.now() - started < 10_000);
    });

    test('a CV found unreadable is announced too: the wait answers `failed` with the reason', async () => {
      const { id, documentId } = await uploadCv('corrupt.pdf');
      const waiting = questionnaires.get(alice.user.pk, id, 30);
      await runJob({ questionnaireId: id, documentId });
      const answer = await waiting;
      assert.equal(answer.resume_status, 'failed');
      assert.match(answer.resume_error ?? '', /damaged|cannot be read/i);
    });

    test('an outcome whose message was lost is still answered, at the deadline', async () => {
      const { id, documentId } = await uploadCv('cv.txt');
      // The same bus, telling the test when the wait listens; the outcome stored after that is
      // never announced, as when a message is lost on the way.
      let listening!: () => void;
      const subscribed = new Promise<void>((resolve) => {
        listening = resolve;
      });
      const bus = t.app.events;
      const events: Events = {
        driver: bus.driver,
        publish: (topic, message) => bus.publish(topic, message),
        async subscribe(topic, listener) {
          const unsubscribe = await bus.subscribe(topic, listener);
          listening();
          return unsubscribe;
        },
        close: () => bus.close(),
      };
      const service = createQuestionnaireService({ ...serviceDeps(), events });
      const started = performance.now();
      const waiting = service.get(alice.user.pk, id, 1);
      await subscribed;
      // One turn of the event loop: the wait's own look at the row goes first.
      await new Promise((resolve) => setImmediate(resolve));
      await storeResumeOutcome(t.database.db, id, documentId, {
        status: 'ready',
        text: 'Ada Lovelace',
        chars: 12,
        layout: null,
      });
      const answer = await waiting;
      const elapsed = performance.now() - started;
      assert.equal(answer.resume_status, 'ready');
      assert.ok(elapsed >= 900, `answered after ${elapsed.toFixed(0)} ms: it heard nothing, so it waited`);
      assert.ok(elapsed < 3_000, `answered after ${elapsed.toFixed(0)} ms: the deadline bounds the wait`);
    });

    test('without a wait, or with a CV no longer being read, the answer is immediate', async () => {
      const { id, documentId } = await uploadCv('cv.txt');
      assert.equal((await questionnaires.get(alice.user.pk, id)).resume_status, 'processing');
      await runJob({ questionnaireId: id, documentId });
      const started = performance.now();
      assert.equal((await questionnaires.get(alice.user.pk, id, 30)).resume_status, 'ready');
      assert.ok(performance.now() - started < 1_000);
    });

    // The list is answered from memory for a few seconds (LIST_CACHE_SECONDS); what it shows must
    // still be what the client just did and what the reading job just stored.
    const listOf = async (access: string) => {
      const res = await t.app.inject({ method: 'GET', url: '/cv/questionnaire/', headers: bearer(access) });
      assert.equal(res.statusCode, 200, res.body);
      return json(res).results as Array<{ id: number; position: string; resume_status: string }>;
    };

    test('the list shows the outcome of a reading job at once, with no message about it', async () => {
      const { id, documentId } = await uploadCv('cv.txt');
      assert.equal((await listOf(alice.access)).find((q) => q.id === id)?.resume_status, 'processing');
      // Straight to the row, as a worker in another process does; nothing is announced.
      await runJob({ questionnaireId: id, documentId });
      assert.equal((await listOf(alice.access)).find((q) => q.id === id)?.resume_status, 'ready');
    });

    test('the list shows what its user creates, changes and deletes at once', async () => {
      const before = await listOf(alice.access);
      const created = await t.app.inject({
        method: 'POST',
        url: '/cv/questionnaire/',
        headers: bearer(alice.access),
        payload: VALID_QUESTIONNAIRE,
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = json(created).id as number;
      assert.equal((await listOf(alice.access)).length, before.length + 1);
      const patched = await t.app.inject({
        method: 'PATCH',
        url: `/cv/questionnaire/${id}/`,
        headers: bearer(alice.access),
        payload: { position: 'Head of Data' },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal((await listOf(alice.access)).find((q) => q.id === id)?.position, 'Head of Data');
      const deleted = await t.app.inject({
        method: 'DELETE',
        url: `/cv/questionnaire/${id}/`,
        headers: bearer(alice.access),
      });
      assert.equal(deleted.statusCode, 204, deleted.body);
      assert.equal((await listOf(alice.access)).length, before.length);
    });
  });
}
