// SQL of an improved CV's versions and of the files rendered from them. Callers check ownership on
// the AI response first (lockAiResponse / findAiResponse name the owner); rows here hang off it.
import { and, asc, desc, eq, max } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import { aiResponses, aiResponseVersions, renderedDocuments } from '../platform/db/schema.ts';

export type VersionRow = typeof aiResponseVersions.$inferSelect;
export type RenderedDocumentRow = typeof renderedDocuments.$inferSelect;
type NewRenderedDocumentRow = typeof renderedDocuments.$inferInsert;

/** The user's edits of one AI response, oldest first (version 1, the improver's, is on the row). */
export async function listVersions(db: Db, aiResponseId: number): Promise<VersionRow[]> {
  return db
    .select()
    .from(aiResponseVersions)
    .where(eq(aiResponseVersions.aiResponseId, aiResponseId))
    .orderBy(asc(aiResponseVersions.version));
}

export async function findVersion(db: Db, aiResponseId: number, version: number): Promise<VersionRow | null> {
  const [row] = await db
    .select()
    .from(aiResponseVersions)
    .where(and(eq(aiResponseVersions.aiResponseId, aiResponseId), eq(aiResponseVersions.version, version)));
  return row ?? null;
}

export async function findLatestVersion(db: Db, aiResponseId: number): Promise<VersionRow | null> {
  const [row] = await db
    .select()
    .from(aiResponseVersions)
    .where(eq(aiResponseVersions.aiResponseId, aiResponseId))
    .orderBy(desc(aiResponseVersions.version))
    .limit(1);
  return row ?? null;
}

/** Stores the next version; the caller holds the AI response's row lock, so numbers never clash. */
export async function insertVersion(
  tx: Db,
  values: { aiResponseId: number; markdown: string; report: unknown; createdAt: Date },
): Promise<VersionRow> {
  const [last] = await tx
    .select({ n: max(aiResponseVersions.version) })
    .from(aiResponseVersions)
    .where(eq(aiResponseVersions.aiResponseId, values.aiResponseId));
  const [row] = await tx
    .insert(aiResponseVersions)
    .values({ ...values, version: (last?.n ?? 1) + 1 })
    .returning();
  if (!row) throw new Error('the version was not stored');
  return row;
}

export async function insertRenderedDocument(
  tx: Db,
  values: NewRenderedDocumentRow,
): Promise<RenderedDocumentRow> {
  const [row] = await tx.insert(renderedDocuments).values(values).returning();
  if (!row) throw new Error('the rendered document was not recorded');
  return row;
}

/** Forgets the cached PDF of `generate-pdf/`: it showed a version that is no longer the latest. */
export async function clearCachedPdf(tx: Db, aiResponseId: number): Promise<string | null> {
  const [before] = await tx
    .select({ id: aiResponses.pdfDocumentId })
    .from(aiResponses)
    .where(eq(aiResponses.id, aiResponseId));
  await tx.update(aiResponses).set({ pdfDocumentId: null }).where(eq(aiResponses.id, aiResponseId));
  return before?.id ?? null;
}
