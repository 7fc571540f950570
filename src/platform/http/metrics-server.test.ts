import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from '../logger.ts';
import { createMetrics, registerProcessMetrics } from '../metrics.ts';
import { serveMetrics } from './metrics-server.ts';

test("a worker's metrics listener: GET /metrics only, behind the token, closed at once", async () => {
  const metrics = createMetrics();
  registerProcessMetrics(metrics);
  metrics.counter('worker_things_total', 'Things').inc({ kind: 'a' });
  const server = await serveMetrics({
    metrics,
    host: '127.0.0.1',
    port: 0,
    token: 'metrics-token-0123456789',
    logger: createLogger('silent'),
  });
  try {
    const url = `${server.address}/metrics`;
    const without = await fetch(url);
    assert.equal(without.status, 401);
    assert.equal(without.headers.get('www-authenticate'), 'Bearer');
    const wrong = await fetch(url, { headers: { authorization: 'Bearer metrics-token-x' } });
    assert.equal(wrong.status, 401);
    const right = await fetch(url, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
    assert.equal(right.status, 200);
    assert.match(String(right.headers.get('content-type')), /^text\/plain; version=0\.0\.4/);
    const text = await right.text();
    assert.match(text, /^worker_things_total\{kind="a"\} 1$/m);
    assert.match(text, /^process_resident_memory_bytes \d+$/m);
    assert.match(text, /^# TYPE process_cpu_seconds_total counter$/m);
    assert.equal((await fetch(`${server.address}/other`)).status, 404);
    assert.equal((await fetch(url, { method: 'POST' })).status, 404);
  } finally {
    await server.close();
  }
});
