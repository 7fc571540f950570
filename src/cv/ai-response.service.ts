// AI responses: a request for an improved CV, done by the improve-cv job. Creating one writes the
// row and enqueues its job in one transaction; everything after that (progress, text, the end)
// arrives through the row and through events, which the routes turn into SSE or a waited answer.

import { renderCvPdf } from '../documents/index.ts';
import { improveCvJob } from '../jobs/catalog.ts';
import type { QuotaService } from '../limits/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError, notFound } from '../platform/errors.ts';
import type { Events } from '../platform/events.ts';
import { MAX_WAIT_SECONDS } from '../platform/http/prefer.ts';
import type { Logger } from '../platform/logger.ts';
import type { Queue } from '../platform/queue/queue.ts';
import type { Storage } from '../platform/storage.ts';
import {
  type AiResponseEvent,
  aiResponseTopic,
  CANCELED_ERROR,
  createAiResponsePublisher,
  readAiResponseEvent,
} from './ai-response.events.ts';
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
  type AiResponseError,
  type AiResponseListQuery,
  type AiResponseOut,
  type AiResponseStatus,
  FINISHED_STATUSES,
  type ImprovementReportOut,
  PROMPT_MAX_CHARS,
  PROMPT_MIN_CHARS,
} from './ai-response.schemas.ts';
import { cvOfAnswer } from './analysis.ts';
import { findLatestVersion } from './improved-cv.repository.ts';
import { assertPageExists, type Page, type PageRequest, pageOffset } from './pagination.ts';
import { findQuestionnaire } from './questionnaire.repository.ts';
import { readStoredStructure } from './structure.ts';

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
  quota?: Pick<QuotaService, 'status'>;
  /** How long an idle event stream waits before a heartbeat and a look at the row. */
  heartbeatMs?: number;
}

export type SseFrame = { event: string; data: unknown } | { comment: string };

export function isFinished(status: string): boolean {
  return (FINISHED_STATUSES as readonly string[]).includes(status);
}

