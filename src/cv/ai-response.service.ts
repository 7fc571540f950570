// AI responses: a request for an improved CV, done by the improve-cv job. Creating one writes the
// row and enqueues its job in one transaction; everything after that (progress, text, the end)
// arrives through the row and through events, which the routes turn into SSE or a waited answer.

import { renderCvPdf } from '../documents/index.ts';
import { improveCvJob } from '../jobs/catalog.ts';
import type { QuotaService } from '../limits/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { type Events, waitForEvent } from '../platform/events.ts';
import { MAX_WAIT_SECONDS } from '../platform/http/prefer.ts';
import type { Logger } from '../platform/logger.ts';
import type { Queue } from '../platform/queue/queue.ts';
import type { Storage } from '../platform/storage.ts';
import {
  aiResponseTopic,
  CANCELED_ERROR,
  createAiResponsePublisher,
  readAiResponseEvent,
} from './ai-response.events.ts';
import { isFinished, toAiResponseOut } from './ai-response.out.ts';
import {
  type AiResponseRow,
  cancelAiResponse,
  countAiResponses,
  findAiResponse,
  findAiResponseByKey,
  insertAiResponse,
  listAiResponses,
  lockAiResponse,
  setPdfDocument,
} from './ai-response.repository.ts';
import {
  type AiResponseListQuery,
  type AiResponseOut,
  PROMPT_MAX_CHARS,
  PROMPT_MIN_CHARS,
} from './ai-response.schemas.ts';
import { streamAiResponseEvents } from './ai-response.stream.ts';
import { cvOfAnswer } from './analysis.ts';
import { findLatestVersion } from './improved-cv.repository.ts';
import { assertPageExists, type Page, type PageRequest, pageOffset } from './pagination.ts';
import { findQuestionnaire } from './questionnaire.repository.ts';
import { readStoredStructure } from './structure.ts';

export { isFinished, type SseFrame } from './ai-response.out.ts';

const REQUIRED = 'Both questionnaire ID and prompt are required.';
const TOO_SHORT = `Prompt must be at least ${PROMPT_MIN_CHARS} characters long.`;
const TOO_LONG = `Prompt must be less than ${PROMPT_MAX_CHARS} characters.`;
const QUESTIONNAIRE_NOT_FOUND = 'Questionnaire not found or you do not have permission to access it.';

/** The original API's `{"error": "..."}` answers, as problem details with the same sentence. */
function legacyError(code: 'validation_error' | 'not_found', sentence: string, field?: string): AppError {
  return new AppError(code, sentence, {
    extensions: { error: sentence },
    ...(field ? { errors: { [field]: [sentence] } } : {}),
  });
}

export interface AiResponseServiceDeps {
  db: Db;
  queue: Queue;
  events: Events;
  storage: Storage;
  clock: Clock;
  logger: Logger;
  documentUrl: (documentId: string) => string;
  /** Reads the user's quotas for `rate_limit_info` (never consumes); without it the field is null. */
  quota?: Pick<QuotaService, 'dailyUsage'>;
  /** How long an idle event stream waits before a heartbeat and a look at the row. */
  heartbeatMs?: number;
}

type CreateBody = { questionnaire?: unknown; prompt?: unknown } | null | undefined;

function parseInput(body: CreateBody) {
  const rawQuestionnaire = body?.questionnaire;
  const rawPrompt = body?.prompt;
  if (
    rawQuestionnaire === undefined ||
    rawQuestionnaire === null ||
    rawQuestionnaire === '' ||
    typeof rawPrompt !== 'string' ||
    rawPrompt.trim() === ''
  ) {
    throw legacyError('validation_error', REQUIRED);
  }
  const prompt = rawPrompt.trim();
  if (prompt.length < PROMPT_MIN_CHARS) throw legacyError('validation_error', TOO_SHORT, 'prompt');
  if (prompt.length > PROMPT_MAX_CHARS) throw legacyError('validation_error', TOO_LONG, 'prompt');
  // The original accepted the id as a number or a numeric string; anything else names nothing.
  const text = typeof rawQuestionnaire === 'number' ? String(rawQuestionnaire) : rawQuestionnaire;
  const questionnaireId = typeof text === 'string' && /^\d{1,10}$/.test(text) ? Number(text) : null;
  if (questionnaireId === null || questionnaireId < 1 || questionnaireId > 2_147_483_647) {
    throw legacyError('not_found', QUESTIONNAIRE_NOT_FOUND);
  }
  return { questionnaireId, prompt };
}

