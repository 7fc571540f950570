// Every call to the API goes through here: the access token is added (and refreshed once when the
// API says it expired), and every failure becomes an ApiError carrying a sentence, never raw JSON.
import { type Problem, readProblem } from '../lib/problem.ts';
import { accessToken, clearSession, refreshAccess } from './session.ts';

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.local);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
}

/** No answer at all: offline, the server down, a connection cut. */
function networkError(): ApiError {
  return new ApiError({ status: 0, code: 'network', detail: null, fields: {}, local: 'network', body: {} });
}

function signedOutError(): ApiError {
  return new ApiError({
    status: 401,
    code: 'not_authenticated',
    detail: null,
    fields: {},
    local: 'signedOut',
    body: {},
  });
}

export interface RequestOptions {
  method?: string;
  json?: unknown;
  headers?: Record<string, string>;
  /** Sends the access token (default); sign-up, sign-in and the email links do not. */
  auth?: boolean;
  signal?: AbortSignal;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (/json/.test(type)) {
    try {
      return await response.json();
    } catch {
      return undefined;
    }
  }
  return response.text();
}

async function send(path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw networkError();
  }
}

/** The token for an authenticated call, or the error that says the person must sign in again. */
async function tokenFor(options: { auth?: boolean }): Promise<string | null> {
  if (options.auth === false) return null;
  let token: string | null;
  try {
    token = await accessToken();
  } catch {
    throw networkError();
  }
  if (!token) throw signedOutError();
  return token;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(path, options, await tokenFor(options));
  if (response.status === 401 && options.auth !== false) {
    // The access token expired early or was revoked: one refresh, one retry.
    const token = await refreshAccess().catch(() => null);
    if (!token) {
      clearSession();
      throw signedOutError();
    }
    response = await send(path, options, token);
  }
  const body = await readBody(response);
  if (!response.ok) throw new ApiError(readProblem(response.status, body));
  return body as T;
}

/**
 * A multipart form with upload progress (fetch cannot report it), for the CV file.
 * `onProgress` gets the share sent, 0–1.
 */
export async function sendForm<T>(
  path: string,
  method: string,
  form: FormData,
  onProgress: (share: number) => void,
): Promise<T> {
  const attempt = (token: string) =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, path);
      xhr.setRequestHeader('authorization', `Bearer ${token}`);
      xhr.setRequestHeader('accept', 'application/json');
      xhr.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      });
      xhr.addEventListener('load', () => {
        let body: unknown = xhr.responseText;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          // Not JSON: readProblem finds no sentence in it and uses the app's own.
        }
        resolve({ status: xhr.status, body });
      });
      xhr.addEventListener('error', () => reject(networkError()));
      xhr.addEventListener('abort', () => reject(networkError()));
      xhr.send(form);
    });
  let result = await attempt((await tokenFor({})) ?? '');
  if (result.status === 401) {
    const token = await refreshAccess().catch(() => null);
    if (!token) {
      clearSession();
      throw signedOutError();
    }
    result = await attempt(token);
  }
  if (result.status < 200 || result.status >= 300)
    throw new ApiError(readProblem(result.status, result.body));
  onProgress(1);
  return result.body as T;
}
