// What the CV feature contributes to `GET /metrics`: tokens per AI provider and model, how long
// improvements take, and the event streams open in this process. The totals come from the
// database, so every API process reports the figures of the whole service.
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import type { Metrics } from '../platform/metrics.ts';
import { recentDurations, usageTotals } from './ai-response.repository.ts';

export function registerCvMetrics(metrics: Metrics, deps: { db: Db; clock: Clock }): void {
  metrics.collected(
    'cvimprover_ai_tokens_total',
    'Tokens sent to and received from AI models, by provider, model and kind (prompt, completion)',
    async () =>
      (await usageTotals(deps.db)).flatMap((u) => [
        [{ provider: u.provider, model: u.model, kind: 'prompt' }, u.prompt] as [
          Record<string, string>,
          number,
        ],
        [{ provider: u.provider, model: u.model, kind: 'completion' }, u.completion] as [
          Record<string, string>,
          number,
        ],
      ]),
    'counter',
  );
  metrics.collected(
    'cvimprover_improvement_duration_seconds',
    'From the start of an improve-cv job to its stored answer, at the quantile labelled, over the improvements finished in the last hour (count: how many)',
    async () => {
      const d = await recentDurations(deps.db, new Date(deps.clock.now().getTime() - 3_600_000));
      const samples: Array<[Record<string, string>, number]> = [[{ quantile: 'count' }, d.count]];
      for (const [quantile, value] of [
        ['0.5', d.p50],
        ['0.9', d.p90],
        ['0.99', d.p99],
      ] as const) {
        if (value !== null) samples.push([{ quantile }, value]);
      }
      return samples;
    },
  );
}
