// Security headers (CSP, HSTS, nosniff, frame and referrer policies, …) on every answer, from
// helmet. Its middleware is built once here: the Fastify plugin builds it anew for every request,
// which cost more than all the rest of a `GET /core/plans/`.
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

export function registerSecurityHeaders(app: FastifyInstance): void {
  // No upgrade-insecure-requests: served over plain HTTP under any host name but localhost, it
  // makes the browser fetch the API docs' assets over https, where nothing answers.
  const setHeaders = helmet({
    contentSecurityPolicy: { useDefaults: true, directives: { upgradeInsecureRequests: null } },
  });
  app.addHook('onRequest', (request, reply, done) => {
    setHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}
