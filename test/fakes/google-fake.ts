// A loopback stand-in for Google's OAuth endpoints: the authorization endpoint a browser is sent
// to, the JWKS that signs ID tokens and the token endpoint that swaps an authorization code for them. It speaks Google's wire format so the real
// adapter (jose's remote key set, fetch of the token endpoint) is what the tests exercise.

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CryptoKey, JWK } from 'jose';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';

export const FAKE_CLIENT_ID = 'test-client.apps.googleusercontent.com';
export const FAKE_CLIENT_SECRET = 'test-client-secret';

/** Claims to put in a token; a claim set to `undefined` removes that default. */
export type FakeClaims = Record<string, unknown>;

export interface SignOptions {
  /**
   * - `valid`: RS256 with the key published in the JWKS (default)
   * - `foreign-key`: RS256 with a key the JWKS does not hold (same `kid` unless `kid` is given)
   * - `hs256-confusion`: HS256 whose secret is the published public key, the classic alg confusion
   * - `alg-none`: an unsigned token
   */
  variant?: 'valid' | 'foreign-key' | 'hs256-confusion' | 'alg-none';
  kid?: string;
}

export interface IssueCodeOptions {
  /** The exchange must repeat it, as Google requires. */
  redirectUri?: string;
  /** PKCE: the exchange must then carry the matching `code_verifier`. */
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
}

export interface FakeRequest {
  method: string;
  path: string;
  /** The form fields of a token request, the query of an authorization request; else empty. */
  form: Record<string, string>;
}

/**
 * What the person does on the consent screen: sign in as `claims` (the defaults: Zoë, with a
 * verified address), or decline, which sends the browser back with `error=access_denied`.
 */
export interface FakeConsent {
  claims: FakeClaims;
  deny: boolean;
}

/** How an endpoint misbehaves: an HTTP 503, or holding the request until the client gives up. */
export type FakeFailure = 'error' | 'hang' | null;

export interface GoogleFake {
  url: string;
  authorizationUrl: string;
  jwksUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Issuer the fake puts in its tokens by default. */
  issuer: string;
  requests: FakeRequest[];
  /** Set before the browser arrives at the authorization endpoint. */
  consent: FakeConsent;
  /** Set to make an endpoint fail from the next request on. */
  failures: { jwks: FakeFailure; token: FakeFailure };
  signIdToken(claims?: FakeClaims, options?: SignOptions): Promise<string>;
  issueCode(claims?: FakeClaims, options?: IssueCodeOptions): string;
  close(): Promise<void>;
}

interface IssuedCode {
  claims: FakeClaims;
  options: IssueCodeOptions;
  used: boolean;
}

