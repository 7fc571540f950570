// Step 3: start an improvement and watch its text arrive (Server-Sent Events through the signed
// `events_link`, which an EventSource can open without an Authorization header), or cancel it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import type { AiResponse, Page } from '../api/types.ts';
import { ErrorNotice, formatDate, Notice, TextArea, useLoad } from '../components/ui.tsx';
import { useI18n } from '../i18n/context.tsx';
import { Link, navigate } from '../router.tsx';
import { ApplicationFrame } from './application.tsx';

const FINISHED = new Set(['succeeded', 'failed', 'canceled']);

interface Live {
  response: AiResponse;
  text: string;
  stage: string | null;
}

function parse<T>(event: Event): T | null {
  try {
    return JSON.parse((event as MessageEvent<string>).data) as T;
  } catch {
    return null;
  }
}

/**
 * Follows a response until it finishes: its event stream while that is open, then (a stream cut
 * or its link expired) the response itself, asked again every few seconds. Returns a stop function.
 */
function follow(response: AiResponse, update: (change: (live: Live) => Live) => void): () => void {
  let stopped = false;
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const finish = (final: AiResponse) => {
    update((live) => ({ ...live, response: final, text: final.response_text ?? live.text }));
  };
  const poll = async () => {
    if (stopped) return;
    try {
      const current = await api<AiResponse>(`/cv/ai-responses/${response.id}/`);
      if (stopped) return;
      update((live) => ({ ...live, response: { ...live.response, ...current } }));
      if (FINISHED.has(current.status)) return finish(current);
    } catch {
      // Offline for a moment: the next round asks again.
    }
    timer = setTimeout(poll, 2_000);
  };
  const url = response.events_link?.url;
  if (!url || typeof EventSource === 'undefined') {
    void poll();
  } else {
    source = new EventSource(url);
    source.addEventListener('status', (event) => {
      const data = parse<{ status: AiResponse['status']; progress: number }>(event);
      if (data) update((live) => ({ ...live, response: { ...live.response, ...data } }));
    });
    source.addEventListener('progress', (event) => {
      const data = parse<{ progress: number; stage?: string }>(event);
      if (data)
        update((live) => ({
          ...live,
          stage: data.stage ?? live.stage,
          response: { ...live.response, progress: data.progress, status: 'running' },
        }));
    });
    source.addEventListener('delta', (event) => {
      const data = parse<{ text: string; offset?: number }>(event);
      // `offset` places the text, so a delta sent again after a reconnection is not doubled.
      if (data)
        update((live) => ({
          ...live,
          text: (data.offset === undefined ? live.text : live.text.slice(0, data.offset)) + data.text,
        }));
    });
    source.addEventListener('done', (event) => {
      source?.close();
      const data = parse<AiResponse>(event);
      if (data) finish(data);
      else void poll();
    });
    source.addEventListener('error', (event) => {
      source?.close();
      const data = event instanceof MessageEvent ? parse<{ code: string; message: string }>(event) : null;
      if (data?.message) {
        update((live) => ({ ...live, response: { ...live.response, status: 'failed', error: data } }));
      } else {
        // The connection, not the job: ask the response itself.
        void poll();
      }
    });
  }
  return () => {
    stopped = true;
    source?.close();
    if (timer) clearTimeout(timer);
  };
}

function Improver({ questionnaireId }: { questionnaireId: number }) {
  const { t, lang } = useI18n();
  const [prompt, setPrompt] = useState(() => t('improve.defaultPrompt'));
  const [live, setLive] = useState<Live | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const stop = useRef<(() => void) | null>(null);
  const past = useLoad(
    (signal) =>
      api<Page<AiResponse>>(`/cv/ai-responses/?questionnaire=${questionnaireId}&page_size=20`, { signal }),
    [questionnaireId],
  );

  const start = (response: AiResponse) => {
    stop.current?.();
    setLive({ response, text: response.response_text ?? '', stage: null });
    stop.current = follow(response, (change) => setLive((current) => (current ? change(current) : current)));
  };

  // A response still running (the page was reloaded, or left and opened again) is followed again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the list arrives
  useEffect(() => {
    const running = past.data?.results.find((r) => !FINISHED.has(r.status));
    if (running && !live) {
      api<AiResponse>(`/cv/ai-responses/${running.id}/`).then(start, setError);
    }
  }, [past.data]);
  useEffect(() => () => stop.current?.(), []);

  // Finished well: the way on to the report takes the focus, for keyboard and screen reader users.
  const reportLink = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (live?.response.status === 'succeeded') reportLink.current?.focus();
  }, [live?.response.status]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      start(
        await api<AiResponse>('/cv/ai-responses/', {
          method: 'POST',
          json: { questionnaire: questionnaireId, prompt },
          headers: { 'idempotency-key': crypto.randomUUID() },
        }),
      );
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const cancel = async () => {
    if (!live) return;
    try {
      const canceled = await api<AiResponse>(`/cv/ai-responses/${live.response.id}/cancel/`, {
        method: 'POST',
      });
      stop.current?.();
      setLive({ ...live, response: canceled });
    } catch (failure) {
      setError(failure);
    }
  };

  const status = live?.response.status;
  const running = status === 'queued' || status === 'running';
  return (
    <div class="stack">
      <h2 class="visually-hidden">{t('step.improve')}</h2>
      <ErrorNotice error={error} fields={[]} />
      {!running && status !== 'succeeded' && (
        <form onSubmit={submit} noValidate class="stack">
          <p>{t('improve.intro')}</p>
          <TextArea label={t('improve.prompt')} name="prompt" rows={3} value={prompt} onValue={setPrompt} />
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('common.working') : t('improve.start')}
          </button>
        </form>
      )}
      {live && (
        <div class="panel live">
          {running && (
            <>
              <div class="progress" role="status">
                <label for="improve-progress">
                  {live.stage === 'fact_check'
                    ? t('improve.factCheck')
                    : status === 'queued'
                      ? t('improve.queued')
                      : t('improve.writing', { percent: live.response.progress })}
                </label>
                <progress id="improve-progress" max={100} value={live.response.progress} />
              </div>
              <button type="button" onClick={cancel}>
                {t('improve.cancel')}
              </button>
            </>
          )}
          {status === 'canceled' && (
            <Notice kind="warning">
              <p>{t('improve.canceled')}</p>
            </Notice>
          )}
          {status === 'failed' && (
            <div class="notice notice-error" role="alert">
              <p>{live.response.error?.message ?? t('error.unknown')}</p>
            </div>
          )}
          {status === 'succeeded' && (
            <div class="notice notice-success" role="status">
              <p>{t('improve.done')}</p>
              <a
                ref={reportLink}
                class="button primary"
                href={`/improvements/${live.response.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(`/improvements/${live.response.id}`);
                }}
              >
                {t('improve.seeReport')}
              </a>
            </div>
          )}
          {live.text && (
            <>
              <h3>{t('improve.liveText')}</h3>
              <pre class="cv-text live-text" aria-busy={running ? 'true' : 'false'}>
                {live.text}
              </pre>
            </>
          )}
        </div>
      )}
      {past.data && past.data.results.length > 0 && (
        <section>
          <h2>{t('improve.past')}</h2>
          <ul class="list">
            {past.data.results.map((r) => (
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
        </section>
      )}
    </div>
  );
}

export function ImprovePage({ id }: { id: string }) {
  return (
    <ApplicationFrame id={id} step="improve">
      {(questionnaire) => <Improver questionnaireId={questionnaire.id} />}
    </ApplicationFrame>
  );
}
