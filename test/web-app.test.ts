// The web app as a person uses it: Debian's Chromium, driven by playwright-core, goes through the
// whole journey on the embedded defaults with the offline provider (sign up, confirm the email,
// upload a CV with a job, what was read and a correction, the match, the improvement streaming in
// and its report, an edit saved as a new version, a PDF downloaded, the history, the plan, the
// account and signing in again), and signing in with Google against the Google fake. Each step is
// photographed at desktop and phone width into test-artifacts/web/ and checked with axe-core.
// Without /usr/bin/chromium the browser suites are skipped (apt-get install chromium); the serving
// tests run either way.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../src/platform/config.ts';
import { WEB_DIST } from '../src/web/web-app.ts';
import { type GoogleFake, startGoogleFake } from './fakes/google-fake.ts';
import { json, registerUser, startTestApp, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';
import { startCvTestApp } from './helpers/cv-app.ts';
import { ROOT } from './helpers/process.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, 'test-artifacts/web');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const CV_DOCX = path.join(ROOT, 'test/fixtures/documents/cv.docx');
const CV_SCANNED = path.join(ROOT, 'test/fixtures/documents/scanned-no-text.pdf');
const CV_TEXT = readFileSync(path.join(ROOT, 'test/fixtures/documents/cv.txt'), 'utf8');
const BUILT = existsSync(path.join(WEB_DIST, 'index.html'));
const NOT_BUILT = 'web/dist is missing: run `npm run build:web` (npm ci runs it)';
const BROWSER_SKIP = !existsSync(CHROMIUM)
  ? `Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`
  : !BUILT
    ? NOT_BUILT
    : false;

describe('the emails link to the app', () => {
  test("FRONTEND_URL defaults to the service's own address", () => {
    assert.equal(loadConfig({}).frontendUrl, 'http://127.0.0.1:8000');
    assert.equal(loadConfig({ HOST: '0.0.0.0', PORT: '9000' }).frontendUrl, 'http://localhost:9000');
    assert.equal(loadConfig({ HOST: '::1' }).frontendUrl, 'http://[::1]:8000');
    assert.equal(loadConfig({ PUBLIC_URL: 'https://cv.example.com/' }).frontendUrl, 'https://cv.example.com');
    assert.equal(
      loadConfig({ PUBLIC_URL: 'https://cv.example.com', FRONTEND_URL: 'https://app.example.com' })
        .frontendUrl,
      'https://app.example.com',
    );
    // Stripe's return addresses are pages of the app too.
    assert.equal(loadConfig({}).stripe.cancelUrl, 'http://127.0.0.1:8000/payments/cancelled');
  });
});

describe('serving the web app', { skip: BUILT ? false : NOT_BUILT }, () => {
  let t: TestApp;
  before(async () => {
    t = await startCvTestApp(backends()[0]!);
  });
  after(async () => {
    await t?.close();
  });

  const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

  test('a browser gets the app at / and at its own pages, under a CSP without inline scripts', async () => {
    for (const url of [
      '/',
      '/history',
      '/applications/3/match',
      '/verify-email/abc',
      '/password-reset/confirm/1/x/',
      '/auth/google/callback?state=s&code=4%2F0Ac',
      '/auth/google/callback/',
    ]) {
      const res = await t.app.inject({ url, headers: html });
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-type']), /text\/html/, url);
      assert.match(res.body, /<div id="app"><\/div>/, url);
      assert.equal(res.headers['cache-control'], 'no-cache', url);
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'/, url);
      assert.doesNotMatch(csp, /unsafe-inline[^;]*;.*script-src|script-src[^;]*unsafe-inline/, url);
    }
    const page = await t.app.inject({ url: '/', headers: html });
    // Every script is a file of the app: none inline, none from elsewhere.
    const scripts = [...page.body.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length > 0);
    for (const [tag, body] of scripts) {
      assert.equal(body?.trim(), '', 'no inline script');
      assert.match(tag, /src="\/assets\//);
    }
    assert.doesNotMatch(page.body, /https?:\/\//, 'nothing loaded from another site');
  });

  test('assets are served compressed and kept by browsers; a missing one is a 404', async () => {
    const page = await t.app.inject({ url: '/', headers: html });
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    assert.ok(script);
    const res = await t.app.inject({ url: script, headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-encoding'], 'br');
    assert.match(String(res.headers['cache-control']), /immutable/);
    const missing = await t.app.inject({ url: '/assets/nope.js', headers: html });
    assert.equal(missing.statusCode, 404);
  });

  test('API clients are unaffected: JSON at /, problem documents for unknown paths, the docs at /docs/', async () => {
    const root = await t.app.inject({ url: '/', headers: { accept: 'application/json' } });
    assert.equal(root.statusCode, 302);
    assert.equal(root.headers.location, '/docs/');
    const curl = await t.app.inject({ url: '/', headers: { accept: '*/*' } });
    assert.equal(curl.statusCode, 302);
    const unknown = await t.app.inject({ url: '/no/such/route/', headers: { accept: 'application/json' } });
    assert.equal(unknown.statusCode, 404);
    assert.equal(json(unknown).code, 'not_found');
    assert.match(json(unknown).detail, /\/docs\//);
    // A browser opening an API path gets the API's answer, not the app.
    const api = await t.app.inject({ url: '/cv/questionnaire/', headers: html });
    assert.equal(api.statusCode, 401);
    // Only the Google callback page is the app's under /auth/; its neighbours stay the API's.
    const authUnknown = await t.app.inject({ url: '/auth/google/', headers: html });
    assert.equal(authUnknown.statusCode, 404);
    assert.match(String(authUnknown.headers['content-type']), /problem\+json/);
    const apiUnknown = await t.app.inject({ url: '/core/nothing/', headers: html });
    assert.equal(apiUnknown.statusCode, 404);
    assert.match(String(apiUnknown.headers['content-type']), /problem\+json/);
    const docs = await t.app.inject({ url: '/docs/', headers: html });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /<title>CV Improver API<\/title>/);
    const wrongMethod = await t.app.inject({ method: 'DELETE', url: '/core/plans/' });
    assert.equal(wrongMethod.statusCode, 405);
  });
});

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/**
 * A screenshot at desktop and at phone width (which must not scroll sideways), and the
 * accessibility check of the page: serious findings fail, the others are returned.
 */
async function capture(page: Page, file: string, name: string): Promise<AxeViolation[]> {
  const prefix = path.join(ARTIFACTS, file);
  await page.screenshot({ path: `${prefix}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: `${prefix}-375.png`, fullPage: true });
  // In the page (strings: this program has Node's types, not the browser's).
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  assert.ok(overflow <= 1, `${name}: the page is ${overflow}px wider than a 375px phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
  const violations = await page.evaluate<AxeViolation[]>(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
  );
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    serious.map(
      (v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
    [],
    `${name}: accessibility`,
  );
  return violations;
}

/** Script errors and CSP violations of a page, collected into `problems`. */
function watchProblems(page: Page, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Uncaught/i.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
}

describe('the web app in Chromium', { skip: BROWSER_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser | undefined;
  let page: Page;
  const problems: string[] = [];
  const axeFindings: string[] = [];
  let shot = 0;

  before(async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startCvTestApp(backends()[0]!);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    assert.ok(address && typeof address === 'object');
    base = `http://127.0.0.1:${address.port}`;
    const { chromium } = await import('playwright-core');
    // Debian's Chromium: never a browser downloaded by a package.
    browser = await chromium.launch({ executablePath: CHROMIUM });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    // axe-core enters every page through the browser's own channel (an init script), so the
    // page's CSP, which forbids inline scripts, stays as it is.
    await context.addInitScript({ path: AXE });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    watchProblems(page, problems);
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A screenshot at desktop and at phone width, and the accessibility check of the page. */
  async function step(name: string): Promise<void> {
    shot += 1;
    const violations = await capture(page, `${String(shot).padStart(2, '0')}-${name}`, name);
    for (const v of violations) axeFindings.push(`${name}: ${v.impact} ${v.id}`);
  }

  const main = () => page.getByRole('main');

  test('from sign-up to a downloaded PDF, then history, plan and account', async (ctx) => {
    const started = Date.now();
    const username = `ann${Date.now().toString(36)}`;
    const email = `${username}@example.com`;

    // Home, then sign up: a mistake first, shown as sentences next to the fields.
    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await step('home');
    await main().getByRole('link', { name: 'Sign up' }).click();
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('Blue-Harbor-42');
    await page.getByLabel('Password again').fill('Blue-Harbor-43');
    await page.getByRole('button', { name: 'Create my account' }).click();
    const fieldError = page.locator('.field-errors').first();
    await fieldError.waitFor();
    assert.match((await fieldError.textContent()) ?? '', /password/i);
    assert.doesNotMatch((await main().textContent()) ?? '', /[{}]/, 'no raw JSON on the page');
    await step('signup-error');
    await page.getByLabel('Password again').fill('Blue-Harbor-42');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.waitForURL(`${base}/applications/new`);

    // The confirmation email links to the app's own page.
    const mail = await t.mailer.waitFor((m) => m.to === email && /verify-email/.test(m.text));
    const link = /https?:\/\/\S+\/verify-email\/\S+/.exec(mail.text)?.[0];
    assert.ok(link, mail.text);
    await page.goto(`${base}${new URL(link).pathname}`);
    await page.getByText('Your email address is confirmed').waitFor();
    await step('email-confirmed');

    // A new application: the CV file and the job.
    await page.getByRole('link', { name: 'New application' }).first().click();
    await page.getByRole('heading', { name: 'New application' }).waitFor();
    await page.locator('#f-resume').setInputFiles(CV_DOCX);
    await page.getByText('cv.docx').waitFor();
    await page.getByLabel('Position').fill('Senior Backend Engineer');
    await page.getByLabel('Industry').fill('Software');
    await page.getByLabel('6 years or more').check();
    await page.getByLabel('Location (optional)').fill('Berlin');
    await page
      .getByLabel('Job description (optional)')
      .fill('Build APIs in TypeScript and PostgreSQL. Mentor engineers.\nRequirements: Node.js, Kubernetes.');
    await step('new-application');
    await page.getByRole('button', { name: 'Read my CV' }).click();
    await page.waitForURL(/\/applications\/\d+$/);

    // What was read, and a correction saved through PUT …/structure/.
    await main().getByRole('heading', { name: 'Zoë Müller-Łukasiewicz' }).waitFor();
    await main().getByText('Ångström Logistics').first().waitFor();
    await step('what-was-read');
    await page.getByRole('button', { name: 'Correct what was read' }).click();
    await page.getByLabel('Phone').fill('+48 12 345 67 89');
    await step('correcting');
    await page.getByRole('button', { name: 'Save the correction' }).click();
    await page.getByText('Saved. The match and the improvement use your correction').waitFor();
    await main().getByText('+48 12 345 67 89').waitFor();

    // The match.
    await page.getByRole('link', { name: 'See the match' }).click();
    await page.getByRole('heading', { name: 'What the job asks for' }).waitFor();
    await page.getByText('Add one of these only if it is true').waitFor();
    assert.match((await page.locator('.score-value').first().textContent()) ?? '', /^\d+/);
    await step('match');

    // The improvement: its text, then the report.
    await page.getByRole('link', { name: 'Improve my CV for this job' }).click();
    await page.getByRole('button', { name: 'Improve my CV' }).click();
    await page.getByText('Your improved CV is ready.').waitFor();
    assert.match((await page.locator('.live-text').textContent()) ?? '', /Zoë Müller-Łukasiewicz/);
    await step('improved');
    await page.getByRole('link', { name: 'See the report and download' }).click();
    await page.getByRole('heading', { name: 'Fact check' }).waitFor();
    await page.getByRole('heading', { name: 'Side by side' }).waitFor();
    await page.getByText('Before').first().waitFor();
    await step('report');

    // An edit, saved as version 2.
    await page.getByRole('link', { name: 'Edit the improved CV' }).click();
    const editor = page.getByLabel('Your CV (markdown)');
    const markdown = await editor.inputValue();
    assert.match(markdown, /^# Zoë Müller-Łukasiewicz/);
    await editor.fill(markdown.replace('## Skills', '## Technical skills'));
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    await step('edited');

    // A PDF of the edited version, downloaded through its signed link.
    await page.getByRole('link', { name: 'Download this version' }).click();
    await page.getByRole('heading', { name: 'Download' }).waitFor();
    await page.getByLabel('Modern (with a sidebar)').check();
    await page.getByRole('button', { name: 'Create the file' }).click();
    const downloadLink = page.getByRole('link', { name: 'Download the PDF' });
    await downloadLink.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), downloadLink.click()]);
    const file = await download.path();
    assert.equal(readFileSync(file).subarray(0, 5).toString('latin1'), '%PDF-');
    await step('download');

    // History: the application and its improvement; deleting it asks first.
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { name: 'Your applications' }).waitFor();
    await main().getByRole('link', { name: 'Senior Backend Engineer' }).waitFor();
    await main()
      .getByText(/match \d+ → \d+/)
      .first()
      .waitFor();
    await step('history');
    await page.getByRole('button', { name: 'Delete “Senior Backend Engineer”' }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.getByText('“Senior Backend Engineer” was deleted.').waitFor();

    // A reload keeps the session: the access token was only in memory, the refresh token brings
    // a new one.
    await page.reload();
    await page.getByRole('heading', { name: 'Your applications' }).waitFor();
    const stored = await page.evaluate<string[]>('Object.keys(localStorage).sort()');
    assert.deepEqual(stored, ['cvimprover.refresh'], 'only the refresh token is stored');

    // A scanned CV cannot be read: the page says so and what to do, and pasted text saves the day.
    await page.getByRole('link', { name: 'New application' }).first().click();
    await page.locator('#f-resume').setInputFiles(CV_SCANNED);
    await page.getByLabel('Position').fill('Platform Engineer');
    await page.getByLabel('Industry').fill('Logistics');
    await page.getByLabel('3–5 years').check();
    await page.getByRole('button', { name: 'Read my CV' }).click();
    await page.getByText('Your CV could not be read.').waitFor();
    await page.getByRole('heading', { name: 'What you can do' }).waitFor();
    await step('reading-failed');
    await page.getByLabel('Paste the text').check();
    await page.getByLabel('The text of your CV').fill(CV_TEXT);
    await page.getByRole('button', { name: 'Read this CV' }).click();
    await main().getByRole('heading', { name: 'Zoë Müller-Łukasiewicz' }).waitFor();

    // Plan and usage; billing is off on the embedded defaults, which the page says.
    await page.getByRole('link', { name: 'Plan and usage' }).click();
    await page.getByRole('heading', { name: 'Your usage' }).waitFor();
    await page.getByText('Improvements today').waitFor();
    await page.getByRole('button', { name: 'Upgrade to Basic, monthly' }).click();
    await page.getByText('Billing is off on this server').waitFor();
    await step('plan');
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('heading', { name: 'Tarif und Nutzung' }).waitFor();
    await page.waitForFunction("document.documentElement.lang === 'de'");
    await step('plan-german');
    await page.getByLabel('Sprache').selectOption('en');

    // Account: a new password, signing out, and in again with it.
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByLabel('Current password').fill('Blue-Harbor-42');
    await page.getByLabel('New password').fill('Green-Meadow-77');
    await page.getByLabel('Password again').fill('Green-Meadow-77');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByText('Your new password is saved.').waitFor();
    await step('account');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/signin`);
    await page.getByLabel('Email address or username').fill(email);
    await page.getByLabel('Password').fill('Blue-Harbor-42');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Unable to log in').waitFor();
    await step('signin-error');
    await page.getByLabel('Password').fill('Green-Meadow-77');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/history`);
    await main().getByRole('link', { name: 'Platform Engineer' }).waitFor();

    assert.deepEqual(problems, [], 'no script errors and no CSP violations');
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const minor = axeFindings.length === 0 ? 'none' : axeFindings.join('; ');
    ctx.diagnostic(`journey ${seconds}s, ${shot} steps; minor accessibility findings: ${minor}`);
  });
});

describe('signing in with Google in Chromium', { skip: BROWSER_SKIP }, () => {
  let google: GoogleFake;
  let t: TestApp;
  let base: string;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const axeFindings: string[] = [];

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    google = await startGoogleFake();
    t = await startTestApp(backends()[0]!, {
      env: {
        GOOGLE_CLIENT_ID: google.clientId,
        GOOGLE_CLIENT_SECRET: google.clientSecret,
        GOOGLE_JWKS_URL: google.jwksUrl,
        GOOGLE_TOKEN_URL: google.tokenUrl,
        GOOGLE_AUTH_URL: google.authorizationUrl,
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
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await t?.close();
    await google?.close();
  });

  /** A fresh browser profile: nobody signed in, nothing stored. */
  async function freshPage(): Promise<Page> {
    assert.ok(browser);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    contexts.push(context);
    await context.addInitScript({ path: AXE });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    watchProblems(page, problems);
    return page;
  }

  async function step(page: Page, name: string): Promise<void> {
    const violations = await capture(page, `google-${name}`, name);
    for (const v of violations) axeFindings.push(`${name}: ${v.impact} ${v.id}`);
  }

  test('"Continue with Google" goes to Google and back, and the person is signed in', async (ctx) => {
    const page = await freshPage();
    google.consent.claims = { sub: 'sub-browser', email: 'zoe.browser@gmail.com', email_verified: true };
    await page.goto(`${base}/signup`);
    await page.getByRole('button', { name: 'Continue with Google' }).waitFor();
    await step(page, 'signup');
    await page.goto(`${base}/signin`);
    const button = page.getByRole('button', { name: 'Continue with Google' });
    await button.waitFor();
    await step(page, 'signin');

    const started = Date.now();
    await button.click();
    await page.waitForURL(`${base}/history`);
    await page.getByRole('heading', { name: 'Your applications' }).waitFor();
    await page.getByRole('link', { name: 'Account' }).waitFor();
    const elapsed = Date.now() - started;

    // What the browser asked Google for: the code flow with PKCE, back to the app's own page.
    const asked = google.requests.findLast((r) => r.path === '/o/oauth2/v2/auth');
    assert.ok(asked);
    assert.deepEqual(
      { ...asked.form, state: 'checked below', code_challenge: 'checked below' },
      {
        client_id: google.clientId,
        redirect_uri: `${base}/auth/google/callback`,
        response_type: 'code',
        scope: 'openid email profile',
        state: 'checked below',
        code_challenge: 'checked below',
        code_challenge_method: 'S256',
      },
    );
    assert.match(asked.form.state ?? '', /^[\w-]{43}$/);
    assert.match(asked.form.code_challenge ?? '', /^[\w-]{43}$/);
    const exchanged = google.requests.findLast((r) => r.path === '/token');
    assert.equal(exchanged?.form.redirect_uri, `${base}/auth/google/callback`);
    assert.match(exchanged?.form.code_verifier ?? '', /^[\w-]{43}$/);

    // Signed in the way a password sign-in is: the refresh token kept, the PKCE memory gone.
    assert.deepEqual(await page.evaluate<string[]>('Object.keys(localStorage)'), ['cvimprover.refresh']);
    assert.deepEqual(await page.evaluate<string[]>('Object.keys(sessionStorage)'), []);
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByText('zoe.browser@gmail.com').waitFor();
    await step(page, 'signed-in');

    assert.deepEqual(problems, [], 'no script errors and no CSP violations');
    ctx.diagnostic(`from the click to the signed-in history page: ${elapsed} ms`);
  });

  test('declining, a forged return and an API refusal are sentences with the way back', async (ctx) => {
    const page = await freshPage();
    google.consent.deny = true;
    try {
      await page.goto(`${base}/signin`);
      await page.getByRole('button', { name: 'Continue with Google' }).click();
      await page.getByText('You did not allow CV Improver to use your Google account').waitFor();
      await page.getByRole('heading', { name: 'Signing in with Google did not work' }).waitFor();
      assert.equal(new URL(page.url()).search, '', 'the answer is not left in the address bar');
      await step(page, 'declined');
    } finally {
      google.consent.deny = false;
    }
    await page.getByRole('link', { name: 'Back to sign in' }).click();
    await page.waitForURL(`${base}/signin`);

    // A return this tab did not start (a forged or replayed link): refused before the API is asked.
    const exchanges = google.requests.filter((r) => r.path === '/token').length;
    await page.goto(`${base}/auth/google/callback?state=forged&code=4%2F0Aforged`);
    await page.getByText('This sign-in was not started in this browser tab').waitFor();
    assert.equal(google.requests.filter((r) => r.path === '/token').length, exchanges);

    // The API refuses: an account has this address, and Google has not verified it.
    const existing = await registerUser(t.app);
    google.consent.claims = { sub: 'sub-unverified', email: existing.email, email_verified: false };
    await page.goto(`${base}/signin`);
    await page.getByRole('button', { name: 'Continue with Google' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /not verified/);
    assert.doesNotMatch((await alert.textContent()) ?? '', /[{}]/, 'no raw JSON');
    await step(page, 'refused');

    // Google unreachable at the exchange: the API's 503 sentence.
    google.consent.claims = {};
    google.failures.token = 'error';
    try {
      await page.goto(`${base}/signin`);
      await page.getByRole('button', { name: 'Continue with Google' }).click();
      await page.getByText('Google sign-in is unavailable right now').waitFor();
    } finally {
      google.failures.token = null;
    }

    // German.
    await page.goto(`${base}/signin`);
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('button', { name: 'Weiter mit Google' }).waitFor();
    await page.getByText('oder', { exact: true }).waitFor();
    await step(page, 'signin-german');

    assert.deepEqual(problems, [], 'no script errors and no CSP violations');
    ctx.diagnostic(
      `minor accessibility findings: ${axeFindings.length === 0 ? 'none' : axeFindings.join('; ')}`,
    );
  });

  test('without Google configured there is no button', async () => {
    const plain = await startTestApp(backends()[0]!);
    try {
      await plain.app.listen({ port: 0, host: '127.0.0.1' });
      const address = plain.app.server.address();
      assert.ok(address && typeof address === 'object');
      const page = await freshPage();
      const settings = page.waitForResponse((r) => r.url().endsWith('/auth/social/google/'));
      await page.goto(`http://127.0.0.1:${address.port}/signin`);
      assert.equal((await (await settings).json()).enabled, false);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Continue with Google' }).count(), 0);
    } finally {
      await plain.close();
    }
  });
});
