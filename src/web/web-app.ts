// The web app (web/, built into web/dist) served by the API process: a browser that opens `/` or
// one of the app's own pages (`/history`, `/verify-email/…`, `/auth/google/callback`) gets the
// app, which then talks to the API like any client. API clients are unaffected: asking for JSON
// (or anything but HTML) at `/` still leads to the API documentation, and an unknown path is still
// a problem document.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export const BUILD_HINT = 'The web app is not built: run `npm run build:web` (npm ci does it), then restart.';

/** Paths of the API itself: a browser asking for one of them gets the API's answer, never the app. */
const API_PREFIXES = ['/auth/', '/cv/', '/core/', '/docs', '/schema', '/metrics', '/assets/'];

/**
 * The app's pages that live under an API prefix: Google sends the browser back to the callback
 * page, whose address is registered with Google as the redirect URI, so it cannot move.
 */
const APP_PAGES_UNDER_API = ['/auth/google/callback'];

/** A browser navigating asks for text/html; fetch, curl and SDKs ask for JSON or anything at all. */
export function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return /(^|[,\s])text\/html\b/i.test(accept);
}

export function isAppPath(url: string): boolean {
  const pathname = url.split('?')[0] ?? '/';
  if (APP_PAGES_UNDER_API.includes(pathname.replace(/\/+$/, ''))) return true;
  return !API_PREFIXES.some(
    (prefix) => pathname === prefix.replace(/\/$/, '') || pathname.startsWith(prefix),
  );
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CV Improver</title></head>
<body><h1>CV Improver</h1><p>${BUILD_HINT.replace(/`([^`]+)`/g, '<code>$1</code>')}</p>
<p>The API and its documentation work meanwhile: <a href="/docs/">/docs/</a>.</p></body></html>`;

export async function registerWebApp(
  app: FastifyInstance,
  options: { distDir?: string } = {},
): Promise<void> {
  const distDir = options.distDir ?? WEB_DIST;
  const built = existsSync(path.join(distDir, 'index.html'));
  if (built) {
    // Hashed file names: a file never changes under its name, so browsers may keep it for a year.
    // The build writes .br and .gz copies next to each file; the smallest one the browser accepts
    // is sent.
    await app.register(fastifyStatic, {
      root: path.join(distDir, 'assets'),
      prefix: '/assets/',
      index: false,
      immutable: true,
      maxAge: '365d',
      preCompressed: true,
    });
  } else {
    app.log.warn(BUILD_HINT);
  }

  // index.html is asked for again on every visit (no-cache), so a new build reaches people at once.
  const sendApp = (reply: FastifyReply) =>
    built
      ? reply
          .header('Cache-Control', 'no-cache')
          .sendFile('index.html', distDir, { maxAge: 0, immutable: false, cacheControl: false })
      : reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);

  app.get('/', { schema: { hide: true } }, (request, reply) =>
    wantsHtml(request) ? sendApp(reply) : reply.redirect('/docs/'),
  );
  // The app's own pages, which it routes itself: any other GET a browser makes outside the API.
  app.get('/*', { schema: { hide: true } }, (request, reply) =>
    wantsHtml(request) && isAppPath(request.url) ? sendApp(reply) : reply.callNotFound(),
  );
}
