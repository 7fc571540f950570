// Turns whatever a provider SDK throws into one AppError with an ai_* code, so the worker decides
// about retries from `code` and `extensions.retryable` alone and never inspects SDK classes.
//
// Messages are our own sentences plus the provider's status and error code. The provider's own
// message text never goes into the AppError message: some providers echo (part of) the API key
// back ("Incorrect API key provided: sk-...") and SDK errors carry the whole request body, which
// holds the user's CV. The sanitized cause keeps a scrubbed summary for the logs.

import type {
  APICallError as SdkApiCallError,
  JSONParseError as SdkJsonParseError,
  RetryError as SdkRetryError,
  TypeValidationError as SdkTypeValidationError,
} from 'ai';
import { AppError, type ErrorCode, isAppError } from '../platform/errors.ts';

/**
 * The SDK's own `isInstance` test, without importing the SDK: its errors carry a marker symbol,
 * `Symbol.for('vercel.ai.error.<name>')`, which is how the SDK recognizes errors from any copy of
 * itself. This file is loaded wherever an AI error is made, the API included, which calls no model;
 * importing `ai` here held its 6 MB of heap in every process (the provider calls load it).
 */
function sdkError<T>(name: string): { isInstance(error: unknown): error is T } {
  const marker = Symbol.for(`vercel.ai.error.${name}`);
  return {
    isInstance: (error): error is T =>
      typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true,
  };
}

const APICallError = sdkError<SdkApiCallError>('AI_APICallError');
const JSONParseError = sdkError<SdkJsonParseError>('AI_JSONParseError');
const TypeValidationError = sdkError<SdkTypeValidationError>('AI_TypeValidationError');
const RetryError = sdkError<SdkRetryError>('AI_RetryError');

export type AiErrorCode = Extract<
  ErrorCode,
  | 'ai_unavailable'
  | 'ai_busy'
  | 'ai_unreachable'
  | 'ai_quota'
  | 'ai_empty'
  | 'ai_timeout'
  | 'ai_invalid_output'
  | 'job_canceled'
>;

const RETRYABLE: ReadonlySet<string> = new Set(['ai_busy', 'ai_unreachable', 'ai_timeout']);

export function aiError(
  code: AiErrorCode,
  message: string,
  details: { retryAfterMs?: number | undefined; status?: number | undefined; cause?: unknown } = {},
): AppError {
  const extensions: Record<string, unknown> = { retryable: RETRYABLE.has(code) };
  if (details.retryAfterMs !== undefined) extensions.retryAfterMs = details.retryAfterMs;
  if (details.status !== undefined) extensions.providerStatus = details.status;
  const headers =
    details.retryAfterMs === undefined
      ? undefined
      : { 'Retry-After': String(Math.max(1, Math.ceil(details.retryAfterMs / 1000))) };
  return new AppError(code, message, {
    extensions,
    ...(headers ? { headers } : {}),
    ...(details.cause === undefined ? {} : { cause: details.cause }),
  });
}

/** True when another attempt (after a backoff) may succeed. */
export function isRetryableAiError(err: unknown): boolean {
  if (!isAppError(err)) return false;
  const flag = err.extensions?.retryable;
  if (typeof flag === 'boolean') return flag;
  return RETRYABLE.has(err.code);
}

/** Replaces every secret, and anything shaped like an API key, with [redacted]. */
export function scrubSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    // Short values would match ordinary words; real keys are long.
    if (secret && secret.length >= 6) out = out.split(secret).join('[redacted]');
  }
  return out
    .replace(/\b(sk|pk|rk)-[A-Za-z0-9_*.-]{6,}/g, '[redacted]')
    .replace(/\b(api[-_ ]?key|authorization|bearer)(["']?\s*[:=]\s*["']?|\s+)[^\s"',}]+/gi, '$1$2[redacted]');
}

export interface ErrorContext {
  /** Label used in messages, e.g. "OpenAI". */
  providerLabel: string;
  secrets: ReadonlyArray<string | undefined>;
  /** Our per-attempt timeout fired. */
  timedOut: boolean;
  /** The caller's signal fired. */
  canceled: boolean;
}

interface ProviderErrorInfo {
  status?: number | undefined;
  type?: string | undefined;
  code?: string | undefined;
  message?: string | undefined;
  retryAfterMs?: number | undefined;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'ConnectionRefused',
  'ConnectionClosed',
]);

export function toAiError(err: unknown, ctx: ErrorContext): AppError {
  if (isAppError(err)) return err;
  const label = ctx.providerLabel;
  const cause = sanitizedCause(err, ctx.secrets);
  // Checked first: an abort surfaces as many different errors depending on where the stream was.
  if (ctx.canceled) return aiError('job_canceled', `The call to ${label} was canceled.`, { cause });
  if (ctx.timedOut) return aiError('ai_timeout', `${label} did not finish in time.`, { cause });

  const inner = unwrap(err);
  if (isAbortLike(inner)) return aiError('ai_timeout', `${label} did not finish in time.`, { cause });

  // A 200 whose body broke while being read: the SDK wraps the stream failure with the 200 status.
  if (APICallError.isInstance(inner) && inner.statusCode !== undefined && inner.statusCode < 400) {
    if (hasNetworkCode(inner.cause) || hasNetworkCode(inner)) {
      return aiError('ai_unreachable', `${label}: the connection broke during the answer.`, { cause });
    }
    return aiError('ai_invalid_output', `${label} sent a stream that could not be read.`, { cause });
  }
  if (APICallError.isInstance(inner) && inner.statusCode !== undefined) {
    const info = readApiCallError(inner);
    return fromProviderInfo(info, label, cause);
  }
  if (APICallError.isInstance(inner) || hasNetworkCode(inner)) {
    return aiError('ai_unreachable', `${label} cannot be reached.`, { cause });
  }
  if (JSONParseError.isInstance(inner) || TypeValidationError.isInstance(inner)) {
    return aiError('ai_invalid_output', `${label} sent a stream that could not be read.`, { cause });
  }
  // Errors reported inside a 200 stream arrive as plain objects in the provider's error shape.
  const streamed = readStreamedError(inner);
  if (streamed) return fromProviderInfo(streamed, label, cause);
  return aiError('ai_invalid_output', `${label} failed in an unexpected way.`, { cause });
}

