// The first page for someone who is not signed in: what the service does and how to start.
import { Title } from '../components/ui.tsx';
import { useI18n } from '../i18n/context.tsx';
import { Link } from '../router.tsx';

export function Home() {
  const { t } = useI18n();
  return (
    <section class="home">
      <Title text={t('home.title')} />
      <p class="lead">{t('home.lead')}</p>
      <ol class="how">
        <li>{t('home.step1')}</li>
        <li>{t('home.step2')}</li>
        <li>{t('home.step3')}</li>
        <li>{t('home.step4')}</li>
      </ol>
      <p class="actions">
        <Link class="button primary" href="/signup">
          {t('signup.title')}
        </Link>
        <Link class="button" href="/signin">
          {t('signin.title')}
        </Link>
      </p>
      <p class="hint">{t('home.honest')}</p>
    </section>
  );
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <section>
      <Title text={t('notFound.title')} />
      <p>{t('notFound.text')}</p>
      <p>
        <Link href="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
