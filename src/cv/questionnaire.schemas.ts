import { z } from 'zod';
import { DOCUMENT_TYPES } from '../documents/index.ts';
import { PageQuerySchema, pageSchema } from './pagination.ts';
import { sanitizeText } from './sanitize.ts';

export const EXPERIENCE_LEVELS = ['0-2', '3-5', '6+'] as const;
export const COMPANY_SIZES = ['startup', 'small', 'medium', 'enterprise'] as const;
export const APPLICATION_TIMELINES = ['immediate', '1-3 months', '3-6 months', '6+ months'] as const;
export const RESUME_STATUSES = ['none', 'processing', 'ready', 'failed'] as const;
export type ResumeStatus = (typeof RESUME_STATUSES)[number];

const required = (input: unknown) => (input === undefined ? 'This field is required.' : undefined);

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (issue) =>
      required(issue.input) ??
      (issue.input === null
        ? 'This field may not be null.'
        : `"${String(issue.input)}" is not a valid choice.`),
  });

/** Sanitized text: what is stored and what the length limit applies to. */
const text = (max: number, options: { keepLineBreaks?: boolean } = {}) =>
  z
    .string({
      error: (issue) =>
        required(issue.input) ??
        (issue.input === null ? 'This field may not be null.' : 'Not a valid string.'),
    })
    .transform((value) => sanitizeText(value, options))
    .pipe(z.string().max(max, { error: `Ensure this field has no more than ${max} characters.` }));

const requiredText = (max: number) =>
  text(max).pipe(z.string().min(1, { error: 'This field may not be blank.' }));

/** Optional text: null and "" both mean "not given". */
const optionalText = (max: number, options: { keepLineBreaks?: boolean } = {}) =>
  z
    .union([text(max, options), z.null()], { error: 'Not a valid string.' })
    .transform((v) => (v === null || v === '' ? null : v));

const fields = {
  position: requiredText(255),
  industry: requiredText(255),
  experience_level: choice(EXPERIENCE_LEVELS),
  company_size: choice(COMPANY_SIZES),
  location: optionalText(255).optional(),
  application_timeline: choice(APPLICATION_TIMELINES),
  // Keeps its line breaks (unlike the original, which flattened it): "Requirements" and "Nice to
  // have" lists are only told apart by their lines.
  job_description: optionalText(5000, { keepLineBreaks: true }).optional(),
  // A file in multipart requests (the upload plugin puts the parsed upload here); in JSON, null
  // removes the current resume. The service checks which of the two it got.
  resume: z.unknown().optional().meta({
    description:
      'multipart/form-data: the CV file (PDF, DOCX, ODT or TXT, at most 10 MB). JSON: null removes the current CV.',
  }),
};

const QUESTIONNAIRE_EXAMPLE = {
  position: 'Backend Engineer',
  industry: 'Software',
  experience_level: '3-5',
  company_size: 'medium',
  location: 'Berlin',
  application_timeline: '1-3 months',
  job_description: 'Build APIs in TypeScript and PostgreSQL.\nRequirements: 3+ years of Node.js.',
};

export const QuestionnaireCreateSchema = z.object(fields).meta({ example: QUESTIONNAIRE_EXAMPLE });
export const QuestionnairePatchSchema = z
  .object(fields)
  .partial()
  .meta({ example: { location: 'Remote', application_timeline: 'immediate' } });
export type QuestionnaireCreate = z.infer<typeof QuestionnaireCreateSchema>;
export type QuestionnairePatch = z.infer<typeof QuestionnairePatchSchema>;

export const QuestionnaireSchema = z
  .object({
    id: z.number().int(),
    user: z.number().int(),
    position: z.string(),
    industry: z.string(),
    experience_level: z.enum(EXPERIENCE_LEVELS),
    company_size: z.enum(COMPANY_SIZES),
    location: z.string().nullable(),
    application_timeline: z.enum(APPLICATION_TIMELINES),
    job_description: z.string().nullable(),
    resume: z.string().nullable().describe('Authenticated download URL of the uploaded CV'),
    resume_filename: z.string().nullable().describe('The name the CV was uploaded with'),
    resume_type: z
      .enum(DOCUMENT_TYPES)
      .nullable()
      .describe('What the uploaded file was found to be from its content, whatever its name says'),
    resume_status: z.enum(RESUME_STATUSES),
    resume_error: z
      .string()
      .nullable()
      .describe('Why the CV could not be read, when resume_status is failed'),
    resume_text_chars: z.number().int().nullable(),
    submitted_at: z.string().describe('ISO-8601 UTC'),
  })
  .meta({ id: 'Questionnaire' });
export type QuestionnaireOut = z.infer<typeof QuestionnaireSchema>;

export const QUESTIONNAIRE_ORDERINGS = [
  'submitted_at',
  'id',
  'position',
  'industry',
  'experience_level',
  'company_size',
  'application_timeline',
] as const;
export type QuestionnaireOrderField = (typeof QUESTIONNAIRE_ORDERINGS)[number];

const ORDERING_VALUES = QUESTIONNAIRE_ORDERINGS.flatMap((field) => [field, `-${field}`]) as [
  string,
  ...string[],
];

export const QuestionnaireListQuerySchema = PageQuerySchema.extend({
  ordering: z
    .enum(ORDERING_VALUES, { error: `Ordering must be one of: ${ORDERING_VALUES.join(', ')}.` })
    .optional(),
  experience_level: z.enum(EXPERIENCE_LEVELS).optional(),
  company_size: z.enum(COMPANY_SIZES).optional(),
  application_timeline: z.enum(APPLICATION_TIMELINES).optional(),
});
export type QuestionnaireListQuery = z.infer<typeof QuestionnaireListQuerySchema>;

export const QuestionnairePageSchema = pageSchema(QuestionnaireSchema, 'QuestionnairePage');

export const IdParamsSchema = z.object({ id: z.string().describe('The numeric id') });
