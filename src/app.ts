// Builds the Fastify app from config: opens what it needs, wires services to routes, and closes
// them again when the app closes. Never listens: server.ts does, and tests inject requests.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type AiProvider, checkAiHealth } from './ai/index.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { createAuthService } from './auth/auth.service.ts';
import { createGoogleVerifier, type GoogleVerifier } from './auth/google.ts';
import { createSessionCache } from './auth/session-cache.ts';
import { createTokenSigner } from './auth/tokens.ts';
import { applyStripePriceIds } from './billing/billing.repository.ts';
import { billingRoutes } from './billing/billing.routes.ts';
import { createBillingService } from './billing/billing.service.ts';
import { seedPlans } from './billing/plans.repository.ts';
import { plansRoutes } from './billing/plans.routes.ts';
import { createPlansService } from './billing/plans.service.ts';
import { createStripeClient } from './billing/stripe.client.ts';
import { createStripePriceSource } from './billing/stripe-prices.ts';
import {
  aiResponseRoutes,
  createAiResponseService,
  createCvAiProvider,
  createDocumentService,
  createImprovedCvService,
  createQuestionnaireService,
  createStructureService,
  documentUrlFor,
  improvedCvRoutes,
  type ListPage,
  QUESTIONNAIRE_LISTS_TOPIC,
  questionnaireRoutes,
  registerCvMetrics,
  structureRoutes,
} from './cv/index.ts';
import { healthRoutes } from './health/health.routes.ts';
import type { HealthCheck } from './health/health.service.ts';
import { registerQueueMetrics } from './jobs/metrics.ts';
import { createLimits, fastifyTrustProxy, type Limits, registerLimits } from './limits/index.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { type Database, openDatabase } from './platform/db/database.ts';
import { getOrCreateSecret } from './platform/db/settings.repository.ts';
import { createEvents, type Events } from './platform/events.ts';
import { createAuthHooks } from './platform/http/authenticate.ts';
import { registerMetricsRoute } from './platform/http/metrics.ts';
import { registerNulGuard } from './platform/http/nul-guard.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { clientErrorHandler, registerProblemHandlers } from './platform/http/problem.ts';
import { RequestLog } from './platform/http/request-log.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { createLinkSigner, type LinkSigner } from './platform/http/signed-links.ts';
import { createLogger, type Logger, requestLogger } from './platform/logger.ts';
import { createMailer, type Mailer } from './platform/mailer.ts';
import { createMetrics, type Metrics, registerProcessMetrics } from './platform/metrics.ts';
import { createOwnedCache, type OwnedCache } from './platform/owned-cache.ts';
import type { Queue } from './platform/queue/queue.ts';
import { createRedis, type Redis } from './platform/redis.ts';
import { createDatabaseStorage } from './platform/storage.ts';
import { applySchedules, createQueue } from './queue.ts';
import { registerWebApp } from './web/web-app.ts';

export const VERSION: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;

export interface AppOptions {
  config: Config;
  logger?: Logger;
  /** An already open database (tests share one per suite); otherwise opened from config. */
  database?: Database;
  clock?: Clock;
  mailer?: Mailer;
  google?: GoogleVerifier;
  /** A queue the caller owns (started here, never stopped here); otherwise created from config. */
  queue?: Queue;
  /** The AI provider of the in-process worker; otherwise the one the config names. */
  ai?: AiProvider;
}

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    queue: Queue;
    /** Job progress between the worker and the API (pass to createJobHandlers in the same process). */
    events: Events;
    ai: AiProvider;
    /** This process's metrics; a worker running in it records its jobs here (see server.ts). */
    metrics: Metrics;
  }
}

/** Something the app closes when it closes; run in reverse of the order they were added. */
type Closer = () => Promise<unknown>;

/** The app as created here: Fastify with zod schemas for validation and serialization. */
type App = ReturnType<typeof createFastify>;

