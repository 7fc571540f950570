// One application: while its CV is read, a status; when reading failed, why and what to do; then
// the steps: what was read, the match, the improvement.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, sendForm } from '../api/client.ts';
import type { Analysis, Questionnaire, Requirement, SectionName } from '../api/types.ts';
import { Busy, ErrorNotice, Score, StatusBadge, Title, useLoad } from '../components/ui.tsx';
import { useI18n } from '../i18n/context.tsx';
import type { MessageKey } from '../i18n/i18n.ts';
import { Link } from '../router.tsx';
import { CvInput, checkCvFile, cvFile, LocalError, UploadProgress } from './new-application.tsx';
import { StructurePanel } from './structure.tsx';

export type Step = 'read' | 'match' | 'improve';

/** The questionnaire, asked again (waiting on the server, not polling) while its CV is read. */
export function useQuestionnaire(id: string) {
  const [questionnaire, setQuestionnaire] = useState<Questionnaire | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: round is how reload asks for the questionnaire again
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      let wait = false;
      for (;;) {
        const loaded = await api<Questionnaire>(`/cv/questionnaire/${encodeURIComponent(id)}/`, {
          signal: controller.signal,
          ...(wait ? { headers: { prefer: 'wait=25' } } : {}),
        });
        if (controller.signal.aborted) return;
        setQuestionnaire(loaded);
        if (loaded.resume_status !== 'processing') return;
        wait = true;
      }
    })().catch((failure: unknown) => {
      if (!controller.signal.aborted) setError(failure);
    });
    return () => controller.abort();
  }, [id, round]);
  return { questionnaire, error, setQuestionnaire, reload: () => setRound((r) => r + 1) };
}

