// PostgreSQL text cannot hold the NUL character (U+0000): a string carrying one fails the insert
// with an encoding error. Rather than strip it silently or let the query fail, every request whose
// body or query string carries one is answered 400, naming the fields. (Path parameters are ids,
// which their routes check: an id with a NUL in it names nothing, a 404.)
import type { FastifyInstance } from 'fastify';
import { type FieldErrors, validationError } from '../errors.ts';

const MESSAGE = 'This field contains the NUL character (\\u0000), which text cannot hold. Remove it.';

function collect(value: unknown, path: string, errors: FieldErrors, depth: number): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) errors[path || 'non_field_errors'] = [MESSAGE];
    return;
  }
  // Parsed JSON is at most as deep as the body limit allows; the cap only keeps a hostile body
  // from costing a deep walk.
  if (value === null || typeof value !== 'object' || depth > 32) return;
  if (Buffer.isBuffer(value)) return;
  const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
  for (const [key, item] of entries) collect(item, path ? `${path}.${key}` : String(key), errors, depth + 1);
}

/** Fields of the request that carry a NUL character, or null. */
function nulFields(parts: Record<string, unknown>): FieldErrors | null {
  const errors: FieldErrors = {};
  for (const value of Object.values(parts)) collect(value, '', errors, 0);
  return Object.keys(errors).length > 0 ? errors : null;
}

export function registerNulGuard(app: FastifyInstance): void {
  // preHandler runs after every body parser (multipart fields included) and after validation,
  // so it sees the strings the route would store.
  app.addHook('preHandler', async (request) => {
    const errors = nulFields({ query: request.query, body: request.body });
    if (errors) throw validationError(errors);
  });
}
