// Renders every error as RFC 9457 problem details. Client mistakes become clear 4xx answers naming
// the fields; anything unexpected becomes a 500 whose details are logged and never sent.
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, ERROR_CODES, type ErrorCode, type FieldErrors } from '../errors.ts';

// Required, not imported: an ESM import of node:http reads every export of the module, and its
// WebSocket, MessageEvent and CloseEvent getters load Node's bundled undici (about 5 MB of memory)
// into a process that never uses it.
const { STATUS_CODES } = createRequire(import.meta.url)('node:http') as typeof import('node:http');

export const ProblemSchema = z
  .object({
    type: z.string().describe('A URI naming the kind of problem'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
    errors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .describe('For validation errors: each invalid field and its messages'),
    error: z.string().optional().describe('The sentence the original API answered, where it had one'),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof ProblemSchema>;

export function problemBody(error: AppError): Problem {
  return {
    type: `https://cvimprover.dev/problems/${error.code.replaceAll('_', '-')}`,
    title: ERROR_CODES[error.code].title,
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(error.errors ? { errors: error.errors } : {}),
    ...(error.extensions ?? {}),
  };
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  if (error.headers) reply.headers(error.headers);
  return reply
    .code(error.status)
    .type('application/problem+json')
    .serializer(JSON.stringify)
    .send(problemBody(error));
}

/** Turns zod issues from a request schema into `{field: [messages]}`. */
function fieldErrorsFromValidation(
  validation: ReadonlyArray<{ instancePath?: string; message?: string; params?: unknown }>,
  context: string | undefined,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of validation) {
    const params = (issue.params ?? {}) as { issue?: { path?: PropertyKey[] } };
    const pathParts = params.issue?.path ?? issue.instancePath?.split('/').filter(Boolean) ?? [];
    const field =
      pathParts.length > 0
        ? pathParts.map(String).join('.')
        : context === 'body'
          ? 'non_field_errors'
          : (context ?? 'request');
    errors[field] = [...(errors[field] ?? []), issue.message ?? 'Invalid value.'];
  }
  return errors;
}

// A database that cannot be reached: connection refused or lost, a pool that found no connection
// in time, PostgreSQL shutting down or refusing connections (SQLSTATE class 08, 57P0x, 53300).
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EPIPE',
  '53300',
]);
const OUTAGE_MESSAGE_RE =
  /timeout exceeded when trying to connect|Connection terminated|connection is closed|Client has encountered a connection error|Connection ended unexpectedly/i;

/** Whether the error, or one it wraps, says a dependency is down rather than that the request is wrong. */
export function isOutage(error: unknown): boolean {
  let current = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 6; depth++) {
    const code = typeof current.code === 'string' ? current.code : '';
    if (OUTAGE_CODES.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code)) return true;
    if (typeof current.message === 'string' && OUTAGE_MESSAGE_RE.test(current.message)) return true;
    current = current.cause as typeof current;
  }
  return false;
}

/** Seconds a client is asked to wait before trying again during an outage. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

export function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  if (isOutage(error)) {
    return new AppError(
      'service_unavailable',
      'The service cannot reach its database right now. Nothing was changed; try again in a few seconds.',
      { headers: { 'Retry-After': String(OUTAGE_RETRY_AFTER_SECONDS) } },
    );
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as FastifyError).validationContext;
    return new AppError('validation_error', describeValidation(context), {
      errors: fieldErrorsFromValidation(error.validation, context),
    });
  }
  const fe = error as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(
        'bad_request',
        'The request body is empty but declared as JSON. Send a JSON object.',
      );
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('bad_request', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new AppError(
        'unsupported_media_type',
        `Content type "${request.headers['content-type'] ?? ''}" is not supported here; send application/json.`,
      );
    case 'FST_ERR_VALIDATION':
      return new AppError('validation_error', 'The request has invalid fields.', {
        errors: fieldErrorsFromValidation(fe.validation ?? [], fe.validationContext),
      });
    default:
      break;
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code: ErrorCode =
      fe.statusCode === 413
        ? 'payload_too_large'
        : fe.statusCode === 415
          ? 'unsupported_media_type'
          : fe.statusCode === 404
            ? 'not_found'
            : 'bad_request';
    return new AppError(code, fe.message || 'Bad request.', { status: fe.statusCode });
  }
  return new AppError(
    'internal_error',
    'Something went wrong on our side. It has been logged; please try again.',
  );
}

function describeValidation(context: string | undefined): string {
  if (context === 'querystring') return 'The query string has invalid parameters.';
  if (context === 'params') return 'The URL has an invalid parameter.';
  if (context === 'headers') return 'The request has invalid headers.';
  return 'The request has invalid fields.';
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error, request);
    if (appError.code === 'service_unavailable' && isOutage(error)) {
      // The logger's error serializer keeps a failed query's parameters out of the log.
      request.log.warn({ err: error }, 'dependency unavailable');
    } else if (appError.status >= 500) {
      const log = isResponseSerializationError(error)
        ? 'response did not match its schema'
        : 'unhandled error';
      request.log.error({ err: error }, log);
    }
    return sendProblem(reply, appError);
  });
  // Every route's path as a pattern, so a path that exists under other methods answers 405 with
  // the methods it has (RFC 9110), not 404.
  const routes: Array<{ method: string; pattern: RegExp }> = [];
  app.addHook('onRoute', (route) => {
    if (route.url.includes('*')) return;
    const source = route.url
      .replace(/\/+$/, '')
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    const pattern = new RegExp(`^${source}/?$`);
    for (const method of [route.method].flat()) routes.push({ method, pattern });
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = [...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method))];
    if (allowed.length > 0) {
      const allow = allowed.sort().join(', ');
      return sendProblem(
        reply,
        new AppError('method_not_allowed', `${request.method} is not allowed on ${path}; use ${allow}.`, {
          headers: { Allow: allow },
        }),
      );
    }
    return sendProblem(
      reply,
      new AppError('not_found', `No route ${request.method} ${path}. See the API documentation at /docs/.`),
    );
  });
}

/**
 * Errors Node's HTTP parser raises before there is a request (a body that did not arrive in
 * time, headers too large, bytes that are not HTTP) answered as problem documents too.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const appError =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? new AppError(
          'request_timeout',
          'The request did not arrive in time (headers and body). Send it again, whole.',
        )
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? new AppError('bad_request', 'The request headers are too large.', { status: 431 })
        : new AppError('bad_request', 'The request is not valid HTTP.');
  const body = JSON.stringify(problemBody(appError));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${appError.status} ${STATUS_CODES[appError.status]}\r\nConnection: close\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