function fromProviderInfo(info: ProviderErrorInfo, label: string, cause: Error): AppError {
  const { status } = info;
  const tag = [status === undefined ? null : `status ${status}`, info.code ?? info.type ?? null]
    .filter((part) => part !== null)
    .join(', ');
  const suffix = tag ? ` (${tag})` : '';
  const kind = `${info.type ?? ''} ${info.code ?? ''} ${info.message ?? ''}`.toLowerCase();
  const details = { status, cause, retryAfterMs: info.retryAfterMs };

  if (
    kind.includes('insufficient_quota') ||
    kind.includes('billing') ||
    kind.includes('credit balance') ||
    status === 402
  ) {
    return aiError(
      'ai_quota',
      `${label} refused the request: the account's quota or credit is exhausted${suffix}.`,
      details,
    );
  }
  if (status === 401 || status === 403 || kind.includes('authentication') || kind.includes('permission')) {
    return aiError('ai_unavailable', `${label} refused the credentials${suffix}.`, details);
  }
  // 503 and Anthropic's 529 mean overloaded: busy rather than broken.
  if (
    status === 429 ||
    status === 503 ||
    status === 529 ||
    kind.includes('rate_limit') ||
    kind.includes('overloaded') ||
    kind.includes('serviceunavailable')
  ) {
    return aiError('ai_busy', `${label} is busy or rate limited${suffix}.`, details);
  }
  if (status === 408) return aiError('ai_timeout', `${label} timed out${suffix}.`, details);
  if (status === 409) return aiError('ai_busy', `${label} is busy${suffix}.`, details);
  if (
    (status !== undefined && status >= 500) ||
    kind.includes('server_error') ||
    kind.includes('api_error') ||
    kind.includes('internalserver')
  ) {
    return aiError('ai_unreachable', `${label} failed on its side${suffix}.`, details);
  }
  return aiError('ai_unavailable', `${label} refused the request${suffix}.`, details);
}

function unwrap(err: unknown): unknown {
  if (RetryError.isInstance(err)) return err.lastError;
  return err;
}

function isAbortLike(err: unknown): boolean {
  return (
    (err instanceof Error || err instanceof DOMException) &&
    (err.name === 'AbortError' || err.name === 'TimeoutError')
  );
}

function hasNetworkCode(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (typeof current !== 'object') return false;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    // undici reports a body cut mid-stream as TypeError('terminated') with the socket error as cause.
    if (current instanceof TypeError && /terminated|fetch failed|other side closed/i.test(current.message)) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function readApiCallError(err: SdkApiCallError): ProviderErrorInfo {
  const body = parseJson(err.responseBody);
  const fromBody = readStreamedError(body) ?? {};
  return {
    ...fromBody,
    status: err.statusCode,
    retryAfterMs: retryAfterMs(err.responseHeaders),
  };
}

/** Reads `{error: {type, code, message}}` (OpenAI, Azure, Anthropic bodies) or `{type, message}`. */
function readStreamedError(value: unknown): ProviderErrorInfo | null {
  if (!value || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  const nested = record.error;
  const source =
    nested && typeof nested === 'object'
      ? (nested as Record<string, unknown>)
      : typeof nested === 'string'
        ? { message: nested }
        : record;
  const type = typeof source.type === 'string' ? source.type : undefined;
  const code =
    typeof source.code === 'string'
      ? source.code
      : typeof source.code === 'number'
        ? String(source.code)
        : undefined;
  const message = typeof source.message === 'string' ? source.message : undefined;
  // The OpenAI SDK turns an error event inside a 200 stream into {message, type, code, statusCode}.
  const status = typeof source.statusCode === 'number' ? source.statusCode : undefined;
  if (!type && !code && !message) return null;
  return { type, code, message, status };
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function retryAfterMs(headers: Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers['retry-after-ms']);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers['retry-after'];
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** A plain Error safe to log: scrubbed message, no request body, no headers. */
function sanitizedCause(err: unknown, secrets: ReadonlyArray<string | undefined>): Error {
  const inner = unwrap(err);
  const parts: string[] = [];
  if (inner instanceof Error) parts.push(`${inner.name}: ${inner.message}`);
  else parts.push(safeStringify(inner));
  if (APICallError.isInstance(inner) && inner.responseBody)
    parts.push(`body: ${inner.responseBody.slice(0, 500)}`);
  const causeCode = (inner as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (typeof causeCode === 'string') parts.push(`code: ${causeCode}`);
  const sanitized = new Error(scrubSecrets(parts.join('; '), secrets));
  sanitized.name = 'ProviderError';
  return sanitized;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 500) ?? String(value);
  } catch {
    return String(value);
  }
}
