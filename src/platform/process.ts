// What the API and worker processes share about being a process: reading the config or exiting
// with a readable list of what is wrong, and stopping cleanly on SIGTERM/SIGINT.
import { type Config, ConfigError, loadConfig } from './config.ts';
import type { Logger } from './logger.ts';

/** Exit code for bad configuration (EX_CONFIG), so supervisors do not restart in a loop. */
export const EXIT_CONFIG = 78;

export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable and its default.\n`);
      process.exit(EXIT_CONFIG);
    }
    throw error;
  }
}

/**
 * On the first SIGTERM/SIGINT runs `close` (which lets running work finish) and exits 0, or 1 if it
 * fails or takes longer than `graceMs`. A second signal exits at once.
 */
export function exitOnSignals(
  logger: Logger,
  what: string,
  close: () => Promise<void>,
  graceMs = 15_000,
): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, `${what} stopping: finishing running work`);
    const force = setTimeout(() => {
      logger.error(`${what} took too long to stop; exiting`);
      process.exit(1);
    }, graceMs);
    force.unref();
    close().then(
      () => {
        logger.info(`${what} stopped`);
        process.exit(0);
      },
      (error) => {
        logger.error({ err: error }, `error while stopping the ${what}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** Prints why the process could not start and exits 1 (used as main().catch). */
export function exitOnStartFailure(what: string) {
  return (error: unknown) => {
    process.stderr.write(
      `${what} could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  };
}
