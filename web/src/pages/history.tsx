// Past applications with their improvements; an application can be deleted (with its CV, its
// improvements and their files).
import { useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import type { AiResponse, Page, Questionnaire } from '../api/types.ts';
import { Busy, ErrorNotice, formatDate, Notice, Title, useLoad } from '../components/ui.tsx';
import { useI18n } from '../i18n/context.tsx';
import { Link } from '../router.tsx';

interface History {
  applications: Questionnaire[];
  improvements: Map<number, AiResponse[]>;
  more: boolean;
}

async function loadHistory(signal: AbortSignal): Promise<History> {
  const [applications, responses] = await Promise.all([
    api<Page<Questionnaire>>('/cv/questionnaire/?page_size=50', { signal }),
    api<Page<AiResponse>>('/cv/ai-responses/?page_size=100', { signal }),
  ]);
  const improvements = new Map<number, AiResponse[]>();
  for (const response of responses.results) {
    improvements.set(response.questionnaire, [...(improvements.get(response.questionnaire) ?? []), response]);
  }
  return { applications: applications.results, improvements, more: applications.next !== null };
}

function ApplicationCard({
  application,
  improvements,
  onDeleted,
}: {
  application: Questionnaire;
  improvements: AiResponse[];
  onDeleted: (id: number) => void;
}) {
  const { t, lang } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const base = `/applications/${application.id}`;
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/cv/questionnaire/${application.id}/`, { method: 'DELETE' });
      onDeleted(application.id);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  const headingId = `app-${application.id}`;
  return (
    <li class="panel card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <Link href={base}>{application.position}</Link>
      </h2>
      <p class="meta">
        {[
          application.industry,
          application.location,
          formatDate(lang, application.submitted_at, false),
          application.resume_filename,
        ]
          .filter(Boolean)
          .join(' · ')}{' '}
        <span
          class={`badge badge-${application.resume_status === 'ready' ? 'covered' : application.resume_status === 'failed' ? 'missing' : 'plain'}`}
        >
          {t(`resume.status.${application.resume_status}`)}
        </span>
      </p>
      <p class="actions">
        <Link href={base}>{t('step.read')}</Link>
        <Link href={`${base}/match`}>{t('step.match')}</Link>
        <Link href={`${base}/improve`}>{t('step.improve')}</Link>
      </p>
      {improvements.length > 0 && (
        <>
          <h3>{t('history.improvements')}</h3>
          <ul class="list">
            {improvements.map((r) => (
              <li key={r.id}>
                <Link href={`/improvements/${r.id}`}>{formatDate(lang, r.created_at)}</Link>{' '}
                <span class="badge badge-plain">{t(`ai.status.${r.status}`)}</span>
                {r.report && (
                  <span class="meta">
                    {' '}
                    {t('report.scoreChange', { before: r.report.score_before, after: r.report.score_after })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorNotice error={error} />
      {confirming ? (
        <fieldset class="confirm">
          <legend class="visually-hidden">{t('history.confirmLabel')}</legend>
          <p>{t('history.confirm', { position: application.position })}</p>
          <button type="button" class="danger" onClick={remove} disabled={busy}>
            {t('history.confirmYes')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </fieldset>
      ) : (
        <button type="button" class="link-button danger-text" onClick={() => setConfirming(true)}>
          {t('history.delete', { position: application.position })}
        </button>
      )}
    </li>
  );
}

export function HistoryPage() {
  const { t } = useI18n();
  const loaded = useLoad(loadHistory, []);
  const [deleted, setDeleted] = useState<string | null>(null);
  return (
    <section class="stack">
      <Title text={t('history.title')} />
      <p>
        <Link class="button primary" href="/applications/new">
          {t('nav.new')}
        </Link>
      </p>
      {deleted && (
        <Notice kind="success">
          <p>{t('history.deleted', { position: deleted })}</p>
        </Notice>
      )}
      {loaded.loading && !loaded.data ? (
        <Busy label={t('common.loading')} />
      ) : !loaded.data ? (
        <ErrorNotice error={loaded.error} />
      ) : loaded.data.applications.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <ul class="cards">
          {loaded.data.applications.map((application) => (
            <ApplicationCard
              key={application.id}
              application={application}
              improvements={loaded.data?.improvements.get(application.id) ?? []}
              onDeleted={(id) => {
                const data = loaded.data;
                if (!data) return;
                setDeleted(application.position);
                loaded.setData({ ...data, applications: data.applications.filter((a) => a.id !== id) });
              }}
            />
          ))}
        </ul>
      )}
      {loaded.data?.more && <p class="hint">{t('history.more')}</p>}
    </section>
  );
}
