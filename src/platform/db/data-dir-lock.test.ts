import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { acquireLock, DatabaseLockedError, processStartTime } from './data-dir-lock.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'cvi-lock-'));
const file = path.join(dir, 'cvimprover.lock');
after(() => rmSync(dir, { recursive: true, force: true }));

/** A live process that is not CV Improver, stopped by the test that starts it. */
async function withOtherProcess(use: (pid: number) => void | Promise<void>): Promise<void> {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  try {
    await once(child, 'spawn');
    await use(child.pid ?? 0);
  } finally {
    child.kill('SIGKILL');
  }
}

test('the lock names its owner with its start time and is released', () => {
  const release = acquireLock(file, dir);
  const [pid, startedAt] = readFileSync(file, 'utf8').split(' ');
  assert.equal(Number(pid), process.pid);
  assert.equal(startedAt, processStartTime(process.pid) ?? undefined);
  release();
  assert.equal(existsSync(file), false);
});

test('a lock held by a running owner refuses, naming its pid', async () => {
  await withOtherProcess((pid) => {
    writeFileSync(file, `${pid} ${processStartTime(pid) ?? ''}`);
    assert.throws(
      () => acquireLock(file, dir),
      (error: unknown) => error instanceof DatabaseLockedError && error.message.includes(String(pid)),
    );
  });
  rmSync(file, { force: true });
});

test('a stale lock whose pid now belongs to another program is taken over', async (t) => {
  if (processStartTime(process.pid) === null) return t.skip('no /proc here');
  await withOtherProcess((pid) => {
    // The pid of a live process, but not the process that wrote the lock (another start time).
    writeFileSync(file, `${pid} 1`);
    acquireLock(file, dir)();
    // An old-style lock (pid only) naming a live program that is not Node.
    writeFileSync(file, String(pid));
    acquireLock(file, dir)();
  });
  // A pid that runs no process at all.
  writeFileSync(file, '999999999');
  acquireLock(file, dir)();
});