export function createAiResponseService(deps: AiResponseServiceDeps) {
  const { db, queue, events, storage, clock, logger, documentUrl } = deps;
  const heartbeatMs = deps.heartbeatMs ?? 15_000;
  const publish = createAiResponsePublisher(events, logger);

  function toOut(row: AiResponseRow): AiResponseOut {
    return {
      id: row.id,
      questionnaire: row.questionnaireId,
      prompt: row.prompt,
      created_at: row.createdAt.toISOString(),
      status: row.status as AiResponseStatus,
      progress: row.progress,
      response_text: row.status === 'succeeded' ? row.responseText : null,
      error: row.status === 'failed' ? ((row.error as AiResponseError | null) ?? null) : null,
      provider: row.provider,
      model: row.model,
      usage: (row.usage as AiResponseOut['usage']) ?? null,
      started_at: row.startedAt?.toISOString() ?? null,
      finished_at: row.finishedAt?.toISOString() ?? null,
      report: row.status === 'succeeded' ? ((row.report as ImprovementReportOut | null) ?? null) : null,
      // Filled in on the answers to POST, where the client has just spent a unit.
      rate_limit_info: null,
    };
  }

  async function rateLimitInfo(userId: number): Promise<AiResponseOut['rate_limit_info']> {
    if (!deps.quota) return null;
    const { scopes } = await deps.quota.status({ id: userId, planId: null });
    const s = scopes.ai_responses;
    return { limit: s.limit, used: s.used, remaining: s.remaining, reset_at: s.resetAt.toISOString() };
  }

  async function mustFind(userId: number, id: number): Promise<AiResponseRow> {
    const row = await findAiResponse(db, userId, id);
    if (!row) throw notFound('AI response not found.');
    return row;
  }

  function parseInput(body: { questionnaire?: unknown; prompt?: unknown } | null | undefined) {
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

  function terminalFrame(row: AiResponseRow): SseFrame {
    if (row.status === 'succeeded') return { event: 'done', data: toOut(row) };
    if (row.status === 'failed') {
      return {
        event: 'error',
        data: (row.error as AiResponseError | null) ?? { code: 'internal_error', message: 'The job failed.' },
      };
    }
    return { event: 'error', data: CANCELED_ERROR };
  }

  /** Resolves when the response finishes (by event) or after `ms`, whichever comes first. */
  async function waitForEnd(id: number, ms: number, isDone: () => Promise<boolean>): Promise<void> {
    let finish!: () => void;
    const ended = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const unsubscribe = await events.subscribe(aiResponseTopic(id), (message) => {
      const event = readAiResponseEvent(message);
      if (event?.type === 'done' || event?.type === 'error') finish();
    });
    const timer = setTimeout(finish, ms);
    try {
      // Subscribed first, then looked: an end between the two is seen one way or the other.
      if (await isDone()) return;
      await ended;
    } finally {
      clearTimeout(timer);
      unsubscribe();
    }
  }

  return {
    toOut,

    /** Whether a POST with this Idempotency-Key would replay an earlier response. */
    async isReplay(userId: number, idempotencyKey: string | string[] | undefined): Promise<boolean> {
      const key = typeof idempotencyKey === 'string' ? idempotencyKey.trim() : undefined;
      return key ? (await findAiResponseByKey(db, userId, key)) !== null : false;
    },

    /** Creates the response and enqueues its job; a known idempotency key returns the first one. */
    async create(
      userId: number,
      body: { questionnaire?: unknown; prompt?: unknown } | null | undefined,
      options: { idempotencyKey?: string | undefined } = {},
    ): Promise<{ response: AiResponseOut; replayed: boolean }> {
      const { questionnaireId, prompt } = parseInput(body);
      const key = options.idempotencyKey?.trim() || undefined;
      const replay = (row: AiResponseRow) => {
        if (row.questionnaireId !== questionnaireId || row.prompt !== prompt) {
          throw new AppError(
            'conflict',
            'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
          );
        }
        return { response: toOut(row), replayed: true };
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
      if (inserted) return { response: toOut(inserted), replayed: false };
      // A concurrent request with the same key won the insert; it has committed by now.
      const winner = key ? await findAiResponseByKey(db, userId, key) : null;
      if (!winner) throw new Error('idempotent insert found neither a new nor an existing row');
      return replay(winner);
    },

    async list(userId: number, query: AiResponseListQuery): Promise<Page<AiResponseOut>> {
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
      return { count: total, results: rows.map(toOut) };
    },

    async get(userId: number, id: number): Promise<AiResponseOut> {
      return toOut(await mustFind(userId, id));
    },

    /**
     * The answer to a POST: after waiting up to `waitSeconds` for the response to finish (0: not
     * at all), the response as it is then, with the user's ai_responses quota as it stands.
     */
    async answerCreate(userId: number, response: AiResponseOut, waitSeconds: number): Promise<AiResponseOut> {
      let current = response;
      if (waitSeconds > 0 && !isFinished(current.status)) {
        const ms = Math.min(waitSeconds, MAX_WAIT_SECONDS) * 1000;
        await waitForEnd(response.id, ms, async () =>
          isFinished((await mustFind(userId, response.id)).status),
        );
        current = toOut(await mustFind(userId, response.id));
      }
      return { ...current, rate_limit_info: await rateLimitInfo(userId) };
    },

    async cancel(userId: number, id: number): Promise<AiResponseOut> {
      const row = await cancelAiResponse(db, userId, id, clock.now());
      if (!row) {
        const current = await mustFind(userId, id);
        if (current.status === 'canceled') return toOut(current);
        throw new AppError(
          'conflict',
          `The response has already ${current.status}; there is nothing to cancel.`,
        );
      }
      // The worker running the job (if any) hears this and aborts the provider call.
      await publish(id, { type: 'cancel' });
      await publish(id, { type: 'status', status: 'canceled' });
      await publish(id, { type: 'error', error: CANCELED_ERROR });
      return toOut(row);
    },

    /**
     * The frames of a Server-Sent Events stream: the current state first (so a late subscriber
     * still gets `done` or `error`), then what the worker publishes, until the end or `signal`.
     * Idle periods yield a heartbeat comment after the row was looked at again, so an event lost
     * in transit delays the end by one heartbeat at most.
     */
    async *streamEvents(userId: number, id: number, signal: AbortSignal): AsyncGenerator<SseFrame> {
      await mustFind(userId, id);
      const pending: AiResponseEvent[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = await events.subscribe(aiResponseTopic(id), (message) => {
        const event = readAiResponseEvent(message);
        if (!event) return;
        pending.push(event);
        wake?.();
      });
      const onAbort = () => wake?.();
      signal.addEventListener('abort', onAbort);
      try {
        const row = await mustFind(userId, id);
        yield { event: 'status', data: { status: row.status, progress: row.progress } };
        if (isFinished(row.status)) {
          yield terminalFrame(row);
          return;
        }
        // The answer so far, then live pieces lined up by their offset: a listener that joins late
        // gets the whole text once, without gaps or repeats.
        let sent = 0;
        const catchUp = async function* (upTo: number): AsyncGenerator<SseFrame> {
          const current = await mustFind(userId, id);
          const partial = current.status === 'running' ? (current.responseText ?? '') : '';
          const missing = partial.slice(sent, upTo);
          if (missing) {
            sent += missing.length;
            yield { event: 'delta', data: { text: missing } };
          }
        };
        if (row.status === 'running' && row.responseText) {
          sent = row.responseText.length;
          yield { event: 'delta', data: { text: row.responseText } };
        }
        while (!signal.aborted) {
          if (pending.length === 0) {
            const timedOut = await new Promise<boolean>((resolve) => {
              const timer = setTimeout(() => resolve(true), heartbeatMs);
              wake = () => {
                clearTimeout(timer);
                resolve(false);
              };
            });
            wake = null;
            if (signal.aborted) return;
            if (timedOut) {
              const current = await mustFind(userId, id);
              if (isFinished(current.status)) {
                yield terminalFrame(current);
                return;
              }
              yield { comment: 'heartbeat' };
              continue;
            }
          }
          const event = pending.shift();
          if (!event) continue;
          switch (event.type) {
            case 'status':
              yield { event: 'status', data: { status: event.status } };
              break;
            case 'progress':
              // The row holds more than was sent: pieces went by before this stream listened.
              if (event.chars !== undefined && event.chars > sent) yield* catchUp(event.chars);
              yield {
                event: 'progress',
                data: event.stage
                  ? { progress: event.progress, stage: event.stage }
                  : { progress: event.progress },
              };
              break;
            case 'delta': {
              const offset = event.offset ?? sent;
              if (offset > sent) yield* catchUp(offset);
              const text = event.text.slice(Math.max(0, sent - offset));
              if (text) {
                sent = Math.max(sent, offset) + text.length;
                yield { event: 'delta', data: { text } };
              }
              break;
            }
            case 'done':
              yield terminalFrame(await mustFind(userId, id));
              return;
            case 'error':
              yield { event: 'error', data: event.error };
              return;
            default:
              break;
          }
        }
      } finally {
        signal.removeEventListener('abort', onAbort);
        unsubscribe();
      }
    },

    /** Renders the improved CV as a PDF of its own (once; later calls return the same file). */
    async generatePdf(userId: number, id: number): Promise<{ pdf_url: string }> {
      const row = await mustFind(userId, id);
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
    },
  };
}

export type AiResponseService = ReturnType<typeof createAiResponseService>;
