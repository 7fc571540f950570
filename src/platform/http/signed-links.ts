// Links a browser can open: an <a href> to a download or an EventSource never sends an
// Authorization header, so such URLs carry a short-lived signature instead. A link is bound to
// one path, one user and the session that asked for it (signing out ends it too) and expires.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock.ts';

/** Long enough to click or to follow a job to its end, short enough that a leaked link soon dies. */
export const LINK_TTL_SECONDS = 15 * 60;

export interface SignedLink {
  url: string;
  expires_at: string;
}

export interface LinkHolder {
  userId: number;
  sessionId: string;
}

const LINK_PARAMS = ['expires', 'user', 'session', 'signature'] as const;

export function createLinkSigner(secret: string, clock: Clock) {
  // A key of its own, so a signature of a link can never pass for anything else signed with the secret.
  const key = createHmac('sha256', secret).update('cvimprover signed links v1').digest();
  const signature = (path: string, holder: LinkHolder, expires: number) =>
    createHmac('sha256', key)
      .update(`${path}\n${holder.userId}\n${holder.sessionId}\n${expires}`)
      .digest('base64url');

  return {
    /** `path` is the route's path without a query (`/cv/documents/…/`). */
    sign(path: string, holder: LinkHolder, ttlSeconds = LINK_TTL_SECONDS): SignedLink {
      const expires = Math.floor(clock.now().getTime() / 1000) + ttlSeconds;
      const query = new URLSearchParams({
        expires: String(expires),
        user: String(holder.userId),
        session: holder.sessionId,
        signature: signature(path, holder, expires),
      });
      return { url: `${path}?${query}`, expires_at: new Date(expires * 1000).toISOString() };
    },

    /** The holder of a valid, unexpired link to `path`; null for anything else. */
    verify(path: string, query: Record<string, unknown>): LinkHolder | null {
      const [expiresText, userText, session, given] = LINK_PARAMS.map((p) => query[p]);
      if (![expiresText, userText, session, given].every((v) => typeof v === 'string')) return null;
      const expires = Number(expiresText);
      const userId = Number(userText);
      if (!Number.isSafeInteger(expires) || !Number.isSafeInteger(userId)) return null;
      if (expires * 1000 <= clock.now().getTime()) return null;
      const holder = { userId, sessionId: session as string };
      const expected = Buffer.from(signature(path, holder, expires));
      const actual = Buffer.from(given as string);
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
      return holder;
    },

    /** Whether the query carries a link signature at all (so a bad one is refused, not ignored). */
    isSigned(query: Record<string, unknown>): boolean {
      return typeof query.signature === 'string';
    },
  };
}

export type LinkSigner = ReturnType<typeof createLinkSigner>;
