// Asks the AI provider for an improved CV and stores the answer on its AI response row.
//
// Idempotent under at-least-once delivery: the row is claimed only while queued or running, and
// every write after the provider call is conditional on `running`, so a canceled response stays
// canceled and a job delivered twice stores one answer. Cancel reaches a running job two ways: an
// event (immediate) and the progress write finding the row no longer running (within a throttle
// interval), and either aborts the provider call.
//
// Fact guard loop: when a model's answer states facts the CV does not, the model is asked once
// more to remove them. The first answer (the draft) and its usage are stored on the row before
// that second call, so a retry after it starts from the draft instead of paying the first call
// again. Only the first pass streams deltas; the corrected text arrives whole with `done`.
import {
  type AiProvider,
  type AiUsage,
  buildFactFixPrompt,
  buildImproveCvPrompt,
  isRetryableAiError,
  type Redaction,
  restorePersonalData,
} from '../ai/index.ts';
import { splitDeclaredRemovals } from '../analysis/index.ts';
import type { improveCvJob } from '../jobs/catalog.ts';
import { aiResponseQuotaRef, refundQuota } from '../limits/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import { isAppError } from '../platform/errors.ts';
import type { Events } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { JobHandler, JobPayload } from '../platform/queue/queue.ts';
import { aiResponseTopic, createAiResponsePublisher, readAiResponseEvent } from './ai-response.events.ts';
import {
  type AiResponseRow,
  claimAiResponse,
  findAiResponseById,
  storeDraft,
  storeFailure,
  storeProgress,
  storeSuccess,
} from './ai-response.repository.ts';
import type { AiResponseError } from './ai-response.schemas.ts';
import {
  checkAnswer,
  describeProblems,
  type FactFixRecord,
  jobOf,
  provenanceOf,
  referenceMonth,
  reportFor,
} from './analysis.ts';
import { findQuestionnaire } from './questionnaire.repository.ts';
import { correctedStructureOf, structureAsMarkdown } from './structure.ts';

export interface ImproveCvHandlerDeps {
  db: Db;
  ai: AiProvider;
  events: Events;
  clock: Clock;
  logger: Logger;
  /** Minimum time between two progress writes to the database. */
  progressIntervalMs?: number;
}

const RESUME_PROCESSING =
  'Your CV is still being read. Wait until the questionnaire’s resume_status is "ready", then ask again.';
const UNEXPECTED = 'The improvement failed because of an error on our side. Please try again.';

/** The first answer kept on the row while its invented facts are being removed. */
interface Draft {
  text: string;
  /** how the provider made it, when it says (the offline provider does) */
  note?: string | undefined;
  usage: AiUsage;
  model: string;
  firstTokenMs: number | null;
  totalMs: number;
}

const FACT_CHECK_PROGRESS = 96;

/** The draft a previous attempt stored before its fact-fix call, if there is one. */
function storedDraft(row: AiResponseRow): Draft | null {
  const report = row.report as { stage?: unknown; draft?: Omit<Draft, 'text'> } | null;
  if (report?.stage !== 'fact_check' || !report.draft || row.responseText === null) return null;
  return { ...report.draft, text: row.responseText };
}

/** A job failure stored on the row; never retried. */
class FinalFailure extends Error {
  readonly failure: AiResponseError;
  constructor(failure: AiResponseError) {
    super(failure.message);
    this.failure = failure;
  }
}

/**
 * Puts redacted personal data back into streamed text. A placeholder may arrive split across two
 * deltas, so text from an unmatched "[" on is held back until its "]" arrives (or it grows too
 * long to be a placeholder). Occurrences are counted per kind in order, as restorePersonalData does.
 */
export function createStreamingRestorer(redactions: ReadonlyArray<Redaction>) {
  let held = '';
  const used = new Map<string, number>();
  const restore = (text: string) => {
    if (redactions.length === 0) return text;
    return text.replace(/\[(email|phone|date of birth|address)\]/g, (placeholder) => {
      const values = redactions.filter((r) => r.placeholder === placeholder).map((r) => r.value);
      if (values.length === 0) return placeholder;
      const index = used.get(placeholder) ?? 0;
      used.set(placeholder, index + 1);
      return values[Math.min(index, values.length - 1)] ?? placeholder;
    });
  };
  return {
    push(delta: string): string {
      const text = held + delta;
      const open = text.lastIndexOf('[');
      const cut = open >= 0 && !text.includes(']', open) && text.length - open <= 16 ? open : text.length;
      held = text.slice(cut);
      return restore(text.slice(0, cut));
    },
    flush(): string {
      const rest = held;
      held = '';
      return restore(rest);
    },
  };
}

