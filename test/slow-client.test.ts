// A client that sends its request slowly, or not HTTP at all, is answered with a problem document
// and its socket closed: nobody holds a connection open by trickling a body.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';

/** Sends `head`, then one byte of body every 200 ms, and resolves with all the server answered. */
function trickle(port: number, head: string, maxMs: number): Promise<{ answer: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let answer = '';
    const drip = setInterval(() => socket.writable && socket.write('a'), 200);
    const deadline = setTimeout(() => {
      socket.destroy();
      reject(new Error(`still open after ${maxMs} ms`));
    }, maxMs);
    socket.on('connect', () => socket.write(head));
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(drip);
      clearTimeout(deadline);
      resolve({ answer, ms: Date.now() - started });
    });
  });
}

const [embedded] = backends();

describe('slow and broken clients', () => {
  let t: TestApp;
  let port: number;

  before(async () => {
    t = await startTestApp(embedded!, { env: { REQUEST_TIMEOUT_MS: '800' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as { port: number }).port;
  });
  after(() => t.close());

  test('a body sent a byte at a time is cut off with 408 and a problem document', async () => {
    const { answer, ms } = await trickle(
      port,
      'POST /auth/login/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
      10_000,
    );
    assert.match(answer, /^HTTP\/1\.1 408 /);
    assert.match(answer, /content-type: application\/problem\+json/i);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    assert.equal(body.status, 408);
    assert.equal(body.code, 'request_timeout');
    assert.ok(ms < 5_000, `closed after ${ms} ms`);
  });

  test('bytes that are not HTTP get a 400 problem document', async () => {
    const { answer } = await trickle(port, 'HELLO THERE\r\n\r\n', 10_000);
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.equal(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).code, 'bad_request');
  });
});