async function findOwned(db: Db, userId: number, id: number): Promise<AiResponseRow> {
  const row = await findAiResponse(db, userId, id);
  if (!row) throw notFound('AI response not found.');
  return row;
}

async function rateLimitInfo(
  quota: AiResponseServiceDeps['quota'],
  userId: number,
): Promise<AiResponseOut['rate_limit_info']> {
  if (!quota) return null;
  const s = await quota.dailyUsage(userId, 'ai_responses');
  return { limit: s.limit, used: s.used, remaining: s.remaining, reset_at: s.resetAt.toISOString() };
}

/** Creates the response and enqueues its job; a known idempotency key returns the first one. */
async function createResponse(
  deps: AiResponseServiceDeps,
  userId: number,
  body: CreateBody,
  options: { idempotencyKey?: string | undefined },
): Promise<{ response: AiResponseOut; replayed: boolean }> {
  const { db, queue } = deps;
  const { questionnaireId, prompt } = parseInput(body);
  const key = options.idempotencyKey?.trim() || undefined;
  const replay = (row: AiResponseRow) => {
    if (row.questionnaireId !== questionnaireId || row.prompt !== prompt) {
      throw new AppError(
        'conflict',
        'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
      );
    }
    return { response: toAiResponseOut(row), replayed: true };
  };
  if (key) {
    const existing = await findAiResponseByKey(db, userId, key);
    if (existing) return replay(existing);
  }
  const questionnaire = await findQuestionnaire(db, userId, questionnaireId);
  if (!questionnaire) throw legacyError('not_found', QUESTIONNAIRE_NOT_FOUND);

  const inserted = await db.transaction(async (tx) => {
    const row = await insertAiResponse(tx, {
      userId,
      questionnaireId,
      prompt,
      status: 'queued',
      idempotencyKey: key ?? null,
    });
    if (row) await queue.send(improveCvJob, { aiResponseId: row.id }, { tx });
    return row;
  });
  if (inserted) return { response: toAiResponseOut(inserted), replayed: false };
  // A concurrent request with the same key won the insert; it has committed by now.
  const winner = key ? await findAiResponseByKey(db, userId, key) : null;
  if (!winner) throw new Error('idempotent insert found neither a new nor an existing row');
  return replay(winner);
}

async function listResponses(
  db: Db,
  userId: number,
  query: AiResponseListQuery,
): Promise<Page<AiResponseOut>> {
  const pageRequest: PageRequest = { page: query.page, pageSize: query.page_size };
  const total = await countAiResponses(db, userId, query.questionnaire);
  assertPageExists(pageRequest, total);
  const rows = await listAiResponses(
    db,
    userId,
    query.questionnaire,
    pageOffset(pageRequest),
    pageRequest.pageSize,
    query.ordering === 'created_at',
  );
  return { count: total, results: rows.map(toAiResponseOut) };
}

/**
 * The answer to a POST: after waiting up to `waitSeconds` for the response to finish (0: not at
 * all), the response as it is then, with the user's ai_responses quota as it stands.
 */
async function answerCreate(
  deps: AiResponseServiceDeps,
  userId: number,
  response: AiResponseOut,
  waitSeconds: number,
): Promise<AiResponseOut> {
  let current = response;
  if (waitSeconds > 0 && !isFinished(current.status)) {
    await waitForEvent(deps.events, aiResponseTopic(response.id), {
      ms: Math.min(waitSeconds, MAX_WAIT_SECONDS) * 1000,
      ends: (message) => {
        const event = readAiResponseEvent(message);
        return event?.type === 'done' || event?.type === 'error';
      },
      isDone: async () => isFinished((await findOwned(deps.db, userId, response.id)).status),
    });
    current = toAiResponseOut(await findOwned(deps.db, userId, response.id));
  }
  return { ...current, rate_limit_info: await rateLimitInfo(deps.quota, userId) };
}

