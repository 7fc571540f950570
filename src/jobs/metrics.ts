// What the job runtime contributes to the metrics: how many jobs wait and run per kind (every
// process that holds a queue can tell), and how long each attempt took in the process that ran it
// (the API in embedded mode, each worker in server mode: Prometheus adds them up per instance).
import type { Metrics } from '../platform/metrics.ts';
import type { Queue } from '../platform/queue/queue.ts';
import type { JobOutcome } from './runtime.ts';

export function registerQueueMetrics(metrics: Metrics, queue: Queue): void {
  metrics.collected('cvimprover_queue_jobs', 'Jobs waiting and running, by job kind', async () =>
    (await queue.depth()).flatMap(
      (d): Array<[Record<string, string>, number]> => [
        [{ job: d.job, state: 'waiting' }, d.waiting],
        [{ job: d.job, state: 'active' }, d.active],
      ],
    ),
  );
}

/** The histogram of job attempts; pass the result as `startWorker`'s `onJobDone`. */
export function jobDurationMetric(
  metrics: Metrics,
): (job: string, seconds: number, outcome: JobOutcome) => void {
  const durations = metrics.histogram(
    'cvimprover_job_duration_seconds',
    'Attempts of background jobs run in this process, by job kind and outcome (completed, retrying, failed)',
  );
  return (job, seconds, outcome) => durations.observe({ job, outcome }, seconds);
}
