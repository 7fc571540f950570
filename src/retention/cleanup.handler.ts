// The daily cleanup job (scheduled when CLEANUP_DAYS is set). Idempotent: a second run finds
// nothing left to remove.
import type { cleanupJob } from '../jobs/catalog.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import type { Logger } from '../platform/logger.ts';
import type { JobHandler, JobPayload } from '../platform/queue/queue.ts';
import { runCleanup } from './cleanup.service.ts';

export function createCleanupHandler(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
}): JobHandler<JobPayload<typeof cleanupJob>> {
  return async ({ payload }) => {
    const summary = await runCleanup(deps.db, {
      days: payload.days,
      dryRun: false,
      files: true,
      now: deps.clock.now(),
    });
    deps.logger.info({ ...summary, days: payload.days }, 'cleanup finished');
  };
}
