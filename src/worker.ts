// The background worker process: queue consumers only, no HTTP. Run as many as wanted in server
// mode (`npm run worker`); in embedded mode the API process runs the consumers itself.
import { ConfigError, loadConfig } from './platform/config.ts';
import { openDatabase } from './platform/db/database.ts';
import { createLogger } from './platform/logger.ts';

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
  const database = await openDatabase(config.db);
  await database.ping();
  logger.info('worker started; waiting for jobs');
  const stop = async (signal: string) => {
    logger.info({ signal }, 'worker stopping');
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  process.stderr.write(`worker could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
