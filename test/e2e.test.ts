// The whole product as a person uses it, over real HTTP against real processes: upload a CV, ask
// for an improvement, watch it stream, download the PDF. Once on the embedded defaults (one
// process, PGlite, the offline provider) and once in server mode (PostgreSQL, BullMQ on Redis,
// the API and two separate worker processes, a loopback model server).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { EXIT_CONFIG } from '../src/platform/process.ts';
import { createGate, startOpenAiFake } from './fakes/openai-fake.ts';
import { createScratchPostgresDatabase, POSTGRES_URL } from './helpers/backends.ts';
import { ROOT, type Started, startProcess } from './helpers/process.ts';
import { deleteRedisKeys } from './helpers/redis.ts';
import { sseReader } from './helpers/sse-client.ts';

const REDIS_URL = process.env.TEST_REDIS_URL;
const CV_PDF = readFileSync(path.join(ROOT, 'test/fixtures/documents/cv-libreoffice.pdf'));
const started = new Set<Started>();

after(async () => {
  for (const child of started) {
    if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGKILL');
  }
});

function launch(script: string, env: Record<string, string>): Started {
  const child = startProcess(script, [], { LOG_LEVEL: 'info', ...env });
  started.add(child);
  return child;
}

async function stop(child: Started): Promise<number | null> {
  child.child.kill('SIGTERM');
  const { code } = await child.exit;
  started.delete(child);
  return code;
}

async function startApi(env: Record<string, string>): Promise<{ api: Started; base: string }> {
  const api = launch('src/server.ts', { PORT: '0', ...env });
  const line = await api.waitFor(/CV Improver listening/, 60_000);
  return { api, base: JSON.parse(line).address as string };
}

/** A person's session against a running API. */
function client(base: string) {
  let token = '';
  const request = async (
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const init: RequestInit = {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    return fetch(`${base}${url}`, init);
  };
  return {
    request,
    async signUp() {
      const username = `e2e${Date.now().toString(36)}`;
      const res = await request('POST', '/auth/registration/', {
        username,
        email: `${username}@example.com`,
        password1: 'Blue-Harbor-42',
        password2: 'Blue-Harbor-42',
      });
      assert.equal(res.status, 201, await res.clone().text());
      token = ((await res.json()) as { access: string }).access;
    },
    async uploadCv(): Promise<number> {
      const form = new FormData();
      form.set('position', 'Senior Backend Engineer');
      form.set('industry', 'Software');
      form.set('experience_level', '6+');
      form.set('company_size', 'medium');
      form.set('application_timeline', '1-3 months');
      form.set('job_description', 'Required: TypeScript, Node.js, PostgreSQL. Nice to have: Kubernetes.');
      form.set('resume', new Blob([CV_PDF], { type: 'application/pdf' }), 'my cv.pdf');
      const res = await request('POST', '/cv/questionnaire/', form);
      assert.equal(res.status, 201, await res.clone().text());
      const { id } = (await res.json()) as { id: number };
      // One request that waits for the CV to be read, instead of polling.
      const ready = (await (
        await request('GET', `/cv/questionnaire/${id}/`, undefined, { prefer: 'wait=60' })
      ).json()) as Record<string, any>;
      assert.equal(ready.resume_status, 'ready', JSON.stringify(ready));
      assert.ok(ready.resume_text_chars > 200);
      return id;
    },
    async askForImprovement(questionnaire: number): Promise<number> {
      const res = await request('POST', '/cv/ai-responses/', {
        questionnaire,
        prompt: 'Tailor my CV to this backend role; keep every fact true.',
      });
      assert.equal(res.status, 202, await res.clone().text());
      assert.ok(res.headers.get('location'));
      return ((await res.json()) as { id: number }).id;
    },
    async downloadPdf(id: number): Promise<Buffer> {
      const res = await request('POST', `/cv/ai-responses/${id}/generate-pdf/`);
      assert.equal(res.status, 200, await res.clone().text());
      const { pdf_url } = (await res.json()) as { pdf_url: string };
      const file = await request('GET', new URL(pdf_url, base).pathname);
      assert.equal(file.status, 200);
      assert.equal(file.headers.get('content-type'), 'application/pdf');
      // Another person (no token) cannot fetch it.
      assert.equal((await fetch(new URL(pdf_url, base))).status, 401);
      return Buffer.from(await file.arrayBuffer());
    },
  };
}

describe('end to end on the embedded defaults', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cvi-e2e-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('upload a CV, improve it offline, watch it finish, download the PDF', async () => {
    const { api, base } = await startApi({ DATA_DIR: dataDir });
    try {
      const person = client(base);
      await person.signUp();
      const questionnaire = await person.uploadCv();
      const id = await person.askForImprovement(questionnaire);
      const events = await person.request('GET', `/cv/ai-responses/${id}/events/`);
      assert.equal(events.status, 200);
      const frames = await sseReader(events).rest();
      const last = frames.at(-1);
      assert.equal(last?.event, 'done', JSON.stringify(frames.slice(-3)));
      assert.equal(last?.data.status, 'succeeded');
      const body = (await (await person.request('GET', `/cv/ai-responses/${id}/`)).json()) as Record<
        string,
        any
      >;
      assert.equal(body.provider, 'offline');
      // The CV alone; that no model was used is said in the report, not printed in the CV.
      assert.doesNotMatch(body.response_text, /AI model/i);
      assert.match(body.report.provenance.note, /No AI model was used/);
      const pdf = await person.downloadPdf(id);
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    } finally {
      assert.equal(await stop(api), 0);
    }
  });
});

