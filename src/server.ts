// Starts the API. SIGTERM/SIGINT: stop accepting connections, let running requests finish, close
// the database. A second signal exits at once.
import { speedUpModuleLoading } from './platform/fast-start.ts';

// Before the rest is loaded, so that it applies to them (see fast-start.ts): hence `import()`.
speedUpModuleLoading();
const [
  { buildApp },
  { createJobHandlers },
  { startWorker, WorkerConfigError },
  { jobDurationMetric },
  { DatabaseLockedError },
  { createLogger },
  { EXIT_CONFIG, exitOnSignals, exitOnStartFailure, loadConfigOrExit },
  { preloadConfiguredClients, warmUpInBackground, warmUpOnFirstUse },
] = await Promise.all([
  import('./app.ts'),
  import('./job-handlers.ts'),
  import('./jobs/runtime.ts'),
  import('./jobs/metrics.ts'),
  import('./platform/db/database.ts'),
  import('./platform/logger.ts'),
  import('./platform/process.ts'),
  import('./warm-up.ts'),
]);

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, undefined, config.logFormat);
  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    app = await buildApp({ config, logger });
  } catch (error) {
    if (error instanceof DatabaseLockedError) {
      logger.fatal(error.message);
      process.stderr.write(`${error.message}\n`);
      process.exit(75);
    }
    throw error;
  }

  // Embedded mode is one process, so it runs the job consumers too; server mode can opt in for a
  // single-process setup. app.close() stops them with the queue.
  const runsWorker = config.db.kind === 'pglite' || config.queue.runWorkerInProcess;
  if (runsWorker) {
    try {
      // The app's own event bus and AI provider: the SSE routes and the handlers share them.
      const handlers = createJobHandlers({
        database: app.database,
        queue: app.queue,
        logger,
        config,
        events: app.events,
        ai: app.ai,
      });
      await startWorker({
        queue: app.queue,
        handlers,
        logger,
        concurrency: config.queue.concurrency,
        // The worker runs in this process: its jobs' durations join this process's metrics.
        onJobDone: jobDurationMetric(app.metrics),
      });
    } catch (error) {
      await app.close().catch(() => {});
      if (error instanceof WorkerConfigError) {
        logger.fatal(error.message);
        process.stderr.write(`${error.message}\n`);
        process.exit(EXIT_CONFIG);
      }
      throw error;
    }
  }

  exitOnSignals(logger, 'server', () => app.close());

  // The API renders PDFs itself; it reads uploads only when it runs the worker too. Alone, it
  // warms up when first used rather than at start (see warm-up.ts: memory at idle); running jobs
  // too, it will read and render from the first job on.
  const warmUpParts = { extraction: runsWorker, rendering: true };
  if (!runsWorker) warmUpOnFirstUse(app, logger, warmUpParts);
  const address = await app.listen({ host: config.host, port: config.port });
  if (runsWorker) warmUpInBackground(logger, warmUpParts);
  preloadConfiguredClients(logger, config);
  const mode =
    config.db.kind === 'pglite' ? `embedded (PGlite in ${config.db.dataDir})` : 'server (PostgreSQL)';
  logger.info(
    { address, mode, startupMs: Math.round(performance.now() - startedAt) },
    `CV Improver listening on ${address} — open ${address}/ in a browser; API docs at ${address}/docs/`,
  );
}

main().catch(exitOnStartFailure('CV Improver'));