/** What the services are built on: config, the stores, and the outside connections. */
interface Foundation {
  config: Config;
  clock: Clock;
  logger: Logger;
  database: Database;
  queue: Queue;
  mailer: Mailer;
  redis: Redis | undefined;
  events: Events;
  ai: AiProvider;
  google: GoogleVerifier;
}

type Services = Awaited<ReturnType<typeof createServices>>;

// The composition root, read top to bottom: what is opened, what is built on it, and in which
// order the app registers it all (the order matters: see each step).
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const closers: Closer[] = [];
  const { database, queue } = await openStorage(options, logger, closers);
  try {
    const connections = openConnections(options, { database, queue, logger }, closers);
    const foundation: Foundation = { config, clock, logger, database, queue, ...connections };
    const services = await createServices(foundation, closers);

    const metrics = createMetrics();
    const app = createFastify(config, logger);
    decorateApp(app, { ...foundation, metrics });
    registerRequestHandling(app);
    registerMetrics(app, foundation, metrics);
    closeOnAppClose(app, closers, logger);
    await registerPlatformPlugins(app, config);
    await registerFeatures(app, foundation, services, metrics);
    return app;
  } catch (error) {
    // Nobody gets an app to close: what was opened so far (database, queue, Redis, event bus,
    // mailer) is closed here, or its sockets and timers would keep a failed start-up alive.
    for (const close of [...closers].reverse()) await close().catch(() => {});
    throw error;
  }
}

/**
 * The database (migrated, plans seeded) and the started queue. No app exists yet whose close
 * would release them, so a failure here closes what this step opened before rethrowing.
 */
async function openStorage(
  options: AppOptions,
  logger: Logger,
  closers: Closer[],
): Promise<{ database: Database; queue: Queue }> {
  const { config } = options;
  const ownsDatabase = !options.database;
  const database = options.database ?? (await openDatabase(config.db));
  if (ownsDatabase) closers.push(() => database.close());

  try {
    if (config.migrateOnStart) await database.migrate();
    await seedPlans(database.db);
    await applyStripePriceIds(database.db, config.stripe.priceIds);
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }

  // Routes send jobs, so the queue starts before the app answers; it stops before the database closes.
  const queue = options.queue ?? (await createQueue({ config, database, logger }));
  try {
    await queue.start();
    await applySchedules(queue, config);
  } catch (error) {
    if (!options.queue) await queue.stop().catch(() => {});
    if (ownsDatabase) await database.close();
    throw error;
  }
  return { database, queue };
}

/** Mail, Redis, job events, the AI provider and Google sign-in: the caller's own, or made from config. */
function openConnections(
  options: AppOptions,
  { database, queue, logger }: { database: Database; queue: Queue; logger: Logger },
  closers: Closer[],
) {
  const { config } = options;
  const mailer =
    options.mailer ?? createMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.from, logger });
  if (!options.mailer) closers.push(() => mailer.close());
  const redis: Redis | undefined = config.redisUrl ? createRedis(config.redisUrl, logger) : undefined;
  if (redis) closers.push(() => redis.quit().catch(() => redis.disconnect()));
  const events = createEvents({ config, database, logger, redis });
  closers.push(() => events.close());
  // Closed in reverse: running jobs finish first (they still publish events and write rows), then
  // what they use, the database last.
  if (!options.queue) closers.push(() => queue.stop());
  const ai = options.ai ?? createCvAiProvider(config.ai);

  const google =
    options.google ??
    createGoogleVerifier({
      clientId: config.google.clientId ?? null,
      clientSecret: config.google.clientSecret ?? null,
      jwksUrl: config.google.jwksUrl,
      tokenUrl: config.google.tokenUrl,
    });
  return { mailer, redis, events, ai, google };
}

