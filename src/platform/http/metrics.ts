// `GET /metrics` and the request metrics: a count and a latency histogram per route, method and
// status class, and the refusals of the limits (429s) per route. With METRICS_TOKEN set, only a
// scraper that sends it gets the figures; with METRICS_ENABLED=false the route does not exist.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { Metrics } from '../metrics.ts';
import { errorResponses } from './route-helpers.ts';

export interface MetricsRouteOptions {
  metrics: Metrics;
  token: string | undefined;
}

/** Whether an Authorization header carries the metrics token (always, when none is set). */
export function metricsAuthorized(authorization: string | undefined, token: string | undefined): boolean {
  if (token === undefined) return true;
  const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export function registerMetricsRoute(app: FastifyInstance, options: MetricsRouteOptions): void {
  const { metrics, token } = options;
  const requests = metrics.counter(
    'cvimprover_http_requests_total',
    'HTTP requests answered, by route pattern, method and status class',
  );
  const latency = metrics.histogram(
    'cvimprover_http_request_duration_seconds',
    'Time from request to answer in seconds, by route pattern and method (event streams: until they end)',
  );
  const refusals = metrics.counter(
    'cvimprover_limit_refusals_total',
    'Requests refused by a plan quota, a request limit or an address limit (429), by route pattern',
  );

  app.addHook('onResponse', async (request, reply) => {
    // The pattern, never the path: ids in paths would make a series per object.
    const route = request.routeOptions.url ?? 'unmatched';
    const method = request.method;
    requests.inc({ route, method, status: `${Math.floor(reply.statusCode / 100)}xx` });
    latency.observe({ route, method }, reply.elapsedTime / 1000);
    if (reply.statusCode === 429) refusals.inc({ route });
  });

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['core'],
        summary: 'Metrics in the Prometheus text format',
        description:
          'Requests and latency per route, limit refusals, queue depth per job kind, job durations, AI tokens per provider and model, open event streams. With `METRICS_TOKEN` set, send it as `Authorization: Bearer <token>`.',
        response: {
          200: z.string().describe('text/plain; version=0.0.4'),
          ...errorResponses(401),
        },
      },
    },
    async (request, reply) => {
      if (!metricsAuthorized(request.headers.authorization, token)) {
        throw new AppError('not_authenticated', 'The metrics need the token set in METRICS_TOKEN.', {
          headers: { 'WWW-Authenticate': 'Bearer' },
        });
      }
      return reply
        .type(METRICS_CONTENT_TYPE)
        .header('Cache-Control', 'no-store')
        .send(await metrics.render());
    },
  );
}
