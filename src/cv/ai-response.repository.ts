// SQL of AI responses. Queries a user can reach name the owner; the state changes the worker makes
// are conditional on the current status, so a canceled response stays canceled and a job delivered
// twice cannot finish a response twice.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import { aiResponses } from '../platform/db/schema.ts';
import type { AiResponseError } from './ai-response.schemas.ts';

export type AiResponseRow = typeof aiResponses.$inferSelect;
type NewAiResponseRow = typeof aiResponses.$inferInsert;

const ACTIVE = ['queued', 'running'];

/** Inserts, or returns null when a response with the same idempotency key exists already. */
export async function insertAiResponse(tx: Db, values: NewAiResponseRow): Promise<AiResponseRow | null> {
  const [row] = await tx.insert(aiResponses).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function findAiResponseByKey(
  db: Db,
  userId: number,
  key: string,
): Promise<AiResponseRow | null> {
  const [row] = await db
    .select()
    .from(aiResponses)
    .where(and(eq(aiResponses.userId, userId), eq(aiResponses.idempotencyKey, key)));
  return row ?? null;
}

export async function findAiResponse(db: Db, userId: number, id: number): Promise<AiResponseRow | null> {
  const [row] = await db
    .select()
    .from(aiResponses)
    .where(and(eq(aiResponses.id, id), eq(aiResponses.userId, userId)));
  return row ?? null;
}

export async function findAiResponseById(db: Db, id: number): Promise<AiResponseRow | null> {
  const [row] = await db.select().from(aiResponses).where(eq(aiResponses.id, id));
  return row ?? null;
}

export async function lockAiResponse(tx: Db, userId: number, id: number): Promise<AiResponseRow | null> {
  const [row] = await tx
    .select()
    .from(aiResponses)
    .where(and(eq(aiResponses.id, id), eq(aiResponses.userId, userId)))
    .for('update');
  return row ?? null;
}

function listWhere(userId: number, questionnaireId: number | undefined) {
  return and(
    eq(aiResponses.userId, userId),
    questionnaireId === undefined ? undefined : eq(aiResponses.questionnaireId, questionnaireId),
  );
}

export async function countAiResponses(db: Db, userId: number, questionnaireId: number | undefined) {
  const [row] = await db.select({ n: count() }).from(aiResponses).where(listWhere(userId, questionnaireId));
  return row?.n ?? 0;
}

export async function listAiResponses(
  db: Db,
  userId: number,
  questionnaireId: number | undefined,
  offset: number,
  limit: number,
  oldestFirst = false,
): Promise<AiResponseRow[]> {
  const direction = oldestFirst ? asc : desc;
  return db
    .select()
    .from(aiResponses)
    .where(listWhere(userId, questionnaireId))
    .orderBy(direction(aiResponses.createdAt), direction(aiResponses.id))
    .offset(offset)
    .limit(limit);
}

/** Takes the response for an attempt; null when it is finished or canceled (nothing to do). */
export async function claimAiResponse(db: Db, id: number, now: Date): Promise<AiResponseRow | null> {
  const [row] = await db
    .update(aiResponses)
    .set({
      status: 'running',
      startedAt: sql`coalesce(${aiResponses.startedAt}, ${now})`,
      attempts: sql`${aiResponses.attempts} + 1`,
      error: null,
    })
    .where(and(eq(aiResponses.id, id), inArray(aiResponses.status, ACTIVE)))
    .returning();
  return row ?? null;
}

/**
 * Records progress and the answer so far (for a listener that joins late; it is shown only once
 * the response succeeded). False when the response is no longer running (it was canceled).
 */
export async function storeProgress(
  db: Db,
  id: number,
  progress: number,
  partialText: string,
): Promise<boolean> {
  const rows = await db
    .update(aiResponses)
    .set({ progress, responseText: partialText })
    .where(and(eq(aiResponses.id, id), eq(aiResponses.status, 'running')))
    .returning({ id: aiResponses.id });
  return rows.length > 0;
}

/**
 * Keeps the model's first answer (its text, and its usage and timings in `report`, which holds
 * the final report only once the response succeeded) before the fact-fix call, so a retry does
 * not pay for the first call again. False when the response is no longer running.
 */
export async function storeDraft(
  db: Db,
  id: number,
  draft: { text: string; progress: number; report: Record<string, unknown> },
): Promise<boolean> {
  const rows = await db
    .update(aiResponses)
    .set({ responseText: draft.text, progress: draft.progress, report: draft.report })
    .where(and(eq(aiResponses.id, id), eq(aiResponses.status, 'running')))
    .returning({ id: aiResponses.id });
  return rows.length > 0;
}

export async function storeSuccess(
  db: Db,
  id: number,
  result: {
    responseText: string;
    provider: string;
    model: string;
    usage: { prompt_tokens: number; completion_tokens: number };
    report: unknown;
    timings: Record<string, number | null>;
    finishedAt: Date;
  },
): Promise<AiResponseRow | null> {
  const [row] = await db
    .update(aiResponses)
    .set({ ...result, status: 'succeeded', progress: 100, error: null })
    .where(and(eq(aiResponses.id, id), eq(aiResponses.status, 'running')))
    .returning();
  return row ?? null;
}

export async function storeFailure(
  db: Db,
  id: number,
  error: AiResponseError,
  details: { provider?: string; model?: string; finishedAt: Date },
): Promise<AiResponseRow | null> {
  const [row] = await db
    .update(aiResponses)
    .set({
      status: 'failed',
      error,
      responseText: null,
      report: null,
      finishedAt: details.finishedAt,
      provider: details.provider,
      model: details.model,
    })
    .where(and(eq(aiResponses.id, id), inArray(aiResponses.status, ACTIVE)))
    .returning();
  return row ?? null;
}

export async function cancelAiResponse(
  db: Db,
  userId: number,
  id: number,
  now: Date,
): Promise<AiResponseRow | null> {
  const [row] = await db
    .update(aiResponses)
    .set({ status: 'canceled', finishedAt: now })
    .where(and(eq(aiResponses.id, id), eq(aiResponses.userId, userId), inArray(aiResponses.status, ACTIVE)))
    .returning();
  return row ?? null;
}

export async function setPdfDocument(tx: Db, id: number, documentId: string): Promise<void> {
  await tx.update(aiResponses).set({ pdfDocumentId: documentId }).where(eq(aiResponses.id, id));
}

/** Tokens used per provider and model, over every stored response (for the metrics). */
export async function usageTotals(
  db: Db,
): Promise<Array<{ provider: string; model: string; prompt: number; completion: number }>> {
  const rows = await db
    .select({
      provider: aiResponses.provider,
      model: aiResponses.model,
      prompt: sql<string>`coalesce(sum((${aiResponses.usage}->>'prompt_tokens')::bigint), 0)`,
      completion: sql<string>`coalesce(sum((${aiResponses.usage}->>'completion_tokens')::bigint), 0)`,
    })
    .from(aiResponses)
    .where(sql`${aiResponses.usage} is not null`)
    .groupBy(aiResponses.provider, aiResponses.model);
  return rows.map((r) => ({
    provider: r.provider ?? 'unknown',
    model: r.model ?? 'unknown',
    prompt: Number(r.prompt),
    completion: Number(r.completion),
  }));
}

/** Seconds from start to finish of the responses finished in the last hour, at these quantiles. */
export async function recentDurations(
  db: Db,
  since: Date,
): Promise<{ count: number; p50: number | null; p90: number | null; p99: number | null }> {
  const [row] = await db
    .select({
      count: count(),
      p50: sql<
        string | null
      >`percentile_cont(0.5) within group (order by extract(epoch from ${aiResponses.finishedAt} - ${aiResponses.startedAt}))`,
      p90: sql<
        string | null
      >`percentile_cont(0.9) within group (order by extract(epoch from ${aiResponses.finishedAt} - ${aiResponses.startedAt}))`,
      p99: sql<
        string | null
      >`percentile_cont(0.99) within group (order by extract(epoch from ${aiResponses.finishedAt} - ${aiResponses.startedAt}))`,
    })
    .from(aiResponses)
    .where(
      and(
        eq(aiResponses.status, 'succeeded'),
        sql`${aiResponses.startedAt} is not null`,
        sql`${aiResponses.finishedAt} >= ${since}`,
      ),
    );
  const n = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return { count: row?.count ?? 0, p50: n(row?.p50), p90: n(row?.p90), p99: n(row?.p99) };
}
