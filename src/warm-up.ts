// The first PDF read, PDF render and analysis in a process pay a one-time cost (loading pdf.js,
// fonts, compiled patterns) of 100–500 ms, and so does the first call of a configured outside
// client whose library loads on first use (Stripe, SMTP). Paid here, in the background, the user
// does not pay it. It begins a moment after it is asked for and yields between its parts, so that
// the requests arriving meanwhile (a health check, a page load) are not held behind all of it.
import type { FastifyInstance } from 'fastify';
import { warmUpAnalysis } from './analysis/index.ts';
import { preloadStripeSdk } from './billing/stripe.client.ts';
import { renderCvDocx, warmUpExtraction, warmUpRendering } from './documents/index.ts';
import type { Config } from './platform/config.ts';
import type { Logger } from './platform/logger.ts';
import { preloadSmtpLibrary } from './platform/mailer.ts';

const START_AFTER_MS = 250;
/**
 * Started by a request, each part waits until no request has come for this long (between a
 * user's clicks, not in the middle of a page load), or at most QUIET_WAIT_MAX_MS on a busy server.
 */
const QUIET_MS = 500;
const QUIET_WAIT_MAX_MS = 10_000;

/** Requests that are not a user's: a load balancer's health check, a metrics scrape. */
const UNATTENDED = ['/core/health', '/metrics'];

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

interface WarmUpParts {
  extraction: boolean;
  rendering: boolean;
}

/**
 * The libraries of the configured outside clients, loaded after start rather than at their first
 * call: the plans listing, often a visitor's first request, waited 0.2–0.4 s for the Stripe SDK
 * (measured), and a registration for nodemailer. Billing or mail that is not configured never
 * loads its library.
 */
export function preloadConfiguredClients(logger: Logger, config: Pick<Config, 'stripe' | 'mail'>): void {
  const tasks: Array<() => unknown> = [];
  if (config.stripe.secretKey) tasks.push(preloadStripeSdk);
  if (config.mail.smtpUrl?.trim()) tasks.push(preloadSmtpLibrary);
  if (tasks.length === 0) return;
  const timer = setTimeout(() => void runTasks(logger, tasks, yieldToRequests), START_AFTER_MS);
  timer.unref();
}

export function warmUpInBackground(
  logger: Logger,
  parts: WarmUpParts,
  beforeEach: () => Promise<void> = yieldToRequests,
): void {
  const tasks = warmUpTasks(parts);
  const timer = setTimeout(() => void runTasks(logger, tasks, beforeEach), START_AFTER_MS);
  // A process that is asked to stop at once does not wait for it.
  timer.unref();
}

/**
 * The same warm-up, begun by the first request that is not a health check or a metrics scrape
 * rather than at start. What it loads (the PDF renderer with its fonts and layout engine, the
 * compiled patterns) stays in memory: about 55 MB of the 220 MB an API process held at idle. An
 * API no one has used yet does not hold it; the first user's request starts it, and the renders
 * and analyses come later (after an upload, an AI job), by when it is done. Must be called before
 * the app listens: Fastify takes no hooks once started.
 */
export function warmUpOnFirstUse(app: FastifyInstance, logger: Logger, parts: WarmUpParts): void {
  let started = false;
  let lastRequestAt = 0;
  const untilQuiet = async () => {
    const since = performance.now();
    while (performance.now() - lastRequestAt < QUIET_MS && performance.now() - since < QUIET_WAIT_MAX_MS)
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS / 5).unref());
    await yieldToRequests();
  };
  app.addHook('onRequest', async (request) => {
    lastRequestAt = performance.now();
    if (started || UNATTENDED.some((path) => request.url.startsWith(path))) return;
    started = true;
    warmUpInBackground(logger, parts, untilQuiet);
  });
}

function warmUpTasks({ extraction, rendering }: WarmUpParts): Array<() => unknown> {
  const tasks: Array<() => unknown> = [() => warmUpAnalysis()];
  if (extraction) tasks.push(() => warmUpExtraction());
  if (rendering) {
    tasks.push(() => warmUpRendering());
    // The DOCX library loads on first use too (warmUpExtraction renders one; without it, here).
    if (!extraction) tasks.push(() => renderCvDocx({ markdown: '# Warm-up\n\n- item' }));
  }
  return tasks;
}

async function runTasks(
  logger: Logger,
  tasks: Array<() => unknown>,
  beforeEach: () => Promise<void>,
): Promise<void> {
  const startedAt = performance.now();
  const errors: string[] = [];
  for (const task of tasks) {
    await beforeEach();
    try {
      await task();
    } catch (error) {
      errors.push(String(error));
    }
  }
  if (errors.length > 0) logger.warn({ errors }, 'warm-up failed');
  else logger.debug({ ms: Math.round(performance.now() - startedAt) }, 'warm-up done');
}
