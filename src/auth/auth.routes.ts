import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../platform/config.ts';
import { type AuthHooks, currentUser } from '../platform/http/authenticate.ts';
import { clientInfo, errorResponses, type RouteApp } from '../platform/http/route-helpers.ts';
import {
  DetailSchema,
  GoogleLoginSchema,
  type GoogleSignInSettings,
  GoogleSignInSettingsSchema,
  LoginSchema,
  PasswordChangeSchema,
  PasswordResetConfirmSchema,
  PasswordResetSchema,
  RefreshBodySchema,
  RegistrationPendingSchema,
  RegistrationSchema,
  ResendEmailSchema,
  TokenPairSchema,
  TokensAndUserSchema,
  UserPatchSchema,
  UserSchema,
  UserUpdateSchema,
  VerifyBodySchema,
  VerifyEmailSchema,
} from './auth.schemas.ts';
import type { AuthService, IssuedTokens } from './auth.service.ts';

export const REFRESH_COOKIE = 'cvimprover_refresh';
const COOKIE_PATH = '/auth/';
const bearer = [{ bearerAuth: [] }];
const tags = ['auth'];

/**
 * What a client needs to start Google's authorization-code flow itself. The client id is public by
 * design (Google shows it in every sign-in URL); the secret stays here. The flow ends in a code
 * exchange that Google refuses to web clients without their secret, so without one the button
 * would only ever lead to an error: `enabled` needs both.
 */
export function googleSignInSettings(google: Config['google']): GoogleSignInSettings {
  const clientId = google.clientId ?? null;
  return {
    enabled: clientId !== null && Boolean(google.clientSecret),
    client_id: clientId,
    authorization_url: google.authUrl,
  };
}

/** What the auth routes use; each route below takes the part it needs. */
interface AuthRouteDeps {
  auth: AuthService;
  hooks: AuthHooks;
  config: Config;
}

export function authRoutes(deps: AuthRouteDeps): FastifyPluginAsyncZod {
  // Registered in this order, which is also the order of the OpenAPI document.
  return async (app) => {
    registerRegistration(app, deps);
    registerLogin(app, deps);
    registerLogout(app, deps);
    registerTokenRoutes(app, deps);
    registerUserRoutes(app, deps);
    registerPasswordRoutes(app, deps);
    registerEmailVerificationRoutes(app, deps);
    registerGoogleRoutes(app, deps);
  };
}

/**
 * The refresh token also goes in an httpOnly cookie scoped to `/auth/`, so a browser client never
 * has to keep it where scripts can read it. `secure` follows the request's protocol unless configured.
 */
function setRefreshCookie(
  config: Config,
  request: FastifyRequest,
  reply: FastifyReply,
  tokens: IssuedTokens,
) {
  reply.setCookie(REFRESH_COOKIE, tokens.refresh, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: config.auth.cookieSecure === 'auto' ? request.protocol === 'https' : config.auth.cookieSecure,
    expires: tokens.refreshExpiresAt,
  });
}

/** The token pair as the API shows it: the session id and the cookie's expiry date stay out. */
function tokenBody(tokens: IssuedTokens) {
  return {
    access: tokens.access,
    refresh: tokens.refresh,
    access_expiration: tokens.access_expiration,
    refresh_expiration: tokens.refresh_expiration,
  };
}

/** A completed sign-in: the refresh cookie is set and the answer carries the tokens and the user. */
function signedIn<U>(
  config: Config,
  request: FastifyRequest,
  reply: FastifyReply,
  result: { tokens: IssuedTokens; user: U },
) {
  setRefreshCookie(config, request, reply, result.tokens);
  return { ...tokenBody(result.tokens), user: result.user };
}

