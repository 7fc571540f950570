// Removes what the service no longer needs: AI responses older than N days, stored documents that
// nothing refers to (old responses' PDFs become such orphans too), quota events too old to count
// in any window, and expired address blocks. Used by `cvimprover cleanup` and the daily job.
import type { Db } from '../platform/db/database.ts';
import * as repo from './cleanup.repository.ts';

const DAY_MS = 24 * 3600_000;

export interface CleanupOptions {
  days: number;
  /** Count only; change nothing. */
  dryRun: boolean;
  /** Also remove orphaned documents (stored files). */
  files: boolean;
  now: Date;
  /** Called after each batch: what is being removed, how many so far, of how many. */
  onProgress?: (what: string, done: number, total: number) => void;
  batchSize?: number;
}

export interface CleanupPlan {
  aiResponses: number;
  documents: number;
  documentBytes: number;
  quotaEvents: number;
}

export interface CleanupSummary extends CleanupPlan {
  dryRun: boolean;
  expiredBlocks: number;
}

/** Orphans younger than this are left alone: their questionnaire may not have committed yet. */
const ORPHAN_GRACE_MS = 3600_000;
/** Quota events are counted over a day at most; two days keeps a margin. */
const QUOTA_EVENTS_KEEP_MS = 2 * DAY_MS;

function* batches<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export async function planCleanup(db: Db, options: Omit<CleanupOptions, 'dryRun'>): Promise<CleanupPlan> {
  const before = new Date(options.now.getTime() - options.days * DAY_MS);
  const responses = await repo.findOldAiResponseIds(db, before);
  // Deleting the old responses orphans their PDFs; a dry run cannot see that, so it counts
  // today's orphans only (the summary says so).
  const orphans = options.files
    ? await repo.findOrphanedDocuments(db, new Date(options.now.getTime() - ORPHAN_GRACE_MS))
    : [];
  return {
    aiResponses: responses.length,
    documents: orphans.length,
    documentBytes: orphans.reduce((sum, d) => sum + d.sizeBytes, 0),
    quotaEvents: await repo.purgeOldUnits(db, new Date(options.now.getTime() - QUOTA_EVENTS_KEEP_MS), true),
  };
}

export async function runCleanup(db: Db, options: CleanupOptions): Promise<CleanupSummary> {
  if (options.dryRun) return { ...(await planCleanup(db, options)), dryRun: true, expiredBlocks: 0 };
  const size = options.batchSize ?? 500;
  const before = new Date(options.now.getTime() - options.days * DAY_MS);

  const responseIds = await repo.findOldAiResponseIds(db, before);
  let aiResponses = 0;
  for (const batch of batches(responseIds, size)) {
    aiResponses += await repo.deleteAiResponses(db, batch);
    options.onProgress?.('AI responses', aiResponses, responseIds.length);
  }

  let documents = 0;
  let documentBytes = 0;
  if (options.files) {
    const graceBefore = new Date(options.now.getTime() - ORPHAN_GRACE_MS);
    const orphans = await repo.findOrphanedDocuments(db, graceBefore);
    const sizes = new Map(orphans.map((d) => [d.id, d.sizeBytes]));
    let seen = 0;
    for (const batch of batches(orphans, size)) {
      const removed = await repo.deleteOrphanedDocuments(
        db,
        batch.map((d) => d.id),
        graceBefore,
      );
      documents += removed;
      seen += batch.length;
      // Sizes of the batch; a document that gained a reference meanwhile is rare enough to ignore.
      if (removed === batch.length)
        documentBytes += batch.reduce((sum, d) => sum + (sizes.get(d.id) ?? 0), 0);
      options.onProgress?.('documents', seen, orphans.length);
    }
  }

  const quotaEvents = await repo.purgeOldUnits(
    db,
    new Date(options.now.getTime() - QUOTA_EVENTS_KEEP_MS),
    false,
  );
  const expiredBlocks = await repo.deleteExpiredBlocks(db, options.now);
  return { aiResponses, documents, documentBytes, quotaEvents, expiredBlocks, dryRun: false };
}
