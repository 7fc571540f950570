// Schemas of what the analysis module tells a user about their CV: the explained match score, the
// structure read from the CV, and the report that goes with every improved CV. They mirror the
// types of src/analysis (the response serializer strips anything not declared here).
import { z } from 'zod';
import { FACT_KINDS } from '../analysis/index.ts';

const SECTIONS = [
  'experience',
  'projects',
  'certificates',
  'education',
  'summary',
  'skills',
  'languages',
  'header',
  'other',
] as const;

export const EvidenceSchema = z
  .object({
    section: z.enum(SECTIONS),
    text: z.string().describe('The CV line, trimmed to 160 characters'),
    line: z
      .number()
      .int()
      .describe(
        '1-based line in the CV text; 0 for a line of a part you added when correcting the structure',
      ),
  })
  .meta({ id: 'Evidence' });

const requirementShape = {
  id: z.string().describe('Stable key, e.g. `skill:kubernetes`, `experience:years`'),
  requirement: z.string().describe('What a person reads: "Kubernetes", "6+ years of experience"'),
  kind: z.enum(['skill', 'title', 'experience', 'degree', 'language', 'industry']),
  importance: z.enum(['must', 'nice']).describe('Must-have or nice-to-have, from the wording of the job'),
  source: z.enum(['description', 'position', 'industry', 'role_profile']),
  weight: z.number().describe('Its share of the score'),
  status: z.enum(['covered', 'weak', 'missing']),
  credit: z.number().describe('Share of the weight earned: 1 covered, 0.5 weak, 0 missing'),
  found_in: z.array(z.enum(SECTIONS)),
  evidence: z.array(EvidenceSchema).describe('The CV lines that prove it'),
  note: z.string().describe('Why this status, in one sentence'),
};

export const RequirementMatchSchema = z.object(requirementShape).meta({ id: 'RequirementMatch' });

export const ExplainedRequirementSchema = z
  .object({
    ...requirementShape,
    status_before: z.enum(['covered', 'weak', 'missing']).describe('Its status in the CV as uploaded'),
  })
  .meta({ id: 'ExplainedRequirement' });

export const MissingRequirementSchema = z
  .object({
    requirement: z.string(),
    importance: z.enum(['must', 'nice']),
    suggestion: z.string().describe('Starts with "Add only if true": never a prompt to invent'),
  })
  .meta({ id: 'MissingRequirement' });

export const FactSchema = z
  .object({
    kind: z.enum(FACT_KINDS),
    value: z.string().describe('As written'),
    key: z.string().describe('The normalized value compared'),
    section: z.string().describe('header, summary, experience, education, skills, ...'),
    line: z.number().int().describe('1-based line in its text'),
    context: z.string().describe('The line the fact sits in'),
  })
  .meta({ id: 'Fact' });

export const FactChangeSchema = z
  .object({
    kind: z.enum(FACT_KINDS),
    from: z.string().describe('The value in your CV'),
    to: z.string().describe('The value in the improved CV'),
    section: z.string().describe('header, summary, experience, education, skills, ...'),
    line: z.number().int().describe('Line in the improved CV'),
    source_line: z.number().int().describe('Line in your CV'),
    context: z.string(),
  })
  .meta({ id: 'FactChange' });

export const FactGuardSchema = z
  .object({
    passed: z.boolean().describe('True when nothing was invented or changed (dropped facts do not fail it)'),
    invented: z.array(FactSchema).describe('Facts of the improved CV that your CV never states'),
    changed: z.array(FactChangeSchema).describe('Facts of your CV that the improved CV altered'),
    dropped: z.array(FactSchema).describe('Facts of your CV that the improved CV leaves out'),
  })
  .meta({ id: 'FactGuard' });

export const FactFixSchema = z
  .object({
    first_pass: z
      .object({
        invented: z.array(FactSchema),
        changed: z.array(FactChangeSchema),
        lost: z
          .array(z.string())
          .optional()
          .describe('Items of your CV the first answer left out without saying why'),
      })
      .describe("What the checks found in the model's first answer"),
    removed: z
      .array(z.string())
      .describe('Findings of the first answer that the corrected answer no longer contains'),
    error: z
      .object({ code: z.string(), message: z.string() })
      .nullable()
      .describe('Set when the correction call failed and the first answer was kept'),
  })
  .meta({ id: 'FactFix' });

export const PreservationSchema = z
  .object({
    passed: z.boolean().describe('True when nothing of your CV was left out without a stated reason'),
    checked: z
      .number()
      .int()
      .describe('Items looked for: name, headline, contacts, links, jobs, degrees, bullets…'),
    kept: z.number().int().describe('Items found as they were, or bullets reworded on a line of their own'),
    merged: z
      .array(z.object({ bullet: z.string(), into: z.string() }))
      .describe('Bullets of your CV now carried, with others, by one line of the improved CV'),
    dropped: z
      .array(
        z.object({
          kind: z
            .string()
            .describe(
              'name, headline, email, phone, link, location, employer, title, dates, institution, degree, certificate, language, award, publication or bullet',
            ),
          value: z.string().describe('As your CV states it'),
          context: z.string().nullable().describe('The entry it belonged to'),
          intended: z.boolean().describe('True when the improver removed it on purpose'),
          reason: z.string().nullable().describe('Why, when it was removed on purpose'),
        }),
      )
      .describe('What the improved CV leaves out; an unintended drop fails the check'),
  })
  .meta({ id: 'Preservation' });