/** Every service the routes use, with the hooks that authenticate and count requests. */
async function createServices(base: Foundation, closers: Closer[]) {
  const { config, clock, logger, database, redis } = base;
  const accounts = await createAccountServices(base, closers);
  const authHooks = createAuthHooks(accounts.auth, accounts.links);
  const limits = createLimits({ config, db: database.db, redis, clock, logger });
  // Every route that authenticates also counts the user's api_calls/hour and burst/minute.
  const hooks = limits.hooks.withRequestLimits(authHooks);
  const listCache = await createOwnedCache<ListPage>({
    events: base.events,
    topic: QUESTIONNAIRE_LISTS_TOPIC,
    ttlMs: config.listCacheSeconds * 1000,
    logger,
  });
  closers.push(() => listCache.close());
  return {
    ...accounts,
    authHooks,
    limits,
    hooks,
    ...createCvServices(base, limits, accounts.links, listCache),
  };
}

/** Sign-in, sessions, plans and billing, and the signer of download links. */
async function createAccountServices(base: Foundation, closers: Closer[]) {
  const { config, clock, logger, database, mailer, events, google } = base;
  const jwtSecret = config.auth.jwtSecret ?? (await getOrCreateSecret(database.db, 'jwt_secret'));
  const signer = await createTokenSigner(jwtSecret, config.auth.accessTtlSeconds);
  const stripe = createStripe(config);
  const plans = createPlans(base, stripe);
  const sessionCache = await createSessionCache({ events, ttlMs: config.auth.cacheSeconds * 1000, logger });
  closers.push(() => sessionCache.close());
  const billing = createBillingService({
    db: database.db,
    stripe,
    config: config.stripe,
    clock,
    logger,
    userChanged: (userId) => sessionCache.changed({ userId }),
  });
  const auth = createAuthService({
    db: database.db,
    config,
    clock,
    logger,
    mailer,
    google,
    signer,
    plans,
    sessionCache,
  });
  // Downloads and event streams also open from a signed link, as a browser's <a href> and
  // EventSource send no Authorization header.
  const links = createLinkSigner(jwtSecret, clock);
  return { auth, plans, billing, links };
}

// Without a secret key billing answers 503 and plans show the configured prices.
function createStripe(config: Config) {
  return config.stripe.secretKey
    ? createStripeClient({
        secretKey: config.stripe.secretKey,
        webhookSecret: config.stripe.webhookSecret,
        apiUrl: config.stripe.apiUrl,
        timeoutMs: config.stripe.timeoutMs,
      })
    : null;
}

/** The plans with their configured prices, and Stripe's live ones when billing is set up. */
function createPlans(base: Foundation, stripe: ReturnType<typeof createStripe>) {
  const { config, clock, logger, database } = base;
  return createPlansService({
    db: database.db,
    prices: config.planPrices,
    ...(stripe
      ? {
          live: createStripePriceSource({
            stripe,
            ttlSeconds: config.pricesCacheSeconds,
            clock,
            logger,
            timeoutMs: config.stripe.timeoutMs,
          }),
        }
      : {}),
  });
}

/** Questionnaires, CV structures, AI responses and improved CVs, over the stored documents. */
function createCvServices(
  base: Foundation,
  limits: Limits,
  links: LinkSigner,
  listCache: OwnedCache<ListPage>,
) {
  const { config, clock, logger, database, queue, events } = base;
  const storage = createDatabaseStorage(database.db);
  const documentUrl = documentUrlFor(config.publicUrl);
  const questionnaires = createQuestionnaireService({
    db: database.db,
    storage,
    queue,
    events,
    clock,
    documentUrl,
    listCache,
  });
  const structures = createStructureService({ db: database.db, clock });
  const aiResponses = createAiResponseService({
    db: database.db,
    queue,
    events,
    storage,
    clock,
    logger,
    documentUrl,
    quota: limits.quota,
  });
  const improvedCvs = createImprovedCvService({ db: database.db, storage, clock, links, documentUrl });
  return { storage, questionnaires, structures, aiResponses, improvedCvs };
}

