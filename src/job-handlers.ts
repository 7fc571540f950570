// The handlers of the job catalogue, one per job, built from the adapters they use. The worker
// process and the embedded API both take them from here; the CV feature (src/cv/) registers its
// handlers in this map. startWorker refuses to start while a catalogue job is missing from it.
import type { AiProvider } from './ai/index.ts';
import { createCvAiProvider, createCvJobHandlers } from './cv/index.ts';
import type { JobHandlers } from './jobs/runtime.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/db/database.ts';
import { createEvents, type Events } from './platform/events.ts';
import type { Logger } from './platform/logger.ts';
import type { Queue } from './platform/queue/queue.ts';
import { createDatabaseStorage, type Storage } from './platform/storage.ts';
import { createCleanupHandler } from './retention/cleanup.handler.ts';

export interface JobHandlerDeps {
  database: Database;
  queue: Queue;
  logger: Logger;
  config: Config;
  /** Where job progress is published (app.events in the API process); else made from the config. */
  events?: Events;
  /** Defaults to the provider the config names (offline: the analysis module's improvement). */
  ai?: AiProvider;
  storage?: Storage;
  clock?: Clock;
}

export function createJobHandlers(deps: JobHandlerDeps): JobHandlers {
  const { database, logger, config } = deps;
  // A worker process lives as long as its events connection, so the one made here is not closed.
  const events = deps.events ?? createEvents({ config, database, logger });
  return {
    ...createCvJobHandlers({
      db: database.db,
      storage: deps.storage ?? createDatabaseStorage(database.db),
      events,
      ai: deps.ai ?? createCvAiProvider(config.ai),
      clock: deps.clock ?? systemClock,
      logger,
    }),
    cleanup: createCleanupHandler({ db: database.db, clock: deps.clock ?? systemClock, logger }),
  };
}
