// Bearer-token authentication as a preHandler. Routes that need a user add `requireUser`; routes
// where a user is optional (e.g. plans with `is_current`) add `optionalUser`; routes a browser opens
// by URL (downloads, event streams) add `requireUserOrLink`, which also takes a signed link.
// Every feature's routes use these hooks, so they live here, below the features: the auth feature
// supplies the `Authenticator` that checks tokens and sessions.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { plans, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { LinkSigner } from './signed-links.ts';

/** The signed-in user of a request, with their plan and the session that signed them in. */
export interface AuthenticatedUser {
  user: typeof users.$inferSelect;
  plan: typeof plans.$inferSelect | null;
  sessionId: string;
}

/** What the hooks need from the auth feature. */
export interface Authenticator {
  /** Throws AppError `token_invalid` for a token that is not (or no longer) valid. */
  authenticate(accessToken: string): Promise<AuthenticatedUser>;
  /** The holder of a signed link: null unless the session is still open. */
  authenticateSession(userId: number, sessionId: string): Promise<AuthenticatedUser | null>;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthenticatedUser | null;
  }
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) {
    throw new AppError('not_authenticated', 'The Authorization header must be "Bearer <access token>".', {
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
  }
  return match[1];
}

const NO_CREDENTIALS = 'Authentication credentials were not provided.';
const BAD_LINK = 'This link is not valid or has expired. Ask for a new one.';

export function createAuthHooks(auth: Authenticator, links?: LinkSigner) {
  async function resolve(request: FastifyRequest): Promise<AuthenticatedUser | null> {
    const token = bearerToken(request);
    if (!token) return null;
    try {
      return await auth.authenticate(token);
    } catch (error) {
      if (error instanceof AppError && error.code === 'token_invalid') {
        throw new AppError('token_invalid', 'Given token not valid for any token type', {
          headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
          extensions: { detail_code: 'token_not_valid' },
        });
      }
      throw error;
    }
  }
  async function requireUser(request: FastifyRequest, _reply: FastifyReply) {
    const found = await resolve(request);
    if (!found) {
      throw new AppError('not_authenticated', NO_CREDENTIALS, { headers: { 'WWW-Authenticate': 'Bearer' } });
    }
    request.auth = found;
  }
  return {
    requireUser,
    async requireUserOrLink(request: FastifyRequest, reply: FastifyReply) {
      const query = (request.query ?? {}) as Record<string, unknown>;
      if (request.headers.authorization || !links?.isSigned(query)) return requireUser(request, reply);
      const holder = links.verify(request.url.split('?')[0] ?? '', query);
      const found = holder && (await auth.authenticateSession(holder.userId, holder.sessionId));
      if (!found) throw new AppError('not_authenticated', BAD_LINK);
      request.auth = found;
    },
    async optionalUser(request: FastifyRequest, _reply: FastifyReply) {
      request.auth = await resolve(request);
    },
  };
}

export type AuthHooks = ReturnType<typeof createAuthHooks>;

/** The signed-in user of a route guarded by requireUser. */
export function currentUser(request: FastifyRequest): AuthenticatedUser {
  if (!request.auth) throw new AppError('not_authenticated', NO_CREDENTIALS);
  return request.auth;
}
