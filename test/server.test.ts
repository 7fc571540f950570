// The server as a user starts it: `node src/server.ts` on the embedded defaults, in a data folder.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { ROOT, run, startProcess } from './helpers/process.ts';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'cvi-server-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

async function startServer() {
  const server = startProcess('src/server.ts', [], { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' });
  const line = await server.waitFor(/CV Improver listening/, 60_000);
  const address = JSON.parse(line).address as string;
  return { server, address };
}

describe('server process (embedded mode)', () => {
  test('starts, answers, refuses a second process on the same folder, stops on SIGTERM, keeps data', async () => {
    const { server, address } = await startServer();
    try {
      const health = await fetch(`${address}/core/health/`);
      assert.equal(health.status, 200);

      const second = await run('src/server.ts', [], { DATA_DIR: dataDir, PORT: '0' });
      assert.equal(second.code, 75);
      assert.match(second.output, /in use by another CV Improver process/);

      const register = await fetch(`${address}/auth/registration/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username: 'persist',
          email: 'persist@example.com',
          password1: 'Blue-Harbor-42',
          password2: 'Blue-Harbor-42',
        }),
      });
      assert.equal(register.status, 201);
      const logs = server.output();
      assert.doesNotMatch(logs, /Blue-Harbor-42/, 'passwords never reach the log');
      assert.doesNotMatch(
        logs,
        new RegExp(((await register.json()) as { access: string }).access.slice(-20)),
        'tokens never reach the log',
      );
    } finally {
      server.child.kill('SIGTERM');
    }
    const { code } = await server.exit;
    assert.equal(code, 0);
    assert.equal(existsSync(path.join(dataDir, 'cvimprover.lock')), false, 'lock released');

    const again = await startServer();
    try {
      const login = await fetch(`${again.address}/auth/login/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'persist', password: 'Blue-Harbor-42' }),
      });
      assert.equal(login.status, 200, 'the account survived the restart');
    } finally {
      again.server.child.kill('SIGTERM');
      await again.server.exit;
    }
  });

  test('`npm start` stops, server and all, when npm gets SIGTERM', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'cvi-npm-start-'));
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATA_DIR: folder, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = once(npm, 'exit');
    let serverPid = 0;
    try {
      const deadline = Date.now() + 60_000;
      while (!/CV Improver listening/.test(output) && Date.now() < deadline && npm.exitCode === null)
        await new Promise((resolve) => setTimeout(resolve, 100));
      const line = output.split('\n').find((l) => /CV Improver listening/.test(l));
      assert.ok(line, `the server did not start:\n${output}`);
      serverPid = JSON.parse(line).pid;
      npm.kill('SIGTERM');
      await exited;
      const stopped = Date.now() + 10_000;
      while (isAlive(serverPid) && Date.now() < stopped)
        await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(isAlive(serverPid), false, 'the server process stopped with npm');
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
      if (serverPid && isAlive(serverPid)) process.kill(serverPid, 'SIGKILL');
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('refuses bad configuration, naming every bad variable', async () => {
    const result = await run('src/server.ts', [], {
      DATA_DIR: dataDir,
      PORT: 'eighty',
      EMAIL_VERIFICATION: 'sometimes',
      JWT_SECRET: 'short',
    });
    assert.equal(result.code, 78);
    assert.match(result.output, /PORT: must be a whole number/);
    assert.match(result.output, /EMAIL_VERIFICATION/);
    assert.match(result.output, /JWT_SECRET: must be at least 32 characters/);
    assert.doesNotMatch(result.output, /short/, 'secret values are not echoed');
  });
});
