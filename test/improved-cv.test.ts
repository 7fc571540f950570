// The improved CV as a document, over HTTP on every backend: versions and edits (with the report
// computed again), rendering in each format and template with the read-back check, the 409 for
// unverified facts, and the signed links a browser opens (downloads and the event stream).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { extractText } from '../src/documents/index.ts';
import { bearer, json, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';
import {
  eventually,
  multipart,
  registerPremiumUser,
  startCvTestApp,
  VALID_QUESTIONNAIRE,
} from './helpers/cv-app.ts';

const cvText = readFileSync(new URL('./fixtures/documents/cv.txt', import.meta.url));
const PROMPT = 'Make my CV fit this backend role better, please.';

for (const backend of backends()) {
  describe(`improved CV documents on ${backend.name}`, () => {
    let t: TestApp;
    let alice: { access: string };
    let bob: { access: string };
    let responseId: number;
    let improved: string;

    const call = (method: string, url: string, token: string | null, payload?: unknown) =>
      t.app.inject({
        method: method as 'GET',
        url,
        headers: token ? bearer(token) : {},
        ...(payload === undefined ? {} : { payload: payload as object }),
      });

    before(async () => {
      t = await startCvTestApp(backend);
      alice = await registerPremiumUser(t);
      bob = await registerPremiumUser(t);
      const body = multipart(VALID_QUESTIONNAIRE, { filename: 'cv.txt', data: cvText });
      const created = await t.app.inject({
        method: 'POST',
        url: '/cv/questionnaire/',
        headers: { ...bearer(alice.access), ...body.headers },
        payload: body.payload,
      });
      assert.equal(created.statusCode, 201, created.body);
      const qid = json(created).id as number;
      await eventually(
        async () => json(await call('GET', `/cv/questionnaire/${qid}/`, alice.access)),
        (q) => q.resume_status !== 'processing',
        { what: 'the CV to be read' },
      );
      const res = await t.app.inject({
        method: 'POST',
        url: '/cv/ai-responses/',
        headers: { ...bearer(alice.access), prefer: 'wait=30' },
        payload: { questionnaire: qid, prompt: PROMPT },
      });
      assert.equal(res.statusCode, 201, res.body);
      responseId = json(res).id;
      improved = json(res).response_text;
    });
    after(async () => {
      await t.close();
    });

    test('the improved CV holds the CV only; how it was made and the advice are in the report', async () => {
      const body = json(await call('GET', `/cv/ai-responses/${responseId}/`, alice.access));
      assert.doesNotMatch(body.response_text, /No AI model|Suggestions|language model/);
      assert.equal(body.report.provenance.ai_model_used, false);
      assert.equal(body.report.preservation.passed, true, JSON.stringify(body.report.preservation));
      assert.ok(body.report.preservation.checked >= 10);
    });

    test('versions: the improver’s text is version 1, an edit is version 2 with its own report', async () => {
      const before = json(await call('GET', `/cv/ai-responses/${responseId}/versions/`, alice.access));
      assert.equal(before.latest, 1);
      assert.deepEqual(
        before.results.map((v: any) => [v.version, v.source]),
        [[1, 'improver']],
      );
      const edited = improved.replace('Mentored four engineers', 'Coached four engineers');
      assert.notEqual(edited, improved);
      const put = await call('PUT', `/cv/ai-responses/${responseId}/document/`, alice.access, {
        markdown: edited,
      });
      assert.equal(put.statusCode, 201, put.body);
      const v2 = json(put);
      assert.equal(v2.version, 2);
      assert.equal(v2.source, 'edit');
      assert.match(v2.markdown, /Coached four engineers/);
      assert.equal(v2.report.fact_guard.passed, true, JSON.stringify(v2.report.fact_guard));
      assert.equal(put.headers.location, `/cv/ai-responses/${responseId}/versions/2/`);
      const list = json(await call('GET', `/cv/ai-responses/${responseId}/versions/`, alice.access));
      assert.equal(list.latest, 2);
      const v1 = json(await call('GET', `/cv/ai-responses/${responseId}/versions/1/`, alice.access));
      assert.equal(v1.markdown, improved, 'the improver’s text stays as it was');
      assert.equal(
        (await call('GET', `/cv/ai-responses/${responseId}/versions/9/`, alice.access)).statusCode,
        404,
      );
    });

    test('an edit is validated, owned and authenticated', async () => {
      const url = `/cv/ai-responses/${responseId}/document/`;
      const missing = await call('PUT', url, alice.access, {});
      assert.equal(missing.statusCode, 400);
      assert.ok(json(missing).errors.markdown, missing.body);
      const empty = await call('PUT', url, alice.access, { markdown: '   \n ' });
      assert.equal(empty.statusCode, 400);
      assert.match(JSON.stringify(json(empty).errors.markdown), /empty/);
      const huge = await call('PUT', url, alice.access, { markdown: 'x'.repeat(60_001) });
      assert.equal(huge.statusCode, 400);
      assert.equal((await call('PUT', url, bob.access, { markdown: '# Bob' })).statusCode, 404);
      assert.equal(
        (await call('GET', `/cv/ai-responses/${responseId}/versions/`, bob.access)).statusCode,
        404,
      );
      assert.equal((await call('PUT', url, null, { markdown: '# Nobody' })).statusCode, 401);
      const list = json(await call('GET', `/cv/ai-responses/${responseId}/versions/`, alice.access));
      assert.equal(list.latest, 2, 'nothing was stored by the refused requests');
    });

    test('renders the latest version as PDF in each template and size, read back as meant', async () => {
      for (const [template, page_size] of [
        ['classic', 'A4'],
        ['modern', 'Letter'],
        ['compact', 'A4'],
      ] as const) {
        const res = await call('POST', `/cv/ai-responses/${responseId}/documents/`, alice.access, {
          format: 'pdf',
          template,
          page_size,
        });
        assert.equal(res.statusCode, 201, res.body);
        const doc = json(res);
        assert.equal(doc.template, template);
        assert.equal(doc.page_size, page_size);
        assert.equal(doc.version, 2);
        assert.ok(doc.pages >= 1);
        assert.ok(doc.read_back.score >= 0.95, `${template}: ${JSON.stringify(doc.read_back)}`);
        const file = await call('GET', doc.url, alice.access);
        assert.equal(file.statusCode, 200);
        assert.equal(file.headers['content-type'], 'application/pdf');
        const text = (await extractText(new Uint8Array(file.rawPayload), 'pdf')).text;
        assert.match(text, /Coached four engineers/, 'the edit is what was rendered');
      }
    });

    test('renders DOCX, JSON Resume and markdown', async () => {
      const post = (body: object) =>
        call('POST', `/cv/ai-responses/${responseId}/documents/`, alice.access, body);
      const docx = json(await post({ format: 'docx' }));
      assert.equal(docx.format, 'docx');
      assert.ok(docx.read_back.score >= 0.95, JSON.stringify(docx.read_back));
      const docxFile = await call('GET', docx.url, alice.access);
      assert.match(String(docxFile.headers['content-type']), /wordprocessingml/);
      const resume = json(await post({ format: 'json' }));
      assert.equal(resume.read_back, null);
      const resumeFile = JSON.parse((await call('GET', resume.url, alice.access)).body);
      assert.equal(resumeFile.basics.name, 'Zoë Müller-Łukasiewicz');
      assert.ok(
        resumeFile.work.some((w: any) => w.name === 'Ångström Logistics' && w.position === 'Staff Engineer'),
      );
      assert.equal(resumeFile.work[0].line, undefined, 'only the standard’s fields');
      const md = json(await post({ format: 'markdown', version: 1 }));
      assert.equal((await call('GET', md.url, alice.access)).body, improved);
      const bad = await post({ format: 'pdf', template: 'fancy', max_pages: 0 });
      assert.equal(bad.statusCode, 400);
      assert.ok(json(bad).errors.template && json(bad).errors.max_pages, bad.body);
      assert.equal(
        (await call('POST', `/cv/ai-responses/${responseId}/documents/`, bob.access, {})).statusCode,
        404,
      );
    });

    test('a version that states facts the CV does not is rendered only when confirmed', async () => {
      const invented = improved.replace(
        '## Education',
        '### CTO — Initech GmbH (2015–2017)\n\n- Built billing systems\n\n## Education',
      );
      const put = json(
        await call('PUT', `/cv/ai-responses/${responseId}/document/`, alice.access, { markdown: invented }),
      );
      assert.equal(put.fact_guard_passed, false);
      const refused = await call('POST', `/cv/ai-responses/${responseId}/documents/`, alice.access, {
        format: 'pdf',
      });
      assert.equal(refused.statusCode, 409, refused.body);
      assert.ok(
        json(refused).unverified.some((u: string) => u.includes('Initech GmbH')),
        refused.body,
      );
      const confirmed = await call('POST', `/cv/ai-responses/${responseId}/documents/`, alice.access, {
        format: 'pdf',
        confirm_unverified: true,
      });
      assert.equal(confirmed.statusCode, 201, confirmed.body);
      // Back to a faithful version for the tests that follow.
      await call('PUT', `/cv/ai-responses/${responseId}/document/`, alice.access, { markdown: improved });
    });

    test('signed links open downloads and the event stream without a header, and only as signed', async () => {
      const doc = json(
        await call('POST', `/cv/ai-responses/${responseId}/documents/`, alice.access, { format: 'pdf' }),
      );
      const opened = await call('GET', doc.link.url, null);
      assert.equal(opened.statusCode, 200, opened.body);
      assert.equal(opened.headers['content-type'], 'application/pdf');
      // Another document's path under this signature, or a changed signature: refused.
      const other = json(
        await call('POST', `/cv/ai-responses/${responseId}/documents/`, alice.access, { format: 'json' }),
      );
      const query = doc.link.url.split('?')[1];
      assert.equal((await call('GET', `/cv/documents/${other.id}/?${query}`, null)).statusCode, 401);
      assert.equal(
        (await call('GET', doc.link.url.replace(/signature=.{4}/, 'signature=AAAA'), null)).statusCode,
        401,
      );
      // Bob's own link to Alice's file: his signature does not cover her path.
      assert.equal((await call('GET', doc.url, bob.access)).statusCode, 404);

      const response = json(await call('GET', `/cv/ai-responses/${responseId}/`, alice.access));
      const stream = await call('GET', response.events_link.url, null);
      assert.equal(stream.statusCode, 200, stream.body);
      assert.match(String(stream.headers['content-type']), /text\/event-stream/);
      assert.match(stream.body, /event: done/);

      // Expired after its time; the clock goes back for the rest of the suite.
      const now = t.clock.now();
      t.clock.advance(16 * 60 * 1000);
      try {
        const late = await call('GET', doc.link.url, null);
        assert.equal(late.statusCode, 401);
        assert.match(json(late).detail, /expired/);
      } finally {
        t.clock.set(now);
      }
    });

    test('generate-pdf renders the latest version, made again after an edit', async () => {
      const first = json(
        await call('POST', `/cv/ai-responses/${responseId}/generate-pdf/`, alice.access),
      ).pdf_url;
      const edited = improved.replace('Mentored four engineers', 'Trained four engineers');
      await call('PUT', `/cv/ai-responses/${responseId}/document/`, alice.access, { markdown: edited });
      const second = json(
        await call('POST', `/cv/ai-responses/${responseId}/generate-pdf/`, alice.access),
      ).pdf_url;
      assert.notEqual(second, first);
      assert.equal((await call('GET', first, alice.access)).statusCode, 404, 'the stale PDF is gone');
      const file = await call('GET', second, alice.access);
      assert.match(
        (await extractText(new Uint8Array(file.rawPayload), 'pdf')).text,
        /Trained four engineers/,
      );
    });
  });
}
