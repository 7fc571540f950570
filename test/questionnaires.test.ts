// /cv/questionnaire/ on every backend: CRUD in JSON, every field rule of SPEC.md, sanitizing,
// pagination, ordering and filters, and the security cases (no token, someone else's, bad ids).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, json, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';
import { registerPremiumUser, startCvTestApp, VALID_QUESTIONNAIRE } from './helpers/cv-app.ts';

for (const backend of backends()) {
  describe(`questionnaires on ${backend.name}`, () => {
    let t: TestApp;
    let alice: { access: string; user: Record<string, any> };
    let bob: { access: string };
    before(async () => {
      t = await startCvTestApp(backend);
      alice = await registerPremiumUser(t);
      bob = await registerPremiumUser(t);
    });
    after(() => t.close());

    const call = (method: string, url: string, token: string | null, payload?: unknown) =>
      t.app.inject({
        method: method as 'GET',
        url,
        headers: token ? bearer(token) : {},
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    const create = async (token: string, overrides: Record<string, unknown> = {}) => {
      const res = await call('POST', '/cv/questionnaire/', token, { ...VALID_QUESTIONNAIRE, ...overrides });
      assert.equal(res.statusCode, 201, res.body);
      return json(res);
    };

    describe('create and read', () => {
      test('creates with every field and returns the SPEC shape', async () => {
        const res = await call('POST', '/cv/questionnaire/', alice.access, VALID_QUESTIONNAIRE);
        assert.equal(res.statusCode, 201, res.body);
        const body = json(res);
        assert.deepEqual(Object.keys(body).sort(), [
          'application_timeline',
          'company_size',
          'experience_level',
          'id',
          'industry',
          'job_description',
          'location',
          'position',
          'resume',
          'resume_error',
          'resume_filename',
          'resume_status',
          'resume_text_chars',
          'resume_type',
          'submitted_at',
          'user',
        ]);
        assert.equal(body.user, alice.user.pk);
        assert.equal(body.position, VALID_QUESTIONNAIRE.position);
        assert.equal(body.resume, null);
        assert.equal(body.resume_status, 'none');
        assert.match(body.submitted_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        const read = await call('GET', `/cv/questionnaire/${body.id}/`, alice.access);
        assert.equal(read.statusCode, 200);
        assert.deepEqual(json(read), body);
        const noSlash = await call('GET', `/cv/questionnaire/${body.id}`, alice.access);
        assert.equal(noSlash.statusCode, 200, 'the path without the slash works too');
      });

      test('location and job_description are optional; "" and null mean none', async () => {
        const { location: _l, job_description: _j, ...required } = VALID_QUESTIONNAIRE;
        const res = await call('POST', '/cv/questionnaire/', alice.access, required);
        assert.equal(res.statusCode, 201, res.body);
        assert.equal(json(res).location, null);
        assert.equal(json(res).job_description, null);
        const blank = await create(alice.access, { location: '', job_description: null });
        assert.equal(blank.location, null);
        assert.equal(blank.job_description, null);
      });

      test('ignores read-only fields sent by the client', async () => {
        const res = await call('POST', '/cv/questionnaire/', alice.access, {
          ...VALID_QUESTIONNAIRE,
          id: 999_999,
          user: 424_242,
          submitted_at: '2000-01-01T00:00:00Z',
          resume_status: 'ready',
        });
        assert.equal(res.statusCode, 201, res.body);
        const body = json(res);
        assert.notEqual(body.id, 999_999);
        assert.equal(body.user, alice.user.pk);
        assert.notEqual(body.submitted_at, '2000-01-01T00:00:00.000Z');
        assert.equal(body.resume_status, 'none');
      });
    });

    describe('validation', () => {
      test('names every missing required field', async () => {
        const res = await call('POST', '/cv/questionnaire/', alice.access, {});
        assert.equal(res.statusCode, 400);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        const body = json(res);
        assert.equal(body.code, 'validation_error');
        for (const field of [
          'position',
          'industry',
          'experience_level',
          'company_size',
          'application_timeline',
        ]) {
          assert.deepEqual(body.errors[field], ['This field is required.'], field);
        }
      });

      test('refuses values outside each choice list', async () => {
        for (const [field, bad] of [
          ['experience_level', '10+'],
          ['company_size', 'huge'],
          ['application_timeline', 'someday'],
        ] as const) {
          const res = await call('POST', '/cv/questionnaire/', alice.access, {
            ...VALID_QUESTIONNAIRE,
            [field]: bad,
          });
          assert.equal(res.statusCode, 400, field);
          assert.deepEqual(json(res).errors[field], [`"${bad}" is not a valid choice.`]);
        }
        for (const [field, good] of [
          ['experience_level', '0-2'],
          ['experience_level', '3-5'],
          ['company_size', 'startup'],
          ['company_size', 'small'],
          ['company_size', 'enterprise'],
          ['application_timeline', 'immediate'],
          ['application_timeline', '3-6 months'],
          ['application_timeline', '6+ months'],
        ] as const) {
          await create(alice.access, { [field]: good });
        }
      });

      test('limits lengths after sanitizing', async () => {
        const long = await call('POST', '/cv/questionnaire/', alice.access, {
          ...VALID_QUESTIONNAIRE,
          position: 'x'.repeat(256),
          location: 'y'.repeat(256),
          job_description: 'z'.repeat(5001),
        });
        assert.equal(long.statusCode, 400);
        const errors = json(long).errors;
        assert.deepEqual(errors.position, ['Ensure this field has no more than 255 characters.']);
        assert.deepEqual(errors.location, ['Ensure this field has no more than 255 characters.']);
        assert.deepEqual(errors.job_description, ['Ensure this field has no more than 5000 characters.']);
        // Markup does not count: 255 characters of text wrapped in tags fit.
        const wrapped = await create(alice.access, {
          position: `<b>${'x'.repeat(255)}</b>`,
          job_description: `${'z'.repeat(5000)}<br>`,
        });
        assert.equal(wrapped.position.length, 255);
        assert.equal(wrapped.job_description.length, 5000);
      });

      test('a field that is only markup is blank', async () => {
        const res = await call('POST', '/cv/questionnaire/', alice.access, {
          ...VALID_QUESTIONNAIRE,
          industry: '<script>alert(1)</script>   ',
        });
        assert.equal(res.statusCode, 400);
        assert.deepEqual(json(res).errors.industry, ['This field may not be blank.']);
      });

      test('wrong types are 400, never 500', async () => {
        const res = await call('POST', '/cv/questionnaire/', alice.access, {
          ...VALID_QUESTIONNAIRE,
          position: 42,
          industry: ['a'],
          experience_level: null,
          location: { a: 1 },
        });
        assert.equal(res.statusCode, 400);
        const errors = json(res).errors;
        assert.ok(errors.position && errors.industry && errors.experience_level && errors.location, res.body);
        const notObject = await call('POST', '/cv/questionnaire/', alice.access, [1, 2]);
        assert.equal(notObject.statusCode, 400);
      });

      test('bad JSON is 400 and another content type 415', async () => {
        const bad = await t.app.inject({
          method: 'POST',
          url: '/cv/questionnaire/',
          headers: { ...bearer(alice.access), 'content-type': 'application/json' },
          payload: '{"position": ',
        });
        assert.equal(bad.statusCode, 400);
        assert.equal(json(bad).code, 'bad_request');
        const text = await t.app.inject({
          method: 'POST',
          url: '/cv/questionnaire/',
          headers: { ...bearer(alice.access), 'content-type': 'text/plain' },
          payload: 'hello',
        });
        assert.equal(text.statusCode, 415);
      });

      test('a JSON string as resume is refused: files come as multipart', async () => {
        const res = await call('POST', '/cv/questionnaire/', alice.access, {
          ...VALID_QUESTIONNAIRE,
          resume: 'cv.pdf',
        });
        assert.equal(res.statusCode, 400);
        assert.ok(json(res).errors.resume);
      });
    });

    describe('sanitizing', () => {
      test('strips markup and script vectors and collapses white space; keeps comparisons', async () => {
        const body = await create(alice.access, {
          position: '  <b>Lead</b>\n\n  Engineer <script>steal()</script> ',
          industry: 'a < b and c > d',
          location: '<a href="javascript:alert(1)" onclick="x()">Berlin</a>',
          job_description:
            'Use <style>p{}</style>data:text/html,<i>TS</i>   \t daily <img src=x onerror="pwn()">',
        });
        assert.equal(body.position, 'Lead Engineer');
        assert.equal(body.industry, 'a < b and c > d');
        assert.equal(body.location, 'Berlin');
        assert.equal(body.job_description, 'Use TS daily');
      });
    });

    describe('update and delete', () => {
      test('PUT replaces every field and needs the required ones', async () => {
        const created = await create(alice.access);
        const put = await call('PUT', `/cv/questionnaire/${created.id}/`, alice.access, {
          ...VALID_QUESTIONNAIRE,
          position: 'Data Engineer',
          company_size: 'startup',
          location: null,
        });
        assert.equal(put.statusCode, 200, put.body);
        assert.equal(json(put).position, 'Data Engineer');
        assert.equal(json(put).company_size, 'startup');
        assert.equal(json(put).location, null);
        assert.equal(json(put).submitted_at, created.submitted_at, 'submitted_at does not move');
        const partial = await call('PUT', `/cv/questionnaire/${created.id}/`, alice.access, {
          position: 'Only this',
        });
        assert.equal(partial.statusCode, 400);
        assert.deepEqual(json(partial).errors.industry, ['This field is required.']);
      });

      test('PATCH changes only the given fields, validated and sanitized', async () => {
        const created = await create(alice.access);
        const patch = await call('PATCH', `/cv/questionnaire/${created.id}/`, alice.access, {
          industry: ' <em>Fintech</em> ',
        });
        assert.equal(patch.statusCode, 200, patch.body);
        assert.equal(json(patch).industry, 'Fintech');
        assert.equal(json(patch).position, created.position);
        const bad = await call('PATCH', `/cv/questionnaire/${created.id}/`, alice.access, {
          experience_level: 'x',
        });
        assert.equal(bad.statusCode, 400);
        const unchanged = json(await call('GET', `/cv/questionnaire/${created.id}/`, alice.access));
        assert.equal(unchanged.experience_level, created.experience_level, 'a refused change stores nothing');
      });

      test('DELETE answers 204 and the questionnaire is gone', async () => {
        const created = await create(alice.access);
        const del = await call('DELETE', `/cv/questionnaire/${created.id}/`, alice.access);
        assert.equal(del.statusCode, 204);
        assert.equal(del.body, '');
        assert.equal((await call('GET', `/cv/questionnaire/${created.id}/`, alice.access)).statusCode, 404);
        assert.equal(
          (await call('DELETE', `/cv/questionnaire/${created.id}/`, alice.access)).statusCode,
          404,
        );
      });
    });

    describe('security', () => {
      test('every route needs a token', async () => {
        const created = await create(alice.access);
        for (const [method, url] of [
          ['GET', '/cv/questionnaire/'],
          ['POST', '/cv/questionnaire/'],
          ['GET', `/cv/questionnaire/${created.id}/`],
          ['PUT', `/cv/questionnaire/${created.id}/`],
          ['PATCH', `/cv/questionnaire/${created.id}/`],
          ['DELETE', `/cv/questionnaire/${created.id}/`],
        ] as const) {
          const res = await call(
            method,
            url,
            null,
            method === 'GET' || method === 'DELETE' ? undefined : VALID_QUESTIONNAIRE,
          );
          assert.equal(res.statusCode, 401, `${method} ${url}`);
        }
        const forged = await call('GET', '/cv/questionnaire/', 'not-a-token');
        assert.equal(forged.statusCode, 401);
      });

      test("someone else's questionnaire is 404 for every method and stays unchanged", async () => {
        const created = await create(alice.access);
        for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
          const res = await call(
            method,
            `/cv/questionnaire/${created.id}/`,
            bob.access,
            method === 'PUT' || method === 'PATCH' ? VALID_QUESTIONNAIRE : undefined,
          );
          assert.equal(res.statusCode, 404, method);
        }
        const still = await call('GET', `/cv/questionnaire/${created.id}/`, alice.access);
        assert.deepEqual(json(still), created);
        const list = json(await call('GET', '/cv/questionnaire/', bob.access));
        assert.ok(!list.results.some((q: any) => q.id === created.id));
      });

      test('bad ids are 404, never 500', async () => {
        for (const id of [
          'abc',
          '0',
          '-1',
          '1.5',
          '99999999999999999999',
          '2147483648',
          '1e3',
          '%00',
          "1'or'1",
        ]) {
          for (const method of ['GET', 'PATCH', 'DELETE']) {
            const res = await call(
              method,
              `/cv/questionnaire/${id}/`,
              alice.access,
              method === 'PATCH' ? {} : undefined,
            );
            assert.equal(res.statusCode, 404, `${method} ${id}: ${res.body}`);
          }
        }
        const missing = await call('GET', '/cv/questionnaire/2147483647/', alice.access);
        assert.equal(missing.statusCode, 404);
      });
    });

    describe('list', () => {
      let carol: { access: string };
      const ids: number[] = [];
      before(async () => {
        carol = await registerPremiumUser(t);
        const sizes = ['startup', 'small', 'medium', 'enterprise'];
        for (let i = 0; i < 12; i++) {
          const q = await create(carol.access, {
            position: `Role ${String(i).padStart(2, '0')}`,
            company_size: sizes[i % 4],
            experience_level: i % 2 === 0 ? '0-2' : '6+',
          });
          ids.push(q.id);
          // Distinct submission times, as real ones are, so "newest first" is a fact to check.
          t.clock.advance(1000);
        }
      });

      test('paginated newest first, 10 a page by default, with next and previous links', async () => {
        const first = await call('GET', '/cv/questionnaire/', carol.access);
        assert.equal(first.statusCode, 200);
        const page1 = json(first);
        assert.equal(page1.count, 12);
        assert.equal(page1.results.length, 10);
        assert.deepEqual(
          page1.results.map((q: any) => q.id),
          [...ids].reverse().slice(0, 10),
        );
        assert.equal(page1.previous, null);
        assert.match(page1.next, /^http:\/\/[^/]+\/cv\/questionnaire\/\?page=2$/);
        const page2 = json(await call('GET', '/cv/questionnaire/?page=2', carol.access));
        assert.equal(page2.results.length, 2);
        assert.equal(page2.next, null);
        assert.match(page2.previous, /\/cv\/questionnaire\/$/);
      });

      test('page_size up to 100; beyond, or a page past the end, is refused', async () => {
        const small = json(await call('GET', '/cv/questionnaire/?page_size=5&page=3', carol.access));
        assert.equal(small.results.length, 2);
        assert.match(small.previous, /page_size=5/);
        assert.equal((await call('GET', '/cv/questionnaire/?page_size=101', carol.access)).statusCode, 400);
        assert.equal((await call('GET', '/cv/questionnaire/?page_size=0', carol.access)).statusCode, 400);
        assert.equal((await call('GET', '/cv/questionnaire/?page=abc', carol.access)).statusCode, 400);
        assert.equal((await call('GET', '/cv/questionnaire/?page=99', carol.access)).statusCode, 404);
        const empty = json(await call('GET', '/cv/questionnaire/', (await registerPremiumUser(t)).access));
        assert.deepEqual(empty, { count: 0, next: null, previous: null, results: [] });
      });

      test('ordering on whitelisted fields only', async () => {
        const asc = json(
          await call('GET', '/cv/questionnaire/?ordering=position&page_size=100', carol.access),
        );
        assert.deepEqual(
          asc.results.map((q: any) => q.position),
          [...asc.results.map((q: any) => q.position)].sort(),
        );
        assert.equal(asc.results[0].position, 'Role 00');
        const oldest = json(await call('GET', '/cv/questionnaire/?ordering=submitted_at', carol.access));
        assert.equal(oldest.results[0].id, ids[0]);
        const refused = await call('GET', '/cv/questionnaire/?ordering=resume_text', carol.access);
        assert.equal(refused.statusCode, 400);
        const injected = await call(
          'GET',
          '/cv/questionnaire/?ordering=id;drop%20table%20users',
          carol.access,
        );
        assert.equal(injected.statusCode, 400);
      });

      test('filters on the choice fields', async () => {
        const startups = json(await call('GET', '/cv/questionnaire/?company_size=startup', carol.access));
        assert.equal(startups.count, 3);
        assert.ok(startups.results.every((q: any) => q.company_size === 'startup'));
        const both = json(
          await call('GET', '/cv/questionnaire/?company_size=small&experience_level=6%2B', carol.access),
        );
        assert.equal(both.count, 3);
        assert.equal(
          (await call('GET', '/cv/questionnaire/?company_size=huge', carol.access)).statusCode,
          400,
        );
      });
    });
  });
}
