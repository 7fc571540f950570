// Where Google sends the browser back (/auth/google/callback): the state is checked, the code is
// traded through the API for a session like any sign-in, and the person goes on to where they
// were headed. Each failure is a sentence, with the way back to signing in.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import type { TokensAndUser } from '../api/types.ts';
import { tabStore } from '../components/google.tsx';
import { useSession } from '../components/session.tsx';
import { Busy, ErrorNotice, Title } from '../components/ui.tsx';
import { useI18n } from '../i18n/context.tsx';
import type { MessageKey } from '../i18n/i18n.ts';
import { finishGoogleSignIn, GOOGLE_CALLBACK_PATH, type GoogleCallback } from '../lib/google.ts';
import { safeNext } from '../lib/routes.ts';
import { Link, navigate } from '../router.tsx';

type Failure = { sentence: MessageKey; error?: string } | { apiError: unknown };

function readCallback(): GoogleCallback {
  const search = new URLSearchParams(window.location.search);
  const store = tabStore();
  return store ? finishGoogleSignIn(search, store) : { ok: false, reason: 'state' };
}

const SENTENCES: Record<Exclude<GoogleCallback, { ok: true }>['reason'], MessageKey> = {
  state: 'google.error.state',
  denied: 'google.error.denied',
  google: 'google.error.google',
};

export function GoogleCallbackPage() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [failure, setFailure] = useState<Failure | null>(null);
  const read = useRef(false);

  useEffect(() => {
    // The callback is read once: a second reading would find the sign-in already used up.
    if (read.current) return;
    read.current = true;
    const result = readCallback();
    // The code is spent whatever happens next: out of the address bar and the history, so a
    // reload or a back button never posts it again.
    window.history.replaceState(null, '', GOOGLE_CALLBACK_PATH);
    if (!result.ok) {
      setFailure({ sentence: SENTENCES[result.reason], ...(result.error ? { error: result.error } : {}) });
      return;
    }
    api<TokensAndUser>('/auth/social/login/google/', {
      method: 'POST',
      auth: false,
      json: result.login,
    }).then(
      (tokens) => {
        signIn(tokens);
        navigate(safeNext(result.next), { replace: true });
      },
      (apiError: unknown) => setFailure({ apiError }),
    );
  }, [signIn]);

  if (!failure) {
    return (
      <section class="narrow">
        <Title text={t('google.title')} />
        <Busy label={t('google.working')} />
      </section>
    );
  }
  return (
    <section class="narrow">
      <Title text={t('google.failedTitle')} />
      {'apiError' in failure ? (
        <ErrorNotice error={failure.apiError} />
      ) : (
        <div class="notice notice-error" role="alert">
          <p>{t(failure.sentence, { error: failure.error ?? '' })}</p>
        </div>
      )}
      <p>
        <Link class="button primary" href="/signin">
          {t('google.back')}
        </Link>
      </p>
    </section>
  );
}
