// The OpenAPI 3.1 document (generated from the routes' zod schemas) at /schema/, and Swagger UI at
// /docs/ (`/` belongs to the web app; src/web/ sends API clients from there to /docs/).
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const API_DESCRIPTION = `CV Improver takes a CV and a target job and returns a better CV for that job, with an honest report of what changed.

**Authentication.** Register or sign in under \`/auth/\` to get an access token (send it as \`Authorization: Bearer <token>\`) and a refresh token (rotated on every use; browsers may keep it in the httpOnly cookie instead).

**Errors** are RFC 9457 problem details (\`application/problem+json\`) with a stable \`code\`; validation errors list each field under \`errors\`.

Paths end in \`/\`; the same path without it works too. This document: [\`/schema/\`](/schema/) (YAML) or [\`/schema/?format=json\`](/schema/?format=json).`;

type OpenApiDocument = ReturnType<typeof jsonSchemaTransformObject>;

/**
 * Files in the docs: the CV field of multipart bodies described as a file (`format: binary`), so
 * that Swagger UI offers a file picker instead of a text box, and downloads as files. The routes' zod schema cannot say it: the same
 * schema validates the JSON body, where the field is null or absent.
 */
function withFilePickers(document: OpenApiDocument): OpenApiDocument {
  const paths = (document as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      const body = (operation as { requestBody?: { content?: Record<string, { schema?: unknown }> } })
        .requestBody;
      const multipart = body?.content?.['multipart/form-data'];
      const form = multipart?.schema as { properties?: Record<string, { description?: string }> } | undefined;
      const resume = form?.properties?.resume;
      if (body?.content && multipart && form?.properties && resume) {
        // A copy: the JSON body shares the same media object, and there the field stays as it is.
        body.content['multipart/form-data'] = {
          ...multipart,
          schema: {
            ...form,
            properties: {
              ...form.properties,
              resume: { type: 'string', format: 'binary', description: resume.description },
            },
          },
        };
      }
      // A download (a response schema marked `format: binary`) is a file, not JSON: Swagger UI
      // then offers it as a file to save.
      const responses = (operation as { responses?: Record<string, { content?: Record<string, unknown> }> })
        .responses;
      for (const response of Object.values(responses ?? {})) {
        const json = response.content?.['application/json'] as { schema?: { format?: string } } | undefined;
        if (response.content && json?.schema?.format === 'binary') {
          response.content = { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } };
        }
      }
    }
  }
  return document;
}

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'CV Improver API', version, description: API_DESCRIPTION },
      tags: [
        { name: 'auth', description: 'Accounts, sessions and passwords' },
        { name: 'plans', description: 'Plans and their limits' },
        { name: 'core', description: 'Health' },
      ],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (documentObject) => withFilePickers(jsonSchemaTransformObject(documentObject)),
  });

  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // BaseLayout: no top bar, so no framework logo above the API's own title.
    uiConfig: { deepLinking: true, persistAuthorization: true, docExpansion: 'list', layout: 'BaseLayout' },
    theme: {
      title: 'CV Improver API',
      // The plugin's own address of the document (/docs/json) under the title is hidden: the
      // description links the documented one, /schema/. A stylesheet file, so the CSP holds.
      css: [{ filename: 'theme.css', content: '.swagger-ui .info hgroup.main a.link { display: none; }' }],
    },
  });

  app.get(
    '/schema/',
    {
      schema: {
        hide: true,
        querystring: z.object({ format: z.enum(['yaml', 'json']).default('yaml') }),
      },
    },
    async (request, reply) => {
      const { format } = request.query as { format: 'yaml' | 'json' };
      if (format === 'json')
        return reply.type('application/json').serializer(JSON.stringify).send(app.swagger());
      return reply.type('application/yaml; charset=utf-8').send(app.swagger({ yaml: true }));
    },
  );
}
