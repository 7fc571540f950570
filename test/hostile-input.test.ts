// No 500 for anything a client can send: every documented route gets malformed bodies, wrong
// types, odd path parameters and odd query strings, with and without a token, and must answer
// with a 4xx (or a success) and a problem document, never a server error.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, json, registerUser, startTestApp, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';
import { multipart, VALID_QUESTIONNAIRE } from './helpers/cv-app.ts';

const ODD_IDS = [
  'abc',
  '-1',
  '0',
  '1.5',
  '99999999999999999999',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  "1'--",
  '00000000-0000-0000-0000-000000000000',
];
const ODD_BODIES: Array<{ payload: string; type: string }> = [
  { payload: '', type: 'application/json' },
  { payload: '{', type: 'application/json' },
  { payload: 'null', type: 'application/json' },
  { payload: '[]', type: 'application/json' },
  { payload: '"text"', type: 'application/json' },
  { payload: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}', type: 'application/json' },
  {
    payload: JSON.stringify({
      username: ['a'],
      email: 5,
      password: null,
      questionnaire: 'x',
      prompt: { a: 1 },
    }),
    type: 'application/json',
  },
  {
    payload: JSON.stringify({
      questionnaire: 1e308,
      prompt: 'x'.repeat(20_000),
      plan_id: -1,
      billing: 'weekly',
    }),
    type: 'application/json',
  },
  {
    payload: JSON.stringify({
      position: '<script>x</script>',
      industry: '\u0000',
      experience_level: '99',
      page: -1,
    }),
    type: 'application/json',
  },
  {
    // A CV structure (PUT …/structure/) of the wrong shapes and impossible dates.
    payload: JSON.stringify({
      basics: { name: 5, location: 'Berlin', profiles: 'x', line: -1, email: ['a@b.c'] },
      work: [null, { startDate: '2021-02-30', endDate: { y: 2020 }, highlights: [1, null], line: 1.5 }],
      education: 'none',
      skills: [{ keywords: 'Go' }],
      languages: [{}],
      certificates: [{ name: 'x'.repeat(10_000), date: '0000' }],
    }),
    type: 'application/json',
  },
  {
    payload: '--x\r\nContent-Disposition: form-data; name="resume"\r\n\r\nnot closed',
    type: 'multipart/form-data; boundary=x',
  },
  { payload: 'a=1&b=2', type: 'application/x-www-form-urlencoded' },
  { payload: '<xml/>', type: 'application/xml' },
];
const ODD_QUERIES = [
  '?page=0',
  '?page=abc',
  '?page_size=100000',
  '?ordering=;drop table users',
  '?ordering=-password',
  '?experience_level=bogus',
  '?questionnaire=abc',
  '?billing[]=x',
  '?format=exe',
  '?session_id=',
  '?session_id=cs_' + 'x'.repeat(5000),
];

