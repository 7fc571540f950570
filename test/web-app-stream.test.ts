// The improvement arriving live in the browser: the app on a model (the OpenAI-compatible test fake,
// spoken to by the real SDK) that holds back the second half of its answer until the test lets it
// go, and Debian's Chromium showing the first half while it waits.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { WEB_DIST } from '../src/web/web-app.ts';
import { createGate, type OpenAiFake, startOpenAiFake } from './fakes/openai-fake.ts';
import { bearer, json, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';
import {
  eventually,
  multipart,
  registerPremiumUser,
  startCvTestApp,
  VALID_QUESTIONNAIRE,
} from './helpers/cv-app.ts';
import { ROOT } from './helpers/process.ts';

const CHROMIUM = '/usr/bin/chromium';
const SKIP = !existsSync(CHROMIUM)
  ? `${CHROMIUM} is missing: apt-get install chromium`
  : !existsSync(path.join(WEB_DIST, 'index.html'))
    ? 'web/dist is missing: run `npm run build:web`'
    : false;
const API_KEY = 'sk-web-stream-0123456789';
// Faithful to cv.docx, so the fact guard and the preservation check ask nothing more of the model.
const FIRST =
  '# Zoë Müller-Łukasiewicz\n\nSenior Backend Engineer · Kraków, Poland · [email]\n\n## Experience\n\n';
const SECOND =
  '### Staff Engineer — Ångström Logistics\n\n- Led the migration of the order service to PostgreSQL 15.\n- Worked with Øyvind Hansen and Ştefan Popescu on fraud detection.\n\n## Skills\n\nTypeScript, Node.js, Go, PostgreSQL\n';

describe('the improvement streaming into the web app', { skip: SKIP }, () => {
  let fake: OpenAiFake;
  let t: TestApp;
  let browser: Browser | undefined;
  let base: string;

  before(async () => {
    fake = await startOpenAiFake({ apiKey: API_KEY });
    t = await startCvTestApp(backends()[0]!, {
      env: {
        AI_PROVIDER: 'openai-compatible',
        AI_BASE_URL: `${fake.url}/v1`,
        AI_MODEL: 'web-stream-model',
        AI_API_KEY: API_KEY,
      },
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    assert.ok(address && typeof address === 'object');
    base = `http://127.0.0.1:${address.port}`;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM });
  });

  after(async () => {
    await browser?.close();
    await t?.close();
    await fake?.close();
  });

  test('the first words show while the model still writes; the rest follows, then the report', async () => {
    const person = await registerPremiumUser(t);
    const upload = multipart(VALID_QUESTIONNAIRE, {
      filename: 'cv.docx',
      data: readFileSync(path.join(ROOT, 'test/fixtures/documents/cv.docx')),
    });
    const created = await t.app.inject({
      method: 'POST',
      url: '/cv/questionnaire/',
      headers: { ...bearer(person.access), ...upload.headers },
      payload: upload.payload,
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = json(created).id as number;
    await eventually(
      async () =>
        json(
          await t.app.inject({
            method: 'GET',
            url: `/cv/questionnaire/${id}/`,
            headers: bearer(person.access),
          }),
        ),
      (q) => q.resume_status === 'ready',
      { what: 'the CV to be read' },
    );

    const gate = createGate();
    fake.script({ kind: 'text', chunks: [FIRST, SECOND], gate: gate.promise });
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    // Signed in as the app keeps a session across visits: the refresh token alone.
    await context.addInitScript(
      (refresh) => localStorage.setItem('cvimprover.refresh', refresh),
      person.refresh,
    );
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    try {
      await page.goto(`${base}/applications/${id}/improve`);
      await page.getByRole('button', { name: 'Improve my CV' }).click();
      const live = page.locator('.live-text');
      await live.getByText('Senior Backend Engineer').waitFor();
      const partial = (await live.textContent()) ?? '';
      assert.match(partial, /Zoë Müller-Łukasiewicz/);
      assert.doesNotMatch(partial, /Ångström Logistics/, 'the second half is still with the model');
      assert.doesNotMatch(partial, /\[email\]/, 'the address comes back in place of its placeholder');
      gate.open();
      await page.getByText('Your improved CV is ready.').waitFor();
      assert.match((await live.textContent()) ?? '', /Ångström Logistics[\s\S]*PostgreSQL 15/);
      assert.equal(fake.requests.length, 1, 'one model call: nothing invented, nothing lost');
    } finally {
      await context.close();
    }
  });
});
