import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProgress } from './progress.ts';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

test('a terminal gets one status line rewritten in place, with a bar for counts', () => {
  const out = stream(true);
  const progress = createProgress(out);
  progress.step('Opening the embedded database in ./data…');
  progress.count('users', 1, 2);
  progress.count('users', 2, 2);
  const text = out.written.join('');
  assert.match(text, /\r\x1b\[2KOpening the embedded database/);
  assert.match(text, /users +\[#{15}-{15}\] 1\/2/);
  assert.match(text, /users +\[#{30}\] 2\/2\n$/, 'a finished count ends its line');
  progress.step('Applying migrations…');
  progress.clear();
  assert.equal(out.written.at(-1), '\r\x1b[2K', 'the status line is wiped before the result');
});

test('a pipe or a log gets each step once, as a line, and no bars', () => {
  const out = stream(false);
  const progress = createProgress(out);
  progress.step('Connecting to PostgreSQL…');
  for (let i = 1; i <= 50; i++) progress.count('users', i, 50);
  progress.clear();
  assert.deepEqual(out.written, ['Connecting to PostgreSQL…\n']);
});
