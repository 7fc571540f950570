// Schemas of the CV structure a user sees and corrects: JSON Resume (https://jsonresume.org) with
// the line of the CV text each part was read from and a confidence per field. The same shape goes
// out (GET) and comes back corrected (PUT); coming back, every string is bounded and put on one
// line, dates are checked, lists are capped and unknown keys are dropped. (The input schema has no
// component id: with its transforms, its input and output forms would claim the same name.)
import { z } from 'zod';
import { LAYOUT_KINDS, type LayoutKind } from '../documents/index.ts';

// The layouts the CV readers tell apart.
export const RESUME_LAYOUTS = LAYOUT_KINDS;
export type ResumeLayout = LayoutKind;

/** Bounds of a corrected structure: generous for a real CV, small enough to keep a row sane. */
export const STRUCTURE_LIMITS = {
  work: 100,
  education: 50,
  skills: 100,
  keywords: 100,
  projects: 100,
  certificates: 100,
  languages: 50,
  volunteer: 100,
  highlights: 50,
  profiles: 20,
} as const;

// ---- what comes back from the user ----

const tooLong = (max: number) => `Ensure this field has no more than ${max} characters.`;
const tooMany = (max: number) => `Ensure this field has no more than ${max} elements.`;
const notString = (issue: { input: unknown }) =>
  issue.input === undefined
    ? 'This field is required.'
    : issue.input === null
      ? 'This field may not be null.'
      : 'Not a valid string.';

/** One line: control characters, line breaks and runs of white space become one space. */
function oneLine(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Paragraphs keep their line breaks (at most one blank line between them); each line is squeezed. */
function paragraphs(value: string): string {
  return value
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .split('\n')
    .map(oneLine)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const text = (max: number, normalize: (value: string) => string = oneLine) =>
  z
    .string({ error: notString })
    // Documents the bound; the check itself applies after white space is squeezed.
    .meta({ maxLength: max })
    .transform(normalize)
    .pipe(z.string().max(max, { error: tooLong(max) }));

/** Optional text: missing, null and "" all mean "none" (null). */
const optionalText = (max: number, normalize?: (value: string) => string) =>
  text(max, normalize)
    .nullable()
    .optional()
    .transform((v) => (v === undefined || v === null || v === '' ? null : v));

const requiredText = (max: number) =>
  text(max).pipe(z.string().min(1, { error: 'This field may not be blank.' }));

/** A list of short texts; blank items (an empty bullet left in a form) are dropped. */
const textList = (maxItems: number, maxChars: number) =>
  z
    .array(text(maxChars), { error: 'Expected a list of strings.' })
    .max(maxItems, { error: tooMany(maxItems) })
    .nullable()
    .optional()
    .transform((items) => (items ?? []).filter((item) => item !== ''));

const list = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item, { error: 'Expected a list of items.' })
    .max(max, { error: tooMany(max) })
    .nullable()
    .optional()
    .transform((items) => items ?? []);

const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date between 1900 and 2100. */
export function isResumeDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  if (year < 1900 || year > 2100) return false;
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  return day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const BAD_DATE = 'Use YYYY, YYYY-MM or YYYY-MM-DD (for example "2021" or "2021-03").';

const date = (what: string) =>
  z
    .string({ error: notString })
    .transform((v) => v.trim())
    .refine((v) => v === '' || isResumeDate(v), { error: BAD_DATE })
    .nullable()
    .optional()
    .transform((v) => (v === undefined || v === null || v === '' ? null : v))
    .describe(`${what}: YYYY, YYYY-MM or YYYY-MM-DD`);

/** The first and last day a date can mean: "2021" spans the whole year. */
function dateSpan(value: string): [string, string] {
  if (value.length === 4) return [`${value}-01-01`, `${value}-12-31`];
  if (value.length === 7) return [`${value}-01`, `${value}-31`];
  return [value, value];
}

/** True when the end cannot be on or after the start, at the precision each is written. */
export function endsBeforeStart(start: unknown, end: unknown): boolean {
  if (typeof start !== 'string' || typeof end !== 'string') return false;
  if (!isResumeDate(start) || !isResumeDate(end)) return false;
  return dateSpan(end)[1] < dateSpan(start)[0];
}

const line = z
  .number({ error: 'A valid integer is required.' })
  .int({ error: 'A valid integer is required.' })
  .min(1, { error: 'Ensure this value is greater than or equal to 1.' })
  .max(1_000_000, { error: 'Ensure this value is less than or equal to 1000000.' })
  .nullable()
  .optional()
  .transform((v) => v ?? null)
  .describe(
    'The line of `text` this part was read from, as GET gave it; null or left out for a part you add',
  );

const object = <T extends z.ZodRawShape>(shape: T) => z.object(shape, { error: 'Expected an object.' });

/** Dated entries: the end may not come before the start ("2021" to "2021-03" is fine). */
function dated<T extends z.ZodObject>(schema: T) {
  return schema.superRefine((entry, ctx) => {
    const { startDate, endDate } = entry as { startDate?: unknown; endDate?: unknown };
    if (endsBeforeStart(startDate, endDate)) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date is before the start date.' });
    }
  });
}

