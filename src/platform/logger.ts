import { type Logger, pino } from 'pino';

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

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