describe('end to end in server mode: PostgreSQL, BullMQ on Redis, API and two worker processes', {
  skip: POSTGRES_URL && REDIS_URL ? false : 'TEST_DATABASE_URL and TEST_REDIS_URL are needed',
}, () => {
  test('the answer streams from a worker process to the person as the model writes it', async () => {
    const scratch = await createScratchPostgresDatabase();
    const fake = await startOpenAiFake();
    const runId = Date.now().toString(36);
    const env = {
      DATABASE_URL: scratch.url,
      REDIS_URL: REDIS_URL ?? '',
      QUEUE_DRIVER: 'bullmq',
      // Each run has a new database whose first user is id 1 again, while counters and jobs live
      // in the shared Redis: prefixes of its own keep runs apart.
      RATE_LIMIT_KEY_PREFIX: `e2e-${runId}`,
      BULLMQ_PREFIX: `e2e-queue-${runId}`,
      AI_PROVIDER: 'openai-compatible',
      AI_BASE_URL: `${fake.url}/v1`,
      AI_MODEL: 'e2e-model',
      AI_API_KEY: 'sk-e2e-0123456789',
    };
    const { api, base } = await startApi(env);
    // Each worker serves its own metrics on a port of its own choosing.
    const workerEnv = { ...env, WORKER_METRICS_PORT: '0' };
    const workers = [launch('src/worker.ts', workerEnv), launch('src/worker.ts', workerEnv)];
    try {
      await Promise.all(workers.map((w) => w.waitFor(/worker consuming jobs/, 60_000)));
      const metricsUrls = await Promise.all(
        workers.map(
          async (w) => JSON.parse(await w.waitFor(/worker metrics served/, 10_000)).metrics as string,
        ),
      );
      // A third worker asked for a port already taken says which setting to change, and stops.
      const taken = new URL(metricsUrls[0]!).port;
      const clash = launch('src/worker.ts', { ...env, WORKER_METRICS_PORT: taken });
      const { code } = await clash.exit;
      started.delete(clash);
      assert.equal(code, EXIT_CONFIG, clash.output());
      assert.match(
        clash.output(),
        new RegExp(`cannot serve its metrics on .*:${taken}.*WORKER_METRICS_PORT`),
      );
      const person = client(base);
      await person.signUp();
      const questionnaire = await person.uploadCv();

      const gate = createGate();
      // Faithful to the CV (the fact guard would send an invented claim back to the model).
      // Faithful and whole: an item of the CV left out would be asked back just the same.
      const improved = [
        '# Zoë Müller-Łukasiewicz\n\nSenior Backend Engineer · Kraków, Poland · [email]\n\n',
        '## Experience\n\n### Staff Engineer, Ångström Logistics\n\n',
        '- Led the migration of the order service to PostgreSQL 15.\n- Worked with Øyvind Hansen and Ştefan Popescu on fraud detection.\n\n## Skills\n\nTypeScript, Node.js, Go, PostgreSQL\n',
      ];
      fake.script({ kind: 'text', chunks: improved, gate: gate.promise });
      const id = await person.askForImprovement(questionnaire);
      const sse = sseReader(await person.request('GET', `/cv/ai-responses/${id}/events/`));
      let frame = await sse.next();
      while (frame && frame.event !== 'delta') frame = await sse.next();
      // The first words arrived while the model still holds back the rest.
      assert.equal(frame?.data.text, improved[0]!.replace('[email]', 'zoe@example.com'));
      gate.open();
      const rest = await sse.rest();
      assert.equal(rest.at(-1)?.event, 'done');
      const body = (await (await person.request('GET', `/cv/ai-responses/${id}/`)).json()) as Record<
        string,
        any
      >;
      assert.equal(body.status, 'succeeded');
      assert.match(
        body.response_text,
        /Led the migration of the order service to PostgreSQL 15/,
        JSON.stringify(body.report?.fact_guard ?? body),
      );
      assert.equal(body.model, 'e2e-model');
      // The model saw the CV as data, without the contact details it does not need.
      const sent = JSON.stringify(fake.requests[0]?.body);
      assert.match(sent, /<cv>/);
      assert.doesNotMatch(sent, /@example\.com/);
      // Exactly one of the two workers ran the job.
      const ran = workers.filter((w) => /job finished.*improve-cv|improve-cv.*job finished/.test(w.output()));
      assert.equal(ran.length, 1);
      // The worker that ran it counts the attempt in its own metrics; the other counts none.
      const attempts = await Promise.all(
        metricsUrls.map(async (url) => {
          const text = await (await fetch(url)).text();
          assert.match(text, /^process_resident_memory_bytes \d+$/m);
          assert.match(text, /^cvimprover_queue_jobs\{job="improve-cv",state="waiting"\} \d+$/m);
          const m =
            /^cvimprover_job_duration_seconds_count\{job="improve-cv",outcome="completed"\} (\d+)$/m.exec(
              text,
            );
          return Number(m?.[1] ?? 0);
        }),
      );
      assert.deepEqual(attempts.sort(), [0, 1]);

      const pdf = await person.downloadPdf(id);
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    } finally {
      for (const worker of workers) assert.equal(await stop(worker), 0, worker.output());
      assert.equal(await stop(api), 0);
      await fake.close();
      await scratch.drop();
      await deleteRedisKeys(REDIS_URL ?? '', `e2e-queue-${runId}`);
    }
  });
});
