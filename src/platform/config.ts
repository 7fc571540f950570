// The one place that reads the environment. Everything else receives a typed Config.
// Defaults make `npm start` work with no settings at all (embedded mode: PGlite in ./data, the
// worker in-process, the offline AI provider).

import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';

/** The AI providers the service can use; `offline` needs no model and no key. */
export const AI_PROVIDER_NAMES = ['offline', 'openai', 'azure', 'anthropic', 'openai-compatible'] as const;
export type AiProviderName = (typeof AI_PROVIDER_NAMES)[number];

export interface AiConfig {
  provider: AiProviderName;
  model?: string | undefined;
  apiKey?: string | undefined;
  baseUrl?: string | undefined;
  azureResourceName?: string | undefined;
  azureApiVersion?: string | undefined;
  azureDeployment?: string | undefined;
  /** Budget of one attempt (one HTTP call), first byte to last. */
  timeoutMs: number;
  maxOutputTokens: number;
}

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], {
      error: 'must be true or false',
    })
    .default(fallback ? 'true' : 'false')
    .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const int = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` })
    .default(fallback);

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      { error: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
    );

const optionalUrl = (protocols: string[]) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), url(protocols).optional());

const PriceSchema = z.object({ amount: z.number().nonnegative(), currency: z.string().length(3) });
const PlanPricesSchema = z.record(
  z.string(),
  z.object({ monthly: PriceSchema.nullable().optional(), yearly: PriceSchema.nullable().optional() }),
);
export type PlanPrices = z.infer<typeof PlanPricesSchema>;

const DEFAULT_PLAN_PRICES: PlanPrices = {
  basic: { monthly: { amount: 9.99, currency: 'usd' }, yearly: { amount: 99, currency: 'usd' } },
  pro: { monthly: { amount: 19.99, currency: 'usd' }, yearly: { amount: 199, currency: 'usd' } },
  premium: { monthly: { amount: 49.99, currency: 'usd' }, yearly: { amount: 499, currency: 'usd' } },
};

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: int(8000, 0, 65535),
  // The whole request, body included, must arrive within this time: a client sending its body a
  // byte at a time cannot hold a connection for minutes. A 10 MB CV needs about 1.4 Mbit/s.
  REQUEST_TIMEOUT_MS: int(60_000, 1, 3_600_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // auto: readable lines on a terminal, JSON lines otherwise (files, pipes, log collectors).
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  // GET /metrics (Prometheus text format); with a token, only for `Authorization: Bearer <token>`.
  METRICS_ENABLED: bool(true),
  METRICS_TOKEN: z
    .string()
    .min(16, { error: 'must be at least 16 characters (e.g. `openssl rand -hex 24`)' })
    .optional(),
  // A separate worker (`npm run worker`) has no HTTP API; with a port set, it serves its own
  // GET /metrics there (on HOST), under the same token. Unset: none. 0: a port the system picks.
  WORKER_METRICS_PORT: optionalString
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .pipe(
      z
        .number({ error: 'must be a port number' })
        .int({ error: 'must be a port number' })
        .min(0, { error: 'must be at least 0' })
        .max(65535, { error: 'must be at most 65535' })
        .optional(),
    ),
  PUBLIC_URL: optionalUrl(['http:', 'https:']),

  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  // Small on purpose: on a 2-core host 8 connections served 4,500 authenticated requests/s with a
  // p99 of 23 ms, where 16 gave fewer requests and a slower tail (npm run bench).
  DB_POOL_MAX: int(8, 1, 200),
  MIGRATE_ON_START: bool(true),

  REDIS_URL: optionalUrl(['redis:', 'rediss:']),
  QUEUE_DRIVER: z.enum(['pg-boss', 'bullmq']).default('pg-boss'),
  // BullMQ's key prefix: deployments (or test runs) sharing one Redis keep their jobs apart.
  BULLMQ_PREFIX: z
    .string()
    .trim()
    .regex(/^[\w.-]{1,100}$/, { error: 'must be letters, digits, ".", "-" or "_"' })
    .default('cvimprover'),
  WORKER_CONCURRENCY: int(4, 1, 100),
  // Server mode runs workers as their own processes; this runs them inside the API process instead.
  RUN_WORKER_IN_PROCESS: bool(false),

  // Limits (src/limits/). Plan quotas always apply; the short windows (per address, and each
  // user's api_calls/hour and burst/minute) can be switched off, and are off by default under
  // NODE_ENV=test so that test suites driving many requests through one address are not throttled.
  RATE_LIMITS_ENABLED: z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off']).optional(),
  // Whose X-Forwarded-For to believe: false (default: none, the peer address counts), true (any
  // peer; only when nothing but the proxy can reach the app), a hop count, or addresses/CIDRs.
  TRUST_PROXY: z.string().trim().default('false'),
  IP_LIMIT_PER_MINUTE: int(60, 1, 1_000_000),
  IP_LIMIT_PER_HOUR: int(1000, 1, 10_000_000),
  IP_BLOCK_MINUTES: int(15, 1, 7 * 24 * 60),
  // Key prefix of the short-window counters in Redis, to keep deployments sharing a Redis apart.
  RATE_LIMIT_KEY_PREFIX: z.string().trim().min(1).default('cvimprover:rl'),
  // When set, a daily job removes AI responses older than this many days and orphaned documents.
  CLEANUP_DAYS: z.preprocess((v) => (v === '' ? undefined : v), int(30, 1, 36_500).optional()),

  // AI provider (src/ai/provider.ts documents the mapping); offline needs no key and no network.
  AI_PROVIDER: z.enum(AI_PROVIDER_NAMES).default('offline'),
  AI_MODEL: optionalString,
  AI_API_KEY: optionalString,
  OPENAI_API_KEY: optionalString,
  ANTHROPIC_API_KEY: optionalString,
  AZURE_OPENAI_API_KEY: optionalString,
  AI_BASE_URL: optionalUrl(['http:', 'https:']),
  AZURE_OPENAI_RESOURCE: optionalString,
  AZURE_OPENAI_API_VERSION: optionalString,
  AZURE_OPENAI_DEPLOYMENT: optionalString,
  AI_TIMEOUT_MS: int(120_000, 1_000, 900_000),
  AI_MAX_OUTPUT_TOKENS: int(4_096, 256, 64_000),

  JWT_SECRET: z
    .string()
    .min(32, { error: 'must be at least 32 characters (e.g. `openssl rand -base64 48`)' })
    .optional(),
  ACCESS_TOKEN_TTL_SECONDS: int(900, 30, 86_400),
  // How long a process may answer from what it knows of a session (see src/auth/session-cache.ts).
  AUTH_CACHE_SECONDS: int(5, 0, 60),
  // How long a process may answer a user's questionnaire list from what it read (src/cv/questionnaire.service.ts).
  LIST_CACHE_SECONDS: int(5, 0, 60),
  REFRESH_TOKEN_TTL_SECONDS: int(14 * 86_400, 300, 365 * 86_400),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  EMAIL_VERIFICATION: z.enum(['none', 'optional', 'mandatory']).default('optional'),
  LOGIN_MAX_FAILURES: int(5, 1, 1000),
  LOGIN_LOCK_MINUTES: int(15, 1, 24 * 60),
  LOGIN_SLOWDOWN_MS: int(250, 0, 5000),
  PASSWORD_RESET_TTL_MINUTES: int(60, 5, 7 * 24 * 60),

  SMTP_URL: optionalUrl(['smtp:', 'smtps:']),
  EMAIL_FROM: z.string().trim().min(3).default('CV Improver <no-reply@localhost>'),
  // Where the emails' links (verification, password reset) and Stripe's returns point: the web app.
  // Unset, it is the service's own address (PUBLIC_URL, or HOST and PORT), which serves the app.
  FRONTEND_URL: optionalUrl(['http:', 'https:']),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),

  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  GOOGLE_JWKS_URL: url(['http:', 'https:']).default('https://www.googleapis.com/oauth2/v3/certs'),
  GOOGLE_TOKEN_URL: url(['http:', 'https:']).default('https://oauth2.googleapis.com/token'),
  // Where the web app sends a browser to sign in with Google; tests point it at a loopback fake.
  GOOGLE_AUTH_URL: url(['http:', 'https:']).default('https://accounts.google.com/o/oauth2/v2/auth'),

  PLAN_PRICES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v || v.trim() === '') return DEFAULT_PLAN_PRICES;
      try {
        return PlanPricesSchema.parse(JSON.parse(v));
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: 'must be JSON like {"basic":{"monthly":{"amount":9.99,"currency":"usd"}}}',
        });
        return z.NEVER;
      }
    }),
  PRICES_CACHE_SECONDS: int(300, 0, 86_400),

  // Stripe billing: with no secret key every billing route answers 503 and plans show PLAN_PRICES.
  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  // Points the SDK at another server (tests use a loopback fake); unset = api.stripe.com.
  STRIPE_API_URL: optionalUrl(['http:', 'https:']),
  STRIPE_TIMEOUT_MS: int(10_000, 500, 80_000),
  // The Stripe price of each paid plan and interval, written into the plans table at start.
  STRIPE_PRICE_BASIC_MONTHLY: optionalString,
  STRIPE_PRICE_BASIC_YEARLY: optionalString,
  STRIPE_PRICE_PRO_MONTHLY: optionalString,
  STRIPE_PRICE_PRO_YEARLY: optionalString,
  STRIPE_PRICE_PREMIUM_MONTHLY: optionalString,
  STRIPE_PRICE_PREMIUM_YEARLY: optionalString,
  // Where Checkout sends the browser back; default FRONTEND_URL/payments/success and /payments/cancelled.
  STRIPE_SUCCESS_URL: optionalUrl(['http:', 'https:']),
  STRIPE_CANCEL_URL: optionalUrl(['http:', 'https:']),
  // Where the billing portal returns to; default FRONTEND_URL/profile.
  STRIPE_PORTAL_RETURN_URL: optionalUrl(['http:', 'https:']),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  /** Time allowed for a whole request to arrive (headers and body); then 408. */
  requestTimeoutMs: number;
  logLevel: Env['LOG_LEVEL'];
  logFormat: Env['LOG_FORMAT'];
  metrics: { enabled: boolean; token: string | undefined; workerPort: number | undefined };
  publicUrl: string | undefined;
  db: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolMax: number };
  migrateOnStart: boolean;
  redisUrl: string | undefined;
  queue: {
    driver: Env['QUEUE_DRIVER'];
    concurrency: number;
    runWorkerInProcess: boolean;
    bullmqPrefix: string;
  };
  /** Fastify's trustProxy: which peers' X-Forwarded-For names the client. */
  trustProxy: boolean | number | string[];
  limits: {
    enabled: boolean;
    ipPerMinute: number;
    ipPerHour: number;
    ipBlockMinutes: number;
    keyPrefix: string;
  };
  cleanupDays: number | undefined;
  /** How long a page of a user's questionnaires is answered from memory (0: never). */
  listCacheSeconds: number;
  ai: AiConfig;
  auth: {
    jwtSecret: string | undefined;
    accessTtlSeconds: number;
    cacheSeconds: number;
    refreshTtlSeconds: number;
    cookieSecure: 'auto' | boolean;
    emailVerification: Env['EMAIL_VERIFICATION'];
    loginMaxFailures: number;
    loginLockMinutes: number;
    loginSlowdownMs: number;
    passwordResetTtlMinutes: number;
  };
  mail: { smtpUrl: string | undefined; from: string };
  frontendUrl: string;
  corsOrigins: string[];
  google: {
    clientId: string | undefined;
    clientSecret: string | undefined;
    jwksUrl: string;
    tokenUrl: string;
    authUrl: string;
  };
  planPrices: PlanPrices;
  pricesCacheSeconds: number;
  stripe: {
    secretKey: string | undefined;
    webhookSecret: string | undefined;
    apiUrl: string | undefined;
    timeoutMs: number;
    /** Plan slug → Stripe price id per interval (only the ones configured). */
    priceIds: Record<string, { monthly?: string; yearly?: string }>;
    /** Carries `{CHECKOUT_SESSION_ID}`, which Stripe replaces with the session id. */
    successUrl: string;
    cancelUrl: string;
    portalReturnUrl: string;
  };
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Builds the config from an environment object; throws ConfigError listing every bad variable. */
export function loadConfig(source: Record<string, string | undefined> = readEnvironment()): Config {
  const { env: e, trustProxy } = checkEnvironment(source);
  const frontendUrl = (e.FRONTEND_URL ?? e.PUBLIC_URL ?? ownAddress(e.HOST, e.PORT)).replace(/\/+$/, '');
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    metrics: { enabled: e.METRICS_ENABLED, token: e.METRICS_TOKEN, workerPort: e.WORKER_METRICS_PORT },
    publicUrl: e.PUBLIC_URL,
    db: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolMax: e.DB_POOL_MAX }
      : { kind: 'pglite', dataDir: e.DATA_DIR },
    migrateOnStart: e.MIGRATE_ON_START,
    redisUrl: e.REDIS_URL,
    queue: {
      driver: e.QUEUE_DRIVER,
      concurrency: e.WORKER_CONCURRENCY,
      runWorkerInProcess: e.RUN_WORKER_IN_PROCESS,
      bullmqPrefix: e.BULLMQ_PREFIX,
    },
    trustProxy,
    limits: limitsConfig(e),
    cleanupDays: e.CLEANUP_DAYS,
    listCacheSeconds: e.LIST_CACHE_SECONDS,
    ai: aiConfig(e),
    auth: authConfig(e),
    mail: { smtpUrl: e.SMTP_URL, from: e.EMAIL_FROM },
    frontendUrl,
    corsOrigins: e.CORS_ORIGINS,
    google: {
      clientId: e.GOOGLE_CLIENT_ID,
      clientSecret: e.GOOGLE_CLIENT_SECRET,
      jwksUrl: e.GOOGLE_JWKS_URL,
      tokenUrl: e.GOOGLE_TOKEN_URL,
      authUrl: e.GOOGLE_AUTH_URL,
    },
    planPrices: e.PLAN_PRICES,
    pricesCacheSeconds: e.PRICES_CACHE_SECONDS,
    stripe: stripeConfig(e, frontendUrl),
  };
}

/**
 * The parsed environment, or ConfigError. Every bad variable is listed at once, the ones zod
 * checks and the ones checked here (those that depend on another variable) alike.
 */
function checkEnvironment(source: Record<string, string | undefined>): {
  env: Env;
  trustProxy: Config['trustProxy'];
} {
  const parsed = EnvSchema.safeParse(source);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '(environment)');
        const given = source[name];
        const shown = given === undefined || /SECRET|PASSWORD|KEY|URL/.test(name) ? '' : ` (got "${given}")`;
        return `${name}: ${issue.message}${shown}`;
      });
  const trustProxy = parseTrustProxy(source.TRUST_PROXY ?? 'false');
  if ('problem' in trustProxy) problems.push(trustProxy.problem);
  const raw = (name: string) => source[name]?.trim() ?? '';
  if (raw('AI_PROVIDER') === 'openai-compatible' && raw('AI_BASE_URL') === '') {
    problems.push(
      'AI_BASE_URL: the openai-compatible provider needs the URL of its server (e.g. http://localhost:11434/v1)',
    );
  }
  if (raw('QUEUE_DRIVER') === 'bullmq' && raw('REDIS_URL') === '') {
    problems.push('QUEUE_DRIVER: bullmq keeps its jobs in Redis, so REDIS_URL must be set too');
  }
  if (!parsed.success || 'problem' in trustProxy || problems.length > 0) throw new ConfigError(problems);
  return { env: parsed.data, trustProxy: trustProxy.value };
}

function limitsConfig(e: Env): Config['limits'] {
  return {
    // Unset: on, except under NODE_ENV=test (see RATE_LIMITS_ENABLED in EnvSchema).
    enabled:
      e.RATE_LIMITS_ENABLED === undefined
        ? e.NODE_ENV !== 'test'
        : ['true', '1', 'yes', 'on'].includes(e.RATE_LIMITS_ENABLED),
    ipPerMinute: e.IP_LIMIT_PER_MINUTE,
    ipPerHour: e.IP_LIMIT_PER_HOUR,
    ipBlockMinutes: e.IP_BLOCK_MINUTES,
    keyPrefix: e.RATE_LIMIT_KEY_PREFIX,
  };
}

function aiConfig(e: Env): AiConfig {
  return {
    provider: e.AI_PROVIDER,
    model: e.AI_MODEL,
    // AI_API_KEY wins; otherwise the provider's own conventional variable.
    apiKey:
      e.AI_API_KEY ??
      (e.AI_PROVIDER === 'openai'
        ? e.OPENAI_API_KEY
        : e.AI_PROVIDER === 'anthropic'
          ? e.ANTHROPIC_API_KEY
          : e.AI_PROVIDER === 'azure'
            ? e.AZURE_OPENAI_API_KEY
            : undefined),
    baseUrl: e.AI_BASE_URL,
    azureResourceName: e.AZURE_OPENAI_RESOURCE,
    azureApiVersion: e.AZURE_OPENAI_API_VERSION,
    azureDeployment: e.AZURE_OPENAI_DEPLOYMENT,
    timeoutMs: e.AI_TIMEOUT_MS,
    maxOutputTokens: e.AI_MAX_OUTPUT_TOKENS,
  };
}

function authConfig(e: Env): Config['auth'] {
  return {
    jwtSecret: e.JWT_SECRET,
    accessTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    cacheSeconds: e.AUTH_CACHE_SECONDS,
    refreshTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    emailVerification: e.EMAIL_VERIFICATION,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    loginSlowdownMs: e.LOGIN_SLOWDOWN_MS,
    passwordResetTtlMinutes: e.PASSWORD_RESET_TTL_MINUTES,
  };
}

/** Stripe's settings; the pages it sends the browser back to default to the frontend's. */
function stripeConfig(e: Env, frontendUrl: string): Config['stripe'] {
  return {
    secretKey: e.STRIPE_SECRET_KEY,
    webhookSecret: e.STRIPE_WEBHOOK_SECRET,
    apiUrl: e.STRIPE_API_URL,
    timeoutMs: e.STRIPE_TIMEOUT_MS,
    priceIds: stripePriceIds(e),
    successUrl: withSessionIdPlaceholder(
      e.STRIPE_SUCCESS_URL ?? `${frontendUrl}/payments/success?session_id={CHECKOUT_SESSION_ID}`,
    ),
    cancelUrl: e.STRIPE_CANCEL_URL ?? `${frontendUrl}/payments/cancelled`,
    portalReturnUrl: e.STRIPE_PORTAL_RETURN_URL ?? `${frontendUrl}/profile`,
  };
}

/**
 * The address a browser on this machine reaches the service at: a wildcard host (listening on
 * every interface) is not an address to open, so it becomes localhost.
 */
function ownAddress(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${isIP(reachable) === 6 ? `[${reachable}]` : reachable}:${port}`;
}