const workShape = {
  position: optionalText(200),
  location: optionalText(200),
  startDate: date('Start'),
  endDate: date('End; null or left out for a role you still hold'),
  summary: optionalText(2000, paragraphs),
  highlights: textList(STRUCTURE_LIMITS.highlights, 1000),
  line,
};

export const ResumeStructureInputSchema = object({
  basics: object({
    name: optionalText(200),
    label: optionalText(200),
    email: optionalText(254).refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
      error: 'Enter a valid email address.',
    }),
    phone: optionalText(50),
    url: optionalText(500),
    location: object({
      address: optionalText(300),
      city: optionalText(100),
      region: optionalText(100),
      countryCode: optionalText(2)
        .refine((v) => v === null || /^[A-Za-z]{2}$/.test(v), {
          error: 'Use a two-letter country code (ISO 3166-1), for example "DE".',
        })
        .transform((v) => v?.toUpperCase() ?? null),
    })
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    summary: optionalText(5000, paragraphs),
    profiles: list(
      object({ network: optionalText(100), username: optionalText(200), url: optionalText(500) }),
      STRUCTURE_LIMITS.profiles,
    ),
    line,
  }),
  work: list(
    dated(object({ name: optionalText(200).describe('The employer'), ...workShape })),
    STRUCTURE_LIMITS.work,
  ),
  education: list(
    dated(
      object({
        institution: optionalText(200),
        area: optionalText(200),
        studyType: optionalText(200),
        startDate: date('Start'),
        endDate: date('End'),
        highlights: textList(STRUCTURE_LIMITS.highlights, 1000),
        line,
      }),
    ),
    STRUCTURE_LIMITS.education,
  ),
  skills: list(
    object({
      name: optionalText(200).describe('The group ("Languages", "Cloud"); left out for an unlabelled list'),
      keywords: textList(STRUCTURE_LIMITS.keywords, 200),
      line,
    }),
    STRUCTURE_LIMITS.skills,
  ),
  projects: list(
    dated(
      object({
        name: requiredText(200),
        description: optionalText(2000, paragraphs),
        highlights: textList(STRUCTURE_LIMITS.highlights, 1000),
        startDate: date('Start'),
        endDate: date('End'),
        line,
      }),
    ),
    STRUCTURE_LIMITS.projects,
  ),
  certificates: list(
    object({ name: requiredText(200), date: date('Issued'), issuer: optionalText(200), line }),
    STRUCTURE_LIMITS.certificates,
  ),
  languages: list(
    object({ language: requiredText(100), fluency: optionalText(100), line }),
    STRUCTURE_LIMITS.languages,
  ),
  volunteer: list(
    dated(object({ organization: optionalText(200), ...workShape })),
    STRUCTURE_LIMITS.volunteer,
  ),
})
  .describe(
    'The whole corrected structure, in the shape GET answers (confidence is ignored). A section left out is saved as empty; unknown keys are dropped.',
  )
  .meta({
    example: {
      basics: {
        name: 'Ann Lee',
        label: 'Backend Engineer',
        email: 'ann@example.com',
        phone: '+49 30 1234567',
        location: { city: 'Berlin', countryCode: 'DE' },
        summary: 'Backend engineer with five years of Node.js and PostgreSQL.',
      },
      work: [
        {
          name: 'Acme GmbH',
          position: 'Backend Engineer',
          location: 'Berlin',
          startDate: '2021-03',
          endDate: null,
          highlights: ['Cut API latency by 40% by moving reports to a queue.'],
          line: 7,
        },
      ],
      education: [
        { institution: 'TU Berlin', studyType: 'M.Sc.', area: 'Computer Science', endDate: '2019' },
      ],
      skills: [{ name: 'Languages', keywords: ['TypeScript', 'SQL'] }],
      languages: [{ language: 'English', fluency: 'C1' }],
    },
  });

