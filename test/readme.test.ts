// The README's first-CV journey, run as written: its shell block is taken from README.md and run
// with bash and curl against a started service on the Free plan with every request limit on. A
// changed route, field or answer breaks this test instead of the newcomer; so does a limit that an
// ordinary session meets.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { bearer, json, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';
import { startCvTestApp } from './helpers/cv-app.ts';
import { ROOT } from './helpers/process.ts';

const JOURNEY_HEADING = '## A first CV, from sign-up to the improved PDF';

/** The first ```sh block after the journey's heading. */
function journeyScript(readme: string): string {
  const section = readme.slice(readme.indexOf(JOURNEY_HEADING));
  const match = /```sh\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error('the README has no shell block under its journey heading');
  return match[1];
}

/** Runs a bash script; every curl call's HTTP status is appended to `codesFile`. */
async function runBash(script: string, cwd: string, codesFile: string, timeoutMs: number) {
  // curl writes each answer's status to stderr (-w %{stderr}), which goes to the codes file.
  const wrapped = `set -eu\ncurl() { command curl -w '%{stderr}%{http_code}\\n' "$@" 2>>"${codesFile}"; }\n${script}`;
  const child = spawn('bash', ['-c', wrapped], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { code, output };
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

for (const backend of backends()) {
  describe(`README journey (${backend.name})`, () => {
    let t: TestApp;
    let base: string;
    let dir: string;
    before(async () => {
      t = await startCvTestApp(backend, { env: { RATE_LIMITS_ENABLED: 'true' } });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const address = t.app.server.address();
      assert.ok(address && typeof address === 'object');
      base = `http://127.0.0.1:${address.port}`;
      // The journey runs "at the project folder": its CV path is relative, its PDF lands in cwd.
      dir = mkdtempSync(path.join(tmpdir(), 'cvi-readme-'));
      symlinkSync(path.join(ROOT, 'test'), path.join(dir, 'test'));
    });
    after(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('copied from top to bottom, it ends with an improved PDF on disk, without a 429', async () => {
      const script = journeyScript(readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
      assert.match(script, /^API=http:\/\/127\.0\.0\.1:8000$/m, 'the journey starts by naming the service');
      const codesFile = path.join(dir, 'codes');
      const { code, output } = await runBash(
        script.replace(/^API=.*$/m, `API=${base}`),
        dir,
        codesFile,
        120_000,
      );
      assert.equal(code, 0, output);
      const codes = readFileSync(codesFile, 'utf8').trim().split('\n');
      assert.ok(codes.length >= 10, `the journey made ${codes.length} requests`);
      assert.deepEqual(
        codes.filter((c) => !/^2\d\d$/.test(c)),
        [],
        `every answer is a success: ${codes.join(' ')}\n${output}`,
      );
      const pdf = readFileSync(path.join(dir, 'improved-cv.pdf'));
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      assert.ok(pdf.length > 2000, 'a real PDF, not an error body');

      // The same minute, what a browser app adds on top (page loads, a status poll, the lists),
      // still within the Free plan's limits; the journey's own progress requests were not charged.
      const login = json(
        await t.app.inject({
          method: 'POST',
          url: '/auth/login/',
          payload: { email: 'ann@example.com', password: 'Blue-Harbor-42' },
        }),
      );
      const headers = bearer(login.access);
      for (const url of ['/auth/user/', '/core/plans/', '/cv/questionnaire/', '/cv/ai-responses/']) {
        const res = await t.app.inject({ url, headers });
        assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      }
      const status = json(await t.app.inject({ url: '/core/rate-limits/status/', headers }));
      assert.equal(status.rate_limits.questionnaires.used, 1);
      // Calibration (README, "Plans, limits and billing"): the busiest minute of an ordinary session
      // uses at most half of the Free plan's minute, leaving room for reloads and retries.
      const { burst } = status.rate_limits;
      assert.ok(burst.used <= burst.limit / 2, JSON.stringify(burst));
    });
  });
}
