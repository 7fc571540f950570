// CV uploads through /cv/questionnaire/ (multipart) and downloads through /cv/documents/{id}/ on
// every backend: recognition by content, the size limit while streaming, extraction in the
// background with a clear error for unreadable files, ownership, and no file left behind.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { createJobHandlers } from '../src/job-handlers.ts';
import { extractResumeJob } from '../src/jobs/catalog.ts';
import { documents } from '../src/platform/db/schema.ts';
import { createLogger } from '../src/platform/logger.ts';
import {
  buildOdfPackage,
  buildZip,
  CONTENT_TYPES_XML,
  deflatedZeros,
} from './fixtures/documents/zip-builder.ts';
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
const FIELDS = VALID_QUESTIONNAIRE;

for (const backend of backends()) {
  describe(`uploads on ${backend.name}`, () => {
    let t: TestApp;
    let alice: { access: string; user: Record<string, any> };
    let bob: { access: string };
    before(async () => {
      t = await startCvTestApp(backend);
      alice = await registerPremiumUser(t);
      bob = await registerPremiumUser(t);
    });
    after(() => t.close());

    const send = (
      method: 'POST' | 'PUT' | 'PATCH',
      url: string,
      token: string,
      fields: Record<string, string>,
      file?: Parameters<typeof multipart>[1],
    ) => {
      const body = multipart(fields, file);
      return t.app.inject({
        method,
        url,
        headers: { ...bearer(token), ...body.headers },
        payload: body.payload,
      });
    };
    const get = (url: string, token: string | null) =>
      t.app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} });
    const settled = (id: number, token = alice.access) =>
      eventually(
        async () => json(await get(`/cv/questionnaire/${id}/`, token)),
        (q) => q.resume_status !== 'processing',
        { what: `questionnaire ${id} to finish reading its CV` },
      );
    const documentPath = (url: string) => new URL(url, 'http://x').pathname;
    const userDocuments = async (userId: number) => {
      const [row] = await t.database.db
        .select({ n: count() })
        .from(documents)
        .where(eq(documents.userId, userId));
      return row?.n ?? 0;
    };

    describe('accepted files', () => {
      for (const [name, filename, type] of [
        ['cv-pdflib.pdf', 'cv.pdf', 'application/pdf'],
        ['cv.docx', 'cv.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
        ['cv-writer.odt', 'cv.odt', 'application/vnd.oasis.opendocument.text'],
        ['cv.txt', 'cv.txt', 'text/plain; charset=utf-8'],
      ] as const) {
        test(`${filename}: processing, then ready with its text; downloadable by its owner`, async () => {
          const data = fixture(name);
          const res = await send('POST', '/cv/questionnaire/', alice.access, FIELDS, { filename, data });
          assert.equal(res.statusCode, 201, res.body);
          const created = json(res);
          assert.equal(created.resume_status, 'processing');
          assert.equal(created.resume_filename, filename);
          assert.equal(created.position, FIELDS.position, 'fields arrive as multipart too');
          assert.match(created.resume, /^\/cv\/documents\/[0-9a-f-]{36}\/$/);

          const ready = await settled(created.id);
          assert.equal(ready.resume_status, 'ready', JSON.stringify(ready));
          assert.equal(ready.resume_error, null);
          assert.ok(ready.resume_text_chars > 200, `read ${ready.resume_text_chars} characters`);

          const download = await get(documentPath(created.resume), alice.access);
          assert.equal(download.statusCode, 200);
          assert.equal(download.headers['content-type'], type);
          assert.equal(download.headers['x-content-type-options'], 'nosniff');
          assert.match(
            String(download.headers['content-disposition']),
            new RegExp(`^attachment; filename="${filename}"`),
          );
          assert.ok(download.rawPayload.equals(data), 'the bytes come back unchanged');
        });
      }

      test('an ODT from LibreOffice Writer is an odt, read like a DOCX: the name, the layout', async () => {
        const res = await send('POST', '/cv/questionnaire/', alice.access, FIELDS, {
          filename: 'Lebenslauf.odt',
          contentType: 'application/octet-stream',
          data: fixture('cv-writer.odt'),
        });
        assert.equal(res.statusCode, 201, res.body);
        assert.equal(json(res).resume_type, 'odt');
        const ready = await settled(json(res).id);
        assert.equal(ready.resume_status, 'ready', JSON.stringify(ready));
        const structure = json(await get(`/cv/questionnaire/${ready.id}/structure/`, alice.access));
        assert.match(structure.text, /^# Giulia Bernardi$/m);
        assert.equal(structure.layout, 'sidebar');
        assert.equal(structure.structure.basics.name, 'Giulia Bernardi');
      });

      test('Prefer: wait answers once the CV is read, in one request', async () => {
        const res = await send('POST', '/cv/questionnaire/', alice.access, FIELDS, {
          filename: 'cv.pdf',
          data: fixture('cv-libreoffice.pdf'),
        });
        assert.equal(json(res).resume_status, 'processing');
        const waited = await t.app.inject({
          method: 'GET',
          url: `/cv/questionnaire/${json(res).id}/`,
          headers: { ...bearer(alice.access), prefer: 'wait=30' },
        });
        assert.equal(waited.statusCode, 200);
        assert.equal(waited.headers['preference-applied'], 'wait=30');
        assert.equal(json(waited).resume_status, 'ready', waited.body);
      });

      test('the type is decided by content: a PDF named cv.exe keeps its name, is a PDF, downloads as .pdf', async () => {
        const res = await send('POST', '/cv/questionnaire/', alice.access, FIELDS, {
          filename: 'cv.exe',
          contentType: 'application/x-msdownload',
          data: fixture('cv-pdflib.pdf'),
        });
        assert.equal(res.statusCode, 201, res.body);
        assert.equal(json(res).resume_filename, 'cv.exe');
        assert.equal(json(res).resume_type, 'pdf');
        const download = await get(documentPath(json(res).resume), alice.access);
        assert.equal(download.headers['content-type'], 'application/pdf');
        assert.match(String(download.headers['content-disposition']), /filename="cv\.exe\.pdf"/);
      });

      test('file names cannot climb directories or break the header', async () => {
        const res = await send('POST', '/cv/questionnaire/', alice.access, FIELDS, {
          filename: '../../etc/Zoë cv.txt',
          data: fixture('cv.txt'),
        });
        assert.equal(res.statusCode, 201, res.body);
        assert.equal(json(res).resume_filename, 'Zoë cv.txt');
        const download = await get(documentPath(json(res).resume), alice.access);
        assert.equal(
          download.headers['content-disposition'],
          `attachment; filename="Zo_ cv.txt"; filename*=UTF-8''Zo%C3%AB%20cv.txt`,
        );
      });

      test('a form with no file chosen creates a questionnaire without a CV', async () => {
        const res = await send('POST', '/cv/questionnaire/', alice.access, FIELDS, {
          filename: '',
          data: Buffer.alloc(0),
        });
        assert.equal(res.statusCode, 201, res.body);
        assert.equal(json(res).resume, null);
        assert.equal(json(res).resume_status, 'none');
      });
    });

    describe('refused files', () => {
      test('11 MB is 413 with a clear message, and nothing is stored', async () => {
        const before = await userDocuments(alice.user.pk);
        const list = json(await get('/cv/questionnaire/', alice.access)).count;
        const big = Buffer.alloc(11 * 1024 * 1024, 'a');
        const res = await send('POST', '/cv/questionnaire/', alice.access, FIELDS, {
          filename: 'big.txt',
          data: big,
        });
        assert.equal(res.statusCode, 413);
        assert.equal(json(res).code, 'payload_too_large');
        assert.match(json(res).detail, /larger than 10 MB/);
        assert.equal(await userDocuments(alice.user.pk), before);
        assert.equal(json(await get('/cv/questionnaire/', alice.access)).count, list);
      });

      test('exactly 10 MB is accepted', async () => {
        const line = 'Experienced engineer. '.repeat(10);
        const data = Buffer.alloc(10 * 1024 * 1024, line);
        const res = await send('POST', '/cv/questionnaire/', alice.access, FIELDS, {
          filename: 'max.txt',
          data,
        });
        assert.equal(res.statusCode, 201, res.body);
        await settled(json(res).id);
      });

      test('a renamed executable is 415', async () => {
        const res = await send('POST', '/cv/questionnaire/', alice.access, FIELDS, {
          filename: 'renamed-executable.pdf',
          contentType: 'application/pdf',
          data: fixture('renamed-executable.pdf'),
        });
        assert.equal(res.statusCode, 415);
        assert.equal(json(res).code, 'unsupported_media_type');
        assert.match(json(res).detail, /PDF, DOCX, ODT or TXT/);
      });

      test('images, HTML-ish binaries, a ZIP that is no DOCX and an ODS spreadsheet are 415', async () => {
        const png = Buffer.concat([
          Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
          Buffer.alloc(2000),
        ]);
        const zip = buildZip([{ name: 'hello.txt', data: 'hi' }]);
        const ods = buildOdfPackage('application/vnd.oasis.opendocument.spreadsheet', {
          'content.xml':
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body><office:spreadsheet/></office:body></office:document-content>',
        });
        for (const [filename, data] of [
          ['photo.png', png],
          ['archive.docx', zip],
          ['cv.ods', ods],
        ] as const) {
          const res = await send('POST', '/cv/questionnaire/', alice.access, FIELDS, { filename, data });
          assert.equal(res.statusCode, 415, filename);
          assert.equal(json(res).code, 'unsupported_media_type', filename);
        }
      });

      test('an empty file is 400 with a clear message', async () => {
        const res = await send('POST', '/cv/questionnaire/', alice.access, FIELDS, {
          filename: 'empty.txt',
          data: Buffer.alloc(0),
        });
        // An empty part with a name is a chosen file with nothing in it.
        assert.equal(res.statusCode, 400, res.body);
        assert.match(json(res).errors.resume[0], /empty/);
      });

      test('a file in another field is refused', async () => {
        const res = await send('POST', '/cv/questionnaire/', alice.access, FIELDS, {
          field: 'photo',
          filename: 'cv.txt',
          data: fixture('cv.txt'),
        });
        assert.equal(res.statusCode, 400);
        assert.ok(json(res).errors.photo);
      });

      test('multipart fields are validated like JSON', async () => {
        const { position: _p, ...rest } = FIELDS;
        const res = await send(
          'POST',
          '/cv/questionnaire/',
          alice.access,
          { ...rest, company_size: 'huge' },
          {
            filename: 'cv.txt',
            data: fixture('cv.txt'),
          },
        );
        assert.equal(res.statusCode, 400);
        assert.deepEqual(json(res).errors.position, ['This field is required.']);
        assert.deepEqual(json(res).errors.company_size, ['"huge" is not a valid choice.']);
      });
    });

    describe('unreadable files fail with a clear resume_error, never a crash', () => {
      const bomb = buildZip([
        { name: '[Content_Types].xml', data: CONTENT_TYPES_XML },
        { name: 'word/document.xml', deflated: deflatedZeros(300) },
      ]);
      for (const [label, filename, data, pattern] of [
        ['encrypted PDF', 'encrypted.pdf', fixture('encrypted.pdf'), /password/i],
        ['scanned PDF without text', 'scan.pdf', fixture('scanned-no-text.pdf'), /images of text|scanned/i],
        ['corrupt PDF', 'corrupt.pdf', fixture('corrupt.pdf'), /damaged|cannot be read/i],
        ['blank PDF', 'blank.pdf', fixture('blank-page.pdf'), /no text|images of text/i],
        ['zip bomb posing as DOCX', 'bomb.docx', bomb, /too large|complex/i],
      ] as const) {
        test(label, async () => {
          const res = await send('POST', '/cv/questionnaire/', alice.access, FIELDS, { filename, data });
          assert.equal(res.statusCode, 201, res.body);
          const failed = await settled(json(res).id);
          assert.equal(failed.resume_status, 'failed');
          assert.match(failed.resume_error, pattern);
          assert.equal(failed.resume_text_chars, null);
          // The file stays downloadable: it is the user's, and they may want to see what was sent.
          assert.equal((await get(documentPath(failed.resume), alice.access)).statusCode, 200);
        });
      }
    });

    describe('replacing and removing', () => {
      test('a new file replaces the old one, which is deleted in the same request', async () => {
        const res = await send('POST', '/cv/questionnaire/', alice.access, FIELDS, {
          filename: 'cv.txt',
          data: fixture('cv.txt'),
        });
        const first = await settled(json(res).id);
        const documentsBefore = await userDocuments(alice.user.pk);
        const patched = await send(
          'PATCH',
          `/cv/questionnaire/${first.id}/`,
          alice.access,
          {},
          {
            filename: 'cv.docx',
            data: fixture('cv.docx'),
          },
        );
        assert.equal(patched.statusCode, 200, patched.body);
        assert.equal(json(patched).resume_status, 'processing');
        assert.equal(json(patched).resume_filename, 'cv.docx');
        assert.notEqual(json(patched).resume, first.resume);
        assert.equal(await userDocuments(alice.user.pk), documentsBefore, 'one file in, one file out');
        assert.equal((await get(documentPath(first.resume), alice.access)).statusCode, 404);
        assert.equal((await settled(first.id)).resume_status, 'ready');
      });

      test('PUT with a file replaces too; PUT without one keeps the current file', async () => {
        const res = await send('POST', '/cv/questionnaire/', alice.access, FIELDS, {
          filename: 'cv.txt',
          data: fixture('cv.txt'),
        });
        const created = await settled(json(res).id);
        const kept = await send('PUT', `/cv/questionnaire/${created.id}/`, alice.access, {
          ...FIELDS,
          position: 'New role',
        });
        assert.equal(kept.statusCode, 200, kept.body);
        assert.equal(json(kept).resume, created.resume);
        assert.equal(json(kept).resume_status, 'ready');
        const replaced = await send('PUT', `/cv/questionnaire/${created.id}/`, alice.access, FIELDS, {
          filename: 'cv.pdf',
          data: fixture('cv-pdflib.pdf'),
        });
        assert.equal(replaced.statusCode, 200);
        assert.notEqual(json(replaced).resume, created.resume);
        assert.equal((await get(documentPath(created.resume), alice.access)).statusCode, 404);
      });

      test('resume null (JSON) or an empty field (multipart) removes the file', async () => {
        for (const remove of ['json', 'multipart'] as const) {
          const res = await send('POST', '/cv/questionnaire/', alice.access, FIELDS, {
            filename: 'cv.txt',
            data: fixture('cv.txt'),
          });
          const created = await settled(json(res).id);
          const cleared =
            remove === 'json'
              ? await t.app.inject({
                  method: 'PATCH',
                  url: `/cv/questionnaire/${created.id}/`,
                  headers: bearer(alice.access),
                  payload: { resume: null },
                })
              : await send('PATCH', `/cv/questionnaire/${created.id}/`, alice.access, { resume: '' });
          assert.equal(cleared.statusCode, 200, cleared.body);
          const body = json(cleared);
          assert.equal(body.resume, null);
          assert.equal(body.resume_filename, null);
          assert.equal(body.resume_status, 'none');
          assert.equal(body.resume_text_chars, null);
          assert.equal((await get(documentPath(created.resume), alice.access)).statusCode, 404, remove);
        }
      });

      test('deleting the questionnaire deletes its file', async () => {
        const before = await userDocuments(alice.user.pk);
        const res = await send('POST', '/cv/questionnaire/', alice.access, FIELDS, {
          filename: 'cv.txt',
          data: fixture('cv.txt'),
        });
        const created = json(res);
        assert.equal(await userDocuments(alice.user.pk), before + 1);
        await settled(created.id);
        const del = await t.app.inject({
          method: 'DELETE',
          url: `/cv/questionnaire/${created.id}/`,
          headers: bearer(alice.access),
        });
        assert.equal(del.statusCode, 204);
        assert.equal(await userDocuments(alice.user.pk), before);
      });

      test('a replayed extraction job for a replaced file changes nothing', async () => {
        const res = await send('POST', '/cv/questionnaire/', alice.access, FIELDS, {
          filename: 'cv.txt',
          data: fixture('cv.txt'),
        });
        const first = await settled(json(res).id);
        const oldDocumentId = documentPath(first.resume).split('/')[3] as string;
        const patched = await send(
          'PATCH',
          `/cv/questionnaire/${first.id}/`,
          alice.access,
          {},
          {
            filename: 'cv.pdf',
            data: fixture('encrypted.pdf'),
          },
        );
        const second = await settled(json(patched).id);
        assert.equal(second.resume_status, 'failed');
        const handlers = createJobHandlers({
          database: t.database,
          queue: t.app.queue,
          logger: createLogger('silent'),
          config: t.config,
          events: t.app.events,
          ai: t.app.ai,
        });
        const handler = handlers[extractResumeJob.name];
        assert.ok(handler);
        for (const documentId of [oldDocumentId, documentPath(second.resume).split('/')[3] as string]) {
          await handler({
            id: 'replay',
            payload: { questionnaireId: first.id, documentId },
            attempt: 1,
            isLastAttempt: false,
            signal: new AbortController().signal,
          });
        }
        assert.deepEqual(json(await get(`/cv/questionnaire/${first.id}/`, alice.access)), second);
      });
    });

    describe('downloads', () => {
      test('only the owner gets a file; others and anonymous callers do not', async () => {
        const res = await send('POST', '/cv/questionnaire/', alice.access, FIELDS, {
          filename: 'cv.txt',
          data: fixture('cv.txt'),
        });
        const path = documentPath(json(res).resume);
        assert.equal((await get(path, bob.access)).statusCode, 404);
        assert.equal((await get(path, null)).statusCode, 401);
        assert.equal((await get(path, alice.access)).statusCode, 200);
      });

      test('malformed and unknown document ids are 404', async () => {
        for (const id of ['abc', '00000000-0000-0000-0000-000000000000', "x'--", '1'.repeat(150)]) {
          const res = await get(`/cv/documents/${id}/`, alice.access);
          assert.equal(res.statusCode, 404, id);
        }
      });

      test('uploads are refused without a token', async () => {
        const body = multipart(FIELDS, { filename: 'cv.txt', data: fixture('cv.txt') });
        const res = await t.app.inject({
          method: 'POST',
          url: '/cv/questionnaire/',
          headers: body.headers,
          payload: body.payload,
        });
        assert.equal(res.statusCode, 401);
      });
    });
  });
}
