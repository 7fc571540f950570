import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type AuthHooks, currentUser } from '../platform/http/authenticate.ts';
import { errorResponses } from '../platform/http/route-helpers.ts';
import { parseId } from './pagination.ts';
import { IdParamsSchema } from './questionnaire.schemas.ts';
import { CvStructureViewSchema, ResumeStructureInputSchema } from './structure.schemas.ts';
import type { StructureService } from './structure.service.ts';

const tags = ['cv'];
const security = [{ bearerAuth: [] }];
const NOT_FOUND = 'Questionnaire not found.';
const PATH = '/cv/questionnaire/:id/structure/';
const CONFLICT =
  '409 while the questionnaire has no readable CV: `resume_status` `processing` (still being read), `failed` or `none`; the problem carries `resume_status`.';

export function structureRoutes(deps: {
  structures: StructureService;
  hooks: AuthHooks;
}): FastifyPluginAsyncZod {
  const { structures, hooks } = deps;
  return async (app) => {
    app.get(
      PATH,
      {
        preHandler: hooks.requireUser,
        schema: {
          tags,
          security,
          summary: 'The structure read from the CV',
          description: `The CV as a JSON Resume document, each part with the line of \`text\` it was read from and a confidence per field, the page layout read, and the text itself. After a correction (PUT), \`structure\` is yours and \`original\` the reading. ${CONFLICT}`,
          params: IdParamsSchema,
          response: { 200: CvStructureViewSchema, ...errorResponses(401, 404, 409) },
        },
      },
      async (request) => structures.get(currentUser(request).user.id, parseId(request.params.id, NOT_FOUND)),
    );

    app.put(
      PATH,
      {
        preHandler: hooks.requireUser,
        schema: {
          tags,
          security,
          summary: 'Correct the structure read from the CV',
          description: `The whole structure as it should be (the shape GET answers; \`confidence\` is ignored). From then on the analysis, the improvement and the documents use it instead of reading the text again; the text itself is not changed, and uploading a new CV drops the correction. Dates are \`YYYY\`, \`YYYY-MM\` or \`YYYY-MM-DD\`, an end never before its start; every list and text is bounded; \`errors\` names each invalid field (\`work.0.endDate\`). ${CONFLICT}`,
          params: IdParamsSchema,
          body: ResumeStructureInputSchema,
          response: { 200: CvStructureViewSchema, ...errorResponses(400, 401, 404, 409) },
        },
      },
      async (request) =>
        structures.correct(currentUser(request).user.id, parseId(request.params.id, NOT_FOUND), request.body),
    );

    app.delete(
      PATH,
      {
        preHandler: hooks.requireUser,
        schema: {
          tags,
          security,
          summary: 'Drop the correction: back to the structure as read',
          description: `Answers the structure as read (\`corrected: false\`); without a correction it changes nothing. ${CONFLICT}`,
          params: IdParamsSchema,
          response: { 200: CvStructureViewSchema, ...errorResponses(401, 404, 409) },
        },
      },
      async (request) =>
        structures.reset(currentUser(request).user.id, parseId(request.params.id, NOT_FOUND)),
    );
  };
}
