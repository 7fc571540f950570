// GET /cv/questionnaire/{id}/analysis/ on every backend: the uploaded CV (a real PDF, read by the
// extraction job) scored against the questionnaire's job with no AI, the 409s while there is no
// readable CV, determinism, and the security cases.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { questionnaires } from '../src/platform/db/schema.ts';
import { bearer, json, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';
import {
  eventually,
  multipart,
  registerPremiumUser,
  startCvTestApp,
  VALID_QUESTIONNAIRE,
} from './helpers/cv-app.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/documents/${name}`, import.meta.url));
// The full CV of fixtures/documents/cv.txt, printed to PDF by Chromium.
const cvPdf = fixture('cv-chromium.pdf');
const encryptedPdf = fixture('encrypted.pdf');

// In one paragraph, so the wording alone carries must vs nice.
const JOB = {
  ...VALID_QUESTIONNAIRE,
  job_description:
    'You must have 5+ years of backend development with TypeScript, PostgreSQL and Kubernetes. Terraform and GraphQL are a bonus.',
};

for (const backend of backends()) {
  describe(`CV analysis on ${backend.name}`, () => {
    let t: TestApp;
    let alice: { access: string; user: Record<string, any> };
    let bob: { access: string };
    let withCv: number;

    const get = (id: number, token: string | null) =>
      t.app.inject({
        method: 'GET',
        url: `/cv/questionnaire/${id}/analysis/`,
        headers: token ? bearer(token) : {},
      });

    async function createQuestionnaire(token: string, file?: { filename: string; data: Buffer }) {
      const body = multipart(Object.fromEntries(Object.entries(JOB).map(([k, v]) => [k, String(v)])), file);
      const res = await t.app.inject({
        method: 'POST',
        url: '/cv/questionnaire/',
        headers: { ...bearer(token), ...body.headers },
        payload: body.payload,
      });
      assert.equal(res.statusCode, 201, res.body);
      const id = json(res).id as number;
      if (file) {
        await eventually(
          async () =>
            json(
              await t.app.inject({ method: 'GET', url: `/cv/questionnaire/${id}/`, headers: bearer(token) }),
            ),
          (q) => q.resume_status !== 'processing',
          { what: 'the CV to be read' },
        );
      }
      return id;
    }

    before(async () => {
      t = await startCvTestApp(backend);
      alice = await registerPremiumUser(t);
      bob = await registerPremiumUser(t);
      withCv = await createQuestionnaire(alice.access, { filename: 'cv.pdf', data: cvPdf });
    });
    after(() => t.close());

    test('scores the uploaded PDF against the job and explains every requirement', async () => {
      const res = await get(withCv, alice.access);
      assert.equal(res.statusCode, 200, res.body);
      const body = json(res);
      assert.deepEqual(Object.keys(body).sort(), [
        'covered',
        'missing',
        'requirements',
        'resume_status',
        'score',
        'structure',
        'structure_corrected',
        'version',
      ]);
      assert.equal(body.structure_corrected, false);
      assert.equal(body.resume_status, 'ready');
      assert.match(body.version, /\S/);
      assert.ok(Number.isInteger(body.score) && body.score > 0 && body.score < 100, String(body.score));

      const byName = new Map(body.requirements.map((r: any) => [r.requirement, r]));
      const postgres: any = byName.get('PostgreSQL');
      assert.equal(postgres?.status, 'covered', JSON.stringify(body.requirements));
      assert.equal(postgres.importance, 'must');
      assert.ok(postgres.weight > 0);
      assert.ok(postgres.evidence.some((e: any) => e.section === 'experience' && /PostgreSQL/.test(e.text)));
      assert.match(postgres.note, /\S/);
      // Neither nice-to-have is anywhere in the CV: missing, with an honest suggestion.
      for (const name of ['Terraform', 'GraphQL']) {
        const r: any = byName.get(name);
        assert.equal(r?.status, 'missing', name);
        assert.equal(r.importance, 'nice');
        const advice = body.missing.find((m: any) => m.requirement === name);
        assert.match(advice?.suggestion, /^Add only if true/);
      }
      assert.deepEqual(
        body.covered,
        body.requirements.filter((r: any) => r.status === 'covered').map((r: any) => r.requirement),
      );

      const { structure } = body;
      assert.equal(structure.basics.name, 'Zoë Müller-Łukasiewicz');
      assert.equal(structure.basics.email, 'zoe@example.com');
      assert.ok(structure.work.some((w: any) => /Ångström Logistics/.test(w.name ?? '')));
      assert.ok(structure.education.length >= 1);
      assert.ok(structure.skills.some((g: any) => g.keywords.includes('Kubernetes')));
      assert.ok(structure.meta.sectionOrder.includes('experience'));
      assert.equal(structure.meta.sections, undefined, 'the raw lines are not echoed back');
    });

    test('a job description pasted as lists keeps its lines, so must and nice stay apart', async () => {
      const listed = {
        ...JOB,
        job_description: 'Requirements:\n- TypeScript\n- PostgreSQL\n\nNice to have:\n- Terraform\n- GraphQL',
      };
      const res = await t.app.inject({
        method: 'POST',
        url: '/cv/questionnaire/',
        headers: bearer(alice.access),
        payload: listed,
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(json(res).job_description, listed.job_description);
      const id = json(res).id as number;
      // Same job, same CV text: copy the ready CV over, as the extraction job would have.
      const [source] = await t.database.db.select().from(questionnaires).where(eq(questionnaires.id, withCv));
      await t.database.db
        .update(questionnaires)
        .set({
          resumeStatus: 'ready',
          resumeText: source?.resumeText ?? '',
          resumeTextChars: source?.resumeTextChars ?? 0,
        })
        .where(eq(questionnaires.id, id));
      const analysis = json(await get(id, alice.access));
      const importance = Object.fromEntries(
        analysis.requirements.map((r: any) => [r.requirement, r.importance]),
      );
      assert.equal(importance.PostgreSQL, 'must', JSON.stringify(analysis.requirements));
      assert.equal(importance.TypeScript, 'must');
      assert.equal(importance.Terraform, 'nice');
      assert.equal(importance.GraphQL, 'nice');
    });

    test('the same CV and job always give the same answer', async () => {
      const first = json(await get(withCv, alice.access));
      const second = json(await get(withCv, alice.access));
      assert.deepEqual(second, first);
      // Another upload of the same file is scored the same.
      const again = await createQuestionnaire(alice.access, { filename: 'copy.pdf', data: cvPdf });
      const third = json(await get(again, alice.access));
      assert.equal(third.score, first.score);
      assert.deepEqual(third.requirements, first.requirements);
    });

    test('409 without a readable CV, saying why', async () => {
      const none = await createQuestionnaire(alice.access);
      const noCv = await get(none, alice.access);
      assert.equal(noCv.statusCode, 409);
      assert.match(String(noCv.headers['content-type']), /^application\/problem\+json/);
      assert.equal(json(noCv).code, 'conflict');
      assert.equal(json(noCv).resume_status, 'none');
      assert.match(json(noCv).detail, /upload a CV first/);

      const locked = await createQuestionnaire(alice.access, { filename: 'locked.pdf', data: encryptedPdf });
      const failed = await get(locked, alice.access);
      assert.equal(failed.statusCode, 409);
      assert.equal(json(failed).resume_status, 'failed');
      const reason = json(
        await t.app.inject({
          method: 'GET',
          url: `/cv/questionnaire/${locked}/`,
          headers: bearer(alice.access),
        }),
      ).resume_error;
      assert.ok(reason && json(failed).detail.includes(reason), json(failed).detail);

      // A CV still being read (the state is set directly: the extraction job is fast).
      const reading = await createQuestionnaire(alice.access, { filename: 'cv.pdf', data: cvPdf });
      await t.database.db
        .update(questionnaires)
        .set({ resumeStatus: 'processing', resumeText: null })
        .where(eq(questionnaires.id, reading));
      const processing = await get(reading, alice.access);
      assert.equal(processing.statusCode, 409);
      assert.equal(json(processing).resume_status, 'processing');
      assert.match(json(processing).detail, /still being read; try again in a moment/);
    });

    test("someone else's questionnaire is 404, no token 401, bad ids 404", async () => {
      const other = await get(withCv, bob.access);
      assert.equal(other.statusCode, 404);
      assert.doesNotMatch(other.body, /Ångström|zoe@example/);
      assert.equal((await get(withCv, null)).statusCode, 401);
      for (const bad of ['abc', '0', '99999999999']) {
        const res = await t.app.inject({
          method: 'GET',
          url: `/cv/questionnaire/${bad}/analysis/`,
          headers: bearer(alice.access),
        });
        assert.equal(res.statusCode, 404, bad);
      }
    });

    test('the route and its errors are in the OpenAPI document', async () => {
      const doc = json(await t.app.inject({ method: 'GET', url: '/schema/?format=json' }));
      const route = doc.paths['/cv/questionnaire/{id}/analysis/']?.get;
      assert.ok(route, Object.keys(doc.paths).join(' '));
      assert.deepEqual(Object.keys(route.responses).sort(), ['200', '401', '404', '409', '500']);
      assert.ok(doc.components.schemas.CvAnalysis && doc.components.schemas.ImprovementReport);
    });
  });
}
