// GET, PUT and DELETE /cv/questionnaire/{id}/structure/ on every backend: the structure read from
// an uploaded CV (text, DOCX, PDF) with its lines and layout, the user's correction and its
// validation, and the correction taking over: the analysis, the offline improvement, a model's
// prompt and fact guard, the rendered PDF. A new CV file drops it. "Present" is the clock's today.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { RESUME_LAYOUTS } from '../src/cv/structure.schemas.ts';
import { extractText } from '../src/documents/index.ts';
import { questionnaires } from '../src/platform/db/schema.ts';
import { type OpenAiFake, reply, startOpenAiFake } from './fakes/openai-fake.ts';
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
const cvTxt = fixture('cv.txt');
const TODAY = new Date('2026-06-15T12:00:00.000Z');
const PROMPT = 'Make my CV fit this backend role better, please.';
const JOB = {
  ...VALID_QUESTIONNAIRE,
  job_description:
    'You must have 10+ years of experience in backend development with TypeScript, PostgreSQL and Kubernetes. Terraform and GraphQL are a bonus.',
};
const API_KEY = 'sk-test-0123456789abcdef';

/** The reading of cv.txt, corrected: another employer (and start), another spelling of the name, one more skill. */
function correctionOf(reading: Record<string, any>): Record<string, any> {
  const structure = structuredClone(reading);
  const [first, ...rest] = structure.work;
  return {
    ...structure,
    basics: { ...structure.basics, name: 'Zoe Mueller' },
    work: [{ ...first, name: 'Initech GmbH', startDate: '2014-03-15' }, ...rest],
    skills: [{ ...structure.skills[0], keywords: [...structure.skills[0].keywords, 'Terraform'] }],
  };
}

