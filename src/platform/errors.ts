// One error type for the whole service. Every failure a client can see is an AppError with a code
// from the closed list below; the HTTP layer renders it as RFC 9457 problem details. Anything else
// that escapes is a bug and becomes a 500 whose details go to the log only.

export const ERROR_CODES = {
  validation_error: { status: 400, title: 'Invalid request' },
  bad_request: { status: 400, title: 'Bad request' },
  invalid_credentials: { status: 400, title: 'Invalid credentials' },
  not_authenticated: { status: 401, title: 'Authentication required' },
  token_invalid: { status: 401, title: 'Invalid or expired token' },
  permission_denied: { status: 403, title: 'Permission denied' },
  email_not_verified: { status: 403, title: 'Email address not verified' },
  ip_blocked: { status: 403, title: 'Address blocked' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  request_timeout: { status: 408, title: 'Request timeout' },
  conflict: { status: 409, title: 'Conflict' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  account_locked: { status: 429, title: 'Too many failed attempts' },
  rate_limit_exceeded: { status: 429, title: 'Rate limit exceeded' },
  internal_error: { status: 500, title: 'Internal server error' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
  // Failures of background work, stored on a job's row as {code, message}; the status is what an
  // HTTP request waiting on such a job would answer.
  ai_unavailable: { status: 502, title: 'AI provider refused the request' },
  ai_busy: { status: 503, title: 'AI provider is busy' },
  ai_unreachable: { status: 502, title: 'AI provider cannot be reached' },
  ai_quota: { status: 502, title: 'AI provider quota exhausted' },
  ai_empty: { status: 502, title: 'AI provider returned an empty answer' },
  ai_timeout: { status: 504, title: 'AI provider timed out' },
  ai_invalid_output: { status: 502, title: 'AI provider returned unusable output' },
  resume_unreadable: { status: 422, title: 'The CV file cannot be read' },
  job_canceled: { status: 409, title: 'Job canceled' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Field name → messages, as in Django REST framework's validation errors. */
export type FieldErrors = Record<string, string[]>;

export interface AppErrorOptions {
  /** Per-field messages for validation errors. */
  errors?: FieldErrors;
  /** Extra members of the problem document (e.g. the legacy `error` sentence). */
  extensions?: Record<string, unknown>;
  /** Extra response headers (e.g. Retry-After). */
  headers?: Record<string, string>;
  /** Overrides the status of the code (rarely needed). */
  status?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: FieldErrors | undefined;
  readonly extensions: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? ERROR_CODES[code].status;
    this.errors = options.errors;
    this.extensions = options.extensions;
    this.headers = options.headers;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** A validation error naming one or more fields. */
export function validationError(errors: FieldErrors, message = 'The request has invalid fields.'): AppError {
  return new AppError('validation_error', message, { errors });
}

export function notFound(message = 'Not found.'): AppError {
  return new AppError('not_found', message);
}
