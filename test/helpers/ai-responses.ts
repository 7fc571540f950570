// What the /cv/ai-responses/ suites share: an app whose AI provider is the real OpenAI SDK against
// the loopback fake, listening on a port for Server-Sent Events, two users on the Premium plan and a
// questionnaire of the first one's with its CV read; the answers the fake gives; and the calls the
// tests make.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { type OpenAiFake, reply, startOpenAiFake } from '../fakes/openai-fake.ts';
import { bearer, json, type TestApp } from './app.ts';
import type { Backend } from './backends.ts';
import { eventually, multipart, registerPremiumUser, startCvTestApp, VALID_QUESTIONNAIRE } from './cv-app.ts';

export const cvText = readFileSync(new URL('../fixtures/documents/cv.txt', import.meta.url));
export const encryptedPdf = readFileSync(new URL('../fixtures/documents/encrypted.pdf', import.meta.url));
export const PROMPT = 'Make my CV fit this backend role better, please.';
// A faithful answer: every job, degree, contact detail and bullet of cv.txt, laid out anew.
export const IMPROVED = [
  '# Zoë Müller-Łukasiewicz\n\nSenior Backend Engineer · Kraków, Poland · zoe@example.com\n\n',
  '## Experience\n\n### Staff Engineer — Ångström Logistics (2021–present)\n\n- Led the migration of the order service to PostgreSQL 15, cutting p99 latency by 40 %.\n- Mentored four engineers; introduced contract tests for 12 public endpoints.\n\n',
  '### Software Engineer — Dvořák Payments (2017–2021)\n\n- Built the card-settlement pipeline processing 2 million transactions a day.\n- Worked with Øyvind Hansen and Ştefan Popescu on fraud detection rules.\n\n## Education\n\nM.Sc. Computer Science, AGH University of Science and Technology, 2017\n\n## Skills\n\nTypeScript, Node.js, Go, PostgreSQL, Redis, Kubernetes, AWS\n',
];
// A model answer that gives the CV an employer (and dates) it never had.
export const INVENTED = [
  ...IMPROVED.slice(0, 2),
  '### Senior Engineer — Initech GmbH (2015–2017)\n\n- Built billing systems\n\n',
  IMPROVED[2]!,
];
export const FACT_FIX_MARKER = '<invented_facts>';

export const call = (
  app: TestApp,
  method: string,
  url: string,
  token: string | null,
  payload?: unknown,
  headers = {},
) =>
  app.app.inject({
    method: method as 'GET',
    url,
    headers: { ...(token ? bearer(token) : {}), ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

export async function questionnaireWithCv(app: TestApp, token: string, file = cvText, filename = 'cv.txt') {
  const body = multipart(VALID_QUESTIONNAIRE, { filename, data: file });
  const res = await app.app.inject({
    method: 'POST',
    url: '/cv/questionnaire/',
    headers: { ...bearer(token), ...body.headers },
    payload: body.payload,
  });
  assert.equal(res.statusCode, 201, res.body);
  const id = json(res).id as number;
  await eventually(
    async () => json(await call(app, 'GET', `/cv/questionnaire/${id}/`, token)),
    (q) => q.resume_status !== 'processing',
    { what: 'the CV to be read' },
  );
  return id;
}

export interface AiResponsesSuite {
  fake: OpenAiFake;
  t: TestApp;
  /** Where the app listens, for requests a browser makes over real HTTP (Server-Sent Events). */
  baseUrl: string;
  alice: { access: string; user: Record<string, any> };
  bob: { access: string };
  /** Alice's questionnaire, its CV already read. */
  questionnaireId: number;
  close(): Promise<void>;
}

export async function startAiResponsesSuite(backend: Backend): Promise<AiResponsesSuite> {
  const fake = await startOpenAiFake({
    defaultReply: reply.text(...IMPROVED),
    apiKey: 'sk-test-0123456789abcdef',
  });
  const t = await startCvTestApp(backend, {
    env: {
      AI_PROVIDER: 'openai',
      AI_API_KEY: 'sk-test-0123456789abcdef',
      AI_BASE_URL: `${fake.url}/v1`,
      AI_MODEL: 'gpt-4o-mini',
      AI_TIMEOUT_MS: '20000',
    },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  assert.ok(address && typeof address === 'object');
  const alice = await registerPremiumUser(t);
  const bob = await registerPremiumUser(t);
  return {
    fake,
    t,
    baseUrl: `http://127.0.0.1:${address.port}`,
    alice,
    bob,
    questionnaireId: await questionnaireWithCv(t, alice.access),
    async close() {
      await t.close();
      await fake.close();
    },
  };
}

/**
 * Calls that wait on the suite's fake and app. The suite is read at each call, because a suite
 * starts in `before`, after its tests have been declared.
 */
export function aiResponseCalls(suite: () => AiResponsesSuite) {
  /** The provider request at this index, once it has arrived. */
  const requestAt = (index: number) =>
    eventually(
      async () => suite().fake.requests[index],
      (r) => r !== undefined,
      { what: `provider request #${index}` },
    ) as Promise<NonNullable<OpenAiFake['requests'][number]>>;

  const finished = (app: TestApp, id: number, token = suite().alice.access) =>
    eventually(
      async () => json(await call(app, 'GET', `/cv/ai-responses/${id}/`, token)),
      (r) => ['succeeded', 'failed', 'canceled'].includes(r.status),
      { what: `AI response ${id} to finish` },
    );

  return { requestAt, finished };
}