function stripePriceIds(e: Env): Config['stripe']['priceIds'] {
  const slots = {
    basic: [e.STRIPE_PRICE_BASIC_MONTHLY, e.STRIPE_PRICE_BASIC_YEARLY],
    pro: [e.STRIPE_PRICE_PRO_MONTHLY, e.STRIPE_PRICE_PRO_YEARLY],
    premium: [e.STRIPE_PRICE_PREMIUM_MONTHLY, e.STRIPE_PRICE_PREMIUM_YEARLY],
  };
  const out: Config['stripe']['priceIds'] = {};
  for (const [slug, [monthly, yearly]] of Object.entries(slots)) {
    if (monthly || yearly) out[slug] = { ...(monthly ? { monthly } : {}), ...(yearly ? { yearly } : {}) };
  }
  return out;
}

// The page after a paid checkout calls verify-session with the id, so the success URL must carry it.
function withSessionIdPlaceholder(url: string): string {
  if (url.includes('{CHECKOUT_SESSION_ID}')) return url;
  return `${url}${url.includes('?') ? '&' : '?'}session_id={CHECKOUT_SESSION_ID}`;
}

/**
 * TRUST_PROXY as Fastify's trustProxy. A bad value is refused rather than guessed: trusting the
 * wrong peer lets any client choose the address its limits are counted under.
 */
export function parseTrustProxy(value: string): { value: boolean | number | string[] } | { problem: string } {
  const v = value.trim().toLowerCase();
  if (v === '' || ['false', 'no', 'off'].includes(v)) return { value: false };
  if (['true', 'yes', 'on'].includes(v)) return { value: true };
  // A bare number is a hop count (0 trusts none); an address always has dots or colons.
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops === 0 ? { value: false } : { value: hops };
  }
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => !isTrustedProxyEntry(entry));
  if (bad.length > 0) {
    return {
      problem: `TRUST_PROXY: must be false, true, a hop count, or IP addresses/CIDRs separated by commas (not "${bad.join(', ')}")`,
    };
  }
  return { value: entries };
}

function isTrustedProxyEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** process.env, plus a `.env` file in the working directory when there is one (env wins). */
function readEnvironment(): Record<string, string | undefined> {
  if (existsSync('.env')) {
    const fromFile: Record<string, string | undefined> = {};
    // loadEnvFile writes into process.env without overriding what is already set.
    process.loadEnvFile('.env');
    Object.assign(fromFile, process.env);
    return fromFile;
  }
  return process.env;
}