for (const backend of backends()) {
  describe(`CV structure on ${backend.name}`, () => {
    let t: TestApp;
    let model: TestApp;
    let fake: OpenAiFake;
    let alice: { access: string };
    let bob: { access: string };
    let textCv: number;

    const call = (app: TestApp, method: string, url: string, token: string | null, payload?: unknown) =>
      app.app.inject({
        method: method as 'GET',
        url,
        headers: token ? bearer(token) : {},
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    const structureUrl = (id: number | string) => `/cv/questionnaire/${id}/structure/`;
    const getStructure = (id: number, token = alice.access, app = t) =>
      call(app, 'GET', structureUrl(id), token);
    const putStructure = (id: number, body: unknown, token = alice.access, app = t) =>
      call(app, 'PUT', structureUrl(id), token, body);
    const analysis = async (id: number, token = alice.access) => {
      const res = await call(t, 'GET', `/cv/questionnaire/${id}/analysis/`, token);
      assert.equal(res.statusCode, 200, res.body);
      return json(res);
    };
    const settled = (app: TestApp, id: number, token: string) =>
      eventually(
        async () => json(await call(app, 'GET', `/cv/questionnaire/${id}/`, token)),
        (q) => q.resume_status !== 'processing',
        { what: `questionnaire ${id} to finish reading its CV` },
      );

    /** A questionnaire with this CV (uploaded, then read), or a new file for an existing one. */
    async function upload(
      file: { filename: string; data: Buffer },
      { app = t, token = alice.access, id }: { app?: TestApp; token?: string; id?: number } = {},
    ): Promise<number> {
      const body = multipart(
        id === undefined ? Object.fromEntries(Object.entries(JOB).map(([k, v]) => [k, String(v)])) : {},
        file,
      );
      const res = await app.app.inject({
        method: id === undefined ? 'POST' : 'PATCH',
        url: id === undefined ? '/cv/questionnaire/' : `/cv/questionnaire/${id}/`,
        headers: { ...bearer(token), ...body.headers },
        payload: body.payload,
      });
      assert.equal(res.statusCode, id === undefined ? 201 : 200, res.body);
      const qid = json(res).id as number;
      const read = await settled(app, qid, token);
      assert.equal(read.resume_status, 'ready', JSON.stringify(read));
      return qid;
    }

    /** A text CV whose structure is corrected by correctionOf; answers the PUT's body. */
    async function correctedCv(app = t, token = alice.access) {
      const id = await upload({ filename: 'cv.txt', data: cvTxt }, { app, token });
      const reading = json(await getStructure(id, token, app));
      const res = await putStructure(id, correctionOf(reading.structure), token, app);
      assert.equal(res.statusCode, 200, res.body);
      return { id, view: json(res) };
    }

    before(async () => {
      fake = await startOpenAiFake({ apiKey: API_KEY });
      // The worker reads the same clock as the API: "Present" is this test's today everywhere.
      t = await startCvTestApp(backend, { shareClock: true });
      t.clock.set(TODAY);
      model = await startCvTestApp(backend, {
        env: {
          AI_PROVIDER: 'openai',
          AI_API_KEY: API_KEY,
          AI_BASE_URL: `${fake.url}/v1`,
          AI_MODEL: 'gpt-4o-mini',
          AI_TIMEOUT_MS: '20000',
        },
      });
      alice = await registerPremiumUser(t);
      bob = await registerPremiumUser(t);
      textCv = await upload({ filename: 'cv.txt', data: cvTxt });
    });
    after(async () => {
      await t.close();
      await model.close();
      await fake.close();
    });

    test('GET: the reading of a text CV, each part with its line in the text and a confidence', async () => {
      const res = await getStructure(textCv);
      assert.equal(res.statusCode, 200, res.body);
      const body = json(res);
      assert.deepEqual(Object.keys(body).sort(), ['corrected', 'layout', 'structure', 'text', 'updated_at']);
      assert.equal(body.corrected, false);
      assert.equal(body.layout, null, 'plain text has no layout');
      assert.equal(body.text, cvTxt.toString('utf8').trimEnd());
      assert.equal(body.updated_at, TODAY.toISOString(), 'read by the worker at the clock’s time');
      const lines: string[] = body.text.split('\n');
      const at = (line: number) => lines[line - 1] ?? '';

      const { structure } = body;
      assert.deepEqual(Object.keys(structure).sort(), [
        'awards',
        'basics',
        'certificates',
        'confidence',
        'education',
        'languages',
        'projects',
        'publications',
        'skills',
        'volunteer',
        'work',
      ]);
      assert.equal(structure.basics.name, 'Zoë Müller-Łukasiewicz');
      assert.equal(structure.basics.email, 'zoe@example.com');
      assert.match(at(structure.basics.line), /Zoë Müller-Łukasiewicz/);
      const [first, second] = structure.work;
      assert.equal(first.name, 'Ångström Logistics');
      assert.equal(first.position, 'Staff Engineer');
      assert.equal(first.startDate, '2021');
      assert.equal(first.endDate, null, 'ongoing');
      assert.equal(first.highlights.length, 2);
      assert.match(at(first.line), /Ångström Logistics/);
      assert.match(at(second.line), /Dvořák Payments/);
      assert.match(at(structure.education[0].line), /AGH University/);
      assert.ok(structure.skills[0].keywords.includes('Kubernetes'));
      assert.match(at(structure.skills[0].line), /Kubernetes/);
      for (const key of ['basics.name', 'basics.email', 'work', 'work.0', 'work.1', 'education.0']) {
        const c = structure.confidence[key];
        assert.ok(typeof c === 'number' && c >= 0 && c <= 1, `${key}: ${c}`);
      }
      assert.ok(structure.confidence['basics.name'] > 0);
      assert.equal(structure.meta, undefined);
      assert.equal(first.current, undefined, 'JSON Resume: a null endDate is the ongoing role');
    });

    for (const [name, filename] of [
      ['cv.docx', 'cv.docx'],
      ['cv-chromium.pdf', 'cv.pdf'],
    ] as const) {
      test(`GET on an uploaded ${filename}: the structure with the layout read`, async () => {
        const id = await upload({ filename, data: fixture(name) });
        const body = json(await getStructure(id));
        assert.ok((RESUME_LAYOUTS as readonly string[]).includes(body.layout), String(body.layout));
        assert.equal(body.structure.basics.name, 'Zoë Müller-Łukasiewicz');
        const work = body.structure.work.find((w: any) => /Ångström Logistics/.test(w.name ?? ''));
        assert.ok(work, JSON.stringify(body.structure.work));
        const lines: string[] = body.text.split('\n');
        assert.match(lines[work.line - 1] ?? '', /Ångström Logistics/);
      });
    }

    test("401 without a token; someone else's, unknown or malformed ids are 404", async () => {
      const body = correctionOf(json(await getStructure(textCv)).structure);
      for (const method of ['GET', 'PUT', 'DELETE']) {
        const payload = method === 'PUT' ? body : undefined;
        assert.equal((await call(t, method, structureUrl(textCv), null, payload)).statusCode, 401, method);
        const other = await call(t, method, structureUrl(textCv), bob.access, payload);
        assert.equal(other.statusCode, 404, method);
        assert.match(String(other.headers['content-type']), /^application\/problem\+json/);
        assert.doesNotMatch(other.body, /Ångström|zoe@example/);
        for (const bad of ['99999999', 'abc', '0']) {
          assert.equal(
            (await call(t, method, structureUrl(bad), alice.access, payload)).statusCode,
            404,
            `${method} ${bad}`,
          );
        }
      }
      // Nothing was stored by any of them.
      assert.equal(json(await getStructure(textCv)).corrected, false);
    });

    test('409 while the CV is being read, and without a CV', async () => {
      const none = json(await call(t, 'POST', '/cv/questionnaire/', alice.access, JOB)).id as number;
      const noCv = await getStructure(none);
      assert.equal(noCv.statusCode, 409);
      assert.equal(json(noCv).code, 'conflict');
      assert.equal(json(noCv).resume_status, 'none');

      const reading = await upload({ filename: 'cv.txt', data: cvTxt });
      await t.database.db
        .update(questionnaires)
        .set({ resumeStatus: 'processing', resumeText: null })
        .where(eq(questionnaires.id, reading));
      const body = correctionOf(json(await getStructure(textCv)).structure);
      for (const res of [
        await getStructure(reading),
        await putStructure(reading, body),
        await call(t, 'DELETE', structureUrl(reading), alice.access),
      ]) {
        assert.equal(res.statusCode, 409, res.body);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        assert.equal(json(res).resume_status, 'processing');
        assert.match(json(res).detail, /still being read/);
      }
    });

    test('PUT refuses a bad structure with a 400 naming each field, and stores nothing', async () => {
      const reading = json(await getStructure(textCv)).structure;
      const body = correctionOf(reading);
      body.basics = { ...body.basics, name: 'x'.repeat(201), email: 'not an email' };
      body.work[0] = {
        ...body.work[0],
        startDate: '2021-13',
        highlights: Array.from({ length: 51 }, (_, i) => `Did thing ${i}`),
      };
      body.work[1] = { ...body.work[1], startDate: '2017-05', endDate: '2016-12' };
      body.education[0] = { ...body.education[0], endDate: 'March 2020' };
      body.certificates = [{ name: '  ' }];
      body.projects = [{ name: 'Ledger', startDate: '2021-02-30' }];
      const res = await putStructure(textCv, body);
      assert.equal(res.statusCode, 400, res.body);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      const problem = json(res);
      assert.equal(problem.code, 'validation_error');
      assert.deepEqual(Object.keys(problem.errors).sort(), [
        'basics.email',
        'basics.name',
        'certificates.0.name',
        'education.0.endDate',
        'projects.0.startDate',
        'work.0.highlights',
        'work.0.startDate',
        'work.1.endDate',
      ]);
      assert.match(problem.errors['basics.name'][0], /no more than 200 characters/);
      assert.match(problem.errors['work.0.highlights'][0], /no more than 50 elements/);
      assert.match(problem.errors['work.0.startDate'][0], /YYYY, YYYY-MM or YYYY-MM-DD/);
      assert.match(problem.errors['work.1.endDate'][0], /end date is before the start date/);

      // A year and a month of that year are not in the wrong order.
      const sameYear = correctionOf(reading);
      sameYear.work[1] = { ...sameYear.work[1], startDate: '2021', endDate: '2021-03' };
      sameYear.work[0] = { ...sameYear.work[0], line: 999 };
      const past = await putStructure(textCv, sameYear);
      assert.equal(past.statusCode, 400, past.body);
      assert.deepEqual(Object.keys(json(past).errors), ['work.0.line'], 'only the line past the end');
      assert.match(json(past).errors['work.0.line'][0], /past the end of the CV text/);

      for (const [payload, field] of [
        [{ work: [] }, 'basics'],
        [{ basics: {}, work: 'none' }, 'work'],
        [{ basics: {}, skills: [{ keywords: 'Go' }] }, 'skills.0.keywords'],
      ] as const) {
        const bad = await putStructure(textCv, payload);
        assert.equal(bad.statusCode, 400, JSON.stringify(payload));
        assert.ok(json(bad).errors[field], `${field} in ${bad.body}`);
      }
      assert.equal(json(await getStructure(textCv)).corrected, false);
    });

    test('PUT stores the correction; GET shows it, with the reading as original', async () => {
      const id = await upload({ filename: 'cv.txt', data: cvTxt });
      const reading = json(await getStructure(id));
      const body = correctionOf(reading.structure);
      body.basics.name = '  Zoe\n Mueller ';
      body.basics.photo = 'https://example.com/me.jpg';
      body.work[0].salary = 100000;
      body.work[0].highlights = [...body.work[0].highlights, '   '];
      body.meta = { injected: true };
      t.clock.advance(60_000);
      const res = await putStructure(id, body);
      assert.equal(res.statusCode, 200, res.body);
      const view = json(res);
      assert.equal(view.corrected, true);
      assert.equal(view.updated_at, new Date(TODAY.getTime() + 60_000).toISOString());
      assert.equal(view.text, reading.text, 'the text is not changed');
      assert.equal(view.structure.basics.name, 'Zoe Mueller', 'one line, trimmed');
      assert.equal(view.structure.basics.photo, undefined, 'unknown keys are dropped');
      assert.equal(view.structure.meta, undefined);
      assert.equal(view.structure.work[0].salary, undefined);
      assert.equal(view.structure.work[0].name, 'Initech GmbH');
      assert.equal(view.structure.work[0].startDate, '2014-03-15');
      assert.equal(view.structure.work[0].highlights.length, 2, 'a blank bullet is dropped');
      assert.equal(view.structure.work[0].line, reading.structure.work[0].line);
      assert.ok(view.structure.skills[0].keywords.includes('Terraform'));
      assert.equal(view.structure.confidence['basics.name'], 1);
      assert.equal(view.structure.confidence['work.0'], 1);
      assert.deepEqual(view.original, reading.structure, 'the reading is kept');
      assert.deepEqual(json(await getStructure(id)), view);
    });

    test('the analysis reads the corrected structure; DELETE goes back to the reading', async () => {
      const id = await upload({ filename: 'cv.txt', data: cvTxt });
      const requirement = (a: Record<string, any>, name: string) =>
        a.requirements.find((r: any) => r.requirement === name);
      const before = await analysis(id);
      assert.equal(before.structure_corrected, false);
      assert.equal(requirement(before, 'Terraform')?.status, 'missing');
      assert.equal(before.structure.work[0].name, 'Ångström Logistics');

      const reading = json(await getStructure(id)).structure;
      assert.equal((await putStructure(id, correctionOf(reading))).statusCode, 200);
      const corrected = await analysis(id);
      assert.equal(corrected.structure_corrected, true);
      assert.equal(corrected.structure.work[0].name, 'Initech GmbH');
      assert.equal(corrected.structure.basics.name, 'Zoe Mueller');
      const terraform = requirement(corrected, 'Terraform');
      assert.equal(terraform?.status, 'weak', JSON.stringify(corrected.requirements));
      assert.ok(terraform.evidence.some((e: any) => e.section === 'skills' && /Terraform/.test(e.text)));
      // An unchanged bullet keeps its line in the text as evidence.
      const postgres = requirement(corrected, 'PostgreSQL');
      assert.equal(postgres?.status, 'covered');
      assert.ok(
        postgres.evidence.some((e: any) => e.line === reading.work[0].line + 1),
        JSON.stringify(postgres),
      );
      // 2014-03 (the corrected start) to the clock's June 2026.
      const years = corrected.requirements.find((r: any) => r.kind === 'experience');
      assert.equal(years?.status, 'covered', JSON.stringify(corrected.requirements));
      assert.match(years.note, /adds up to 12\.3 years/);
      assert.ok(corrected.score > before.score, `${before.score} → ${corrected.score}`);

      const reset = await call(t, 'DELETE', structureUrl(id), alice.access);
      assert.equal(reset.statusCode, 200, reset.body);
      assert.equal(json(reset).corrected, false);
      assert.equal(json(reset).original, undefined);
      assert.equal(json(reset).structure.work[0].name, 'Ångström Logistics');
      const back = await analysis(id);
      assert.equal(back.structure_corrected, false);
      assert.deepEqual(back.requirements, before.requirements);
    });

    test("years of experience count to the clock's today, not to the CV's latest date", async () => {
      const cv = [
        'Ann Example',
        'Backend Engineer',
        '',
        'EXPERIENCE',
        'Backend Engineer, Acme GmbH, Jan 2014 – Present',
        '- Built payment APIs in TypeScript and PostgreSQL.',
        '',
        'EDUCATION',
        'B.Sc. Computer Science, TU Berlin, 2013',
      ].join('\n');
      const id = await upload({ filename: 'cv.txt', data: Buffer.from(cv) });
      assert.equal(json(await getStructure(id)).structure.work[0].startDate, '2014-01');
      const result = await analysis(id);
      const years = result.requirements.find((r: any) => r.kind === 'experience');
      // January 2014 to June 2026; by the CV's own latest date it would be one month.
      assert.equal(years?.status, 'covered', JSON.stringify(result.requirements));
      assert.match(years.note, /adds up to 12\.5 years; the job asks for 10/);
    });

    test('the offline improvement is built from the corrected structure', async () => {
      const { id } = await correctedCv();
      const res = await call(t, 'POST', '/cv/ai-responses/', alice.access, {
        questionnaire: id,
        prompt: PROMPT,
      });
      assert.equal(res.statusCode, 202, res.body);
      const done = await eventually(
        async () => json(await call(t, 'GET', `/cv/ai-responses/${json(res).id}/`, alice.access)),
        (r) => r.status !== 'queued' && r.status !== 'running',
        { what: 'the improvement' },
      );
      assert.equal(done.status, 'succeeded', JSON.stringify(done.error));
      assert.equal(done.provider, 'offline');
      const text: string = done.response_text;
      assert.match(text, /^# Zoe Mueller$/m);
      assert.match(text, /Initech GmbH/);
      assert.match(text, /Terraform/);
      assert.match(text, /03\/2014 – Present/);
      assert.doesNotMatch(text, /Ångström|Müller-Łukasiewicz/);
      const { report } = done;
      assert.equal(report.fact_guard.passed, true, JSON.stringify(report.fact_guard));
      const years = report.requirements.find((r: any) => r.kind === 'experience');
      assert.match(years?.note ?? '', /adds up to 12\.3 years/, JSON.stringify(report.requirements));
    });

    test('a model gets the corrected CV instead of the text, is held to it, and the PDF takes its name', async () => {
      const carol = await registerPremiumUser(model);
      const { id } = await correctedCv(model, carol.access);
      const index = fake.requests.length;
      // The model keeps the corrected name, employer and dates, and all the rest: no invented fact
      // and nothing lost, so no second call.
      fake.script(
        reply.text(
          '# Zoe Mueller\n\nSenior Backend Engineer · Kraków, Poland · [email]\n\n',
          '## Experience\n\n',
          '### Staff Engineer — Initech GmbH (2014–present)\n\n',
          '- Led the migration of the order service to PostgreSQL 15, cutting p99 latency by 40 %.\n',
          '- Mentored four engineers; introduced contract tests for 12 public endpoints.\n\n',
          '### Software Engineer — Dvořák Payments (2017–2021)\n\n',
          '- Built the card-settlement pipeline processing 2 million transactions a day.\n',
          '- Worked with Øyvind Hansen and Ştefan Popescu on fraud detection rules.\n\n',
          '## Education\n\nM.Sc. Computer Science, AGH University of Science and Technology, 2017\n\n',
          '## Skills\n\nTypeScript, Node.js, Go, PostgreSQL, Redis, Kubernetes, AWS, Terraform\n',
        ),
      );
      const res = await call(model, 'POST', '/cv/ai-responses/', carol.access, {
        questionnaire: id,
        prompt: PROMPT,
      });
      assert.equal(res.statusCode, 202, res.body);
      const done = await eventually(
        async () => json(await call(model, 'GET', `/cv/ai-responses/${json(res).id}/`, carol.access)),
        (r) => r.status !== 'queued' && r.status !== 'running',
        { what: 'the improvement' },
      );
      assert.equal(done.status, 'succeeded', JSON.stringify(done.error));
      const sent = JSON.stringify(fake.requests[index]?.body);
      assert.match(sent, /<cv>[\s\S]*Initech GmbH[\s\S]*Terraform[\s\S]*<\/cv>/);
      assert.doesNotMatch(sent, /Ångström/, 'the reading the user corrected is not sent');
      assert.doesNotMatch(sent, /zoe@example\.com/, 'the email stays home');
      assert.match(sent, /checked and corrected how their CV was read/);
      assert.equal(
        fake.requests.length,
        index + 1,
        `no fact-fix call: ${JSON.stringify(done.report.fact_fix)}`,
      );
      assert.equal(done.report.fact_fix, null);
      assert.deepEqual(done.report.fact_guard.invented, [], JSON.stringify(done.report.fact_guard));

      const pdf = await call(model, 'POST', `/cv/ai-responses/${done.id}/generate-pdf/`, carol.access);
      assert.equal(pdf.statusCode, 200, pdf.body);
      const file = await call(model, 'GET', new URL(json(pdf).pdf_url, 'http://x').pathname, carol.access);
      assert.equal(file.statusCode, 200);
      const { text } = await extractText(file.rawPayload, 'pdf');
      assert.match(text, /Zoe Mueller/, 'the page footer names the person as corrected');
    });

    test('a new CV file drops the correction; removing the CV leaves nothing to show', async () => {
      const { id } = await correctedCv();
      await upload({ filename: 'cv.docx', data: fixture('cv.docx') }, { id });
      const view = json(await getStructure(id));
      assert.equal(view.corrected, false);
      assert.equal(view.original, undefined);
      assert.equal(view.structure.basics.name, 'Zoë Müller-Łukasiewicz');
      assert.ok((RESUME_LAYOUTS as readonly string[]).includes(view.layout));
      assert.equal((await analysis(id)).structure_corrected, false);
      const [row] = await t.database.db.select().from(questionnaires).where(eq(questionnaires.id, id));
      assert.equal(row?.resumeStructure, null);

      assert.equal((await putStructure(id, correctionOf(view.structure))).statusCode, 200);
      const removed = await call(t, 'PATCH', `/cv/questionnaire/${id}/`, alice.access, { resume: null });
      assert.equal(removed.statusCode, 200, removed.body);
      const gone = await getStructure(id);
      assert.equal(gone.statusCode, 409);
      assert.equal(json(gone).resume_status, 'none');
      const [cleared] = await t.database.db.select().from(questionnaires).where(eq(questionnaires.id, id));
      assert.equal(cleared?.resumeStructure, null);
      assert.equal(cleared?.resumeLayout, null);
    });

    test('the routes, bodies and errors are in the OpenAPI document', async () => {
      const doc = json(await t.app.inject({ method: 'GET', url: '/schema/?format=json' }));
      const path = doc.paths['/cv/questionnaire/{id}/structure/'];
      assert.ok(path, Object.keys(doc.paths).join(' '));
      assert.deepEqual(Object.keys(path).sort(), ['delete', 'get', 'put']);
      assert.deepEqual(Object.keys(path.get.responses).sort(), ['200', '401', '404', '409', '500']);
      assert.deepEqual(Object.keys(path.put.responses).sort(), ['200', '400', '401', '404', '409', '500']);
      assert.deepEqual(Object.keys(path.delete.responses).sort(), ['200', '401', '404', '409', '500']);
      const body = path.put.requestBody?.content?.['application/json']?.schema;
      assert.ok(body?.properties?.basics && body.properties.work, JSON.stringify(path.put.requestBody));
      assert.deepEqual(body.required, ['basics']);
      assert.equal(body.properties.basics.properties.name.anyOf[0].maxLength, 200);
      for (const name of ['ResumeStructure', 'CvStructureView'])
        assert.ok(doc.components.schemas[name], name);
      assert.ok(path.get.security?.length > 0);
    });
  });
}
