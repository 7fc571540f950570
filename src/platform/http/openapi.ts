// The OpenAPI 3.1 document (generated from the routes' zod schemas) at /schema/, and Swagger UI at /.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const API_DESCRIPTION = `CV Improver takes a CV and a target job and returns a better CV for that job, with an honest report of what changed.

**Authentication.** Register or sign in under \`/auth/\` to get an access token (send it as \`Authorization: Bearer <token>\`) and a refresh token (rotated on every use; browsers may keep it in the httpOnly cookie instead).

**Errors** are RFC 9457 problem details (\`application/problem+json\`) with a stable \`code\`; validation errors list each field under \`errors\`.

Paths end in \`/\`; the same path without it works too.`;

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
    transformObject: jsonSchemaTransformObject,
  });

  // Registered under a prefix of its own (the plugin has no way to sit at the root), then `/`
  // serves the same page.
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    uiConfig: { deepLinking: true, persistAuthorization: true, docExpansion: 'list' },
  });

  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/docs/'));

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
