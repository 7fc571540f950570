import { createRequire } from 'node:module';
import { type Logger, pino } from 'pino';
import type Pretty from 'pino-pretty';

// The prettifier is for a developer at a terminal; a deployed process logs JSON and need not hold
// its 30 modules. Required (synchronously, as createLogger is) only when lines are to be readable.
const loadPretty = () => createRequire(import.meta.url)('pino-pretty') as typeof Pretty;

// Anything that could carry a credential is redacted wherever it appears in a log object, so a
// careless `log.info({ body })` cannot leak a password or token.
const SECRET_KEYS = [
  'password',
  'password1',
  'password2',
  'old_password',
  'new_password1',
  'new_password2',
  'token',
  'access',
  'refresh',
  'id_token',
  'code',
  'code_verifier',
  'key',
  'secret',
  'authorization',
  'cookie',
  'apiKey',
  'api_key',
  'jwtSecret',
];

export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export type { Logger };

/**
 * A failed query's error carries its parameters (in `params`, and in its message and stack):
 * an email and a password hash, a CV's text. Logged, the error keeps the query, the frames and
 * the database's own error code and message, never the values.
 */
function withoutQueryValues(err: unknown): unknown {
  if (!(err instanceof Error) || !('query' in err) || !('params' in err)) return err;
  const message = `Failed query: ${String(err.query)}`;
  const stack = err.stack ?? '';
  const at = stack.indexOf(err.message);
  const frames = at >= 0 ? stack.slice(at + err.message.length) : '';
  const cause = err.cause as { message?: unknown; code?: unknown; stack?: unknown } | undefined;
  const safeCause =
    cause && typeof cause === 'object'
      ? Object.assign(new Error(String(cause.message ?? '')), {
          ...(cause.code === undefined ? {} : { code: cause.code }),
          stack: typeof cause.stack === 'string' ? cause.stack : undefined,
        })
      : undefined;
  const safe = new Error(message, safeCause ? { cause: safeCause } : undefined);
  safe.name = err.name;
  safe.stack = `Error: ${message}${frames}`;
  return safe;
}

function serializeError(err: unknown): unknown {
  return pino.stdSerializers.err(withoutQueryValues(err) as Error);
}

/** `auto`: readable lines when the output is a terminal (a developer watching), JSON otherwise. */
export type LogFormat = 'auto' | 'json' | 'pretty';

export function createLogger(
  level: string,
  destination?: NodeJS.WritableStream,
  format: LogFormat = 'json',
): Logger {
  const options = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { pid: process.pid },
    serializers: { err: serializeError },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  const out = destination ?? process.stdout;
  const readable = format === 'pretty' || (format === 'auto' && (out as { isTTY?: boolean }).isTTY === true);
  if (readable) {
    // Redaction and the serializers run before the line reaches the prettifier, so it shows
    // nothing the JSON would not.
    const pretty = loadPretty();
    return pino(
      options,
      pretty({
        destination: out,
        sync: true,
        colorize: format === 'auto' || pretty.isColorSupported,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname',
      }),
    );
  }
  return destination ? pino(options, destination) : pino(options);
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
const LEVELS: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/**
 * The logger of one request: each line it writes carries the request's bindings (its id), as a
 * pino child's would, but no child is made. Fastify makes one for every request, and a pino child
 * with redaction paths cost more than the rest of a `GET /auth/user/`; most requests write one
 * line or none.
 */
export function requestLogger(parent: Logger, bindings: Record<string, unknown>): Logger {
  const write =
    (level: Level) =>
    (first?: unknown, ...rest: unknown[]): void => {
      if (!parent.isLevelEnabled(level)) return;
      const log = parent[level] as (...args: unknown[]) => void;
      if (first instanceof Error)
        log.call(parent, { ...bindings, err: first }, ...(rest.length ? rest : [first.message]));
      else if (typeof first === 'object' && first !== null)
        log.call(parent, { ...bindings, ...first }, ...rest);
      else log.call(parent, bindings, first, ...rest);
    };
  const logger: Record<string, unknown> = {
    child: (more: Record<string, unknown>, options?: object) =>
      parent.child({ ...bindings, ...more }, options),
    isLevelEnabled: (level: string) => parent.isLevelEnabled(level),
    silent: () => {},
  };
  for (const level of LEVELS) logger[level] = write(level);
  Object.defineProperty(logger, 'level', { get: () => parent.level, enumerable: true });
  return logger as unknown as Logger;
}
