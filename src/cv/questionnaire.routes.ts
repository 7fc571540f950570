import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type QuotaHooks, uploadQuotaRef } from '../limits/index.ts';
import { type AuthHooks, currentUser } from '../platform/http/authenticate.ts';
import { preferredWait } from '../platform/http/prefer.ts';
import { errorResponses, type RouteApp } from '../platform/http/route-helpers.ts';
import { CvAnalysisSchema } from './analysis.schemas.ts';
import { contentDisposition, type DocumentService } from './document.service.ts';
import { SignedLinkQuerySchema } from './improved-cv.schemas.ts';
import { paginated, parseId } from './pagination.ts';
import {
  IdParamsSchema,
  QuestionnaireCreateSchema,
  QuestionnaireListQuerySchema,
  QuestionnairePageSchema,
  QuestionnairePatchSchema,
  QuestionnaireSchema,
} from './questionnaire.schemas.ts';
import type { QuestionnaireService } from './questionnaire.service.ts';
import { registerResumeUploads, UploadedResume } from './upload.ts';

const tags = ['cv'];
const security = [{ bearerAuth: [] }];
const consumes = ['application/json', 'multipart/form-data'];
const NOT_FOUND = 'Questionnaire not found.';

/** What the questionnaire routes use. */
interface QuestionnaireRouteDeps {
  questionnaires: QuestionnaireService;
  documents: DocumentService;
  hooks: AuthHooks;
  quota: QuotaHooks;
}

/** The same, with the one uploads-quota hook that every write carrying a CV shares. */
interface RouteDeps extends QuestionnaireRouteDeps {
  countUpload: ReturnType<QuotaHooks['require']>;
}

export function questionnaireRoutes(deps: QuestionnaireRouteDeps): FastifyPluginAsyncZod {
  const routeDeps: RouteDeps = {
    ...deps,
    countUpload: deps.quota.require('uploads', { when: carriesResume }),
  };
  // Registered in this order, which is also the order of the OpenAPI document.
  return async (app) => {
    await registerResumeUploads(app);
    registerList(app, routeDeps);
    registerCreate(app, routeDeps);
    registerGet(app, routeDeps);
    registerAnalysis(app, routeDeps);
    registerUpdates(app, routeDeps);
    registerDelete(app, routeDeps);
    registerDocumentDownload(app, routeDeps);
  };
}

/** The uploads quota counts writes that carry a CV file (multipart bodies are parsed by now). */
function carriesResume(request: FastifyRequest): boolean {
  return (request.body as { resume?: unknown } | undefined)?.resume instanceof UploadedResume;
}

/**
 * The upload's unit is named after the stored file, so a file that turns out unreadable (a
 * scan, an encrypted PDF) gives it back when its reading fails, even before this answer.
 */
async function keepUploadUnit(
  { quota, questionnaires }: QuestionnaireRouteDeps,
  request: FastifyRequest,
  documentId: string | null,
): Promise<void> {
  if (documentId === null) return;
  await quota.settle(request, 'uploads', uploadQuotaRef(documentId), () =>
    questionnaires.uploadFailed(documentId),
  );
}

