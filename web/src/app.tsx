// The page frame (header, navigation, language, footer) and which page an address shows.
import { useEffect } from 'preact/hooks';
import { SessionProvider, useSession } from './components/session.tsx';
import { Busy, ErrorNotice } from './components/ui.tsx';
import { I18nProvider, useI18n } from './i18n/context.tsx';
import { LANGUAGES, type Lang, translate } from './i18n/i18n.ts';
import { matchRoute, needsSignIn, type Route, safeNext } from './lib/routes.ts';
import { ApplicationPage, MatchPage } from './pages/application.tsx';
import { Account, ResetConfirm, ResetRequest, SignIn, SignUp, VerifyEmail } from './pages/auth.tsx';
import { GoogleCallbackPage } from './pages/google-callback.tsx';
import { HistoryPage } from './pages/history.tsx';
import { Home, NotFound } from './pages/home.tsx';
import { ImprovePage } from './pages/improve.tsx';
import { EditPage, ImprovementPage } from './pages/improvement.tsx';
import { NewApplication } from './pages/new-application.tsx';
import { PaymentSuccess, PlanPage } from './pages/plan.tsx';
import { Link, navigate, useLocation } from './router.tsx';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'home':
      return <Home />;
    case 'signin':
      return <SignIn />;
    case 'signup':
      return <SignUp />;
    case 'googleCallback':
      return <GoogleCallbackPage />;
    case 'verifyEmail':
      return <VerifyEmail keyValue={route.key} />;
    case 'resetRequest':
      return <ResetRequest />;
    case 'resetConfirm':
      return <ResetConfirm uid={route.uid} token={route.token} />;
    case 'account':
      return <Account />;
    case 'newApplication':
      return <NewApplication />;
    case 'application':
      return <ApplicationPage id={route.id} />;
    case 'match':
      return <MatchPage id={route.id} />;
    case 'improve':
      return <ImprovePage id={route.id} />;
    case 'improvement':
      return <ImprovementPage id={route.id} />;
    case 'edit':
      return <EditPage id={route.id} />;
    case 'history':
      return <HistoryPage />;
    case 'plan':
    case 'paymentCancelled':
      return <PlanPage />;
    case 'paymentSuccess':
      return <PaymentSuccess />;
    default:
      return <NotFound />;
  }
}

function Header() {
  const { t, lang, setLang } = useI18n();
  const { user } = useSession();
  const { pathname } = useLocation();
  const current = (href: string) => (pathname === href ? 'page' : undefined);
  return (
    <header class="site-header">
      <div class="bar">
        <Link href="/" class="brand">
          CV Improver
        </Link>
        <nav aria-label={t('nav.label')}>
          <ul class="menu">
            {user ? (
              <>
                <li>
                  <Link href="/applications/new" aria-current={current('/applications/new')}>
                    {t('nav.new')}
                  </Link>
                </li>
                <li>
                  <Link href="/history" aria-current={current('/history')}>
                    {t('nav.history')}
                  </Link>
                </li>
                <li>
                  <Link href="/plan" aria-current={current('/plan')}>
                    {t('nav.plan')}
                  </Link>
                </li>
                <li>
                  <Link href="/account" aria-current={current('/account')}>
                    {t('nav.account')}
                  </Link>
                </li>
              </>
            ) : (
              <>
                <li>
                  <Link href="/signin" aria-current={current('/signin')}>
                    {t('signin.title')}
                  </Link>
                </li>
                <li>
                  <Link href="/signup" aria-current={current('/signup')}>
                    {t('signup.title')}
                  </Link>
                </li>
              </>
            )}
          </ul>
        </nav>
        <div class="lang">
          <label for="lang-select" class="visually-hidden">
            {t('lang.label')}
          </label>
          <select id="lang-select" value={lang} onChange={(e) => setLang(e.currentTarget.value as Lang)}>
            {LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {translate(code, 'lang.name')}
              </option>
            ))}
          </select>
        </div>
      </div>
    </header>
  );
}

function Shell() {
  const { t } = useI18n();
  const session = useSession();
  const location = useLocation();
  const route = matchRoute(location.pathname);
  const mustSignIn = needsSignIn(route) && session.ready && !session.user;
  const signedInAway =
    session.user && (route.page === 'signin' || route.page === 'signup' || route.page === 'home');

  useEffect(() => {
    if (mustSignIn) {
      navigate(`/signin?next=${encodeURIComponent(location.pathname + window.location.search)}`, {
        replace: true,
      });
    } else if (signedInAway) {
      navigate(route.page === 'home' ? '/history' : safeNext(location.search.get('next') ?? '/history'), {
        replace: true,
      });
    } else if (route.page === 'paymentCancelled') {
      navigate('/plan?checkout=cancelled', { replace: true });
    }
  }, [mustSignIn, signedInAway, route.page, location]);

  return (
    <>
      <a class="skip" href="#main">
        {t('nav.skip')}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        {session.startError ? <ErrorNotice error={session.startError} /> : null}
        {!session.ready || mustSignIn || signedInAway ? (
          <Busy label={t('common.loading')} />
        ) : (
          <Page route={route} />
        )}
      </main>
      <footer class="site-footer">
        <p>
          {t('footer.text')} <a href="/docs/">{t('footer.api')}</a>
        </p>
      </footer>
    </>
  );
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Shell />
      </SessionProvider>
    </I18nProvider>
  );
}
