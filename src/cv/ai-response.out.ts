// What a client sees of a stored AI response: the row in the shape of the API, and the frame that
// ends its event stream. Shared by the service's answers and its Server-Sent Events.
import { CANCELED_ERROR } from './ai-response.events.ts';
import type { AiResponseRow } from './ai-response.repository.ts';
import {
  type AiResponseError,
  type AiResponseOut,
  type AiResponseStatus,
  FINISHED_STATUSES,
  type ImprovementReportOut,
} from './ai-response.schemas.ts';

export type SseFrame = { event: string; data: unknown } | { comment: string };

export function isFinished(status: string): boolean {
  return (FINISHED_STATUSES as readonly string[]).includes(status);
}

export function toAiResponseOut(row: AiResponseRow): AiResponseOut {
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

/** The last frame of a stream whose response has finished: `done` with the response, or `error`. */
export function terminalFrame(row: AiResponseRow): SseFrame {
  if (row.status === 'succeeded') return { event: 'done', data: toAiResponseOut(row) };
  if (row.status === 'failed') {
    return {
      event: 'error',
      data: (row.error as AiResponseError | null) ?? { code: 'internal_error', message: 'The job failed.' },
    };
  }
  return { event: 'error', data: CANCELED_ERROR };
}