export function createImproveCvHandler(
  deps: ImproveCvHandlerDeps,
): JobHandler<JobPayload<typeof improveCvJob>> {
  const { db, ai, events, clock, logger } = deps;
  const progressIntervalMs = deps.progressIntervalMs ?? 250;
  const publish = createAiResponsePublisher(events, logger);

  return async ({ payload, isLastAttempt, signal: workerSignal }) => {
    const id = payload.aiResponseId;
    const queuedRow = await findAiResponseById(db, id);
    if (!queuedRow || (queuedRow.status !== 'queued' && queuedRow.status !== 'running')) return;

    const canceled = new AbortController();
    const unsubscribe = await events.subscribe(aiResponseTopic(id), (message) => {
      if (readAiResponseEvent(message)?.type === 'cancel') canceled.abort();
    });
    try {
      // Claimed after subscribing: a cancel sent in between is either heard or already on the row.
      const row = await claimAiResponse(db, id, clock.now());
      if (!row) return;
      await publish(id, { type: 'status', status: 'running' });

      const questionnaire = await findQuestionnaire(db, row.userId, row.questionnaireId);
      if (!questionnaire) return; // deleted meanwhile; its responses went with it
      if (questionnaire.resumeStatus === 'processing') {
        throw new FinalFailure({ code: 'resume_unreadable', message: RESUME_PROCESSING });
      }
      if (questionnaire.resumeStatus === 'failed') {
        throw new FinalFailure({
          code: 'resume_unreadable',
          message: `Your CV could not be read: ${questionnaire.resumeError ?? 'the file is unreadable.'} Upload it again, then ask again.`,
        });
      }
      const cvText = questionnaire.resumeText ?? '';
      const job = jobOf(questionnaire);
      // Once the user corrected the structure, it is the truth for everything that follows: the
      // offline improver, the fact guard and the report read it instead of the text.
      const structure = correctedStructureOf(questionnaire.resumeStructure, cvText);
      const referenceDate = referenceMonth(clock.now());
      // A model gets the corrected CV written out as markdown *instead of* the extracted text, not
      // beside it: two versions that disagree (the employer the reader got wrong, the skill the
      // user added) would leave the model to pick one, and the fact guard holds its answer to the
      // corrected facts. Markdown rather than JSON: it is the form the model answers in, costs
      // fewer tokens, and goes through the same redaction of personal data as the text would.
      const modelCv = structure ? structureAsMarkdown(structure) : cvText;
      const built = buildImproveCvPrompt({
        questionnaire: job,
        cvText: modelCv,
        userPrompt: row.prompt,
        corrected: structure !== undefined,
      });
      const restorer = createStreamingRestorer(built.redactions);

      // Progress is an estimate: an improved CV is about as long as the original, so the share of
      // that length written so far, kept below 100 until the answer is complete.
      const expectedChars = Math.max(1_500, Math.round(modelCv.length * 1.1));
      let written = 0;
      let answer = '';
      let lastWrite = 0;
      let lastProgress = row.progress;
      let writing: Promise<void> = Promise.resolve();
      const signal = AbortSignal.any([canceled.signal, workerSignal]);
      const queuedMs = row.startedAt ? row.startedAt.getTime() - row.createdAt.getTime() : null;

      const onDelta = (delta: string) => {
        const text = restorer.push(delta);
        written += delta.length;
        if (text) {
          void publish(id, { type: 'delta', text, offset: answer.length });
          answer += text;
        }
        const now = Date.now();
        const progress = Math.max(1, Math.min(95, Math.floor((written / expectedChars) * 100)));
        // The first piece is written at once (time to first token is what a user waits for), then
        // at most one write per interval.
        if (
          answer.length > 0 &&
          (lastWrite === 0 || (progress > lastProgress && now - lastWrite >= progressIntervalMs))
        ) {
          lastWrite = now;
          lastProgress = progress;
          const snapshot = answer;
          writing = writing.then(async () => {
            // The row stopped running: it was canceled through another process.
            if (!(await storeProgress(db, id, progress, snapshot))) {
              canceled.abort();
              return;
            }
            await publish(id, { type: 'progress', progress, chars: snapshot.length });
          });
        }
      };

      let draft = storedDraft(row);
      const resumed = draft !== null;
      if (!draft) {
        const result = await ai.generate({
          system: built.system,
          prompt: built.prompt,
          signal,
          onDelta,
          task: { kind: 'improve-cv', cvText, job, userPrompt: row.prompt, structure, referenceDate },
        });
        await writing.catch(() => {});
        const tail = restorer.flush();
        if (tail) {
          await publish(id, { type: 'delta', text: tail, offset: answer.length });
          answer += tail;
        }
        if (canceled.signal.aborted) return;
        draft = {
          text: restorePersonalData(result.text, built.redactions),
          usage: result.usage,
          model: result.model,
          note: result.note,
          firstTokenMs: result.firstTokenMs,
          totalMs: result.totalMs,
        };
      }

      // A model's answer is checked against the CV: facts it invented or changed, and items it lost
      // without saying so. Either sends it back once to be fixed. The offline provider builds its
      // answer from the CV's own structure and has no model to ask again.
      const first =
        ai.name === 'offline' ? null : checkAnswer(structure ?? cvText, draft.text, referenceDate);
      let final = { text: first?.cv ?? draft.text, usage: draft.usage, model: draft.model };
      let removed = first?.removed ?? [];
      let factFix: FactFixRecord | null = null;
      let factFixMs: number | null = null;
      if (first?.needsFix) {
        const problems = describeProblems(first);
        const record: FactFixRecord = {
          first_pass: { invented: first.guard.invented, changed: first.guard.changed, lost: problems.lost },
          error: null,
        };
        factFix = record;
        if (!resumed) {
          const kept = await storeDraft(db, id, {
            text: draft.text,
            progress: FACT_CHECK_PROGRESS,
            report: {
              stage: 'fact_check',
              draft: {
                usage: draft.usage,
                model: draft.model,
                firstTokenMs: draft.firstTokenMs,
                totalMs: draft.totalMs,
              },
            },
          });
          if (!kept) return; // canceled meanwhile
        }
        await publish(id, { type: 'progress', progress: FACT_CHECK_PROGRESS, stage: 'fact_check' });
        const fix = buildFactFixPrompt({
          cvText: modelCv,
          draft: draft.text,
          inventedFacts: problems.invented,
          lostItems: problems.lost,
        });
        try {
          const second = await ai.generate({ system: fix.system, prompt: fix.prompt, signal });
          const corrected = splitDeclaredRemovals(restorePersonalData(second.text, fix.redactions));
          final = {
            text: corrected.text,
            usage: {
              prompt_tokens: draft.usage.prompt_tokens + second.usage.prompt_tokens,
              completion_tokens: draft.usage.completion_tokens + second.usage.completion_tokens,
            },
            model: second.model,
          };
          // The corrected draft keeps the first answer's notes; a model that drops them still meant them.
          removed = corrected.removed.length > 0 ? corrected.removed : removed;
          factFixMs = Math.round(second.totalMs);
        } catch (error) {
          // A retry starts from the stored draft; a final failure keeps the draft, reported as such.
          if (canceled.signal.aborted || workerSignal.aborted) throw error;
          const retryable = isAppError(error) ? isRetryableAiError(error) : true;
          if (retryable && !isLastAttempt) throw error;
          logger.warn({ err: error, aiResponseId: id }, 'fact-fix call failed; keeping the first answer');
          record.error = isAppError(error)
            ? { code: error.code, message: error.message }
            : { code: 'internal_error', message: UNEXPECTED };
        }
        if (canceled.signal.aborted) return;
      }

      const stored = await storeSuccess(db, id, {
        responseText: final.text,
        provider: ai.name,
        model: final.model,
        usage: final.usage,
        report: reportFor({
          cvText,
          structure,
          answer: final.text,
          job,
          factFix,
          referenceDate,
          removed,
          provenance: provenanceOf(ai.name, final.model, draft.note),
        }),
        timings: {
          queued_ms: queuedMs,
          first_token_ms: draft.firstTokenMs,
          total_ms: Math.round(draft.totalMs) + (factFixMs ?? 0),
          fact_fix_ms: factFixMs,
        },
        finishedAt: clock.now(),
      });
      if (!stored) return; // canceled between the answer and this write
      await publish(id, { type: 'progress', progress: 100 });
      await publish(id, { type: 'status', status: 'succeeded' });
      await publish(id, { type: 'done' });
    } catch (error) {
      // The row says canceled already (the cancel route wrote it); nothing to record.
      if (canceled.signal.aborted) return;
      // The worker is stopping: the job goes back to the queue and runs again elsewhere.
      if (workerSignal.aborted) throw error;
      let failure: AiResponseError;
      if (error instanceof FinalFailure) {
        failure = error.failure;
      } else if (isAppError(error)) {
        if (isRetryableAiError(error) && !isLastAttempt) {
          logger.info({ aiResponseId: id, code: error.code }, 'transient AI failure; the queue retries');
          throw error;
        }
        failure = { code: error.code, message: error.message };
      } else {
        if (!isLastAttempt) throw error;
        logger.error({ err: error, aiResponseId: id }, 'improve-cv failed');
        failure = { code: 'internal_error', message: UNEXPECTED };
      }
      const stored = await storeFailure(db, id, failure, {
        provider: ai.name,
        model: ai.model,
        finishedAt: clock.now(),
      });
      if (stored) {
        // A job that fails does not count against the user's daily quota.
        await refundQuota(db, 'ai_responses', aiResponseQuotaRef(id), clock.now());
        await publish(id, { type: 'status', status: 'failed' });
        await publish(id, { type: 'error', error: failure });
      }
    } finally {
      unsubscribe();
    }
  };
}
