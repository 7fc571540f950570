// The improved CV as a document the person sends: its versions (the improver's text, then each of
// their edits, with the report recomputed for each) and the files rendered from them (PDF in a
// template and page size, DOCX, JSON Resume, markdown). Every PDF and DOCX is read back by the
// same reader that reads uploads, and the answer says how much of it came back as meant.
import { type CvStructure, parseCv, readBackScore } from '../analysis/index.ts';
import { type DocumentType, extractText, renderCvDocx, renderCvPdfDocument } from '../documents/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError, notFound } from '../platform/errors.ts';
import type { LinkHolder, LinkSigner } from '../platform/http/signed-links.ts';
import type { Storage } from '../platform/storage.ts';
import { type AiResponseRow, findAiResponse, lockAiResponse } from './ai-response.repository.ts';
import type { ImprovementReportOut } from './ai-response.schemas.ts';
import { cvOfAnswer, jobOf, provenanceOf, referenceMonth, reportFor } from './analysis.ts';
import {
  clearCachedPdf,
  findLatestVersion,
  findVersion,
  insertRenderedDocument,
  insertVersion,
  listVersions,
  type RenderedDocumentRow,
  type VersionRow,
} from './improved-cv.repository.ts';
import type {
  DocumentFormat,
  RenderedDocumentOut,
  RenderRequest,
  VersionOut,
  VersionSummaryOut,
} from './improved-cv.schemas.ts';
import { jsonResumeOf } from './json-resume.ts';
import { findQuestionnaire, type QuestionnaireRow } from './questionnaire.repository.ts';
import { correctedStructureOf, readStoredStructure } from './structure.ts';

const NOT_FOUND = 'AI response not found.';

export interface ImprovedCvServiceDeps {
  db: Db;
  storage: Storage;
  clock: Clock;
  links: LinkSigner;
  documentUrl: (documentId: string) => string;
}

/** One version of the CV, however it is stored. */
interface Version {
  version: number;
  source: 'improver' | 'edit';
  markdown: string;
  report: ImprovementReportOut | null;
  createdAt: Date;
}

const FILE_TYPES: Record<DocumentFormat, { contentType: string; extension: string; kind: string }> = {
  pdf: { contentType: 'application/pdf', extension: 'pdf', kind: 'improved-pdf' },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
    kind: 'improved-docx',
  },
  json: { contentType: 'application/json', extension: 'json', kind: 'improved-json' },
  markdown: { contentType: 'text/markdown; charset=utf-8', extension: 'md', kind: 'improved-markdown' },
};

function fromRow(row: AiResponseRow): Version {
  return {
    version: 1,
    source: 'improver',
    markdown: cvOfAnswer(row.responseText ?? ''),
    report: (row.report as ImprovementReportOut | null) ?? null,
    createdAt: row.finishedAt ?? row.createdAt,
  };
}

function fromVersionRow(row: VersionRow): Version {
  return {
    version: row.version,
    source: 'edit',
    markdown: row.markdown,
    report: row.report as ImprovementReportOut,
    createdAt: row.createdAt,
  };
}

function summaryOf(v: Version): VersionSummaryOut {
  return {
    version: v.version,
    source: v.source,
    created_at: v.createdAt.toISOString(),
    score_after: v.report?.score_after ?? null,
    fact_guard_passed: v.report?.fact_guard.passed ?? null,
    preservation_passed: v.report?.preservation?.passed ?? null,
  };
}

/** What the report still lists as not stated by the CV, in the words a 409 shows. */
function unverifiedFacts(report: ImprovementReportOut | null): string[] {
  if (report === null) return [];
  return [
    ...report.fact_guard.invented.map((f) => `${f.value} (${f.kind.replace('_', ' ')})`),
    ...report.fact_guard.changed.map((c) => `${c.to} (your CV says "${c.from}")`),
  ];
}

