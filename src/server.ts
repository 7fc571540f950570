// Starts the API. SIGTERM/SIGINT: stop accepting connections, let running requests finish, close
// the database. A second signal exits at once.
import { buildApp } from './app.ts';
import { createJobHandlers } from './jobs/handlers.ts';
import { startWorker, WorkerConfigError } from './jobs/runtime.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { DatabaseLockedError } from './platform/db/database.ts';
import { createLogger } from './platform/logger.ts';

const SHUTDOWN_GRACE_MS = 15_000;

async function main(): Promise<void> {
  const startedAt = performance.now();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable and its default.\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
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
  if (config.db.kind === 'pglite' || config.queue.runWorkerInProcess) {
    try {
      const handlers = createJobHandlers({ database: app.database, queue: app.queue, logger, config });
      await startWorker({ queue: app.queue, handlers, logger, concurrency: config.queue.concurrency });
    } catch (error) {
      await app.close().catch(() => {});
      if (error instanceof WorkerConfigError) {
        logger.fatal(error.message);
        process.stderr.write(`${error.message}\n`);
        process.exit(78);
      }
      throw error;
    }
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing running requests');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    app.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  const address = await app.listen({ host: config.host, port: config.port });
  const mode =
    config.db.kind === 'pglite' ? `embedded (PGlite in ${config.db.dataDir})` : 'server (PostgreSQL)';
  logger.info(
    { address, mode, startupMs: Math.round(performance.now() - startedAt) },
    `CV Improver listening on ${address} — API docs at ${address}/`,
  );
}

main().catch((error) => {
  process.stderr.write(
    `CV Improver could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
