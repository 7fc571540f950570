import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createLogger, requestLogger } from './logger.ts';

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

test("a request's logger writes the request id on each line, as a child would, and redacts as the parent", () => {
  const out = capture(false);
  const parent = createLogger('info', out.stream, 'json');
  const log = requestLogger(parent, { reqId: 'r-1' });
  log.info({ password: 'Blue-Harbor-42', route: '/auth/login/' }, 'request');
  log.warn('plain %s', 'message');
  log.error(new Error('boom'));
  log.debug('below the level: not written');
  log.child({ job: 'x' }).info('from a child');
  const [first, second, third, fourth, ...more] = out
    .text()
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(more.length, 0);
  assert.deepEqual(
    [first.reqId, first.route, first.password, first.msg],
    ['r-1', '/auth/login/', '[redacted]', 'request'],
  );
  assert.deepEqual([second.reqId, second.msg], ['r-1', 'plain message']);
  assert.deepEqual([third.reqId, third.msg, third.err.message], ['r-1', 'boom', 'boom']);
  assert.deepEqual([fourth.reqId, fourth.job, fourth.msg], ['r-1', 'x', 'from a child']);
  assert.equal(log.level, 'info');
  assert.equal(log.isLevelEnabled('debug'), false);
});
