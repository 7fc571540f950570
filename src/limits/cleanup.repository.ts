// SQL of the cleanup: old AI responses and stored documents nothing refers to any more.
import { and, asc, inArray, lt, notExists, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import { aiResponses, documents, questionnaires } from '../platform/db/schema.ts';

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
