// The message the CV-reading job sends when it has stored a questionnaire's outcome, so a request
// waiting with `Prefer: wait=N` answers at once instead of checking the row over and over.
import type { EventMessage, Events } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';

export type ResumeOutcomeEvent = { type: 'resume_read'; status: 'ready' | 'failed' };

export function questionnaireTopic(id: number): string {
  return `questionnaire:${id}`;
}

export function isResumeOutcome(message: EventMessage): boolean {
  return message.type === 'resume_read';
}

/**
 * Publishing is best effort: a waiting request that misses the message reads the row at its
 * deadline, so a failed publish is logged and never fails the reading it reports on.
 */
export function createResumeOutcomePublisher(events: Events, logger: Logger) {
  return (questionnaireId: number, status: ResumeOutcomeEvent['status']): Promise<void> =>
    events
      .publish(questionnaireTopic(questionnaireId), {
        type: 'resume_read',
        status,
      } satisfies ResumeOutcomeEvent)
      .catch((error: unknown) => logger.warn({ err: error, questionnaireId }, 'event publish failed'));
}