function registerRegistration(app: RouteApp, { auth, config }: AuthRouteDeps) {
  app.post(
    '/auth/registration/',
    {
      schema: {
        tags,
        summary: 'Create an account',
        description:
          'Creates an account on the Free plan and signs it in. Email addresses are unique ignoring case; common domain typos and disposable domains are refused. With mandatory email verification no tokens are issued until the emailed link is opened.',
        body: RegistrationSchema,
        response: {
          201: z.union([TokensAndUserSchema, RegistrationPendingSchema]),
          ...errorResponses(400, 415),
        },
      },
    },
    async (request, reply) => {
      const result = await auth.register(request.body, clientInfo(request));
      reply.code(201);
      if (!result.tokens) return { detail: 'Verification e-mail sent.', user: result.user };
      return signedIn(config, request, reply, { tokens: result.tokens, user: result.user });
    },
  );
}

function registerLogin(app: RouteApp, { auth, config }: AuthRouteDeps) {
  app.post(
    '/auth/login/',
    {
      schema: {
        tags,
        summary: 'Sign in',
        description:
          'Sign in with a username or an email and the password. Wrong credentials get one message whether or not the account exists. Repeated failures are slowed, then blocked for a while per account and per address (429 with Retry-After).',
        body: LoginSchema,
        response: { 200: TokensAndUserSchema, ...errorResponses(400, 403, 415, 429) },
      },
    },
    async (request, reply) =>
      signedIn(config, request, reply, await auth.login(request.body, clientInfo(request))),
  );
}

