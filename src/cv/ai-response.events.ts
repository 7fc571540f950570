// The messages about one AI response that travel between the worker and the API processes.
import type { EventMessage, Events } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { AiResponseError, AiResponseStatus } from './ai-response.schemas.ts';

export type AiResponseEvent =
  | { type: 'status'; status: AiResponseStatus }
  /**
   * Sent after the row holds `chars` characters of the answer so far. `stage: 'fact_check'`: the
   * first answer is complete and invented facts are being removed from it.
   */
  | { type: 'progress'; progress: number; chars?: number; stage?: 'fact_check' }
  /** `offset`: characters of the answer before this piece, so a late listener can line up. */
  | { type: 'delta'; text: string; offset?: number }
  | { type: 'done' }
  | { type: 'error'; error: AiResponseError }
  /** From the API to the worker running the job: stop now. */
  | { type: 'cancel' };

export function aiResponseTopic(id: number): string {
  return `ai-response:${id}`;
}

export function readAiResponseEvent(message: EventMessage): AiResponseEvent | null {
  switch (message.type) {
    case 'status':
    case 'progress':
    case 'delta':
    case 'done':
    case 'error':
    case 'cancel':
      return message as unknown as AiResponseEvent;
    default:
      return null;
  }
}

export const CANCELED_ERROR: AiResponseError = {
  code: 'job_canceled',
  message: 'The response was canceled.',
};

/**
 * Publishing is best effort: a listener that misses an event reads the state from the database,
 * so a failed publish is logged and never fails the work it reports on.
 */
export function createAiResponsePublisher(events: Events, logger: Logger) {
  return (id: number, event: AiResponseEvent): Promise<void> =>
    events
      .publish(aiResponseTopic(id), event as unknown as EventMessage)
      .catch((error: unknown) => logger.warn({ err: error, aiResponseId: id }, 'event publish failed'));
}