for (const backend of backends()) {
  describe(`hostile input on ${backend.name}`, () => {
    let t: TestApp;
    let token: string;
    let routes: Array<{ method: string; path: string }>;

    before(async () => {
      t = await startTestApp(backend);
      token = (await registerUser(t.app)).access;
      const doc = json(await t.app.inject('/schema/?format=json'));
      routes = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })),
      );
    });
    after(() => t.close());

    test('every route answers odd requests without a server error', async () => {
      const failures: string[] = [];
      let sent = 0;
      for (const route of routes) {
        const paths = route.path.includes('{')
          ? ODD_IDS.map((id) => route.path.replace(/\{[^}]+\}/g, id))
          : [route.path];
        for (const path of paths) {
          for (const headers of [{}, bearer(token), bearer('garbage.token.here')]) {
            const variants =
              route.method === 'GET' || route.method === 'DELETE'
                ? ODD_QUERIES.map((query) => ({ url: `${path}${query}`, body: undefined }))
                : ODD_BODIES.map((body) => ({ url: path, body }));
            for (const variant of variants) {
              const res = await t.app.inject({
                method: route.method as 'GET',
                url: variant.url,
                headers: { ...headers, ...(variant.body ? { 'content-type': variant.body.type } : {}) },
                ...(variant.body ? { payload: variant.body.payload } : {}),
              });
              sent += 1;
              if (res.statusCode >= 500 && res.statusCode !== 503) {
                failures.push(
                  `${route.method} ${variant.url} ${variant.body?.type ?? ''} → ${res.statusCode} ${res.body.slice(0, 200)}`,
                );
              } else if (res.statusCode >= 400) {
                assert.match(
                  String(res.headers['content-type']),
                  /problem\+json/,
                  `${route.method} ${variant.url}`,
                );
              }
            }
          }
        }
      }
      assert.deepEqual(failures, [], `${failures.length} of ${sent} requests got a server error`);
      assert.ok(sent > 1000, `sent ${sent}`);
    });

    test('a NUL character in any stored text is a 400 naming the field, and nothing is stored', async () => {
      const nul = 'A\u0000B';
      const user = await registerUser(t.app);
      const auth = bearer(user.access);
      const form = multipart({ ...VALID_QUESTIONNAIRE, industry: nul });
      const cases: Array<{
        method: 'POST' | 'PATCH';
        url: string;
        payload?: unknown;
        headers?: Record<string, string>;
        field: string;
      }> = [
        {
          method: 'POST',
          url: '/auth/registration/',
          payload: {
            username: 'nul1',
            email: 'nul1@example.com',
            password1: 'Blue-Harbor-42',
            password2: 'Blue-Harbor-42',
            first_name: nul,
          },
          field: 'first_name',
        },
        {
          method: 'POST',
          url: '/auth/login/',
          payload: { email: `${user.email}\u0000`, password: user.password },
          field: 'email',
        },
        {
          method: 'POST',
          url: '/auth/login/',
          payload: { email: user.email, password: `${user.password}\u0000` },
          field: 'password',
        },
        {
          method: 'PATCH',
          url: '/auth/user/',
          payload: { first_name: nul },
          headers: auth,
          field: 'first_name',
        },
        {
          method: 'POST',
          url: '/auth/password/reset/',
          payload: { email: `${user.email}\u0000` },
          field: 'email',
        },
        {
          method: 'POST',
          url: '/cv/questionnaire/',
          payload: { ...VALID_QUESTIONNAIRE, position: nul },
          headers: auth,
          field: 'position',
        },
        {
          method: 'POST',
          url: '/cv/questionnaire/',
          payload: form.payload,
          headers: { ...auth, ...form.headers },
          field: 'industry',
        },
      ];
      for (const c of cases) {
        const res = await t.app.inject({
          method: c.method,
          url: c.url,
          headers: c.headers ?? {},
          ...(c.payload === undefined ? {} : { payload: c.payload as string }),
        });
        assert.equal(
          res.statusCode,
          400,
          `${c.method} ${c.url} (${c.field}) → ${res.statusCode} ${res.body.slice(0, 200)}`,
        );
        const body = json(res);
        assert.ok(body.errors?.[c.field], `${c.method} ${c.url}: ${res.body}`);
      }
      const profile = json(await t.app.inject({ url: '/auth/user/', headers: auth }));
      assert.equal(profile.first_name, '');
      const list = json(await t.app.inject({ url: '/cv/questionnaire/', headers: auth }));
      assert.equal(list.count, 0);
    });

    test('a known path with another method answers 405 with Allow', async () => {
      const res = await t.app.inject({ method: 'DELETE', url: '/core/plans/' });
      assert.equal(res.statusCode, 405);
      assert.equal(res.headers.allow, 'GET, HEAD');
      assert.match(String(res.headers['content-type']), /problem\+json/);
      assert.equal(json(res).code, 'method_not_allowed');
      const withId = await t.app.inject({ method: 'PUT', url: '/cv/questionnaire/12/analysis/' });
      assert.equal(withId.statusCode, 405, withId.body);
      assert.match(String(withId.headers.allow), /GET/);
      const unknown = await t.app.inject({ method: 'DELETE', url: '/no/such/thing/' });
      assert.equal(unknown.statusCode, 404);
    });
  });
}
