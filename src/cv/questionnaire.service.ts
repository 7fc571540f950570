// Questionnaires: the target job, and the CV it is about. A new or replaced CV is stored and its
// extraction job enqueued in the transaction that points the questionnaire at it; the old file is
// deleted in the same transaction, so no request leaves a file behind or loses one it should keep.
import { analyzeCv } from '../analysis/index.ts';
import { extractResumeJob } from '../jobs/catalog.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError, notFound, validationError } from '../platform/errors.ts';
import { type Events, waitForEvent } from '../platform/events.ts';
import type { OwnedCache } from '../platform/owned-cache.ts';
import type { Queue } from '../platform/queue/queue.ts';
import type { Storage } from '../platform/storage.ts';
import type { CvAnalysisOut } from './analysis.schemas.ts';
import { jobInputOf, jobOf, referenceMonth } from './analysis.ts';
import { assertPageExists, type Page, type PageRequest, pageOffset } from './pagination.ts';
import { isResumeOutcome, questionnaireTopic } from './questionnaire.events.ts';
import {
  deleteQuestionnaire,
  findQuestionnaire,
  findResponseDocumentIds,
  findResumeStatusByDocument,
  insertQuestionnaire,
  insertQuestionnaireWithoutCv,
  listQuestionnairePage,
  lockQuestionnaire,
  type QuestionnaireChanges,
  type QuestionnaireListRow,
  type QuestionnaireRow,
  updateQuestionnaire,
} from './questionnaire.repository.ts';
import type {
  QuestionnaireCreate,
  QuestionnaireListQuery,
  QuestionnaireOrderField,
  QuestionnaireOut,
  QuestionnairePatch,
} from './questionnaire.schemas.ts';
import { correctedStructureOf } from './structure.ts';
import { UploadedResume } from './upload.ts';

export interface QuestionnaireServiceDeps {
  db: Db;
  storage: Storage;
  queue: Queue;
  /** "Present" in a CV means the current month by this clock. */
  clock: Clock;
  /** Turns a stored document id into its download URL. */
  documentUrl: (documentId: string) => string;
  /** Where the CV-reading job announces its outcome: the bus the worker publishes on (`app.events`). */
  events: Events;
  /**
   * Pages of each user's list, kept for a few seconds (LIST_CACHE_SECONDS): the list is the page
   * a client reloads most. Every write here drops the user's pages in every process (the bus); the
   * reading job only ever moves a row out of `processing`, and a page showing such a row is never
   * kept, so its outcome shows at once without an announcement.
   */
  listCache: OwnedCache<ListPage>;
}

export const QUESTIONNAIRE_LISTS_TOPIC = 'cv:questionnaire-lists-changed';

/** A page of a user's questionnaires as read, with the number of all that match. */
export type ListPage = { rows: QuestionnaireListRow[]; total: number };

/** Whether a page may be kept: none of its CVs is still being read. */
function isSettled(page: ListPage): boolean {
  return page.rows.every((row) => row.resumeStatus !== 'processing');
}

/** The questionnaire's CV text; 409 (with `resume_status`) while there is no readable CV. */
export function requireReadableCv(row: QuestionnaireRow): string {
  if (row.resumeStatus === 'ready' && row.resumeText !== null) return row.resumeText;
  const message =
    row.resumeStatus === 'processing'
      ? 'Your CV is still being read; try again in a moment.'
      : row.resumeStatus === 'failed'
        ? `Your CV could not be read: ${row.resumeError ?? 'the file is unreadable.'} Upload it again.`
        : 'This questionnaire has no CV: upload a CV first (the `resume` field).';
  throw new AppError('conflict', message, { extensions: { resume_status: row.resumeStatus } });
}

/** A new or removed CV file has no layout yet and takes the correction of the old one away. */
const NO_READING = {
  resumeLayout: null,
  resumeStructure: null,
  resumeStructureUpdatedAt: null,
} satisfies QuestionnaireChanges;

type ResumeChange = { kind: 'keep' } | { kind: 'remove' } | { kind: 'replace'; upload: UploadedResume };

function readResumeChange(value: unknown): ResumeChange {
  if (value === undefined) return { kind: 'keep' };
  if (value instanceof UploadedResume) return { kind: 'replace', upload: value };
  // JSON null, or an empty multipart field, as a browser form sends for "no file".
  if (value === null || value === '') return { kind: 'remove' };
  throw validationError({
    resume: ['The submitted data was not a file. Check the encoding type on the form.'],
  });
}

function toQuestionnaireOut(
  row: QuestionnaireListRow,
  documentUrl: (documentId: string) => string,
): QuestionnaireOut {
  return {
    id: row.id,
    user: row.userId,
    position: row.position,
    industry: row.industry,
    experience_level: row.experienceLevel as QuestionnaireOut['experience_level'],
    company_size: row.companySize as QuestionnaireOut['company_size'],
    location: row.location,
    application_timeline: row.applicationTimeline as QuestionnaireOut['application_timeline'],
    job_description: row.jobDescription,
    resume: row.resumeDocumentId ? documentUrl(row.resumeDocumentId) : null,
    resume_filename: row.resumeFilename,
    resume_type: row.resumeType as QuestionnaireOut['resume_type'],
    resume_status: row.resumeStatus as QuestionnaireOut['resume_status'],
    resume_error: row.resumeError,
    resume_text_chars: row.resumeTextChars,
    submitted_at: row.submittedAt.toISOString(),
  };
}

