// The first PDF read, PDF render and analysis in a process pay a one-time cost (loading pdf.js,
// fonts, compiled patterns) of 100–500 ms. Paid here, at start-up and in the background, the first
// user does not pay it. It begins a moment after the process listens and yields between its
// parts, so that the first requests (a health check, a page load) are not held behind it.
import { warmUpAnalysis } from './analysis/index.ts';
import { warmUpExtraction, warmUpRendering } from './documents/index.ts';
import type { Logger } from './platform/logger.ts';

const START_AFTER_MS = 250;

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

export function warmUpInBackground(logger: Logger, parts: { extraction: boolean; rendering: boolean }): void {
  const tasks: Array<() => unknown> = [() => warmUpAnalysis()];
  if (parts.extraction) tasks.push(() => warmUpExtraction());
  if (parts.rendering) tasks.push(() => warmUpRendering());
  const timer = setTimeout(async () => {
    const startedAt = performance.now();
    const errors: string[] = [];
    for (const task of tasks) {
      await yieldToRequests();
      try {
        await task();
      } catch (error) {
        errors.push(String(error));
      }
    }
    if (errors.length > 0) logger.warn({ errors }, 'warm-up failed');
    else logger.debug({ ms: Math.round(performance.now() - startedAt) }, 'warm-up done');
  }, START_AFTER_MS);
  // A process that is asked to stop at once does not wait for it.
  timer.unref();
}