function createFastify(config: Config, logger: Logger) {
  return Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new RequestLog(),
    childLoggerFactory: (parent, bindings) => requestLogger(parent as Logger, bindings),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    bodyLimit: 1_048_576,
    requestTimeout: config.requestTimeoutMs,
    // Node checks request deadlines on this interval (30 s by default, which would let a slow
    // client keep its socket well past the timeout).
    http: {
      connectionsCheckingInterval: Math.min(1_000, config.requestTimeoutMs),
      headersTimeout: Math.min(60_000, config.requestTimeoutMs),
    },
    clientErrorHandler,
    // request.ip (and so the per-address limits) believes X-Forwarded-For only from these peers.
    trustProxy: fastifyTrustProxy(config.trustProxy),
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();
}

function decorateApp(
  app: App,
  parts: { database: Database; queue: Queue; events: Events; ai: AiProvider; metrics: Metrics },
): void {
  app.decorate('database', parts.database);
  app.decorate('queue', parts.queue);
  app.decorate('events', parts.events);
  app.decorate('ai', parts.ai);
  app.decorate('metrics', parts.metrics);
  app.decorateRequest('auth', null);
}

/** Schemas, problem answers, body rules and the request id: what every route relies on. */
function registerRequestHandling(app: App): void {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);
  registerNulGuard(app);
  // JSON only (the CV routes add multipart for themselves): any other body is a clear 415.
  app.removeContentTypeParser(['text/plain']);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });
}

function registerMetrics(app: App, { config, database, queue, clock }: Foundation, metrics: Metrics): void {
  if (config.metrics.enabled) registerMetricsRoute(app, { metrics, token: config.metrics.token });
  registerQueueMetrics(metrics, queue);
  registerProcessMetrics(metrics);
  registerCvMetrics(metrics, { db: database.db, clock });
}

function closeOnAppClose(app: App, closers: Closer[], logger: Logger): void {
  app.addHook('onClose', async () => {
    for (const close of closers.reverse())
      await close().catch((error) => logger.warn({ err: error }, 'close failed'));
  });
}

/** Security headers, CORS, cookies and the API documentation. */
async function registerPlatformPlugins(app: App, config: Config): Promise<void> {
  registerSecurityHeaders(app);
  await app.register(cors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: true,
  });
  await app.register(cookie);
  await registerOpenApi(app, VERSION);
}

async function registerFeatures(
  app: App,
  { config, database, queue, redis }: Foundation,
  services: Services,
  metrics: Metrics,
): Promise<void> {
  const { limits, hooks, links } = services;
  // Before every route, so its per-address check and refund hook apply to all of them.
  await registerLimits(app, limits, services.authHooks);
  await app.register(authRoutes({ auth: services.auth, hooks, config }));
  await app.register(plansRoutes({ plans: services.plans, hooks }));
  await app.register(billingRoutes({ billing: services.billing, hooks }));
  await app.register(
    questionnaireRoutes({
      questionnaires: services.questionnaires,
      documents: createDocumentService({ storage: services.storage }),
      hooks,
      quota: limits.hooks,
    }),
  );
  await app.register(structureRoutes({ structures: services.structures, hooks }));
  await app.register(
    aiResponseRoutes({ aiResponses: services.aiResponses, hooks, quota: limits.hooks, links, metrics }),
  );
  await app.register(improvedCvRoutes({ improvedCvs: services.improvedCvs, hooks }));
  await app.register(healthRoutes({ checks: healthChecks(config, database, redis, queue) }));
  // Last: its catch-all serves the app's own pages to browsers, after every API route has its path.
  await registerWebApp(app);
}

function healthChecks(
  config: Config,
  database: Database,
  redis: Redis | undefined,
  queue: Queue,
): HealthCheck[] {
  return [
    { name: 'db', check: () => database.ping() },
    { name: 'redis', check: redis ? async () => void (await redis.ping()) : undefined },
    { name: 'queue', check: () => queue.ping() },
    {
      name: 'ai',
      check: async () => {
        const health = checkAiHealth(config.ai);
        if (health.status === 'unhealthy') throw new Error(health.detail);
      },
    },
  ];
}