function StepNav({ id, step }: { id: string; step: Step }) {
  const { t } = useI18n();
  const steps: Array<[Step, string, string]> = [
    ['read', `/applications/${id}`, t('step.read')],
    ['match', `/applications/${id}/match`, t('step.match')],
    ['improve', `/applications/${id}/improve`, t('step.improve')],
  ];
  return (
    <nav aria-label={t('step.label')}>
      <ol class="steps">
        {steps.map(([name, href, label], i) => (
          <li key={name}>
            <Link href={href} aria-current={name === step ? 'step' : undefined}>
              <span class="step-number" aria-hidden="true">
                {i + 1}
              </span>
              {label}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** A new CV for an application whose CV could not be read (or had none). */
function ReplaceCv({
  questionnaire,
  onDone,
}: {
  questionnaire: Questionnaire;
  onDone: (q: Questionnaire) => void;
}) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const cv = checkCvFile(cvFile(file, text), t);
      const form = new FormData();
      form.set('resume', cv, cv.name);
      setProgress(0);
      onDone(
        await sendForm<Questionnaire>(`/cv/questionnaire/${questionnaire.id}/`, 'PATCH', form, setProgress),
      );
    } catch (failure) {
      setProgress(null);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate class="stack">
      {error instanceof LocalError ? (
        <div class="notice notice-error" role="alert">
          <p>{error.message}</p>
        </div>
      ) : (
        <ErrorNotice error={error} fields={['resume']} />
      )}
      <CvInput file={file} onFile={setFile} text={text} onText={setText} error={error} />
      <UploadProgress share={progress} />
      <button type="submit" class="primary" disabled={busy}>
        {t('read.tryAgain')}
      </button>
    </form>
  );
}

/** The frame of every step: the job, the steps, and the reading status until the CV is read. */
export function ApplicationFrame({
  id,
  step,
  children,
}: {
  id: string;
  step: Step;
  children: (questionnaire: Questionnaire) => ComponentChildren;
}) {
  const { t } = useI18n();
  const { questionnaire, error, setQuestionnaire, reload } = useQuestionnaire(id);
  const title = questionnaire ? questionnaire.position : t('app.application');
  return (
    <section>
      <Title text={title} />
      {questionnaire && (
        <p class="subtitle">
          {questionnaire.industry}
          {questionnaire.location ? ` · ${questionnaire.location}` : ''}
          {questionnaire.resume_filename ? ` · ${questionnaire.resume_filename}` : ''}
        </p>
      )}
      <StepNav id={id} step={step} />
      {error ? (
        <>
          <ErrorNotice error={error} />
          <button type="button" onClick={reload}>
            {t('common.retry')}
          </button>
        </>
      ) : !questionnaire ? (
        <Busy label={t('common.loading')} />
      ) : questionnaire.resume_status === 'processing' ? (
        <div class="reading">
          <Busy label={t('read.reading')} />
          <p class="hint">{t('read.readingHint')}</p>
        </div>
      ) : questionnaire.resume_status === 'ready' ? (
        children(questionnaire)
      ) : (
        <>
          <div class="notice notice-error" role="alert">
            <p>
              <strong>{questionnaire.resume_status === 'failed' ? t('read.failed') : t('read.none')}</strong>
            </p>
            {questionnaire.resume_error && <p>{questionnaire.resume_error}</p>}
          </div>
          <h2>{t('read.whatToDo')}</h2>
          <ul>
            <li>{t('read.adviceScan')}</li>
            <li>{t('read.adviceLocked')}</li>
            <li>{t('read.adviceText')}</li>
          </ul>
          <ReplaceCv
            questionnaire={questionnaire}
            onDone={(replaced) => {
              // The new CV is being read: shown at once, and followed until it is.
              setQuestionnaire(replaced);
              reload();
            }}
          />
        </>
      )}
    </section>
  );
}

export function ApplicationPage({ id }: { id: string }) {
  const { t } = useI18n();
  return (
    <ApplicationFrame id={id} step="read">
      {(questionnaire) => (
        <>
          <StructurePanel questionnaireId={questionnaire.id} />
          <p class="next">
            <Link class="button primary" href={`/applications/${id}/match`}>
              {t('read.next')}
            </Link>
          </p>
        </>
      )}
    </ApplicationFrame>
  );
}

const SECTION_KEYS: Record<SectionName, MessageKey> = {
  experience: 'section.experience',
  projects: 'section.projects',
  certificates: 'section.certificates',
  education: 'section.education',
  summary: 'section.summary',
  skills: 'section.skills',
  languages: 'section.languages',
  header: 'section.header',
  other: 'section.other',
};

export function RequirementItem({ requirement, before }: { requirement: Requirement; before?: boolean }) {
  const { t } = useI18n();
  return (
    <li class={`requirement requirement-${requirement.status}`}>
      <div class="requirement-head">
        <strong>{requirement.requirement}</strong>
        <span class="tags">
          {before && requirement.status_before && requirement.status_before !== requirement.status && (
            <>
              <StatusBadge status={requirement.status_before} />
              <span aria-hidden="true"> → </span>
              <span class="visually-hidden">{t('common.became')}</span>
            </>
          )}
          <StatusBadge status={requirement.status} />
          <span class="badge badge-plain">{t(`match.importance.${requirement.importance}`)}</span>
        </span>
      </div>
      <p class="requirement-note">{requirement.note}</p>
      {requirement.evidence.length > 0 && (
        <ul class="evidence" aria-label={t('match.evidence')}>
          {requirement.evidence.map((line) => (
            <li key={`${line.line}-${line.text}`}>
              <span class="evidence-where">
                {t(SECTION_KEYS[line.section])}
                {line.line > 0 ? ` · ${t('match.line', { line: line.line })}` : ''}
              </span>
              <q>{line.text}</q>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function MissingList({ missing }: { missing: Analysis['missing'] }) {
  const { t } = useI18n();
  if (missing.length === 0) return <p>{t('match.nothingMissing')}</p>;
  return (
    <>
      <p class="notice notice-warning">{t('match.onlyIfTrue')}</p>
      <ul class="missing">
        {missing.map((item) => (
          <li key={item.requirement}>
            <strong>{item.requirement}</strong>{' '}
            <span class="badge badge-plain">{t(`match.importance.${item.importance}`)}</span>
            <p>{item.suggestion}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

const STATUS_ORDER = { missing: 0, weak: 1, covered: 2 } as const;

export function MatchPage({ id }: { id: string }) {
  return (
    <ApplicationFrame id={id} step="match">
      {(questionnaire) => <MatchBody questionnaireId={questionnaire.id} id={id} />}
    </ApplicationFrame>
  );
}

function MatchBody({ questionnaireId, id }: { questionnaireId: number; id: string }) {
  const { t } = useI18n();
  const analysis = useLoad(
    (signal) => api<Analysis>(`/cv/questionnaire/${questionnaireId}/analysis/`, { signal }),
    [questionnaireId],
  );
  if (analysis.loading) return <Busy label={t('common.loading')} />;
  if (!analysis.data) return <ErrorNotice error={analysis.error} />;
  const { score, requirements, missing } = analysis.data;
  const sorted = [...requirements].sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      Number(a.importance === 'nice') - Number(b.importance === 'nice'),
  );
  const count = (status: Requirement['status']) => requirements.filter((r) => r.status === status).length;
  return (
    <>
      <div class="panel score-panel">
        <Score value={score} label={t('match.score')} />
        <p>
          {t('match.summary', { covered: count('covered'), weak: count('weak'), missing: count('missing') })}
        </p>
      </div>
      <h2>{t('match.requirements')}</h2>
      <ul class="requirements">
        {sorted.map((requirement) => (
          <RequirementItem key={requirement.id} requirement={requirement} />
        ))}
      </ul>
      <h2>{t('match.missingTitle')}</h2>
      <MissingList missing={missing} />
      <p class="next">
        <Link class="button primary" href={`/applications/${id}/improve`}>
          {t('match.next')}
        </Link>
      </p>
    </>
  );
}