function registerLogout(app: RouteApp, { auth, hooks }: AuthRouteDeps) {
  app.post(
    '/auth/logout/',
    {
      preHandler: hooks.optionalUser,
      schema: {
        tags,
        summary: 'Sign out',
        description:
          'Closes the session of the bearer token and/or of the refresh token (body or cookie): its refresh tokens stop working at once.',
        security: [{ bearerAuth: [] }, {}],
        body: RefreshBodySchema,
        response: { 200: DetailSchema, ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const refresh = request.body?.refresh ?? request.cookies[REFRESH_COOKIE];
      await auth.logout(refresh, request.auth);
      reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
      return { detail: 'Successfully logged out.' };
    },
  );
}

/** Rotating a refresh token and checking an access token. */
function registerTokenRoutes(app: RouteApp, { auth, config }: AuthRouteDeps) {
  app.post(
    '/auth/token/refresh/',
    {
      schema: {
        tags,
        summary: 'Rotate the refresh token',
        description:
          'Trades a refresh token (body or cookie) for a new access and refresh token. Each refresh token works once; presenting one that was already used closes its whole session.',
        body: RefreshBodySchema,
        response: { 200: TokenPairSchema, ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const tokens = await auth.refresh(request.body?.refresh ?? request.cookies[REFRESH_COOKIE]);
      setRefreshCookie(config, request, reply, tokens);
      return tokenBody(tokens);
    },
  );

  app.post(
    '/auth/token/verify/',
    {
      schema: {
        tags,
        summary: 'Check an access token',
        body: VerifyBodySchema,
        response: { 200: z.object({}).strict(), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      await auth.verifyToken(request.body.token);
      return {};
    },
  );
}

/** `/auth/user/`: read, replace or change the signed-in user's details. */
function registerUserRoutes(app: RouteApp, { auth, hooks }: AuthRouteDeps) {
  app.get(
    '/auth/user/',
    {
      preHandler: hooks.requireUser,
      schema: {
        tags,
        summary: 'The signed-in user',
        security: bearer,
        response: { 200: UserSchema, ...errorResponses(401) },
      },
    },
    async (request) => {
      const { user, plan } = currentUser(request);
      return auth.toPublicUser(user, plan);
    },
  );

  app.put(
    '/auth/user/',
    {
      preHandler: hooks.requireUser,
      schema: {
        tags,
        summary: 'Replace the user’s details',
        description: 'A changed email becomes unverified until the new address is confirmed.',
        security: bearer,
        body: UserUpdateSchema,
        response: { 200: UserSchema, ...errorResponses(400, 401, 415) },
      },
    },
    async (request) => auth.updateUser(currentUser(request), request.body),
  );

  app.patch(
    '/auth/user/',
    {
      preHandler: hooks.requireUser,
      schema: {
        tags,
        summary: 'Change some of the user’s details',
        security: bearer,
        body: UserPatchSchema,
        response: { 200: UserSchema, ...errorResponses(400, 401, 415) },
      },
    },
    async (request) => auth.updateUser(currentUser(request), request.body),
  );
}

/** Changing the password when signed in, and resetting a forgotten one by email. */
function registerPasswordRoutes(app: RouteApp, { auth, hooks }: AuthRouteDeps) {
  app.post(
    '/auth/password/change/',
    {
      preHandler: hooks.requireUser,
      schema: {
        tags,
        summary: 'Change the password',
        description: 'Needs the old password. Every other session of the user is closed.',
        security: bearer,
        body: PasswordChangeSchema,
        response: { 200: DetailSchema, ...errorResponses(400, 401, 415) },
      },
    },
    async (request) => {
      await auth.changePassword(currentUser(request), request.body);
      return { detail: 'New password has been saved.' };
    },
  );

  app.post(
    '/auth/password/reset/',
    {
      schema: {
        tags,
        summary: 'Email a password reset link',
        description: 'Answers the same whether or not an account has this email, so it reveals nothing.',
        body: PasswordResetSchema,
        response: { 200: DetailSchema, ...errorResponses(400, 415) },
      },
    },
    async (request) => {
      await auth.requestPasswordReset(request.body.email);
      return { detail: 'Password reset e-mail has been sent.' };
    },
  );

  app.post(
    '/auth/password/reset/confirm/',
    {
      schema: {
        tags,
        summary: 'Set a new password from a reset link',
        description: 'The link (uid and token) works once. All sessions of the user are closed.',
        body: PasswordResetConfirmSchema,
        response: { 200: DetailSchema, ...errorResponses(400, 415) },
      },
    },
    async (request) => {
      await auth.confirmPasswordReset(request.body);
      return { detail: 'Password has been reset with the new password.' };
    },
  );
}

/** Confirming an email address and sending the confirmation again. */
function registerEmailVerificationRoutes(app: RouteApp, { auth }: AuthRouteDeps) {
  app.post(
    '/auth/registration/verify-email/',
    {
      schema: {
        tags,
        summary: 'Confirm an email address',
        body: VerifyEmailSchema,
        response: { 200: DetailSchema, ...errorResponses(400, 404, 415) },
      },
    },
    async (request) => {
      await auth.verifyEmail(request.body.key);
      return { detail: 'ok' };
    },
  );

  app.post(
    '/auth/registration/resend-email/',
    {
      schema: {
        tags,
        summary: 'Send the confirmation email again',
        description: 'Answers the same whether or not an account has this email.',
        body: ResendEmailSchema,
        response: { 200: DetailSchema, ...errorResponses(400, 415) },
      },
    },
    async (request) => {
      await auth.resendVerification(request.body.email);
      return { detail: 'ok' };
    },
  );
}

/** Google sign-in: the public settings a client starts from, then the sign-in itself. */
function registerGoogleRoutes(app: RouteApp, { auth, config }: AuthRouteDeps) {
  app.get(
    '/auth/social/google/',
    {
      schema: {
        tags,
        summary: 'How to sign in with Google here',
        description:
          "Public. Whether Google sign-in is configured, the client id, and Google's authorization endpoint: what a client needs to send the browser to Google (authorization code with PKCE) and then post the code to `POST /auth/social/login/google/`. Never the client secret.",
        response: { 200: GoogleSignInSettingsSchema, ...errorResponses() },
      },
    },
    async () => googleSignInSettings(config.google),
  );

  app.post(
    '/auth/social/login/google/',
    {
      schema: {
        tags,
        summary: 'Sign in with Google',
        description:
          'With a Google ID token, or an authorization code (with its PKCE verifier and redirect URI). Creates the account on first sign-in; links to an existing account with the same email only when Google has verified that email.',
        body: GoogleLoginSchema,
        response: { 200: TokensAndUserSchema, ...errorResponses(400, 403, 415, 503) },
      },
    },
    async (request, reply) =>
      signedIn(config, request, reply, await auth.googleLogin(request.body, clientInfo(request))),
  );
}