/** Column changes for the fields present in the input. */
function fieldChanges(input: QuestionnairePatch): QuestionnaireChanges {
  const changes: QuestionnaireChanges = {};
  if (input.position !== undefined) changes.position = input.position;
  if (input.industry !== undefined) changes.industry = input.industry;
  if (input.experience_level !== undefined) changes.experienceLevel = input.experience_level;
  if (input.company_size !== undefined) changes.companySize = input.company_size;
  if (input.application_timeline !== undefined) changes.applicationTimeline = input.application_timeline;
  if (input.location !== undefined) changes.location = input.location;
  if (input.job_description !== undefined) changes.jobDescription = input.job_description;
  return changes;
}

/** The columns of a questionnaire without a CV. */
const NO_RESUME = {
  resumeDocumentId: null,
  resumeFilename: null,
  resumeType: null,
  resumeStatus: 'none',
  resumeError: null,
  resumeText: null,
  resumeTextChars: null,
  ...NO_READING,
} satisfies QuestionnaireChanges;

/** Stores a new CV (or none) and returns the columns that describe it. */
async function applyResume(
  tx: Db,
  storage: Storage,
  userId: number,
  change: ResumeChange,
  previousDocumentId: string | null,
): Promise<{ changes: QuestionnaireChanges; newDocumentId: string | null }> {
  if (change.kind === 'keep') return { changes: {}, newDocumentId: null };
  if (previousDocumentId) await storage.delete(previousDocumentId, { tx });
  if (change.kind === 'remove') return { changes: NO_RESUME, newDocumentId: null };
  const { upload } = change;
  const stored = await storage.put(
    {
      userId,
      kind: 'resume',
      contentType: upload.contentType,
      filename: upload.filename,
      data: upload.buffer,
    },
    { tx },
  );
  return {
    changes: {
      ...NO_RESUME,
      resumeDocumentId: stored.id,
      resumeFilename: upload.filename,
      resumeType: upload.type,
      resumeStatus: 'processing',
    },
    newDocumentId: stored.id,
  };
}

/** Listing and reading, the CV's reading waited for on request. */
function createQuestionnaireReads(deps: QuestionnaireServiceDeps, events: Events) {
  const { db, clock, documentUrl, listCache } = deps;
  const toOut = (row: QuestionnaireListRow) => toQuestionnaireOut(row, documentUrl);

  /** The row once its CV is read, or as it stands when `ms` have passed. */
  async function waitForReading(row: QuestionnaireRow, ms: number): Promise<QuestionnaireRow> {
    let current = row;
    const reread = async () => {
      current = (await findQuestionnaire(db, row.userId, row.id)) ?? current;
      return current.resumeStatus !== 'processing';
    };
    const outcome = await waitForEvent(events, questionnaireTopic(row.id), {
      ms,
      ends: isResumeOutcome,
      isDone: reread,
    });
    // Heard, or out of time with perhaps a lost message: either way the row says how it stands now.
    if (outcome !== 'already') await reread();
    return current;
  }

  return {
    async list(userId: number, query: QuestionnaireListQuery): Promise<Page<QuestionnaireOut>> {
      const filters = {
        experienceLevel: query.experience_level,
        companySize: query.company_size,
        applicationTimeline: query.application_timeline,
      };
      const ordering = query.ordering ?? '-submitted_at';
      const descending = ordering.startsWith('-');
      const field = (descending ? ordering.slice(1) : ordering) as QuestionnaireOrderField;
      const pageRequest: PageRequest = { page: query.page, pageSize: query.page_size };
      const offset = pageOffset(pageRequest);
      const key = [
        userId,
        ordering,
        offset,
        pageRequest.pageSize,
        filters.experienceLevel,
        filters.companySize,
        filters.applicationTimeline,
      ].join('|');
      const read = () =>
        listQuestionnairePage(db, userId, filters, { field, descending }, offset, pageRequest.pageSize);
      const { rows, total } = (await listCache.load(key, userId, read, isSettled)) as ListPage;
      assertPageExists(pageRequest, total);
      return { count: total, results: rows.map(toOut) };
    },

    /**
     * With `waitSeconds`, a CV still being read is waited for (the reading job announces its
     * outcome on the event bus), so a client learns `ready` or `failed` in one request instead of
     * polling against its rate limit.
     */
    async get(userId: number, id: number, waitSeconds = 0): Promise<QuestionnaireOut> {
      const row = await findQuestionnaire(db, userId, id);
      if (!row) throw notFound('Questionnaire not found.');
      if (row.resumeStatus !== 'processing' || waitSeconds <= 0) return toOut(row);
      return toOut(await waitForReading(row, waitSeconds * 1000));
    },

    /**
     * The uploaded CV's structure (the user's correction of it, if any) and match score against the
     * questionnaire's job, computed now and without AI (a few milliseconds). 409 while there is no
     * readable CV.
     */
    async analysis(userId: number, id: number): Promise<CvAnalysisOut> {
      const row = await findQuestionnaire(db, userId, id);
      if (!row) throw notFound('Questionnaire not found.');
      const cvText = requireReadableCv(row);
      const structure = correctedStructureOf(row.resumeStructure, cvText);
      const analysis = analyzeCv({
        cvText,
        structure,
        job: jobInputOf(jobOf(row)),
        referenceDate: referenceMonth(clock.now()),
      });
      return { ...analysis, structure_corrected: structure !== undefined, resume_status: 'ready' };
    },
  };
}

