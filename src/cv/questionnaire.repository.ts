// SQL of questionnaires. Every query a user can reach names the owner in its WHERE clause, so
// someone else's questionnaire is simply not found.
import { and, asc, count, desc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import { aiResponses, questionnaires, renderedDocuments } from '../platform/db/schema.ts';
import type { QuestionnaireOrderField, ResumeStatus } from './questionnaire.schemas.ts';
import type { ResumeLayout, StoredResumeStructure } from './structure.schemas.ts';

export type QuestionnaireRow = typeof questionnaires.$inferSelect;
export type NewQuestionnaireRow = typeof questionnaires.$inferInsert;
export type QuestionnaireChanges = Partial<Omit<NewQuestionnaireRow, 'id' | 'userId' | 'submittedAt'>>;

export interface QuestionnaireFilters {
  experienceLevel?: string | undefined;
  companySize?: string | undefined;
  applicationTimeline?: string | undefined;
}

const ORDER_COLUMNS = {
  submitted_at: questionnaires.submittedAt,
  id: questionnaires.id,
  position: questionnaires.position,
  industry: questionnaires.industry,
  experience_level: questionnaires.experienceLevel,
  company_size: questionnaires.companySize,
  application_timeline: questionnaires.applicationTimeline,
} satisfies Record<QuestionnaireOrderField, unknown>;

function ownedWhere(userId: number, filters: QuestionnaireFilters): SQL | undefined {
  return and(
    eq(questionnaires.userId, userId),
    filters.experienceLevel ? eq(questionnaires.experienceLevel, filters.experienceLevel) : undefined,
    filters.companySize ? eq(questionnaires.companySize, filters.companySize) : undefined,
    filters.applicationTimeline
      ? eq(questionnaires.applicationTimeline, filters.applicationTimeline)
      : undefined,
  );
}

export async function countQuestionnaires(db: Db, userId: number, filters: QuestionnaireFilters) {
  const [row] = await db.select({ n: count() }).from(questionnaires).where(ownedWhere(userId, filters));
  return row?.n ?? 0;
}

/** What a list item shows: not the CV's text or structure, which can be long. */
const LIST_COLUMNS = {
  id: questionnaires.id,
  userId: questionnaires.userId,
  position: questionnaires.position,
  industry: questionnaires.industry,
  experienceLevel: questionnaires.experienceLevel,
  companySize: questionnaires.companySize,
  location: questionnaires.location,
  applicationTimeline: questionnaires.applicationTimeline,
  jobDescription: questionnaires.jobDescription,
  resumeDocumentId: questionnaires.resumeDocumentId,
  resumeFilename: questionnaires.resumeFilename,
  resumeType: questionnaires.resumeType,
  resumeStatus: questionnaires.resumeStatus,
  resumeError: questionnaires.resumeError,
  resumeTextChars: questionnaires.resumeTextChars,
  submittedAt: questionnaires.submittedAt,
};
export type QuestionnaireListRow = Pick<QuestionnaireRow, keyof typeof LIST_COLUMNS>;

type ListOrdering = { field: QuestionnaireOrderField; descending: boolean };

function preparePageQuery(db: Db, filters: QuestionnaireFilters, ordering: ListOrdering, name: string) {
  const direction = ordering.descending ? desc : asc;
  return (
    db
      .select({ ...LIST_COLUMNS, total: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(questionnaires)
      .where(
        and(
          eq(questionnaires.userId, sql.placeholder('userId')),
          filters.experienceLevel
            ? eq(questionnaires.experienceLevel, sql.placeholder('experienceLevel'))
            : undefined,
          filters.companySize ? eq(questionnaires.companySize, sql.placeholder('companySize')) : undefined,
          filters.applicationTimeline
            ? eq(questionnaires.applicationTimeline, sql.placeholder('applicationTimeline'))
            : undefined,
        ),
      )
      // The id breaks ties, so pages neither repeat nor skip rows with equal sort keys.
      .orderBy(direction(ORDER_COLUMNS[ordering.field]), direction(questionnaires.id))
      .offset(sql.placeholder('offset'))
      .limit(sql.placeholder('limit'))
      .prepare(name)
  );
}

// One prepared query per shape (ordering, filters given) and database: built once, and on
// PostgreSQL parsed and planned once per connection, instead of on every list request.
const pageQueries = new WeakMap<Db, Map<string, ReturnType<typeof preparePageQuery>>>();

/**
 * One page and the number of matching rows, in one query (the count is a window over the rows
 * before the page is cut). Only a page past the end, which has no row to carry the count, asks
 * for it on its own.
 */
export async function listQuestionnairePage(
  db: Db,
  userId: number,
  filters: QuestionnaireFilters,
  ordering: ListOrdering,
  offset: number,
  limit: number,
): Promise<{ rows: QuestionnaireListRow[]; total: number }> {
  const shape = [
    ordering.field,
    ordering.descending ? 'desc' : 'asc',
    filters.experienceLevel ? 'level' : '',
    filters.companySize ? 'size' : '',
    filters.applicationTimeline ? 'timeline' : '',
  ].join('_');
  let queries = pageQueries.get(db);
  if (!queries) {
    queries = new Map();
    pageQueries.set(db, queries);
  }
  let query = queries.get(shape);
  if (!query) {
    query = preparePageQuery(db, filters, ordering, `questionnaire_page_${shape}`);
    queries.set(shape, query);
  }
  const rows = await query.execute({ userId, ...filters, offset, limit });
  const first = rows[0];
  if (first) return { rows, total: first.total };
  return { rows: [], total: offset === 0 ? 0 : await countQuestionnaires(db, userId, filters) };
}

export async function findQuestionnaire(
  db: Db,
  userId: number,
  id: number,
): Promise<QuestionnaireRow | null> {
  const [row] = await db
    .select()
    .from(questionnaires)
    .where(and(eq(questionnaires.id, id), eq(questionnaires.userId, userId)));
  return row ?? null;
}

/** The row locked until the transaction ends, so two concurrent uploads cannot both keep a file. */
export async function lockQuestionnaire(
  tx: Db,
  userId: number,
  id: number,
): Promise<QuestionnaireRow | null> {
  const [row] = await tx
    .select()
    .from(questionnaires)
    .where(and(eq(questionnaires.id, id), eq(questionnaires.userId, userId)))
    .for('update');
  return row ?? null;
}

/** What a questionnaire without a CV is made of. */
export type NewQuestionnaireFields = Pick<
  NewQuestionnaireRow,
  | 'userId'
  | 'position'
  | 'industry'
  | 'experienceLevel'
  | 'companySize'
  | 'applicationTimeline'
  | 'location'
  | 'jobDescription'
>;

function prepareInsertWithoutCv(db: Db) {
  const value = (name: keyof NewQuestionnaireFields) => sql.placeholder(name);
  return db
    .insert(questionnaires)
    .values({
      userId: value('userId'),
      position: value('position'),
      industry: value('industry'),
      experienceLevel: value('experienceLevel'),
      companySize: value('companySize'),
      applicationTimeline: value('applicationTimeline'),
      location: value('location'),
      jobDescription: value('jobDescription'),
    } as unknown as NewQuestionnaireRow)
    .returning(LIST_COLUMNS)
    .prepare('questionnaire_insert');
}

const insertsWithoutCv = new WeakMap<Db, ReturnType<typeof prepareInsertWithoutCv>>();

/**
 * A questionnaire without a CV (the JSON create, the most frequent write), outside a transaction:
 * the statement is built once per database and, on PostgreSQL, planned once per connection.
 * Building Drizzle's insert of this wide row took more time than the database took to run it.
 */
export async function insertQuestionnaireWithoutCv(
  db: Db,
  values: NewQuestionnaireFields,
): Promise<QuestionnaireListRow> {
  let insert = insertsWithoutCv.get(db);
  if (!insert) {
    insert = prepareInsertWithoutCv(db);
    insertsWithoutCv.set(db, insert);
  }
  const [row] = await insert.execute(values);
  if (!row) throw new Error('insert into questionnaires returned no row');
  return row;
}

export async function insertQuestionnaire(tx: Db, values: NewQuestionnaireRow): Promise<QuestionnaireRow> {
  const [row] = await tx.insert(questionnaires).values(values).returning();
  if (!row) throw new Error('insert into questionnaires returned no row');
  return row;
}

export async function updateQuestionnaire(
  tx: Db,
  id: number,
  changes: QuestionnaireChanges,
): Promise<QuestionnaireRow> {
  const [row] = await tx
    .update(questionnaires)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(questionnaires.id, id))
    .returning();
  if (!row) throw new Error(`questionnaire ${id} vanished during its update`);
  return row;
}

export async function deleteQuestionnaire(tx: Db, id: number): Promise<void> {
  await tx.delete(questionnaires).where(eq(questionnaires.id, id));
}

/**
 * Stores the user's correction of the CV structure (null: back to the reading). Only while the CV
 * it corrects is still the one read: the caller holds the row lock and checked that it is ready.
 */
export async function storeStructureCorrection(
  tx: Db,
  id: number,
  structure: StoredResumeStructure | null,
  at: Date,
): Promise<QuestionnaireRow> {
  const [row] = await tx
    .update(questionnaires)
    .set({ resumeStructure: structure, resumeStructureUpdatedAt: at, updatedAt: at })
    .where(and(eq(questionnaires.id, id), eq(questionnaires.resumeStatus, 'ready')))
    .returning();
  if (!row) throw new Error(`questionnaire ${id} is no longer ready for a structure correction`);
  return row;
}

/** Documents rendered from the questionnaire's AI responses, deleted with it. */
export async function findResponseDocumentIds(tx: Db, questionnaireId: number): Promise<string[]> {
  const cached = await tx
    .select({ id: aiResponses.pdfDocumentId })
    .from(aiResponses)
    .where(and(eq(aiResponses.questionnaireId, questionnaireId), isNotNull(aiResponses.pdfDocumentId)));
  const rendered = await tx
    .select({ id: renderedDocuments.documentId })
    .from(renderedDocuments)
    .innerJoin(aiResponses, eq(aiResponses.id, renderedDocuments.aiResponseId))
    .where(eq(aiResponses.questionnaireId, questionnaireId));
  return [...cached, ...rendered].map((r) => r.id).filter((id): id is string => id !== null);
}

// ---- used by the extract-resume job, which has no user in hand ----

/** The reading status of the questionnaire that holds this CV document, or null when none does. */
export async function findResumeStatusByDocument(db: Db, documentId: string): Promise<string | null> {
  const [row] = await db
    .select({ status: questionnaires.resumeStatus })
    .from(questionnaires)
    .where(eq(questionnaires.resumeDocumentId, documentId))
    .limit(1);
  return row?.status ?? null;
}

export async function findQuestionnaireById(db: Db, id: number): Promise<QuestionnaireRow | null> {
  const [row] = await db.select().from(questionnaires).where(eq(questionnaires.id, id));
  return row ?? null;
}

/**
 * Stores the outcome of reading a CV, only if the questionnaire still points at that document and
 * still waits for it: a replayed job for a file since replaced or removed changes nothing.
 */
export async function storeResumeOutcome(
  db: Db,
  id: number,
  documentId: string,
  outcome:
    | {
        status: Extract<ResumeStatus, 'ready'>;
        text: string;
        chars: number;
        layout: ResumeLayout | null;
      }
    | { status: Extract<ResumeStatus, 'failed'>; error: string },
  now: Date = new Date(),
): Promise<boolean> {
  // A new reading starts without a correction (the upload cleared it already; a replay must not
  // bring one back either).
  const changes: QuestionnaireChanges =
    outcome.status === 'ready'
      ? {
          resumeStatus: 'ready',
          resumeText: outcome.text,
          resumeTextChars: outcome.chars,
          resumeError: null,
          resumeLayout: outcome.layout,
          resumeStructure: null,
          resumeStructureUpdatedAt: now,
        }
      : {
          resumeStatus: 'failed',
          resumeError: outcome.error,
          resumeText: null,
          resumeTextChars: null,
          resumeLayout: null,
          resumeStructure: null,
          resumeStructureUpdatedAt: null,
        };
  const rows = await db
    .update(questionnaires)
    .set({ ...changes, updatedAt: now })
    .where(
      and(
        eq(questionnaires.id, id),
        eq(questionnaires.resumeDocumentId, documentId),
        inArray(questionnaires.resumeStatus, ['processing']),
      ),
    )
    .returning({ id: questionnaires.id });
  return rows.length > 0;
}
