// The background worker process: queue consumers only, no HTTP. Run as many as wanted in server
// mode (`npm run worker`), on any machine that reaches the database (and Redis for BullMQ); in
// embedded mode the API process runs the consumers itself. SIGTERM/SIGINT: stop taking jobs, let
// running ones finish for the queue's grace period, close. A second signal exits at once.
import { createJobHandlers } from './jobs/handlers.ts';
import { startWorker, WorkerConfigError } from './jobs/runtime.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { openDatabase } from './platform/db/database.ts';
import { createLogger } from './platform/logger.ts';
import { createQueue } from './platform/queue/create-queue.ts';

const SHUTDOWN_GRACE_MS = 15_000;

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  if (config.db.kind === 'pglite') {
    process.stderr.write(
      'The worker runs as a separate process only with PostgreSQL (DATABASE_URL). ' +
        'In embedded mode `npm start` already runs the worker inside the API process.\n',
    );
    process.exit(78);
  }
  // Migrations are the API's (or `cvimprover migrate`'s) to apply: several workers starting at
  // once would race on them. pg-boss installs its own schema under an advisory lock.
  const database = await openDatabase(config.db);
  await database.ping();
  const queue = createQueue({ config, database, logger });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'worker stopping: finishing running jobs');
    const force = setTimeout(() => {
      logger.error('worker shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    queue
      .stop()
      .then(() => database.close())
      .then(
        () => {
          logger.info('worker stopped');
          process.exit(0);
        },
        (error) => {
          logger.error({ err: error }, 'error while stopping the worker');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  try {
    const handlers = createJobHandlers({ database, queue, logger, config });
    await startWorker({ queue, handlers, logger, concurrency: config.queue.concurrency });
  } catch (error) {
    await queue.stop().catch(() => {});
    await database.close().catch(() => {});
    if (error instanceof WorkerConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

main().catch((error) => {
  process.stderr.write(
    `worker could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
