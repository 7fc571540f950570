// Accounts: sign up, sign in, the landing pages of the emails' links (confirm the address, set a
// new password), and the account page (change the password, sign out).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import { hasSession } from '../api/session.ts';
import type { TokensAndUser, User } from '../api/types.ts';
import { GoogleSignIn } from '../components/google.tsx';
import { useSession } from '../components/session.tsx';
import { Busy, ErrorNotice, Field, Notice, Title, useSubmit } from '../components/ui.tsx';
import { useI18n } from '../i18n/context.tsx';
import { safeNext } from '../lib/routes.ts';
import { Link, navigate, useLocation } from '../router.tsx';

/** A new password and the same again, as sign-up, a reset and a change all ask for them. */
function NewPasswordFields(props: {
  label: string;
  names: [string, string];
  values: [string, string];
  onValues: [(value: string) => void, (value: string) => void];
  error: Parameters<typeof Field>[0]['error'];
}) {
  const { t } = useI18n();
  return (
    <>
      <Field
        label={props.label}
        name={props.names[0]}
        type="password"
        hint={t('signup.passwordHint')}
        value={props.values[0]}
        onValue={props.onValues[0]}
        error={props.error}
        autoComplete="new-password"
        required
      />
      <Field
        label={t('field.passwordAgain')}
        name={props.names[1]}
        type="password"
        value={props.values[1]}
        onValue={props.onValues[1]}
        error={props.error}
        autoComplete="new-password"
        required
      />
    </>
  );
}

export function SignIn() {
  const { t } = useI18n();
  const session = useSession();
  const { search } = useLocation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const form = useSubmit(
    () =>
      api<TokensAndUser>('/auth/login/', {
        method: 'POST',
        auth: false,
        json: login.includes('@') ? { email: login.trim(), password } : { username: login.trim(), password },
      }),
    (tokens) => {
      session.signIn(tokens);
      navigate(safeNext(search.get('next')), { replace: true });
    },
  );
  return (
    <section class="narrow">
      <Title text={t('signin.title')} />
      <form onSubmit={form.submit} noValidate>
        <ErrorNotice error={form.error} fields={['email', 'username', 'password']} />
        <Field
          label={t('signin.login')}
          name="login"
          apiName={login.includes('@') ? 'email' : 'username'}
          value={login}
          onValue={setLogin}
          error={form.error}
          autoComplete="username"
          required
        />
        <Field
          label={t('field.password')}
          name="password"
          type="password"
          value={password}
          onValue={setPassword}
          error={form.error}
          autoComplete="current-password"
          required
        />
        <button type="submit" class="primary" disabled={form.busy}>
          {form.busy ? t('common.working') : t('signin.submit')}
        </button>
      </form>
      <GoogleSignIn next={search.get('next') ?? '/history'} />
      <p>
        <Link href="/password-reset">{t('signin.forgot')}</Link>
      </p>
      <p>
        {t('signin.noAccount')} <Link href="/signup">{t('signup.title')}</Link>
      </p>
    </section>
  );
}

export function SignUp() {
  const { t } = useI18n();
  const session = useSession();
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password1, setPassword1] = useState('');
  const [password2, setPassword2] = useState('');
  const [pending, setPending] = useState<string | null>(null);
  const form = useSubmit(
    () =>
      api<TokensAndUser | { detail: string; user: User }>('/auth/registration/', {
        method: 'POST',
        auth: false,
        json: { username: username.trim(), email: email.trim(), password1, password2 },
      }),
    (result) => {
      if ('access' in result) {
        session.signIn(result);
        navigate('/applications/new', { replace: true });
      } else {
        // Email confirmation is required before the first sign-in.
        setPending(result.user.email);
      }
    },
  );
  if (pending) {
    return (
      <section class="narrow">
        <Title text={t('signup.checkEmail')} />
        <Notice kind="success">
          <p>{t('signup.pending', { email: pending })}</p>
        </Notice>
        <p>
          <Link href="/signin">{t('signin.title')}</Link>
        </p>
      </section>
    );
  }
  return (
    <section class="narrow">
      <Title text={t('signup.title')} />
      <p>{t('signup.intro')}</p>
      <form onSubmit={form.submit} noValidate>
        <ErrorNotice error={form.error} fields={['username', 'email', 'password1', 'password2']} />
        <Field
          label={t('field.username')}
          name="username"
          hint={t('signup.usernameHint')}
          value={username}
          onValue={setUsername}
          error={form.error}
          autoComplete="username"
          required
        />
        <Field
          label={t('field.email')}
          name="email"
          type="email"
          value={email}
          onValue={setEmail}
          error={form.error}
          autoComplete="email"
          required
        />
        <NewPasswordFields
          label={t('field.password')}
          names={['password1', 'password2']}
          values={[password1, password2]}
          onValues={[setPassword1, setPassword2]}
          error={form.error}
        />
        <button type="submit" class="primary" disabled={form.busy}>
          {form.busy ? t('common.working') : t('signup.submit')}
        </button>
      </form>
      <GoogleSignIn next="/applications/new" />
      <p>
        {t('signup.haveAccount')} <Link href="/signin">{t('signin.title')}</Link>
      </p>
    </section>
  );
}

