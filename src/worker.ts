// The background worker process: queue consumers only, no HTTP. Run as many as wanted in server
// mode (`npm run worker`), on any machine that reaches the database (and Redis for BullMQ); in
// embedded mode the API process runs the consumers itself. SIGTERM/SIGINT: stop taking jobs, let
// running ones finish for the queue's grace period, close. A second signal exits at once.
import { speedUpModuleLoading } from './platform/fast-start.ts';

// Before the rest is loaded, so that it applies to them (see fast-start.ts): hence `import()`.
speedUpModuleLoading();
const [
  { createJobHandlers },
  { startWorker, WorkerConfigError },
  { jobDurationMetric, registerQueueMetrics },
  { openDatabase },
  { serveMetrics },
  { createMetrics, registerProcessMetrics },
  { createLogger },
  { EXIT_CONFIG, exitOnSignals, exitOnStartFailure, loadConfigOrExit },
  { createQueue },
  { warmUpInBackground },
] = await Promise.all([
  import('./job-handlers.ts'),
  import('./jobs/runtime.ts'),
  import('./jobs/metrics.ts'),
  import('./platform/db/database.ts'),
  import('./platform/http/metrics-server.ts'),
  import('./platform/metrics.ts'),
  import('./platform/logger.ts'),
  import('./platform/process.ts'),
  import('./queue.ts'),
  import('./warm-up.ts'),
]);

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, undefined, config.logFormat);
  if (config.db.kind === 'pglite') {
    process.stderr.write(
      'The worker runs as a separate process only with PostgreSQL (DATABASE_URL). ' +
        'In embedded mode `npm start` already runs the worker inside the API process.\n',
    );
    process.exit(EXIT_CONFIG);
  }
  // Migrations are the API's (or `cvimprover migrate`'s) to apply: several workers starting at
  // once would race on them. pg-boss installs its own schema under an advisory lock.
  const database = await openDatabase(config.db);
  await database.ping();
  const queue = await createQueue({ config, database, logger });
  const metrics = createMetrics();
  registerQueueMetrics(metrics, queue);
  registerProcessMetrics(metrics);
  let metricsServer: Awaited<ReturnType<typeof serveMetrics>> | undefined;

  exitOnSignals(logger, 'worker', async () => {
    await metricsServer?.close();
    await queue.stop();
    await database.close();
  });

  try {
    const handlers = createJobHandlers({ database, queue, logger, config });
    await startWorker({
      queue,
      handlers,
      logger,
      concurrency: config.queue.concurrency,
      onJobDone: jobDurationMetric(metrics),
    });
    const { enabled, token, workerPort } = config.metrics;
    if (enabled && workerPort !== undefined) {
      metricsServer = await serveMetrics({
        metrics,
        host: config.host,
        port: workerPort,
        token,
        logger,
      }).catch((error: NodeJS.ErrnoException) => {
        // Two workers on one host with the same port, most often: say which setting to change.
        throw new WorkerConfigError(
          `The worker cannot serve its metrics on ${config.host}:${workerPort} (${error.code ?? error.message}): ` +
            'set WORKER_METRICS_PORT to a free port, or to 0 for any free port (it is logged).',
        );
      });
      logger.info({ metrics: `${metricsServer.address}/metrics` }, 'worker metrics served');
    }
    warmUpInBackground(logger, { extraction: true, rendering: false });
  } catch (error) {
    await metricsServer?.close().catch(() => {});
    await queue.stop().catch(() => {});
    await database.close().catch(() => {});
    if (error instanceof WorkerConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    throw error;
  }
}

main().catch(exitOnStartFailure('The worker'));
