// Security headers (CSP, HSTS, nosniff, frame and referrer policies, …) on every answer, as helmet
// sets them. They are the same for every request, so helmet runs once, at start, and its headers
// are copied onto each reply: the Fastify plugin built helmet's middleware anew for every request,
// and even a middleware built once spent more on its ten separate header calls than the rest of a
// `GET /core/plans/`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/** What helmet sets on a response, read off a stand-in response. */
export function helmetHeaders(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name];
    },
  } as unknown as ServerResponse;
  let failure: unknown;
  helmet(options)({} as IncomingMessage, response, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure;
  return headers;
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  // No upgrade-insecure-requests: served over plain HTTP under any host name but localhost, it
  // makes the browser fetch the API docs' assets over https, where nothing answers.
  const headers = helmetHeaders({
    contentSecurityPolicy: { useDefaults: true, directives: { upgradeInsecureRequests: null } },
  });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
