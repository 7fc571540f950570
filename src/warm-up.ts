// The first PDF read, PDF render and analysis in a process pay a one-time cost (loading pdf.js,
// fonts, compiled patterns) of 100–500 ms. Paid here, at start-up and in the background, the first
// user does not pay it.
import { warmUpAnalysis } from './analysis/index.ts';
import { warmUpExtraction, warmUpRendering } from './documents/index.ts';
import type { Logger } from './platform/logger.ts';

export function warmUpInBackground(logger: Logger, parts: { extraction: boolean; rendering: boolean }): void {
  const startedAt = performance.now();
  const tasks: Array<Promise<unknown>> = [Promise.resolve().then(() => warmUpAnalysis())];
  if (parts.extraction) tasks.push(warmUpExtraction());
  if (parts.rendering) tasks.push(warmUpRendering());
  Promise.allSettled(tasks).then((results) => {
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length > 0) {
      logger.warn(
        { errors: failed.map((r) => String((r as PromiseRejectedResult).reason)) },
        'warm-up failed',
      );
    } else {
      logger.debug({ ms: Math.round(performance.now() - startedAt) }, 'warm-up done');
    }
  });
}
