// A test app with the job worker running in-process (as in embedded mode), so CV suites go end to
// end: HTTP request → row + job in one transaction → worker → row and events → HTTP.

import { eq } from 'drizzle-orm';
import { createJobHandlers } from '../../src/job-handlers.ts';
import { startWorker } from '../../src/jobs/runtime.ts';
import { plans, users } from '../../src/platform/db/schema.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { registerUser, startTestApp, type TestApp, type TestAppOptions } from './app.ts';
import type { Backend } from './backends.ts';

export interface CvTestAppOptions extends TestAppOptions {
  /** The worker reads the app's manual clock too (by default it has the system clock). */
  shareClock?: boolean;
}

export async function startCvTestApp(backend: Backend, options: CvTestAppOptions = {}): Promise<TestApp> {
  const t = await startTestApp(backend, options);
  const logger = createLogger('silent');
  const handlers = createJobHandlers({
    database: t.database,
    queue: t.app.queue,
    logger,
    config: t.config,
    events: t.app.events,
    ai: t.app.ai,
    ...(options.shareClock ? { clock: t.clock } : {}),
  });
  await startWorker({ queue: t.app.queue, handlers, logger, concurrency: 4 });
  return t;
}

/** Multipart body with text fields and at most one file, as a browser form sends it. */
export function multipart(
  fields: Record<string, string>,
  file?: { field?: string; filename: string; contentType?: string; data: Buffer },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----cvtest${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'resume'}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export const VALID_QUESTIONNAIRE = {
  position: 'Senior Backend Engineer',
  industry: 'Software',
  experience_level: '6+',
  company_size: 'medium',
  application_timeline: '1-3 months',
  location: 'Berlin',
  job_description: 'Build APIs in TypeScript and PostgreSQL. Mentor engineers.',
};

/**
 * Resolves with the first value `read` returns that `done` accepts. For state that changes in a
 * background job and has no event of its own (a questionnaire's resume_status): it checks, yields
 * to the event loop briefly, and checks again, up to a deadline that fails the test.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 20_000, what = 'condition' }: { timeoutMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A new user on the Premium plan: these suites test the CV routes, not the daily quotas (the
 * limits suites do), and the Free plan allows only a handful of questionnaires and uploads a day.
 */
export async function registerPremiumUser(t: TestApp) {
  const registered = await registerUser(t.app);
  const [premium] = await t.database.db.select().from(plans).where(eq(plans.slug, 'premium'));
  if (!premium) throw new Error('the premium plan is not seeded');
  await t.database.db.update(users).set({ planId: premium.id }).where(eq(users.id, registered.user.pk));
  return registered;
}