/** Creating, changing and removing; a new CV's reading is enqueued in the same transaction. */
function createQuestionnaireWrites(deps: QuestionnaireServiceDeps) {
  const { db, storage, queue, documentUrl, listCache } = deps;
  const toOut = (row: QuestionnaireListRow) => toQuestionnaireOut(row, documentUrl);

  /** After the write is committed: a page read before then is not kept, nor one read since. */
  async function committed<T>(userId: number, write: Promise<T>): Promise<T> {
    const result = await write;
    await listCache.changed({ owner: userId });
    return result;
  }

  async function enqueueExtraction(tx: Db, questionnaireId: number, documentId: string | null) {
    if (documentId) await queue.send(extractResumeJob, { questionnaireId, documentId }, { tx });
  }

  return {
    /** The questionnaire, and the CV document this write stored (null when it stored none). */
    async create(
      userId: number,
      input: QuestionnaireCreate,
    ): Promise<{ questionnaire: QuestionnaireOut; uploadedDocumentId: string | null }> {
      const resume = readResumeChange(input.resume);
      const fields = {
        userId,
        position: input.position,
        industry: input.industry,
        experienceLevel: input.experience_level,
        companySize: input.company_size,
        applicationTimeline: input.application_timeline,
        location: input.location ?? null,
        jobDescription: input.job_description ?? null,
      };
      if (resume.kind !== 'replace') {
        // Without a CV file there is one row to write: no transaction, two round trips fewer.
        const write = insertQuestionnaireWithoutCv(db, fields).then((row) => ({
          questionnaire: toOut(row),
          uploadedDocumentId: null,
        }));
        return committed(userId, write);
      }
      const write = db.transaction(async (tx) => {
        const { changes, newDocumentId } = await applyResume(tx, storage, userId, resume, null);
        const row = await insertQuestionnaire(tx, { ...fields, ...changes });
        await enqueueExtraction(tx, row.id, newDocumentId);
        return { questionnaire: toOut(row), uploadedDocumentId: newDocumentId };
      });
      return committed(userId, write);
    },

    /** PUT (all required fields given) and PATCH (any subset) alike; the schema decided which. */
    async update(
      userId: number,
      id: number,
      input: QuestionnairePatch,
    ): Promise<{ questionnaire: QuestionnaireOut; uploadedDocumentId: string | null }> {
      const resume = readResumeChange(input.resume);
      const write = db.transaction(async (tx) => {
        const current = await lockQuestionnaire(tx, userId, id);
        if (!current) throw notFound('Questionnaire not found.');
        const previous = current.resumeDocumentId;
        const { changes, newDocumentId } = await applyResume(tx, storage, userId, resume, previous);
        const row = await updateQuestionnaire(tx, id, { ...fieldChanges(input), ...changes });
        await enqueueExtraction(tx, id, newDocumentId);
        return { questionnaire: toOut(row), uploadedDocumentId: newDocumentId };
      });
      return committed(userId, write);
    },

    /** Whether the CV stored as `documentId` has been read and found unreadable. */
    async uploadFailed(documentId: string): Promise<boolean> {
      return (await findResumeStatusByDocument(db, documentId)) === 'failed';
    },

    async remove(userId: number, id: number): Promise<void> {
      const write = db.transaction(async (tx) => {
        const current = await lockQuestionnaire(tx, userId, id);
        if (!current) throw notFound('Questionnaire not found.');
        const documentIds = await findResponseDocumentIds(tx, id);
        // The AI responses go with the questionnaire (foreign key cascade); their files and the CV
        // are deleted here, as nothing else points at them.
        await deleteQuestionnaire(tx, id);
        for (const documentId of [current.resumeDocumentId, ...documentIds]) {
          if (documentId) await storage.delete(documentId, { tx });
        }
      });
      await committed(userId, write);
    },
  };
}

export function createQuestionnaireService(deps: QuestionnaireServiceDeps) {
  const { events } = deps;
  return {
    toOut: (row: QuestionnaireRow) => toQuestionnaireOut(row, deps.documentUrl),
    ...createQuestionnaireReads(deps, events),
    ...createQuestionnaireWrites(deps),
  };
}

export type QuestionnaireService = ReturnType<typeof createQuestionnaireService>;
