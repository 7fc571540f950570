import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createLogger } from './logger.ts';

function capture(isTTY: boolean) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  Object.assign(stream, { isTTY });
  return { stream, text: () => lines.join('') };
}

test('auto: readable lines on a terminal, JSON lines elsewhere; secrets redacted in both', () => {
  const terminal = capture(true);
  createLogger('info', terminal.stream, 'auto').info({ password: 'Blue-Harbor-42', user: 7 }, 'signed in');
  const shown = terminal.text().replace(/\x1b\[\d+m/g, ''); // colours are escape sequences
  assert.match(shown, /INFO.*signed in/);
  assert.match(shown, /user: 7/);
  assert.doesNotMatch(shown, /Blue-Harbor-42/);
  assert.throws(() => JSON.parse(shown), 'a terminal gets no JSON');

  const pipe = capture(false);
  createLogger('info', pipe.stream, 'auto').info({ password: 'Blue-Harbor-42', user: 7 }, 'signed in');
  const entry = JSON.parse(pipe.text());
  assert.equal(entry.msg, 'signed in');
  assert.equal(entry.password, '[redacted]');
});

test('json and pretty are kept whatever the output is', () => {
  const terminal = capture(true);
  createLogger('info', terminal.stream, 'json').warn('slow query');
  assert.equal(JSON.parse(terminal.text()).msg, 'slow query');

  const pipe = capture(false);
  createLogger('info', pipe.stream, 'pretty').warn('slow query');
  assert.match(pipe.text(), /WARN.*slow query/);
});