export function createImprovedCvService(deps: ImprovedCvServiceDeps) {
  const { db } = deps;
  return {
    async list(userId: number, id: number): Promise<{ latest: number; results: VersionSummaryOut[] }> {
      const row = await succeeded(db, userId, id);
      const versions = [fromRow(row), ...(await listVersions(db, row.id)).map(fromVersionRow)];
      return { latest: versions.at(-1)!.version, results: versions.map(summaryOf) };
    },

    async get(userId: number, id: number, version: number): Promise<VersionOut> {
      const v = await versionOf(db, await succeeded(db, userId, id), version);
      return { ...summaryOf(v), markdown: v.markdown, report: v.report };
    },

    /** Stores the person's edited CV as the next version, with its report recomputed. */
    edit(userId: number, id: number, markdown: string): Promise<VersionOut> {
      return editVersion(deps, userId, id, markdown);
    },

    /** Renders a version in the asked format and stores the file; 409 for unverified facts unless confirmed. */
    render(
      userId: number,
      holder: LinkHolder,
      id: number,
      request: RenderRequest,
    ): Promise<RenderedDocumentOut> {
      return renderVersion(deps, userId, holder, id, request);
    },
  };
}

async function succeeded(db: Db, userId: number, id: number): Promise<AiResponseRow> {
  const row = await findAiResponse(db, userId, id);
  if (!row) throw notFound(NOT_FOUND);
  if (row.status !== 'succeeded' || row.responseText === null) {
    throw new AppError(
      'conflict',
      `The response is ${row.status}; its CV exists once its status is succeeded.`,
    );
  }
  return row;
}

async function versionOf(db: Db, row: AiResponseRow, wanted: number | undefined): Promise<Version> {
  if (wanted === 1) return fromRow(row);
  const found =
    wanted === undefined ? await findLatestVersion(db, row.id) : await findVersion(db, row.id, wanted);
  if (found) return fromVersionRow(found);
  if (wanted === undefined) return fromRow(row);
  throw notFound(`Version ${wanted} not found.`);
}

function sourceOf(questionnaire: QuestionnaireRow): { cvText: string; structure: CvStructure | undefined } {
  const cvText = questionnaire.resumeText ?? '';
  return { cvText, structure: correctedStructureOf(questionnaire.resumeStructure, cvText) };
}

async function readBack(data: Buffer, type: DocumentType, markdown: string) {
  const read = await extractText(new Uint8Array(data), type);
  return readBackScore(parseCv(markdown), parseCv(read.text));
}

function renderedOut(
  deps: ImprovedCvServiceDeps,
  row: RenderedDocumentRow,
  holder: LinkHolder,
): RenderedDocumentOut {
  const url = deps.documentUrl(row.documentId);
  return {
    id: row.documentId,
    url,
    link: deps.links.sign(`/cv/documents/${row.documentId}/`, holder),
    format: row.format as DocumentFormat,
    template: (row.template as RenderedDocumentOut['template']) ?? null,
    page_size: (row.pageSize as RenderedDocumentOut['page_size']) ?? null,
    pages: row.pages,
    cut: (row.cut as RenderedDocumentOut['cut'] | null) ?? [],
    read_back: (row.readBack as RenderedDocumentOut['read_back']) ?? null,
    version: row.version,
    created_at: row.createdAt.toISOString(),
  };
}

async function editVersion(
  deps: ImprovedCvServiceDeps,
  userId: number,
  id: number,
  markdown: string,
): Promise<VersionOut> {
  const { db, storage, clock } = deps;
  const row = await succeeded(db, userId, id);
  const questionnaire = await findQuestionnaire(db, userId, row.questionnaireId);
  if (!questionnaire) throw notFound(NOT_FOUND);
  const text = `${markdown.replace(/\r\n?/g, '\n').trim()}\n`;
  const report = editedReport(row, questionnaire, text, clock.now());
  const stored = await db.transaction(async (tx) => {
    if (!(await lockAiResponse(tx, userId, id))) throw notFound(NOT_FOUND);
    const version = await insertVersion(tx, {
      aiResponseId: id,
      markdown: text,
      report,
      createdAt: clock.now(),
    });
    // generate-pdf/ serves the latest version: the PDF it kept shows an older one.
    const stale = await clearCachedPdf(tx, id);
    if (stale) await storage.delete(stale, { tx });
    return version;
  });
  const v = fromVersionRow(stored);
  return { ...summaryOf(v), markdown: v.markdown, report: v.report };
}

