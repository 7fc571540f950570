// Builds the app for an integration test on a given backend, with a manual clock and a mailer
// that keeps what it sends so a test can follow the links.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AiProvider } from '../../src/ai/index.ts';
import { buildApp } from '../../src/app.ts';
import type { GoogleVerifier } from '../../src/auth/google.ts';
import { createManualClock } from '../../src/platform/clock.ts';
import { type Config, loadConfig } from '../../src/platform/config.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { createLogger } from '../../src/platform/logger.ts';
import type { Mailer, MailMessage } from '../../src/platform/mailer.ts';
import type { Backend } from './backends.ts';

export interface CapturingMailer extends Mailer {
  messages: MailMessage[];
  waitFor(predicate: (m: MailMessage) => boolean): Promise<MailMessage>;
}

export function createCapturingMailer(): CapturingMailer {
  const messages: MailMessage[] = [];
  const waiters: Array<{ predicate: (m: MailMessage) => boolean; resolve: (m: MailMessage) => void }> = [];
  return {
    kind: 'log',
    messages,
    async send(message) {
      messages.push(message);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(message)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    },
    async close() {},
    waitFor(predicate) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  clock: ReturnType<typeof createManualClock>;
  mailer: CapturingMailer;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  google?: GoogleVerifier;
  ai?: AiProvider;
}

export async function startTestApp(backend: Backend, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await backend.open();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    LOGIN_SLOWDOWN_MS: '1',
    ...options.env,
  });
  const clock = createManualClock(new Date());
  const mailer = createCapturingMailer();
  const app = await buildApp({
    config,
    database,
    clock,
    mailer,
    logger: createLogger('silent'),
    ...(options.google ? { google: options.google } : {}),
    ...(options.ai ? { ai: options.ai } : {}),
  });
  return {
    app,
    database,
    config,
    clock,
    mailer,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** JSON body of an injected response. */
export function json<T = Record<string, any>>(response: LightMyRequestResponse): T {
  return JSON.parse(response.body) as T;
}

let counter = 0;
export function uniqueName(prefix = 'user'): string {
  counter += 1;
  return `${prefix}${counter}${Date.now().toString(36)}`;
}

export const GOOD_PASSWORD = 'Blue-Harbor-42';

export async function registerUser(
  app: FastifyInstance,
  overrides: Record<string, string> = {},
): Promise<{
  access: string;
  refresh: string;
  user: Record<string, any>;
  username: string;
  email: string;
  password: string;
}> {
  const username = overrides.username ?? uniqueName();
  const email = overrides.email ?? `${username}@example.com`;
  const password = overrides.password ?? GOOD_PASSWORD;
  const response = await app.inject({
    method: 'POST',
    url: '/auth/registration/',
    payload: { username, email, password1: password, password2: password, ...overrides },
  });
  if (response.statusCode !== 201)
    throw new Error(`registration failed: ${response.statusCode} ${response.body}`);
  const body = json(response);
  return { access: body.access, refresh: body.refresh, user: body.user, username, email, password };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * POST as a JSON client sends it; without a payload no body is sent. The app is read at each call,
 * because a suite starts its app in `before`, after its tests have been declared.
 */
export function jsonPoster(app: () => FastifyInstance) {
  return (url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app().inject({
      method: 'POST',
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
}
