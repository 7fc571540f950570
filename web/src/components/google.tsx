// "Continue with Google" on the sign-in and sign-up pages, shown only where the API says Google
// sign-in works (GET /auth/social/google/). A click prepares the PKCE sign-in (lib/google.ts) and
// sends the whole tab to Google; the callback page (pages/google-callback.tsx) finishes it.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/context.tsx';
import { type GoogleSettings, type PendingStore, startGoogleSignIn } from '../lib/google.ts';

// Asked once per page load: the answer changes only when the server is configured anew. A failed
// request is asked again on the next page that shows the button.
let settingsRequest: Promise<GoogleSettings | null> | null = null;

function loadSettings(): Promise<GoogleSettings | null> {
  settingsRequest ??= api<GoogleSettings>('/auth/social/google/', { auth: false }).catch(() => {
    settingsRequest = null;
    return null;
  });
  return settingsRequest;
}

/** This tab's sessionStorage, or null where the browser refuses storage to the page. */
export function tabStore(): PendingStore | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Google's "G", drawn inline: nothing is loaded from Google before the person chooses to go there. */
function GoogleMark() {
  return (
    <svg class="google-mark" viewBox="0 0 48 48" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        fill="#EA4335"
        d="M24 9.5c3.54 0 6.71 1.22 9.21 3.6l6.85-6.85C35.9 2.38 30.47 0 24 0 14.62 0 6.51 5.38 2.56 13.22l7.98 6.19C12.43 13.72 17.74 9.5 24 9.5z"
      />
      <path
        fill="#4285F4"
        d="M46.98 24.55c0-1.57-.15-3.09-.38-4.55H24v9.02h12.94c-.58 2.96-2.26 5.48-4.78 7.18l7.73 6c4.51-4.18 7.09-10.36 7.09-17.65z"
      />
      <path
        fill="#FBBC05"
        d="M10.53 28.59c-.48-1.45-.76-2.99-.76-4.59s.27-3.14.76-4.59l-7.98-6.19C.92 16.46 0 20.12 0 24c0 3.88.92 7.54 2.56 10.78l7.97-6.19z"
      />
      <path
        fill="#34A853"
        d="M24 48c6.48 0 11.93-2.13 15.89-5.81l-7.73-6c-2.15 1.45-4.92 2.3-8.16 2.3-6.26 0-11.57-4.22-13.47-9.91l-7.98 6.19C6.51 42.62 14.62 48 24 48z"
      />
    </svg>
  );
}

/** An "or" and the button, under the page's own form; nothing when Google is off. */
export function GoogleSignIn({ next }: { next: string }) {
  const { t } = useI18n();
  const [settings, setSettings] = useState<GoogleSettings | null>(null);
  const [leaving, setLeaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let shown = true;
    loadSettings().then((loaded) => {
      if (shown) setSettings(loaded);
    });
    // Back from Google with the browser's back button, the page may come from the back-forward
    // cache as it was left: busy. It is not.
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) setLeaving(false);
    };
    window.addEventListener('pageshow', onShow);
    return () => {
      shown = false;
      window.removeEventListener('pageshow', onShow);
    };
  }, []);

  if (!settings?.enabled || !settings.client_id) return null;
  const clientId = settings.client_id;

  const start = async () => {
    setError(null);
    const store = tabStore();
    // Web Crypto's digest exists only on secure pages (HTTPS, or localhost).
    if (!globalThis.crypto?.subtle || !store) {
      setError(t(store ? 'google.error.insecure' : 'error.unknown'));
      return;
    }
    setLeaving(true);
    try {
      const url = await startGoogleSignIn(
        { clientId, authorizationUrl: settings.authorization_url },
        { origin: window.location.origin, next, store },
      );
      window.location.assign(url);
    } catch {
      setLeaving(false);
      setError(t('error.unknown'));
    }
  };

  // Below the page's own form: when the answer comes late, nothing the person is typing into moves.
  return (
    <div class="social-sign-in">
      <p class="or">
        <span>{t('google.or')}</span>
      </p>
      {error && (
        <div class="notice notice-error" role="alert">
          <p>{error}</p>
        </div>
      )}
      <button type="button" class="google-button" onClick={start} disabled={leaving}>
        <GoogleMark />
        <span>{leaving ? t('google.leaving') : t('google.continue')}</span>
      </button>
    </div>
  );
}