/** The report for an edited text, against the same CV and job, credited to the edit. */
function editedReport(row: AiResponseRow, questionnaire: QuestionnaireRow, text: string, now: Date) {
  const { cvText, structure } = sourceOf(questionnaire);
  return reportFor({
    cvText,
    structure,
    answer: text,
    job: jobOf(questionnaire),
    factFix: null,
    referenceDate: referenceMonth(now),
    provenance: {
      ...provenanceOf(row.provider ?? 'offline', row.model ?? 'offline', undefined),
      note: 'Edited by you; the report was computed again for your version.',
    },
  });
}

async function renderVersion(
  deps: ImprovedCvServiceDeps,
  userId: number,
  holder: LinkHolder,
  id: number,
  request: RenderRequest,
): Promise<RenderedDocumentOut> {
  const { db, storage } = deps;
  const row = await succeeded(db, userId, id);
  const v = await versionOf(db, row, request.version);
  const unverified = unverifiedFacts(v.report);
  if (unverified.length > 0 && !request.confirm_unverified) {
    throw new AppError(
      'conflict',
      'This version states facts your CV does not. Check them; to render it anyway, send confirm_unverified: true.',
      { extensions: { unverified } },
    );
  }
  const questionnaire = await findQuestionnaire(db, userId, row.questionnaireId);
  const title = readStoredStructure(questionnaire?.resumeStructure)?.basics.name ?? undefined;
  const format = request.format;
  const { data, details } = await renderFile(v, request, title);
  const type = FILE_TYPES[format];
  const rendered = await db.transaction(async (tx) => {
    if (!(await lockAiResponse(tx, userId, id))) throw notFound(NOT_FOUND);
    const stored = await storage.put(
      {
        userId,
        kind: type.kind,
        contentType: type.contentType,
        filename: `improved-cv-${id}-v${v.version}.${type.extension}`,
        data,
      },
      { tx },
    );
    return insertRenderedDocument(tx, {
      documentId: stored.id,
      aiResponseId: id,
      version: v.version,
      format,
      ...details,
    });
  });
  return renderedOut(deps, rendered, holder);
}

type RenderDetails = Pick<RenderedDocumentRow, 'template' | 'pageSize' | 'pages' | 'cut' | 'readBack'>;

/** The file in the asked format; a PDF or DOCX is read back to say how much of it came back as meant. */
async function renderFile(
  v: Version,
  request: RenderRequest,
  title: string | undefined,
): Promise<{ data: Buffer; details: RenderDetails }> {
  const details: RenderDetails = { template: null, pageSize: null, pages: null, cut: [], readBack: null };
  if (request.format === 'pdf') {
    const pdf = await renderCvPdfDocument({
      markdown: v.markdown,
      title,
      template: request.template,
      pageSize: request.page_size,
      maxPages: request.max_pages,
    });
    return {
      data: pdf.data,
      details: {
        template: pdf.template,
        pageSize: pdf.pageSize,
        pages: pdf.pages,
        cut: pdf.cut,
        readBack: await readBack(pdf.data, 'pdf', v.markdown),
      },
    };
  }
  if (request.format === 'docx') {
    const data = await renderCvDocx({ markdown: v.markdown, title, pageSize: request.page_size });
    return {
      data,
      details: {
        ...details,
        pageSize: request.page_size,
        readBack: await readBack(data, 'docx', v.markdown),
      },
    };
  }
  if (request.format === 'json') {
    return {
      data: Buffer.from(`${JSON.stringify(jsonResumeOf(parseCv(v.markdown), v.createdAt), null, 2)}\n`),
      details,
    };
  }
  return { data: Buffer.from(v.markdown), details };
}

export type ImprovedCvService = ReturnType<typeof createImprovedCvService>;
