// The steps of the improve-CV job, in the order the handler runs them: load the inputs, stream the
// draft, check the draft's facts and apply the fix, store the outcome; and, when a step throws,
// classify the failure. Each takes what it uses as arguments, so it can be run and tested alone;
// claiming the row and hearing a cancel stay with the handler (improve-cv.handler.ts).
import {
  type AiProvider,
  type AiUsage,
  type BuiltPrompt,
  buildFactFixPrompt,
  buildImproveCvPrompt,
  isRetryableAiError,
  type Redaction,
  restorePersonalData,
} from '../ai/index.ts';
import { type CvStructure, type DeclaredRemoval, parseCv, splitDeclaredRemovals } from '../analysis/index.ts';
import { aiResponseQuotaRef, refundQuota } from '../limits/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import { isAppError } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import type { AiResponseEvent } from './ai-response.events.ts';
import {
  type AiResponseRow,
  storeDraft,
  storeFailure,
  storeProgress,
  storeSuccess,
} from './ai-response.repository.ts';
import type { AiResponseError } from './ai-response.schemas.ts';
import {
  type CheckedAnswer,
  checkAnswer,
  describeProblems,
  type FactFixRecord,
  jobOf,
  provenanceOf,
  referenceMonth,
  reportFor,
} from './analysis.ts';
import { findQuestionnaire, type QuestionnaireRow } from './questionnaire.repository.ts';
import { correctedStructureOf, structureAsMarkdown } from './structure.ts';

/** What the steps use: the adapters, and how progress reaches listeners. */
export interface StepDeps {
  db: Db;
  ai: AiProvider;
  clock: Clock;
  logger: Logger;
  publish: (id: number, event: AiResponseEvent) => Promise<void>;
  /** Minimum time between two progress writes to the database. */
  progressIntervalMs: number;
}

/** One attempt at one response, its row claimed. */
export interface ImproveRun {
  id: number;
  row: AiResponseRow;
  /** Aborted by a cancel: heard as an event, or found when a write sees the row no longer running. */
  canceled: AbortController;
  /** Aborted when the worker stops: the job goes back to the queue. */
  workerSignal: AbortSignal;
  isLastAttempt: boolean;
}

/** What an answer is made from. */
export interface ImproveInputs {
  cvText: string;
  job: ReturnType<typeof jobOf>;
  /** The structure as the user corrected it, when they did. */
  structure: CvStructure | undefined;
  /**
   * The CV's structure for the checks and the report: the corrected one, or the text read once
   * (the fact guard, the preservation check and the report would each read it again).
   */
  source: () => CvStructure;
  referenceDate: string;
  /** The CV as the model reads it. */
  modelCv: string;
  userPrompt: string;
  prompt: BuiltPrompt;
}

/** The first answer kept on the row while its invented facts are being removed. */
export interface Draft {
  text: string;
  /** how the provider made it, when it says (the offline provider does) */
  note?: string | undefined;
  usage: AiUsage;
  model: string;
  firstTokenMs: number | null;
  totalMs: number;
}

/** The answer to store, after the fact check (and the fix, when one was needed). */
export interface CheckedDraft {
  text: string;
  usage: AiUsage;
  model: string;
  /** items the answer declares it removed */
  removed: DeclaredRemoval[];
  factFix: FactFixRecord | null;
  factFixMs: number | null;
  /** The checks of `text` when it is the draft as checked (no fix round): the report reuses them */
  checked?: CheckedAnswer | undefined;
}

/** A job failure stored on the row; never retried. */
export class FinalFailure extends Error {
  readonly failure: AiResponseError;
  constructor(failure: AiResponseError) {
    super(failure.message);
    this.failure = failure;
  }
}

const RESUME_PROCESSING =
  'Your CV is still being read. Wait until the questionnaire’s resume_status is "ready", then ask again.';
const UNEXPECTED = 'The improvement failed because of an error on our side. Please try again.';
export const FACT_CHECK_PROGRESS = 96;

