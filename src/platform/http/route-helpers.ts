// Small pieces every feature's routes share: the error responses they declare (so the OpenAPI
// document lists them) and how a route reads the caller's address.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemSchema } from './problem.ts';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors` names each field',
  401: 'Missing, invalid or expired credentials',
  403: 'Not allowed',
  404: 'Not found (also for objects of other users)',
  409: 'Conflict with the current state',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'The content cannot be processed',
  429: 'Too many requests; see Retry-After',
  500: 'Unexpected error (details are logged, not sent)',
  502: 'An outside service failed',
  503: 'Temporarily unavailable',
};

type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** Response schemas for the given error statuses, plus 500 which any route may answer. */
export function errorResponses(...statuses: ErrorStatus[]) {
  const out: Record<number, typeof ProblemSchema> = {};
  for (const status of [...statuses, 500]) {
    out[status] = ProblemSchema.describe(ERROR_DESCRIPTIONS[status] ?? 'Error');
  }
  return out;
}

export function clientInfo(request: FastifyRequest): { ip: string | null; userAgent: string | null } {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua : null };
}

/** The app as a zod-typed route plugin sees it: what a feature's `registerX(app, deps)` steps take. */
export type RouteApp = Parameters<FastifyPluginAsyncZod>[0];
