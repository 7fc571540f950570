// Bearer-token authentication as a preHandler. Routes that need a user add `requireUser`; routes
// where a user is optional (e.g. plans with `is_current`) add `optionalUser`.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import type { AuthenticatedUser, AuthService } from './auth.service.ts';

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

export function createAuthHooks(auth: AuthService) {
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
  return {
    async requireUser(request: FastifyRequest, _reply: FastifyReply) {
      const found = await resolve(request);
      if (!found) {
        throw new AppError('not_authenticated', 'Authentication credentials were not provided.', {
          headers: { 'WWW-Authenticate': 'Bearer' },
        });
      }
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
  if (!request.auth) throw new AppError('not_authenticated', 'Authentication credentials were not provided.');
  return request.auth;
}