/** The draft a previous attempt stored before its fact-fix call, if there is one. */
export function storedDraft(row: AiResponseRow): Draft | null {
  const report = row.report as { stage?: unknown; draft?: Omit<Draft, 'text'> } | null;
  if (report?.stage !== 'fact_check' || !report.draft || row.responseText === null) return null;
  return { ...report.draft, text: row.responseText };
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

/** Step 1: the questionnaire's CV and job, and the prompt made of them; null once it was deleted. */
export async function loadInputs(db: Db, row: AiResponseRow, now: Date): Promise<ImproveInputs | null> {
  const questionnaire = await findQuestionnaire(db, row.userId, row.questionnaireId);
  // Deleted meanwhile: its responses went with it.
  return questionnaire ? inputsOf(questionnaire, row.prompt, now) : null;
}

/** The inputs of a questionnaire whose CV was read; a final failure while it is not. */
export function inputsOf(questionnaire: QuestionnaireRow, userPrompt: string, now: Date): ImproveInputs {
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
  // A model gets the corrected CV written out as markdown *instead of* the extracted text, not
  // beside it: two versions that disagree (the employer the reader got wrong, the skill the
  // user added) would leave the model to pick one, and the fact guard holds its answer to the
  // corrected facts. Markdown rather than JSON: it is the form the model answers in, costs
  // fewer tokens, and goes through the same redaction of personal data as the text would.
  const modelCv = structure ? structureAsMarkdown(structure) : cvText;
  const prompt = buildImproveCvPrompt({
    questionnaire: job,
    cvText: modelCv,
    userPrompt,
    corrected: structure !== undefined,
  });
  let parsed: CvStructure | undefined;
  const source = () => {
    parsed ??= structure ?? parseCv(cvText);
    return parsed;
  };
  return { cvText, job, structure, source, referenceDate: referenceMonth(now), modelCv, userPrompt, prompt };
}

/**
 * Where the draft's deltas go: restored and published at once, and written to the row with a
 * progress estimate (an improved CV is about as long as the original, so the share of that length
 * written so far, kept below 100 until the answer is complete).
 */
function createDraftSink(deps: StepDeps, run: ImproveRun, inputs: ImproveInputs) {
  const { db, publish } = deps;
  const { id, canceled } = run;
  const restorer = createStreamingRestorer(inputs.prompt.redactions);
  const expectedChars = Math.max(1_500, Math.round(inputs.modelCv.length * 1.1));
  let written = 0;
  let answer = '';
  let lastWrite = 0;
  let lastProgress = run.row.progress;
  let writing: Promise<void> = Promise.resolve();

  const writeProgress = (progress: number, snapshot: string) => {
    writing = writing.then(async () => {
      // The row stopped running: it was canceled through another process.
      if (!(await storeProgress(db, id, progress, snapshot))) {
        canceled.abort();
        return;
      }
      await publish(id, { type: 'progress', progress, chars: snapshot.length });
    });
  };

  return {
    onDelta(delta: string): void {
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
      const due = lastWrite === 0 || (progress > lastProgress && now - lastWrite >= deps.progressIntervalMs);
      if (answer.length > 0 && due) {
        lastWrite = now;
        lastProgress = progress;
        writeProgress(progress, answer);
      }
    },
    /** Waits for the last progress write, then sends what the restorer still held. */
    async finish(): Promise<void> {
      await writing.catch(() => {});
      const tail = restorer.flush();
      if (tail) {
        await publish(id, { type: 'delta', text: tail, offset: answer.length });
        answer += tail;
      }
    },
  };
}

/** Step 2: the provider's first answer, streamed to listeners as it comes; null when canceled. */
export async function streamDraft(
  deps: StepDeps,
  run: ImproveRun,
  inputs: ImproveInputs,
): Promise<Draft | null> {
  const sink = createDraftSink(deps, run, inputs);
  const { cvText, job, userPrompt, structure, referenceDate, prompt } = inputs;
  const result = await deps.ai.generate({
    system: prompt.system,
    prompt: prompt.prompt,
    signal: AbortSignal.any([run.canceled.signal, run.workerSignal]),
    onDelta: sink.onDelta,
    task: { kind: 'improve-cv', cvText, job, userPrompt, structure, referenceDate },
  });
  await sink.finish();
  if (run.canceled.signal.aborted) return null;
  return {
    text: restorePersonalData(result.text, prompt.redactions),
    usage: result.usage,
    model: result.model,
    note: result.note,
    firstTokenMs: result.firstTokenMs,
    totalMs: result.totalMs,
  };
}

/**
 * Step 3: the draft checked against the CV: facts it invented or changed, and items it lost
 * without saying so. Either sends it back once to be fixed. The offline provider builds its
 * answer from the CV's own structure and has no model to ask again. Null when canceled.
 *
 * `resumed`: the draft came from the row (a retry after the fix call had started), so it is
 * stored there already.
 */
export async function checkAndFixFacts(
  deps: StepDeps,
  run: ImproveRun,
  inputs: ImproveInputs,
  draft: Draft,
  resumed: boolean,
): Promise<CheckedDraft | null> {
  const first =
    deps.ai.name === 'offline'
      ? null
      : checkAnswer(inputs.source(), draft.text, {
          referenceDate: inputs.referenceDate,
          targetPosition: inputs.job.position,
        });
  const unchecked: CheckedDraft = {
    text: first?.cv ?? draft.text,
    usage: draft.usage,
    model: draft.model,
    removed: first?.removed ?? [],
    factFix: null,
    factFixMs: null,
  };
  if (!first?.needsFix) return first ? { ...unchecked, checked: first } : unchecked;
  const problems = describeProblems(first);
  const record: FactFixRecord = {
    first_pass: { invented: first.guard.invented, changed: first.guard.changed, lost: problems.lost },
    error: null,
  };
  if (!resumed && !(await keepDraft(deps.db, run.id, draft))) return null; // canceled meanwhile
  await deps.publish(run.id, { type: 'progress', progress: FACT_CHECK_PROGRESS, stage: 'fact_check' });
  const found = { ...problems, removed: unchecked.removed };
  const fixed = await applyFactFix(deps, run, inputs, draft, found, record);
  if (run.canceled.signal.aborted) return null;
  return fixed ?? { ...unchecked, factFix: record };
}

/**
 * Stores the draft and how it was made before the fix call, so a retry after that call starts
 * from it instead of paying the first call again. False when the row is no longer running.
 */
function keepDraft(db: Db, id: number, draft: Draft): Promise<boolean> {
  return storeDraft(db, id, {
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
}

/**
 * The second call, asked to remove the invented facts and put back the lost items (`found`, with
 * the removals the draft declared, which stand when the fix declares none). Null when it
 * failed for good: the draft stands, and `record.error` says why (a retry starts from the stored
 * draft). Throws what the queue should retry, and what a cancel or a stopping worker caused.
 */
async function applyFactFix(
  deps: StepDeps,
  run: ImproveRun,
  inputs: ImproveInputs,
  draft: Draft,
  found: { invented: string[]; lost: string[]; removed: DeclaredRemoval[] },
  record: FactFixRecord,
): Promise<CheckedDraft | null> {
  const fix = buildFactFixPrompt({
    cvText: inputs.modelCv,
    draft: draft.text,
    inventedFacts: found.invented,
    lostItems: found.lost,
  });
  try {
    const signal = AbortSignal.any([run.canceled.signal, run.workerSignal]);
    const second = await deps.ai.generate({ system: fix.system, prompt: fix.prompt, signal });
    const corrected = splitDeclaredRemovals(restorePersonalData(second.text, fix.redactions));
    return {
      text: corrected.text,
      usage: {
        prompt_tokens: draft.usage.prompt_tokens + second.usage.prompt_tokens,
        completion_tokens: draft.usage.completion_tokens + second.usage.completion_tokens,
      },
      model: second.model,
      // The corrected draft keeps the first answer's notes; a model that drops them still meant them.
      removed: corrected.removed.length > 0 ? corrected.removed : found.removed,
      factFix: record,
      factFixMs: Math.round(second.totalMs),
    };
  } catch (error) {
    if (run.canceled.signal.aborted || run.workerSignal.aborted) throw error;
    const retryable = isAppError(error) ? isRetryableAiError(error) : true;
    if (retryable && !run.isLastAttempt) throw error;
    deps.logger.warn({ err: error, aiResponseId: run.id }, 'fact-fix call failed; keeping the first answer');
    record.error = isAppError(error)
      ? { code: error.code, message: error.message }
      : { code: 'internal_error', message: UNEXPECTED };
    return null;
  }
}

/** Step 4: the answer and its report on the row, then the end announced (not when canceled meanwhile). */
export async function storeOutcome(
  deps: StepDeps,
  run: ImproveRun,
  inputs: ImproveInputs,
  draft: Draft,
  answer: CheckedDraft,
): Promise<void> {
  const { row, id } = run;
  const { cvText, job, referenceDate } = inputs;
  const stored = await storeSuccess(deps.db, id, {
    responseText: answer.text,
    provider: deps.ai.name,
    model: answer.model,
    usage: answer.usage,
    report: reportFor({
      cvText,
      structure: inputs.source(),
      answer: answer.text,
      job,
      factFix: answer.factFix,
      referenceDate,
      removed: answer.removed,
      provenance: provenanceOf(deps.ai.name, answer.model, draft.note),
      checked: answer.checked,
    }),
    timings: {
      queued_ms: row.startedAt ? row.startedAt.getTime() - row.createdAt.getTime() : null,
      first_token_ms: draft.firstTokenMs,
      total_ms: Math.round(draft.totalMs) + (answer.factFixMs ?? 0),
      fact_fix_ms: answer.factFixMs,
    },
    finishedAt: deps.clock.now(),
  });
  if (!stored) return; // canceled between the answer and this write
  await deps.publish(id, { type: 'progress', progress: 100 });
  await deps.publish(id, { type: 'status', status: 'succeeded' });
  await deps.publish(id, { type: 'done' });
}

/**
 * Step 5: what a failed attempt means: `retry` gives the job back to the queue (a transient AI
 * failure, or an unexpected error before the last attempt); anything else is stored on the row.
 */
export function classifyFailure(
  error: unknown,
  isLastAttempt: boolean,
  logger: Logger,
  id: number,
): AiResponseError | 'retry' {
  if (error instanceof FinalFailure) return error.failure;
  if (isAppError(error)) {
    if (isRetryableAiError(error) && !isLastAttempt) {
      logger.info({ aiResponseId: id, code: error.code }, 'transient AI failure; the queue retries');
      return 'retry';
    }
    return { code: error.code, message: error.message };
  }
  if (!isLastAttempt) return 'retry';
  logger.error({ err: error, aiResponseId: id }, 'improve-cv failed');
  return { code: 'internal_error', message: UNEXPECTED };
}

/** The failure on the row, the quota unit given back, the end announced (not when canceled meanwhile). */
export async function storeFailedOutcome(
  deps: StepDeps,
  id: number,
  failure: AiResponseError,
): Promise<void> {
  const stored = await storeFailure(deps.db, id, failure, {
    provider: deps.ai.name,
    model: deps.ai.model,
    finishedAt: deps.clock.now(),
  });
  if (!stored) return;
  // A job that fails does not count against the user's daily quota.
  await refundQuota(deps.db, 'ai_responses', aiResponseQuotaRef(id), deps.clock.now());
  await deps.publish(id, { type: 'status', status: 'failed' });
  await deps.publish(id, { type: 'error', error: failure });
}
