import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type AuthHooks, currentUser } from '../platform/http/authenticate.ts';
import { errorResponses, type RouteApp } from '../platform/http/route-helpers.ts';
import {
  RenderedDocumentSchema,
  RenderRequestSchema,
  VersionEditSchema,
  VersionListSchema,
  VersionParamsSchema,
  VersionSchema,
} from './improved-cv.schemas.ts';
import type { ImprovedCvService } from './improved-cv.service.ts';
import { parseId } from './pagination.ts';
import { IdParamsSchema } from './questionnaire.schemas.ts';

const tags = ['cv'];
const security = [{ bearerAuth: [] }];
const NOT_FOUND = 'AI response not found.';

/** What the improved-CV routes use. */
interface ImprovedCvRouteDeps {
  improvedCvs: ImprovedCvService;
  hooks: AuthHooks;
}

export function improvedCvRoutes(deps: ImprovedCvRouteDeps): FastifyPluginAsyncZod {
  // Registered in this order, which is also the order of the OpenAPI document.
  return async (app) => {
    registerVersionRoutes(app, deps);
    registerEditRoute(app, deps);
    registerRenderRoute(app, deps);
  };
}

/** Reading the versions of an improved CV: the list, and one version. */
function registerVersionRoutes(app: RouteApp, { improvedCvs, hooks }: ImprovedCvRouteDeps) {
  app.get(
    '/cv/ai-responses/:id/versions/',
    {
      preHandler: hooks.requireUser,
      schema: {
        tags,
        security,
        summary: 'List the versions of an improved CV',
        description:
          'Version 1 is the improver’s text; each edit (PUT …/document/) adds one. Rendering uses `latest` unless a version is named. 409 unless the response succeeded.',
        params: IdParamsSchema,
        response: { 200: VersionListSchema, ...errorResponses(401, 404, 409) },
      },
    },
    async (request) => improvedCvs.list(currentUser(request).user.id, parseId(request.params.id, NOT_FOUND)),
  );

  app.get(
    '/cv/ai-responses/:id/versions/:version/',
    {
      preHandler: hooks.requireUser,
      schema: {
        tags,
        security,
        summary: 'Get one version of an improved CV',
        description: 'Its markdown and the report computed for it.',
        params: VersionParamsSchema,
        response: { 200: VersionSchema, ...errorResponses(401, 404, 409) },
      },
    },
    async (request) =>
      improvedCvs.get(
        currentUser(request).user.id,
        parseId(request.params.id, NOT_FOUND),
        parseId(request.params.version, `Version ${request.params.version} not found.`),
      ),
  );
}

function registerEditRoute(app: RouteApp, { improvedCvs, hooks }: ImprovedCvRouteDeps) {
  app.put(
    '/cv/ai-responses/:id/document/',
    {
      preHandler: hooks.requireUser,
      schema: {
        tags,
        security,
        summary: 'Save your edit of the improved CV',
        description:
          'Stores the whole edited CV (markdown) as a new version; the improver’s text stays as version 1. The report (match score, fact guard, what was kept) is computed again for your version, and rendering uses it from now on.',
        params: IdParamsSchema,
        body: VersionEditSchema,
        response: { 201: VersionSchema, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const id = parseId(request.params.id, NOT_FOUND);
      const version = await improvedCvs.edit(currentUser(request).user.id, id, request.body.markdown);
      reply.header('Location', `/cv/ai-responses/${id}/versions/${version.version}/`);
      return reply.code(201).send(version);
    },
  );
}

function registerRenderRoute(app: RouteApp, { improvedCvs, hooks }: ImprovedCvRouteDeps) {
  app.post(
    '/cv/ai-responses/:id/documents/',
    {
      preHandler: hooks.requireUser,
      schema: {
        tags,
        security,
        summary: 'Render the improved CV as a file',
        description:
          'PDF in a template (classic, modern, compact) and page size (A4, Letter) with an optional page budget, DOCX (real Word headings and lists), JSON Resume or markdown, from the latest version or the one named. The file is stored and its download URL returned, with a short-lived link a browser can open. A PDF or DOCX is read back by the same reader that reads uploads: `read_back` says how much came back as meant. 409 when the version states facts your CV does not (`unverified` lists them) unless `confirm_unverified` is true.',
        params: IdParamsSchema,
        body: RenderRequestSchema,
        response: { 201: RenderedDocumentSchema, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const { user, sessionId } = currentUser(request);
      const id = parseId(request.params.id, NOT_FOUND);
      const rendered = await improvedCvs.render(user.id, { userId: user.id, sessionId }, id, request.body);
      reply.header('Location', rendered.url);
      return reply.code(201).send(rendered);
    },
  );
}