function registerList(app: RouteApp, { questionnaires, hooks }: RouteDeps) {
  app.get(
    '/cv/questionnaire/',
    {
      preHandler: hooks.requireUser,
      schema: {
        tags,
        security,
        summary: 'List your questionnaires',
        description:
          'Newest first unless `ordering` says otherwise (a field name, `-` for descending). Filters on the choice fields.',
        querystring: QuestionnaireListQuerySchema,
        response: { 200: QuestionnairePageSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { query } = request;
      const page = await questionnaires.list(currentUser(request).user.id, query);
      return paginated(request, { page: query.page, pageSize: query.page_size }, page);
    },
  );
}

function registerCreate(app: RouteApp, deps: RouteDeps) {
  const { questionnaires, hooks, quota, countUpload } = deps;
  app.post(
    '/cv/questionnaire/',
    {
      preHandler: [hooks.requireUser, quota.require('questionnaires'), countUpload],
      schema: {
        tags,
        security,
        consumes,
        summary: 'Create a questionnaire',
        description:
          'JSON, or multipart/form-data with the CV in `resume` (PDF, DOCX, ODT or TXT, recognized by content, at most 10 MB). The CV is read in the background: `resume_status` goes from `processing` to `ready` or `failed`.',
        body: QuestionnaireCreateSchema,
        response: { 201: QuestionnaireSchema, ...errorResponses(400, 401, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const { questionnaire, uploadedDocumentId } = await questionnaires.create(
        currentUser(request).user.id,
        request.body,
      );
      await keepUploadUnit(deps, request, uploadedDocumentId);
      reply.code(201);
      return questionnaire;
    },
  );
}

function registerGet(app: RouteApp, { questionnaires, hooks }: RouteDeps) {
  app.get(
    '/cv/questionnaire/:id/',
    {
      preHandler: hooks.requireUser,
      config: { progress: true },
      schema: {
        tags,
        security,
        summary: 'Get a questionnaire',
        description:
          'With `Prefer: wait=N` (N ≤ 60) and a CV still being read (`resume_status: processing`), the answer waits up to N seconds for `ready` or `failed`: one request instead of polling.',
        params: IdParamsSchema,
        headers: z.object({
          prefer: z.string().optional().describe('`wait=N`: wait up to N seconds for the CV to be read'),
        }),
        response: { 200: QuestionnaireSchema, ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const wait = preferredWait(request.headers.prefer);
      if (wait > 0) reply.header('Preference-Applied', `wait=${wait}`);
      return questionnaires.get(currentUser(request).user.id, parseId(request.params.id, NOT_FOUND), wait);
    },
  );
}

function registerAnalysis(app: RouteApp, { questionnaires, hooks }: RouteDeps) {
  app.get(
    '/cv/questionnaire/:id/analysis/',
    {
      preHandler: hooks.requireUser,
      schema: {
        tags,
        security,
        summary: "Score and structure of the questionnaire's CV against its job",
        description:
          'Answers at once, with no AI: the match score (0–100, deterministic, algorithm `version`), each requirement of the job with its status (covered, weak, missing), where the CV proves it and its weight, what is missing (add only if true), and the CV read as a JSON Resume structure, or your correction of it (`structure_corrected`, see PUT …/structure/). A current role counts up to today. 409 while the questionnaire has no readable CV: `resume_status` `processing` (still being read, try again in a moment), `failed` (the reading error) or `none` (upload a CV first); the problem carries `resume_status`.',
        params: IdParamsSchema,
        response: { 200: CvAnalysisSchema, ...errorResponses(401, 404, 409) },
      },
    },
    async (request) =>
      questionnaires.analysis(currentUser(request).user.id, parseId(request.params.id, NOT_FOUND)),
  );
}

/** Replacing (PUT) and changing (PATCH) a questionnaire: both may carry a new CV file. */
function registerUpdates(app: RouteApp, deps: RouteDeps) {
  const { questionnaires, hooks, countUpload } = deps;
  app.put(
    '/cv/questionnaire/:id/',
    {
      preHandler: [hooks.requireUser, countUpload],
      schema: {
        tags,
        security,
        consumes,
        summary: 'Replace a questionnaire',
        description: 'All required fields; a new `resume` file replaces the old one, which is deleted.',
        params: IdParamsSchema,
        body: QuestionnaireCreateSchema,
        response: { 200: QuestionnaireSchema, ...errorResponses(400, 401, 404, 413, 415, 429) },
      },
    },
    async (request) => {
      const { questionnaire, uploadedDocumentId } = await questionnaires.update(
        currentUser(request).user.id,
        parseId(request.params.id, NOT_FOUND),
        request.body,
      );
      await keepUploadUnit(deps, request, uploadedDocumentId);
      return questionnaire;
    },
  );

  app.patch(
    '/cv/questionnaire/:id/',
    {
      preHandler: [hooks.requireUser, countUpload],
      schema: {
        tags,
        security,
        consumes,
        summary: 'Change some fields of a questionnaire',
        description: '`resume: null` (JSON) or an empty `resume` field (multipart) removes the CV.',
        params: IdParamsSchema,
        body: QuestionnairePatchSchema,
        response: { 200: QuestionnaireSchema, ...errorResponses(400, 401, 404, 413, 415, 429) },
      },
    },
    async (request) => {
      const { questionnaire, uploadedDocumentId } = await questionnaires.update(
        currentUser(request).user.id,
        parseId(request.params.id, NOT_FOUND),
        request.body,
      );
      await keepUploadUnit(deps, request, uploadedDocumentId);
      return questionnaire;
    },
  );
}

function registerDelete(app: RouteApp, { questionnaires, hooks }: RouteDeps) {
  app.delete(
    '/cv/questionnaire/:id/',
    {
      preHandler: hooks.requireUser,
      schema: {
        tags,
        security,
        summary: 'Delete a questionnaire',
        description: 'Deletes its CV file, its AI responses and their documents too.',
        params: IdParamsSchema,
        response: { 204: z.null().describe('Deleted'), ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      await questionnaires.remove(currentUser(request).user.id, parseId(request.params.id, NOT_FOUND));
      return reply.code(204).send(null);
    },
  );
}

function registerDocumentDownload(app: RouteApp, { documents, hooks }: RouteDeps) {
  app.get(
    '/cv/documents/:id/',
    {
      preHandler: hooks.requireUserOrLink,
      schema: {
        tags,
        security,
        summary: 'Download a stored document',
        description:
          'An uploaded CV or a rendered file; served to its owner only, always as an attachment. Opens with the Authorization header or with the signed link (`link`) that rendering returned.',
        params: z.object({ id: z.string().describe('The document UUID') }),
        querystring: SignedLinkQuerySchema,
        response: {
          200: z
            .unknown()
            .meta({ type: 'string', format: 'binary' })
            .describe('The file (a CV as uploaded, or a rendered PDF), with its own content type'),
          ...errorResponses(401, 404),
        },
      },
    },
    async (request, reply) => {
      const file = await documents.download(currentUser(request).user.id, request.params.id);
      return reply
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', contentDisposition(file.filename, file.contentType))
        .header('Content-Length', String(file.sizeBytes))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'private, no-store')
        .send(file.data);
    },
  );
}
