// The handlers of the job catalogue, one per job, built from the adapters they use. The worker
// process and the embedded API both take them from here; the CV feature (src/cv/) registers its
// handlers in this map. startWorker refuses to start while a catalogue job is missing from it.
import type { Config } from '../platform/config.ts';
import type { Database } from '../platform/db/database.ts';
import type { Logger } from '../platform/logger.ts';
import type { Queue } from '../platform/queue/queue.ts';
import type { JobHandlers } from './runtime.ts';

export interface JobHandlerDeps {
  database: Database;
  queue: Queue;
  logger: Logger;
  config: Config;
}

export function createJobHandlers(_deps: JobHandlerDeps): JobHandlers {
  return {};
}
