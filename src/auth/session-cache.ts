// Who is behind a session, kept for a few seconds in this process (platform/owned-cache.ts): every
// authenticated request needs the user, their plan and whether the session is still open, and
// asking the database each time was the largest part of what a request cost.
//
// A change to an account (sign-out, password change or reset, profile or email change, a plan
// changed by billing) is announced on the event bus: every process drops the entries it makes
// stale at once. `AUTH_CACHE_SECONDS` (5 s by default, 0 to ask the database on every request)
// bounds how long a change made without an announcement goes unseen.
import type { Events } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import { createOwnedCache } from '../platform/owned-cache.ts';
import type { UserWithPlan } from './auth.repository.ts';

export const ACCOUNT_CHANGES_TOPIC = 'auth:account-changed';

/** What changed: one session (signed out), or everything about one user. */
export type AccountChange = { sessionId: string } | { userId: number };

export interface SessionCache {
  /** The cached user of an open session, or undefined when it must be read from the database. */
  get(sessionId: string, userId: number): UserWithPlan | undefined;
  /**
   * The cached user of a session, else what `read` finds (then cached, unless a change came in
   * while it read). Requests that miss at the same moment (an entry expiring under load) share
   * one read instead of each asking.
   */
  load(
    sessionId: string,
    userId: number,
    read: () => Promise<UserWithPlan | undefined>,
  ): Promise<UserWithPlan | undefined>;
  /** Drops what the change makes stale here, and tells the other processes. */
  changed(change: AccountChange): Promise<void>;
  close(): Promise<void>;
}

export async function createSessionCache(deps: {
  events: Events;
  ttlMs: number;
  logger: Logger;
  maxEntries?: number;
}): Promise<SessionCache> {
  const cache = await createOwnedCache<UserWithPlan>({ ...deps, topic: ACCOUNT_CHANGES_TOPIC });
  return {
    get: (sessionId, userId) => cache.get(sessionId, userId),
    load: (sessionId, userId, read) => cache.load(sessionId, userId, read),
    changed: (change) =>
      cache.changed('sessionId' in change ? { key: change.sessionId } : { owner: change.userId }),
    close: () => cache.close(),
  };
}