async function cancelResponse(
  deps: AiResponseServiceDeps,
  publish: ReturnType<typeof createAiResponsePublisher>,
  userId: number,
  id: number,
): Promise<AiResponseOut> {
  const row = await cancelAiResponse(deps.db, userId, id, deps.clock.now());
  if (!row) {
    const current = await findOwned(deps.db, userId, id);
    if (current.status === 'canceled') return toAiResponseOut(current);
    throw new AppError('conflict', `The response has already ${current.status}; there is nothing to cancel.`);
  }
  // The worker running the job (if any) hears this and aborts the provider call.
  await publish(id, { type: 'cancel' });
  await publish(id, { type: 'status', status: 'canceled' });
  await publish(id, { type: 'error', error: CANCELED_ERROR });
  return toAiResponseOut(row);
}

/** Renders the improved CV as a PDF of its own (once; later calls return the same file). */
async function generatePdf(
  deps: AiResponseServiceDeps,
  userId: number,
  id: number,
): Promise<{ pdf_url: string }> {
  const { db, storage, documentUrl } = deps;
  const row = await findOwned(db, userId, id);
  if (row.status !== 'succeeded' || !row.responseText) {
    throw new AppError(
      'conflict',
      `The response is ${row.status}; a PDF can be made once its status is succeeded.`,
    );
  }
  if (row.pdfDocumentId) return { pdf_url: documentUrl(row.pdfDocumentId) };
  // The document's title is the person's name as they corrected it, when they did (a model's
  // first heading may be anything); otherwise the renderer takes the first heading.
  const questionnaire = await findQuestionnaire(db, userId, row.questionnaireId);
  const correction = readStoredStructure(questionnaire?.resumeStructure);
  // The latest version: the person's last edit, or the improver's text.
  const edited = await findLatestVersion(db, id);
  const pdf = await renderCvPdf({
    markdown: edited?.markdown ?? cvOfAnswer(row.responseText),
    title: correction?.basics.name ?? undefined,
  });
  const documentId = await db.transaction(async (tx) => {
    const locked = await lockAiResponse(tx, userId, id);
    if (!locked) throw notFound('AI response not found.');
    // Another request rendered it meanwhile: keep that one, store nothing.
    if (locked.pdfDocumentId) return locked.pdfDocumentId;
    if ((await findLatestVersion(tx, id))?.version !== edited?.version) {
      throw new AppError('conflict', 'The CV was edited while its PDF was being made. Ask again.');
    }
    const stored = await storage.put(
      {
        userId,
        kind: 'improved-pdf',
        contentType: 'application/pdf',
        filename: `improved-cv-${id}.pdf`,
        data: pdf,
      },
      { tx },
    );
    await setPdfDocument(tx, id, stored.id);
    return stored.id;
  });
  return { pdf_url: documentUrl(documentId) };
}

export function createAiResponseService(deps: AiResponseServiceDeps) {
  const { db, events } = deps;
  const heartbeatMs = deps.heartbeatMs ?? 15_000;
  const publish = createAiResponsePublisher(events, deps.logger);
  return {
    toOut: toAiResponseOut,

    /** Whether a POST with this Idempotency-Key would replay an earlier response. */
    async isReplay(userId: number, idempotencyKey: string | string[] | undefined): Promise<boolean> {
      const key = typeof idempotencyKey === 'string' ? idempotencyKey.trim() : undefined;
      return key ? (await findAiResponseByKey(db, userId, key)) !== null : false;
    },
    create: (userId: number, body: CreateBody, options: { idempotencyKey?: string | undefined } = {}) =>
      createResponse(deps, userId, body, options),
    list: (userId: number, query: AiResponseListQuery) => listResponses(db, userId, query),
    get: async (userId: number, id: number): Promise<AiResponseOut> =>
      toAiResponseOut(await findOwned(db, userId, id)),
    answerCreate: (userId: number, response: AiResponseOut, waitSeconds: number) =>
      answerCreate(deps, userId, response, waitSeconds),
    cancel: (userId: number, id: number) => cancelResponse(deps, publish, userId, id),
    /** The frames of a Server-Sent Events stream, until the response ends or `signal` aborts. */
    streamEvents: (userId: number, id: number, signal: AbortSignal) =>
      streamAiResponseEvents({ events, heartbeatMs }, id, () => findOwned(db, userId, id), signal),
    generatePdf: (userId: number, id: number) => generatePdf(deps, userId, id),
  };
}

export type AiResponseService = ReturnType<typeof createAiResponseService>;
