import { z } from 'zod';
import { ImprovementReportSchema, RateLimitInfoSchema } from './analysis.schemas.ts';
import { PageQuerySchema, pageSchema } from './pagination.ts';

export type { ImprovementReportOut } from './analysis.schemas.ts';

export const AI_RESPONSE_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'canceled'] as const;
export type AiResponseStatus = (typeof AI_RESPONSE_STATUSES)[number];
export const FINISHED_STATUSES: readonly AiResponseStatus[] = ['succeeded', 'failed', 'canceled'];

export const PROMPT_MIN_CHARS = 10;
export const PROMPT_MAX_CHARS = 5000;

// Loose on purpose: the service answers missing or malformed fields with the original API's
// sentences (in `error`) instead of the generic validation problem.
export const AiResponseCreateSchema = z
  .object({
    questionnaire: z
      .unknown()
      .optional()
      .meta({ description: 'Id of one of your questionnaires', type: 'integer' }),
    prompt: z
      .unknown()
      .optional()
      .meta({
        description: `What you want from the improved CV, ${PROMPT_MIN_CHARS}–${PROMPT_MAX_CHARS} characters`,
        type: 'string',
      }),
  })
  .nullish()
  .meta({ example: { questionnaire: 1, prompt: 'Tailor my CV to this backend role.' } });

export const AiErrorSchema = z
  .object({ code: z.string(), message: z.string() })
  .meta({ id: 'AiResponseError' });
export type AiResponseError = z.infer<typeof AiErrorSchema>;

export const AiUsageSchema = z.object({
  prompt_tokens: z.number().int(),
  completion_tokens: z.number().int(),
});

export const AiResponseSchema = z
  .object({
    id: z.number().int(),
    questionnaire: z.number().int(),
    prompt: z.string(),
    created_at: z.string().describe('ISO-8601 UTC'),
    status: z.enum(AI_RESPONSE_STATUSES),
    progress: z.number().int().min(0).max(100),
    response_text: z.string().nullable().describe('The improved CV in markdown, once succeeded'),
    error: AiErrorSchema.nullable().describe('Why it failed, once failed'),
    provider: z.string().nullable(),
    model: z.string().nullable(),
    usage: AiUsageSchema.nullable(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    report: ImprovementReportSchema.nullable().describe(
      'Once succeeded: match score before and after, requirements, what is missing, fact guard findings and changes',
    ),
    rate_limit_info: RateLimitInfoSchema.nullable().describe(
      "On the answer to POST: the user's daily AI-response quota after this request; null elsewhere",
    ),
    events_link: z
      .object({ url: z.string(), expires_at: z.string() })
      .optional()
      .describe(
        'On the answers to POST and GET of one response: a short-lived link to its event stream that a browser’s EventSource can open without an Authorization header',
      ),
  })
  .meta({ id: 'AiResponse' });
export type AiResponseOut = z.infer<typeof AiResponseSchema>;

const AI_RESPONSE_ORDERINGS = ['created_at', '-created_at'] as const;

export const AiResponseListQuerySchema = PageQuerySchema.extend({
  ordering: z
    .enum(AI_RESPONSE_ORDERINGS, {
      error: `Ordering must be one of: ${AI_RESPONSE_ORDERINGS.join(', ')}.`,
    })
    .optional()
    .describe('Newest first (`-created_at`) unless `created_at` asks for oldest first'),
  questionnaire: z.coerce
    .number({ error: 'A valid integer is required.' })
    .int({ error: 'A valid integer is required.' })
    .min(1, { error: 'A valid integer is required.' })
    .max(2_147_483_647, { error: 'A valid integer is required.' })
    .optional(),
});
export type AiResponseListQuery = z.infer<typeof AiResponseListQuerySchema>;

export const AiResponsePageSchema = pageSchema(AiResponseSchema, 'AiResponsePage');

export const PdfUrlSchema = z.object({ pdf_url: z.string() }).meta({ id: 'PdfUrl' });

export const AiResponseHeadersSchema = z.object({
  prefer: z.string().optional().describe('`wait=N` (N ≤ 60): wait up to N seconds for the result'),
  'idempotency-key': z
    .string()
    .max(255, { error: 'Idempotency-Key must be at most 255 characters.' })
    .optional()
    .describe('Retrying a POST with the same key returns the first result instead of a second job'),
});
