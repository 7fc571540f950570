import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMetrics } from './metrics.ts';

describe('metrics', () => {
  it('renders counters, histograms and collected values in the Prometheus text format', async () => {
    const metrics = createMetrics();
    const hits = metrics.counter('app_hits_total', 'Hits');
    hits.inc({ route: '/a/:id' });
    hits.inc({ route: '/a/:id' }, 2);
    hits.inc({ route: 'say "hi"\n' });
    const latency = metrics.histogram('app_seconds', 'Latency', [0.1, 1]);
    latency.observe({ route: '/a' }, 0.05);
    latency.observe({ route: '/a' }, 0.5);
    latency.observe({ route: '/a' }, 5);
    metrics.collected('app_depth', 'Depth', () => [[{ job: 'x' }, 4]]);
    metrics.collected('app_broken', 'Down', () => {
      throw new Error('database down');
    });
    const text = await metrics.render();
    assert.match(text, /^# HELP app_hits_total Hits\n# TYPE app_hits_total counter\n/);
    assert.match(text, /^app_hits_total\{route="\/a\/:id"\} 3$/m);
    assert.match(text, /^app_hits_total\{route="say \\"hi\\"\\n"\} 1$/m);
    assert.match(text, /^app_seconds_bucket\{route="\/a",le="0.1"\} 1$/m);
    assert.match(text, /^app_seconds_bucket\{route="\/a",le="1"\} 2$/m);
    assert.match(text, /^app_seconds_bucket\{route="\/a",le="\+Inf"\} 3$/m);
    assert.match(text, /^app_seconds_sum\{route="\/a"\} 5.55$/m);
    assert.match(text, /^app_seconds_count\{route="\/a"\} 3$/m);
    assert.match(text, /^app_depth\{job="x"\} 4$/m);
    assert.match(text, /^# TYPE app_broken gauge$/m, 'a failing source leaves its samples out, not the page');
    assert.throws(() => metrics.counter('app_hits_total', 'again'), /registered twice/);
  });
});