export function VerifyEmail({ keyValue }: { keyValue: string }) {
  const { t } = useI18n();
  const session = useSession();
  const [state, setState] = useState<'working' | 'done' | 'failed'>('working');
  const [error, setError] = useState<unknown>(null);
  const [email, setEmail] = useState('');
  const [resent, setResent] = useState(false);
  useEffect(() => {
    api('/auth/registration/verify-email/', { method: 'POST', auth: false, json: { key: keyValue } }).then(
      () => {
        setState('done');
        // Signed in here too: the account shows the address as confirmed from now on.
        if (hasSession()) api<User>('/auth/user/').then(session.setUser, () => {});
      },
      (failure: unknown) => {
        setError(failure);
        setState('failed');
      },
    );
  }, [keyValue, session.setUser]);
  const resend = useSubmit(
    () =>
      api('/auth/registration/resend-email/', { method: 'POST', auth: false, json: { email: email.trim() } }),
    () => setResent(true),
  );
  return (
    <section class="narrow">
      <Title text={t('verify.title')} />
      {state === 'working' && <Busy label={t('verify.working')} />}
      {state === 'done' && (
        <>
          <Notice kind="success">
            <p>{t('verify.done')}</p>
          </Notice>
          <p>
            {session.user ? (
              <Link href="/applications/new">{t('nav.new')}</Link>
            ) : (
              <Link href="/signin">{t('signin.title')}</Link>
            )}
          </p>
        </>
      )}
      {state === 'failed' && (
        <>
          <ErrorNotice error={error} />
          <p>{t('verify.resendIntro')}</p>
          {resent ? (
            <Notice kind="success">
              <p>{t('verify.resent')}</p>
            </Notice>
          ) : (
            <form onSubmit={resend.submit} noValidate>
              <ErrorNotice error={resend.error} fields={['email']} />
              <Field
                label={t('field.email')}
                name="email"
                type="email"
                value={email}
                onValue={setEmail}
                error={resend.error}
                autoComplete="email"
                required
              />
              <button type="submit" disabled={resend.busy}>
                {t('verify.resend')}
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
}

export function ResetRequest() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const form = useSubmit(
    () => api('/auth/password/reset/', { method: 'POST', auth: false, json: { email: email.trim() } }),
    () => setSent(true),
  );
  return (
    <section class="narrow">
      <Title text={t('reset.title')} />
      {sent ? (
        <Notice kind="success">
          <p>{t('reset.sent')}</p>
        </Notice>
      ) : (
        <form onSubmit={form.submit} noValidate>
          <p>{t('reset.intro')}</p>
          <ErrorNotice error={form.error} fields={['email']} />
          <Field
            label={t('field.email')}
            name="email"
            type="email"
            value={email}
            onValue={setEmail}
            error={form.error}
            autoComplete="email"
            required
          />
          <button type="submit" class="primary" disabled={form.busy}>
            {t('reset.submit')}
          </button>
        </form>
      )}
      <p>
        <Link href="/signin">{t('signin.title')}</Link>
      </p>
    </section>
  );
}

export function ResetConfirm({ uid, token }: { uid: string; token: string }) {
  const { t } = useI18n();
  const [password1, setPassword1] = useState('');
  const [password2, setPassword2] = useState('');
  const [done, setDone] = useState(false);
  const form = useSubmit(
    () =>
      api('/auth/password/reset/confirm/', {
        method: 'POST',
        auth: false,
        json: { uid, token, new_password1: password1, new_password2: password2 },
      }),
    () => setDone(true),
  );
  return (
    <section class="narrow">
      <Title text={t('reset.newTitle')} />
      {done ? (
        <>
          <Notice kind="success">
            <p>{t('reset.done')}</p>
          </Notice>
          <p>
            <Link href="/signin">{t('signin.title')}</Link>
          </p>
        </>
      ) : (
        <form onSubmit={form.submit} noValidate>
          <ErrorNotice error={form.error} fields={['new_password1', 'new_password2']} />
          <NewPasswordFields
            label={t('field.newPassword')}
            names={['new_password1', 'new_password2']}
            values={[password1, password2]}
            onValues={[setPassword1, setPassword2]}
            error={form.error}
          />
          <button type="submit" class="primary" disabled={form.busy}>
            {t('reset.save')}
          </button>
        </form>
      )}
    </section>
  );
}

export function Account() {
  const { t } = useI18n();
  const session = useSession();
  // Asked again here: the address may have been confirmed, or the plan changed, since sign-in.
  useEffect(() => {
    api<User>('/auth/user/').then(session.setUser, () => {});
  }, [session.setUser]);
  const user = session.user;
  const [old, setOld] = useState('');
  const [password1, setPassword1] = useState('');
  const [password2, setPassword2] = useState('');
  const [saved, setSaved] = useState(false);
  const [resent, setResent] = useState(false);
  const change = useSubmit(
    () =>
      api('/auth/password/change/', {
        method: 'POST',
        json: { old_password: old, new_password1: password1, new_password2: password2 },
      }),
    () => {
      setSaved(true);
      setOld('');
      setPassword1('');
      setPassword2('');
    },
  );
  const resend = useSubmit(
    () =>
      api('/auth/registration/resend-email/', { method: 'POST', auth: false, json: { email: user?.email } }),
    () => setResent(true),
  );
  if (!user) return null;
  return (
    <section class="narrow">
      <Title text={t('account.title')} />
      <dl class="facts">
        <dt>{t('field.username')}</dt>
        <dd>{user.username}</dd>
        <dt>{t('field.email')}</dt>
        <dd>
          {user.email}{' '}
          <span class={`badge ${user.email_verified ? 'badge-covered' : 'badge-weak'}`}>
            {user.email_verified ? t('account.verified') : t('account.unverified')}
          </span>
        </dd>
        <dt>{t('account.plan')}</dt>
        <dd>
          {user.plan?.name ?? '—'} · <Link href="/plan">{t('nav.plan')}</Link>
        </dd>
      </dl>
      {!user.email_verified && (
        <form onSubmit={resend.submit}>
          <ErrorNotice error={resend.error} />
          {resent ? (
            <Notice kind="success">
              <p>{t('verify.resent')}</p>
            </Notice>
          ) : (
            <button type="submit" disabled={resend.busy}>
              {t('verify.resend')}
            </button>
          )}
        </form>
      )}
      <h2>{t('account.changePassword')}</h2>
      <form onSubmit={change.submit} noValidate>
        {saved && (
          <Notice kind="success">
            <p>{t('account.passwordSaved')}</p>
          </Notice>
        )}
        <ErrorNotice error={change.error} fields={['old_password', 'new_password1', 'new_password2']} />
        <Field
          label={t('field.currentPassword')}
          name="old_password"
          type="password"
          value={old}
          onValue={setOld}
          error={change.error}
          autoComplete="current-password"
          required
        />
        <NewPasswordFields
          label={t('field.newPassword')}
          names={['new_password1', 'new_password2']}
          values={[password1, password2]}
          onValues={[setPassword1, setPassword2]}
          error={change.error}
        />
        <button type="submit" class="primary" disabled={change.busy}>
          {t('account.savePassword')}
        </button>
      </form>
      <h2>{t('account.signOutTitle')}</h2>
      <button type="button" onClick={() => session.signOut()}>
        {t('nav.signOut')}
      </button>
    </section>
  );
}
