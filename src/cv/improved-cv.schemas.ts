import { z } from 'zod';
import { PAGE_SIZES, PDF_TEMPLATES } from '../documents/index.ts';
import { ImprovementReportSchema } from './analysis.schemas.ts';

export const MARKDOWN_MAX_CHARS = 60_000;
export const DOCUMENT_FORMATS = ['pdf', 'docx', 'json', 'markdown'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const VersionParamsSchema = z.object({
  id: z.string().describe('The AI response id'),
  version: z.string().describe('The version number (1 is the improver’s text)'),
});

export const SignedLinkSchema = z
  .object({
    url: z.string().describe('Opens without an Authorization header (an <a href>, an EventSource)'),
    expires_at: z.string().describe('ISO-8601 UTC; ask again for a new link after this'),
  })
  .meta({ id: 'SignedLink' });

/** Query parameters of a signed link: only the service writes them. */
export const SignedLinkQuerySchema = z.object({
  expires: z.string().optional().describe('Part of a signed link'),
  user: z.string().optional().describe('Part of a signed link'),
  session: z.string().optional().describe('Part of a signed link'),
  signature: z.string().optional().describe('Part of a signed link'),
});

export const VersionEditSchema = z
  .object({
    markdown: z
      .string({ error: 'The edited CV is required, as markdown.' })
      .max(MARKDOWN_MAX_CHARS, { error: `The edited CV must be at most ${MARKDOWN_MAX_CHARS} characters.` })
      .refine((text) => text.trim().length > 0, { error: 'The edited CV is empty.' })
      .describe('The whole CV as you want it, in markdown (# Name, ## Sections, - bullets)'),
  })
  .meta({
    example: {
      markdown:
        '# Zoë Müller\n\nSenior Backend Engineer · zoe@example.com\n\n## Experience\n\n### Staff Engineer — Ångström Logistics (2021–present)\n\n- Led the migration of the order service to PostgreSQL 15\n',
    },
  });

const versionShape = {
  version: z.number().int().describe('1 is the improver’s text; each edit adds one'),
  source: z.enum(['improver', 'edit']).describe('Written by the improver, or an edit of yours'),
  created_at: z.string().describe('ISO-8601 UTC'),
  score_after: z.number().int().nullable().describe('Match score of this version, 0–100'),
  fact_guard_passed: z.boolean().nullable().describe('False when this version states facts your CV does not'),
  preservation_passed: z
    .boolean()
    .nullable()
    .describe('False when this version leaves out something of your CV without saying why'),
};

export const VersionSummarySchema = z.object(versionShape).meta({ id: 'ImprovedCvVersionSummary' });
export type VersionSummaryOut = z.infer<typeof VersionSummarySchema>;

export const VersionSchema = z
  .object({
    ...versionShape,
    markdown: z.string().describe('The CV of this version'),
    report: ImprovementReportSchema.nullable().describe('The report recomputed for this version'),
  })
  .meta({ id: 'ImprovedCvVersion' });
export type VersionOut = z.infer<typeof VersionSchema>;

export const VersionListSchema = z
  .object({
    latest: z.number().int().describe('The version rendering uses unless another is named'),
    results: z.array(VersionSummarySchema),
  })
  .meta({ id: 'ImprovedCvVersions' });

export const RenderRequestSchema = z
  .object({
    format: z.enum(DOCUMENT_FORMATS).default('pdf').describe('pdf, docx, json (JSON Resume) or markdown'),
    template: z
      .enum(PDF_TEMPLATES)
      .default('classic')
      .describe('PDF look: classic (one column), modern (with a sidebar) or compact'),
    page_size: z.enum(PAGE_SIZES).default('A4').describe('PDF and DOCX page size'),
    max_pages: z
      .number()
      .int()
      .min(1)
      .max(10)
      .optional()
      .describe('PDF page budget: the least relevant content is condensed, then cut, until it fits'),
    version: z.number().int().min(1).optional().describe('Which version to render; the latest by default'),
    confirm_unverified: z
      .boolean()
      .default(false)
      .describe('Render even though the report lists facts your CV does not state'),
  })
  .meta({ example: { format: 'pdf', template: 'modern', page_size: 'A4', max_pages: 2 } });
export type RenderRequest = z.infer<typeof RenderRequestSchema>;

export const RenderedDocumentSchema = z
  .object({
    id: z.string().describe('The document UUID'),
    url: z.string().describe('Download URL (needs the Authorization header)'),
    link: SignedLinkSchema.describe('The same download as a short-lived link a browser can open'),
    format: z.enum(DOCUMENT_FORMATS),
    template: z.enum(PDF_TEMPLATES).nullable().describe('PDF only'),
    page_size: z.enum(PAGE_SIZES).nullable().describe('PDF and DOCX only'),
    pages: z.number().int().nullable().describe('PDF only'),
    cut: z
      .array(z.object({ section: z.string(), item: z.string().nullable(), what: z.string() }))
      .describe('What the page budget left out; empty when nothing was cut'),
    read_back: z
      .object({
        score: z
          .number()
          .describe('0–1: share of name, contacts, jobs, degrees and skills read back as meant'),
        checked: z.number().int(),
        missed: z.array(z.string()),
      })
      .nullable()
      .describe('PDF and DOCX: the file read back by the same reader that reads uploads'),
    version: z.number().int(),
    created_at: z.string(),
  })
  .meta({ id: 'RenderedDocument' });
export type RenderedDocumentOut = z.infer<typeof RenderedDocumentSchema>;