export async function startGoogleFake(
  options: { clientId?: string; clientSecret?: string } = {},
): Promise<GoogleFake> {
  const clientId = options.clientId ?? FAKE_CLIENT_ID;
  const clientSecret = options.clientSecret ?? FAKE_CLIENT_SECRET;
  const issuer = 'https://accounts.google.com';
  const kid = randomUUID();

  const signing = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256', { extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(signing.publicKey)), kid, alg: 'RS256', use: 'sig' };
  const publicPem = await exportSPKI(signing.publicKey);

  const codes = new Map<string, IssuedCode>();
  const requests: FakeRequest[] = [];
  const failures: GoogleFake['failures'] = { jwks: null, token: null };
  const consent: FakeConsent = { claims: {}, deny: false };
  const hanging = new Set<ServerResponse>();

  function defaultClaims(): FakeClaims {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: issuer,
      azp: clientId,
      aud: clientId,
      sub: String(100000000000000000000n + BigInt(Math.floor(Math.random() * 1e15))),
      email: 'zoe.muller@example.com',
      email_verified: true,
      given_name: 'Zoë',
      family_name: 'Müller-Łukasiewicz',
      iat: now,
      exp: now + 3600,
    };
  }

  async function signIdToken(claims: FakeClaims = {}, signOptions: SignOptions = {}): Promise<string> {
    const payload: Record<string, unknown> = { ...defaultClaims(), ...claims };
    for (const [key, value] of Object.entries(payload)) if (value === undefined) delete payload[key];
    const variant = signOptions.variant ?? 'valid';
    const headerKid = signOptions.kid ?? kid;

    switch (variant) {
      case 'valid':
      case 'foreign-key': {
        const key: CryptoKey = variant === 'valid' ? signing.privateKey : foreign.privateKey;
        return new SignJWT(payload)
          .setProtectedHeader({ alg: 'RS256', kid: headerKid, typ: 'JWT' })
          .sign(key);
      }
      case 'hs256-confusion':
        return new SignJWT(payload)
          .setProtectedHeader({ alg: 'HS256', kid: headerKid, typ: 'JWT' })
          .sign(new TextEncoder().encode(publicPem));
      case 'alg-none': {
        const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
        return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
      }
    }
  }

  function issueCode(claims: FakeClaims = {}, codeOptions: IssueCodeOptions = {}): string {
    const code = `4/0A${randomBytes(24).toString('base64url')}`;
    codes.set(code, { claims, options: codeOptions, used: false });
    return code;
  }

  function send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  }

  function misbehave(res: ServerResponse, failure: FakeFailure): boolean {
    if (failure === 'error') {
      send(res, 503, { error: 'backend_error' });
      return true;
    }
    if (failure === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return true;
    }
    return false;
  }

  async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
  }

  async function handleToken(form: Record<string, string>, res: ServerResponse): Promise<void> {
    if (form.client_id !== clientId || form.client_secret !== clientSecret) {
      send(res, 401, { error: 'invalid_client', error_description: 'Unauthorized' });
      return;
    }
    if (form.grant_type !== 'authorization_code' || !form.code) {
      send(res, 400, { error: 'invalid_request', error_description: 'Missing required parameter: code' });
      return;
    }
    const issued = codes.get(form.code);
    if (!issued || issued.used) {
      // Google answers a replayed code exactly like an unknown one.
      send(res, 400, { error: 'invalid_grant', error_description: 'Bad Request' });
      return;
    }
    if (issued.options.redirectUri !== undefined && form.redirect_uri !== issued.options.redirectUri) {
      send(res, 400, { error: 'redirect_uri_mismatch', error_description: 'Bad Request' });
      return;
    }
    if (issued.options.codeChallenge !== undefined) {
      const verifier = form.code_verifier;
      if (!verifier) {
        send(res, 400, { error: 'invalid_grant', error_description: 'Missing code verifier.' });
        return;
      }
      const derived =
        issued.options.codeChallengeMethod === 'plain'
          ? verifier
          : createHash('sha256').update(verifier).digest('base64url');
      if (derived !== issued.options.codeChallenge) {
        send(res, 400, { error: 'invalid_grant', error_description: 'Invalid code verifier.' });
        return;
      }
    }
    issued.used = true;
    send(res, 200, {
      access_token: `ya29.${randomBytes(24).toString('base64url')}`,
      id_token: await signIdToken(issued.claims),
      expires_in: 3599,
      token_type: 'Bearer',
      scope: 'openid https://www.googleapis.com/auth/userinfo.email',
    });
  }

  /**
   * Google's authorization endpoint without its screens: it checks the request as Google does, then
   * sends the browser straight back to `redirect_uri` with a code bound to that URI and to the PKCE
   * challenge (or with the refusal), and the `state` untouched. Requests Google would refuse
   * without trusting the redirect URI get an error page, as on Google.
   */
  function handleAuthorization(query: URLSearchParams, res: ServerResponse): void {
    const refuse = (error: string) => {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Error 400: ${error}`);
    };
    const redirectUri = query.get('redirect_uri');
    if (query.get('client_id') !== clientId) {
      refuse('invalid_client');
      return;
    }
    if (!redirectUri || !URL.canParse(redirectUri)) {
      refuse('redirect_uri_mismatch');
      return;
    }
    const back = new URL(redirectUri);
    const state = query.get('state');
    if (state !== null) back.searchParams.set('state', state);
    const challenge = query.get('code_challenge') ?? undefined;
    const method = query.get('code_challenge_method') ?? 'plain';
    const scopes = (query.get('scope') ?? '').split(' ');
    if (query.get('response_type') !== 'code' || !scopes.includes('openid') || !scopes.includes('email')) {
      back.searchParams.set('error', 'invalid_request');
    } else if (challenge !== undefined && method !== 'S256' && method !== 'plain') {
      back.searchParams.set('error', 'invalid_request');
    } else if (consent.deny) {
      back.searchParams.set('error', 'access_denied');
    } else {
      const code = issueCode(consent.claims, {
        redirectUri,
        ...(challenge !== undefined
          ? { codeChallenge: challenge, codeChallengeMethod: method as 'S256' | 'plain' }
          : {}),
      });
      back.searchParams.set('code', code);
      back.searchParams.set('scope', 'email profile openid');
    }
    res.writeHead(302, { location: back.href, 'cache-control': 'no-store' });
    res.end();
  }

  const server = createServer((req, res) => {
    const requestUrl = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = requestUrl.pathname;
    const handle = async () => {
      if (req.method === 'GET' && path === '/o/oauth2/v2/auth') {
        requests.push({ method: 'GET', path, form: Object.fromEntries(requestUrl.searchParams) });
        handleAuthorization(requestUrl.searchParams, res);
        return;
      }
      if (req.method === 'GET' && path === '/oauth2/v3/certs') {
        requests.push({ method: 'GET', path, form: {} });
        if (misbehave(res, failures.jwks)) return;
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=21600' });
        res.end(JSON.stringify({ keys: [publicJwk] }));
        return;
      }
      if (req.method === 'POST' && path === '/token') {
        const form = await readForm(req);
        requests.push({ method: 'POST', path, form });
        if (misbehave(res, failures.token)) return;
        await handleToken(form, res);
        return;
      }
      send(res, 404, { error: 'not_found' });
    };
    handle().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: 'internal_failure', error_description: String(error) });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    authorizationUrl: `${url}/o/oauth2/v2/auth`,
    jwksUrl: `${url}/oauth2/v3/certs`,
    tokenUrl: `${url}/token`,
    clientId,
    clientSecret,
    issuer,
    requests,
    consent,
    failures,
    signIdToken,
    issueCode,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