/** A corrected structure as stored in `questionnaires.resume_structure`. */
export type StoredResumeStructure = z.output<typeof ResumeStructureInputSchema>;

// ---- what goes out ----

const s = z.string().nullable();
const outLine = z
  .number()
  .int()
  .nullable()
  .describe('1-based line of `text` this part was read from; null when unknown or added by you');
const outDates = {
  startDate: s.describe('YYYY, YYYY-MM or YYYY-MM-DD'),
  endDate: s.describe('null: ongoing, or not given'),
};
const outWork = {
  position: s,
  location: s,
  ...outDates,
  summary: s,
  highlights: z.array(z.string()),
  line: outLine,
};

export const ResumeStructureSchema = z
  .object({
    basics: z.object({
      name: s,
      label: s,
      email: s,
      phone: s,
      url: s,
      location: z
        .object({ address: s.describe('As written'), city: s, region: s, countryCode: s })
        .nullable(),
      summary: s,
      profiles: z.array(z.object({ network: s, username: s, url: s })),
      line: outLine.describe("1-based line of `text` holding the person's name"),
    }),
    work: z.array(z.object({ name: s.describe('The employer'), ...outWork })),
    education: z.array(
      z.object({
        institution: s,
        area: s,
        studyType: s,
        ...outDates,
        highlights: z.array(z.string()),
        line: outLine,
      }),
    ),
    skills: z.array(z.object({ name: s, keywords: z.array(z.string()), line: outLine })),
    projects: z.array(
      z.object({
        name: z.string(),
        description: s,
        highlights: z.array(z.string()),
        ...outDates,
        line: outLine,
      }),
    ),
    certificates: z.array(z.object({ name: z.string(), date: s, issuer: s, line: outLine })),
    awards: z
      .array(z.object({ title: z.string(), date: s, awarder: s, line: outLine }))
      .describe('As read; a correction keeps them as they were read'),
    publications: z
      .array(z.object({ name: z.string(), releaseDate: s, publisher: s, line: outLine }))
      .describe('As read; a correction keeps them as they were read'),
    languages: z.array(z.object({ language: z.string(), fluency: s, line: outLine })),
    volunteer: z.array(z.object({ organization: s, ...outWork })),
    confidence: z
      .record(z.string(), z.number().min(0).max(1))
      .describe(
        '0–1 per field of basics (`basics.name`), per section (`work`) and per entry (`work.0`); 1 throughout a structure you corrected',
      ),
  })
  .describe('The CV as a JSON Resume document')
  .meta({ id: 'ResumeStructure' });
export type ResumeStructureOut = z.infer<typeof ResumeStructureSchema>;

export const CvStructureViewSchema = z
  .object({
    structure: ResumeStructureSchema.describe(
      'What analysis and improvement use: your correction, or else the reading',
    ),
    layout: z
      .enum(RESUME_LAYOUTS)
      .nullable()
      .describe(
        'How the pages were laid out; null for plain text and for CVs read before layouts were recorded',
      ),
    text: z.string().describe('The CV text as read; `line` numbers point into it'),
    corrected: z.boolean().describe('Whether you corrected the structure'),
    original: ResumeStructureSchema.optional().describe(
      'The structure as read from the text; present when corrected',
    ),
    updated_at: z.string().describe('ISO-8601 UTC: when the structure last changed (read or corrected)'),
  })
  .meta({ id: 'CvStructureView' });
export type CvStructureView = z.infer<typeof CvStructureViewSchema>;
