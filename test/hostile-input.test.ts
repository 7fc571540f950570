// No 500 for anything a client can send: every documented route gets malformed bodies, wrong
// types, odd path parameters and odd query strings, with and without a token, and must answer
// with a 4xx (or a success) and a problem document, never a server error.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, json, registerUser, startTestApp, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';

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
  });
}
