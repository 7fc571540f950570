// The app's pages and their paths. Pure (no DOM), so the matching is unit-tested in Node.

export type Route =
  | { page: 'home' }
  | { page: 'signin' }
  | { page: 'signup' }
  | { page: 'googleCallback' }
  | { page: 'verifyEmail'; key: string }
  | { page: 'resetRequest' }
  | { page: 'resetConfirm'; uid: string; token: string }
  | { page: 'account' }
  | { page: 'newApplication' }
  | { page: 'application'; id: string }
  | { page: 'match'; id: string }
  | { page: 'improve'; id: string }
  | { page: 'improvement'; id: string }
  | { page: 'edit'; id: string }
  | { page: 'history' }
  | { page: 'plan' }
  | { page: 'paymentSuccess' }
  | { page: 'paymentCancelled' }
  | { page: 'notFound' };

type Page = Route['page'];

/**
 * Patterns, first match wins. The email links (`/verify-email/…`, `/password-reset/confirm/…`)
 * and Stripe's return addresses (`/payments/…`, `/profile`) are built by the API, and Google's
 * (`/auth/google/callback`) is registered with Google: keep them.
 */
const PATTERNS: Array<[string, Page]> = [
  ['/', 'home'],
  ['/signin', 'signin'],
  ['/signup', 'signup'],
  ['/auth/google/callback', 'googleCallback'],
  ['/verify-email/:key', 'verifyEmail'],
  ['/password-reset', 'resetRequest'],
  ['/password-reset/confirm/:uid/:token', 'resetConfirm'],
  ['/account', 'account'],
  ['/profile', 'account'],
  ['/applications/new', 'newApplication'],
  ['/applications/:id', 'application'],
  ['/applications/:id/match', 'match'],
  ['/applications/:id/improve', 'improve'],
  ['/improvements/:id', 'improvement'],
  ['/improvements/:id/edit', 'edit'],
  ['/history', 'history'],
  ['/plan', 'plan'],
  ['/payments/success', 'paymentSuccess'],
  ['/payments/cancelled', 'paymentCancelled'],
];

/** The route of a path; a trailing slash is optional, as on the API. */
export function matchRoute(pathname: string): Route {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  for (const [pattern, page] of PATTERNS) {
    const expected = pattern.split('/').filter(Boolean);
    if (expected.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = expected.every((segment, i) => {
      const actual = parts[i] ?? '';
      if (segment.startsWith(':')) {
        try {
          params[segment.slice(1)] = decodeURIComponent(actual);
        } catch {
          return false;
        }
        return actual !== '';
      }
      return segment === actual;
    });
    if (matches) return { page, ...params } as Route;
  }
  return { page: 'notFound' };
}

/** Pages a person must be signed in for; the others are open to anyone. */
const PUBLIC_PAGES: ReadonlySet<Page> = new Set([
  'home',
  'signin',
  'signup',
  'googleCallback',
  'verifyEmail',
  'resetRequest',
  'resetConfirm',
  'notFound',
]);

export function needsSignIn(route: Route): boolean {
  return !PUBLIC_PAGES.has(route.page);
}

/** Where to go after signing in: only a path of this app, never another site. */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
