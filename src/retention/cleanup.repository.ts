// SQL of the cleanup: old AI responses, stored documents nothing refers to any more, quota events
// too old to count, and address blocks that have run out.
import { and, asc, inArray, lt, lte, notExists, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import { aiResponses, documents, ipBlocks, questionnaires, quotaEvents } from '../platform/db/schema.ts';

/** Ids of AI responses created before `before`, oldest first. */
export async function findOldAiResponseIds(db: Db, before: Date): Promise<number[]> {
  const rows = await db
    .select({ id: aiResponses.id })
    .from(aiResponses)
    .where(lt(aiResponses.createdAt, before))
    .orderBy(asc(aiResponses.id));
  return rows.map((row) => row.id);
}

export async function deleteAiResponses(db: Db, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .delete(aiResponses)
    .where(inArray(aiResponses.id, ids))
    .returning({ id: aiResponses.id });
  return rows.length;
}

function orphanCondition(createdBefore: Date) {
  return and(
    // A document younger than this may belong to a write still in flight.
    lt(documents.createdAt, createdBefore),
    notExists(
      sql`(select 1 from ${questionnaires} where ${questionnaires.resumeDocumentId} = ${documents.id})`,
    ),
    notExists(sql`(select 1 from ${aiResponses} where ${aiResponses.pdfDocumentId} = ${documents.id})`),
  );
}

/** Documents referenced by no questionnaire and no AI response, with their sizes. */
export async function findOrphanedDocuments(
  db: Db,
  createdBefore: Date,
): Promise<Array<{ id: string; sizeBytes: number }>> {
  return db
    .select({ id: documents.id, sizeBytes: documents.sizeBytes })
    .from(documents)
    .where(orphanCondition(createdBefore))
    .orderBy(asc(documents.createdAt));
}

/** Deletes the given documents if they are still orphans (a reference made meanwhile wins). */
export async function deleteOrphanedDocuments(db: Db, ids: string[], createdBefore: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .delete(documents)
    .where(and(inArray(documents.id, ids), orphanCondition(createdBefore)))
    .returning({ id: documents.id });
  return rows.length;
}

/** Removes events too old to count in any window; returns how many (or would, with dryRun). */
export async function purgeOldUnits(db: Db, before: Date, dryRun: boolean): Promise<number> {
  if (dryRun) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(quotaEvents)
      .where(lt(quotaEvents.createdAt, before));
    return Number(row?.n ?? 0);
  }
  const rows = await db
    .delete(quotaEvents)
    .where(lt(quotaEvents.createdAt, before))
    .returning({ id: quotaEvents.id });
  return rows.length;
}

export async function deleteExpiredBlocks(db: Db, now: Date): Promise<number> {
  const rows = await db
    .delete(ipBlocks)
    .where(lte(ipBlocks.blockedUntil, now))
    .returning({ ip: ipBlocks.ip });
  return rows.length;
}
