// The closed catalogue of background jobs: their names, payloads and retry policies. The worker
// refuses to start unless every job here has a handler.
import { z } from 'zod';
import type { JobDefinition } from '../platform/queue/queue.ts';

/** Extracts the text of an uploaded CV into its questionnaire. */
export const extractResumeJob: JobDefinition<{ questionnaireId: number; documentId: string }> = {
  name: 'extract-resume',
  payload: z.object({ questionnaireId: z.number().int(), documentId: z.string().uuid() }),
  retry: { retries: 2, delaySeconds: 2, backoff: true },
  timeoutSeconds: 120,
};

/** Asks the AI provider for an improved CV and stores the answer on its AI response row. */
export const improveCvJob: JobDefinition<{ aiResponseId: number }> = {
  name: 'improve-cv',
  payload: z.object({ aiResponseId: z.number().int() }),
  // Transient AI failures (rate limits, connection drops) are retried with backoff: 5 s, 10 s, 20 s.
  retry: { retries: 3, delaySeconds: 5, backoff: true },
  timeoutSeconds: 600,
};

/** Removes old AI responses and orphaned documents; scheduled daily when CLEANUP_DAYS is set. */
export const cleanupJob: JobDefinition<{ days: number }> = {
  name: 'cleanup',
  payload: z.object({ days: z.number().int().min(1) }),
  retry: { retries: 2, delaySeconds: 60, backoff: true },
  timeoutSeconds: 1800,
};

export const JOB_CATALOGUE = [extractResumeJob, improveCvJob, cleanupJob] as const;