export const ImprovementReportSchema = z
  .object({
    version: z.string().describe('Version of the match score algorithm (docs/match-score.md)'),
    score_before: z.number().int().min(0).max(100).describe('Match of your CV as uploaded, 0–100'),
    score_after: z.number().int().min(0).max(100).describe('Match of the improved CV, 0–100'),
    requirements: z.array(ExplainedRequirementSchema),
    covered: z.array(z.string()).describe('Requirements the improved CV covers'),
    missing: z.array(MissingRequirementSchema).describe('Still missing: add one only if it is true'),
    not_credited: z
      .array(z.object({ requirement: z.string(), because: z.string() }))
      .optional()
      .describe(
        'Requirements the improved CV would meet only through facts the fact guard flags as invented or changed: left out of score_after and covered (absent on older reports)',
      ),
    fact_guard: FactGuardSchema,
    changes: z
      .array(z.object({ change: z.string(), reason: z.string() }))
      .describe('The main changes, each with its reason'),
    fact_fix: FactFixSchema.nullable().describe(
      'Present when the first answer invented facts or lost items, and the model was asked once to fix them',
    ),
    preservation: PreservationSchema.optional().describe(
      'What of your CV the improved CV kept, merged and dropped, and why (absent on older reports)',
    ),
    provenance: z
      .object({
        ai_model_used: z.boolean(),
        note: z.string().describe('How this version was made, in one sentence'),
      })
      .optional()
      .describe('How the improved CV was made; kept here, never printed in the CV (absent on older reports)'),
    suggestions: z
      .array(z.object({ quote: z.string(), advice: z.string() }))
      .optional()
      .describe(
        'Lines of the improved CV worth strengthening, with advice in the CV’s language; never printed in the CV (absent on older reports)',
      ),
  })
  .meta({ id: 'ImprovementReport' });
export type ImprovementReportOut = z.infer<typeof ImprovementReportSchema>;

const nullableString = z.string().nullable();
const dates = {
  startDate: nullableString.describe('YYYY-MM or YYYY'),
  endDate: nullableString.describe('YYYY-MM or YYYY; null with `current` for an ongoing role'),
};
const workShape = {
  position: nullableString,
  location: nullableString,
  ...dates,
  current: z.boolean(),
  summary: nullableString,
  highlights: z.array(z.string()),
  confidence: z.number().describe('0–1: how sure the reading of employer, title and dates is'),
  line: z
    .number()
    .int()
    .describe(
      "1-based line of the entry's first line in the CV text; 0 for an entry you added when correcting",
    ),
};

export const CvStructureSchema = z
  .object({
    basics: z.object({
      name: nullableString,
      label: nullableString,
      email: nullableString,
      phone: nullableString,
      url: nullableString,
      location: z
        .object({
          address: z.string().describe('As written'),
          city: nullableString,
          region: nullableString,
          countryCode: nullableString,
        })
        .nullable(),
      summary: nullableString,
      profiles: z.array(z.object({ network: z.string(), username: z.string(), url: z.string() })),
    }),
    work: z.array(z.object({ name: nullableString.describe('The employer'), ...workShape })),
    education: z.array(
      z.object({
        institution: nullableString,
        area: nullableString,
        studyType: nullableString,
        ...dates,
        highlights: z.array(z.string()),
        confidence: z.number(),
        line: z.number().int(),
      }),
    ),
    skills: z.array(z.object({ name: z.string(), keywords: z.array(z.string()) })),
    projects: z.array(
      z.object({
        name: z.string(),
        description: nullableString,
        highlights: z.array(z.string()),
        ...dates,
        line: z.number().int(),
      }),
    ),
    certificates: z.array(
      z.object({ name: z.string(), date: nullableString, issuer: nullableString, line: z.number().int() }),
    ),
    languages: z.array(z.object({ language: z.string(), fluency: nullableString })),
    volunteer: z.array(z.object({ organization: nullableString, ...workShape })),
    meta: z.object({
      language: z.enum(['en', 'de', 'fr', 'es']).describe('Main language of the CV text'),
      sectionOrder: z.array(z.string()).describe('Sections in the order the CV presents them'),
      twoColumn: z.boolean().describe('Whether the text came from a two-column layout'),
      confidence: z.record(z.string(), z.number()).describe('0–1 per field of basics and per section'),
    }),
  })
  .describe('The CV read as a JSON Resume document, with a confidence per field')
  .meta({ id: 'CvStructure' });

export const CvAnalysisSchema = z
  .object({
    version: z.string().describe('Version of the match score algorithm (docs/match-score.md)'),
    score: z.number().int().min(0).max(100).describe('How well the CV matches the job, 0–100'),
    requirements: z.array(RequirementMatchSchema).describe('Each requirement of the job, explained'),
    covered: z.array(z.string()),
    missing: z.array(MissingRequirementSchema).describe('What the CV does not show: add only if true'),
    structure: CvStructureSchema,
    structure_corrected: z
      .boolean()
      .describe(
        'True when the structure is your correction (PUT …/structure/) rather than the reading of the text',
      ),
    resume_status: z.literal('ready'),
  })
  .meta({ id: 'CvAnalysis' });
export type CvAnalysisOut = z.infer<typeof CvAnalysisSchema>;

export const RateLimitInfoSchema = z
  .object({
    limit: z.number().int(),
    used: z.number().int(),
    remaining: z.number().int(),
    reset_at: z.string().describe('ISO-8601 UTC: when the oldest counted response leaves the window'),
  })
  .meta({ id: 'AiResponseRateLimitInfo' });
export type RateLimitInfo = z.infer<typeof RateLimitInfoSchema>;
