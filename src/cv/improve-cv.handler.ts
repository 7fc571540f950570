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
//
// The work itself is in named steps (improve-cv.steps.ts); this file claims the row, listens for a
// cancel, runs the steps in order and decides what a failure means for the row and the queue.
import type { AiProvider } from '../ai/index.ts';
import type { improveCvJob } from '../jobs/catalog.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import type { Events } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { JobHandler, JobPayload } from '../platform/queue/queue.ts';
import { aiResponseTopic, createAiResponsePublisher, readAiResponseEvent } from './ai-response.events.ts';
import { claimAiResponse, findAiResponseById } from './ai-response.repository.ts';
import {
  checkAndFixFacts,
  classifyFailure,
  type ImproveRun,
  loadInputs,
  type StepDeps,
  storedDraft,
  storeFailedOutcome,
  storeOutcome,
  streamDraft,
} from './improve-cv.steps.ts';

export interface ImproveCvHandlerDeps {
  db: Db;
  ai: AiProvider;
  events: Events;
  clock: Clock;
  logger: Logger;
  /** Minimum time between two progress writes to the database. */
  progressIntervalMs?: number;
}

/** The steps of one claimed attempt, in order; each returns early when the response was canceled. */
async function improve(deps: StepDeps, run: ImproveRun): Promise<void> {
  const inputs = await loadInputs(deps.db, run.row, deps.clock.now());
  if (!inputs) return;
  const kept = storedDraft(run.row);
  const draft = kept ?? (await streamDraft(deps, run, inputs));
  if (!draft) return;
  const answer = await checkAndFixFacts(deps, run, inputs, draft, kept !== null);
  if (!answer) return;
  await storeOutcome(deps, run, inputs, draft, answer);
}

export function createImproveCvHandler(
  deps: ImproveCvHandlerDeps,
): JobHandler<JobPayload<typeof improveCvJob>> {
  const { db, events, clock, logger } = deps;
  const steps: StepDeps = {
    db,
    ai: deps.ai,
    clock,
    logger,
    publish: createAiResponsePublisher(events, logger),
    progressIntervalMs: deps.progressIntervalMs ?? 250,
  };

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
      await steps.publish(id, { type: 'status', status: 'running' });
      await improve(steps, { id, row, canceled, workerSignal, isLastAttempt });
    } catch (error) {
      // The row says canceled already (the cancel route wrote it); nothing to record.
      if (canceled.signal.aborted) return;
      // The worker is stopping: the job goes back to the queue and runs again elsewhere.
      if (workerSignal.aborted) throw error;
      const failure = classifyFailure(error, isLastAttempt, logger, id);
      if (failure === 'retry') throw error;
      await storeFailedOutcome(steps, id, failure);
    } finally {
      unsubscribe();
    }
  };
}
