// An improved CV: the score before and after, what the fact check found, what was kept, merged
// or dropped, the original and the improved CV side by side, the download, and the editor.
import { useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api/client.ts';
import type {
  AiResponse,
  Questionnaire,
  RenderedDocument,
  Report,
  StructureView,
  Version,
  VersionSummary,
} from '../api/types.ts';
import { Busy, ErrorNotice, formatDate, Notice, Score, TextArea, Title, useLoad } from '../components/ui.tsx';
import { useI18n } from '../i18n/context.tsx';
import { diffLines, type Part, plainText } from '../lib/diff.ts';
import { keyed } from '../lib/keys.ts';
import { Link } from '../router.tsx';
import { MissingList, RequirementItem } from './application.tsx';

interface Loaded {
  response: AiResponse;
  questionnaire: Questionnaire;
  versions: { latest: number; results: VersionSummary[] };
  latest: { markdown: string; report: Report | null; version: number };
}

/** The response, its application, its versions and the latest version's text and report. */
async function loadImprovement(id: string, signal: AbortSignal): Promise<Loaded> {
  const response = await api<AiResponse>(`/cv/ai-responses/${encodeURIComponent(id)}/`, { signal });
  const questionnaire = await api<Questionnaire>(`/cv/questionnaire/${response.questionnaire}/`, { signal });
  if (response.status !== 'succeeded') {
    return {
      response,
      questionnaire,
      versions: { latest: 0, results: [] },
      latest: { markdown: '', report: null, version: 0 },
    };
  }
  const versions = await api<Loaded['versions']>(`/cv/ai-responses/${response.id}/versions/`, { signal });
  const latest =
    versions.latest > 1
      ? await api<Version>(`/cv/ai-responses/${response.id}/versions/${versions.latest}/`, { signal })
      : { markdown: response.response_text ?? '', report: response.report, version: 1 };
  return { response, questionnaire, versions, latest };
}

function FactCheck({ report }: { report: Report }) {
  const { t } = useI18n();
  const guard = report.fact_guard;
  return (
    <section class="panel">
      <h2>{t('report.factCheck')}</h2>
      {guard.passed ? (
        <p class="ok">
          <span aria-hidden="true">✓ </span>
          {t('report.factsOk')}
        </p>
      ) : (
        <p class="warn">{t('report.factsFound')}</p>
      )}
      {guard.invented.length > 0 && (
        <>
          <h3>{t('report.invented')}</h3>
          <ul>
            {guard.invented.map((fact) => (
              <li key={`${fact.kind}-${fact.value}`}>
                <strong>{fact.value}</strong> <span class="meta">({fact.context})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {guard.changed.length > 0 && (
        <>
          <h3>{t('report.changed')}</h3>
          <ul>
            {guard.changed.map((fact) => (
              <li key={`${fact.kind}-${fact.from}`}>
                <del>{fact.from}</del> → <ins>{fact.to}</ins>
              </li>
            ))}
          </ul>
        </>
      )}
      {guard.dropped.length > 0 && (
        <details>
          <summary>{t('report.droppedFacts', { count: guard.dropped.length })}</summary>
          <ul>
            {guard.dropped.map((fact) => (
              <li key={`${fact.kind}-${fact.value}`}>{fact.value}</li>
            ))}
          </ul>
        </details>
      )}
      {report.fact_fix && report.fact_fix.removed.length > 0 && (
        <p class="meta">{t('report.factFix', { items: report.fact_fix.removed.join(', ') })}</p>
      )}
    </section>
  );
}

function Preservation({ report }: { report: Report }) {
  const { t } = useI18n();
  const kept = report.preservation;
  if (!kept) return null;
  return (
    <section class="panel">
      <h2>{t('report.kept')}</h2>
      <p>{t('report.keptCount', { kept: kept.kept, checked: kept.checked })}</p>
      {kept.merged.length > 0 && (
        <>
          <h3>{t('report.merged')}</h3>
          <ul>
            {kept.merged.map((m) => (
              <li key={m.bullet}>
                <q>{m.bullet}</q> → <q>{m.into}</q>
              </li>
            ))}
          </ul>
        </>
      )}
      {kept.dropped.length > 0 && (
        <>
          <h3>{t('report.dropped')}</h3>
          <ul>
            {kept.dropped.map((d) => (
              <li key={`${d.kind}-${d.value}`}>
                <q>{d.value}</q>{' '}
                <span class="meta">
                  {d.intended ? (d.reason ?? t('report.onPurpose')) : t('report.notOnPurpose')}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Changes({ report }: { report: Report }) {
  const { t } = useI18n();
  return (
    <section class="panel">
      <h2>{t('report.changes')}</h2>
      {report.changes.length === 0 ? (
        <p>{t('report.noChanges')}</p>
      ) : (
        <ul>
          {report.changes.map((c) => (
            <li key={c.change}>
              <strong>{c.change}</strong>: {c.reason}
            </li>
          ))}
        </ul>
      )}
      {report.suggestions && report.suggestions.length > 0 && (
        <>
          <h3>{t('report.suggestions')}</h3>
          <ul>
            {report.suggestions.map((s) => (
              <li key={s.quote}>
                <q>{s.quote}</q>: {s.advice}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The CV as read beside the improved CV; changed words marked, lines only on one side marked too. */
export function Compare({ original, improved }: { original: string; improved: string }) {
  const { t } = useI18n();
  const rows = useMemo(() => diffLines(plainText(original), plainText(improved)), [original, improved]);
  const cell = (parts: Part[] | null, side: 'left' | 'right') =>
    parts ? (
      keyed(parts, (part) => [part.changed, part.text]).map(([key, part]) =>
        !part.changed ? (
          <span key={key}>{part.text}</span>
        ) : side === 'left' ? (
          <del key={key}>{part.text}</del>
        ) : (
          <ins key={key}>{part.text}</ins>
        ),
      )
    ) : (
      <span class="visually-hidden">{t('compare.none')}</span>
    );
  const text = (parts: Part[] | null) => parts?.map((part) => part.text).join('') ?? null;
  return (
    <section>
      <h2 id="compare">{t('compare.title')}</h2>
      <p class="hint">{t('compare.legend')}</p>
      <table class="compare">
        <caption class="visually-hidden">{t('compare.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compare.original')}</th>
            <th scope="col">{t('compare.improved')}</th>
          </tr>
        </thead>
        <tbody>
          {keyed(rows, (row) => [text(row.left), text(row.right)]).map(([key, row]) => (
            <tr key={key} class={`row-${row.kind}`}>
              <td>{cell(row.left, 'left')}</td>
              <td>{cell(row.right, 'right')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const FORMATS = ['pdf', 'docx', 'json', 'markdown'] as const;
const TEMPLATES = ['classic', 'modern', 'compact'] as const;
const PAGE_SIZES = ['A4', 'Letter'] as const;

/** Renders the latest version as a file and offers its signed link, which a browser opens. */
function Download({ responseId }: { responseId: number }) {
  const { t, lang } = useI18n();
  const [format, setFormat] = useState<(typeof FORMATS)[number]>('pdf');
  const [template, setTemplate] = useState<(typeof TEMPLATES)[number]>('classic');
  const [pageSize, setPageSize] = useState<(typeof PAGE_SIZES)[number]>(
    lang === 'en' && navigator.language === 'en-US' ? 'Letter' : 'A4',
  );
  const [maxPages, setMaxPages] = useState('');
  const [confirm, setConfirm] = useState(false);
  const [file, setFile] = useState<RenderedDocument | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const link = useRef<HTMLAnchorElement>(null);
  const unverified =
    error instanceof ApiError && Array.isArray(error.problem.body.unverified)
      ? (error.problem.body.unverified as string[])
      : [];
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFile(null);
    try {
      const rendered = await api<RenderedDocument>(`/cv/ai-responses/${responseId}/documents/`, {
        method: 'POST',
        json: {
          format,
          ...(format === 'pdf' ? { template } : {}),
          ...(format === 'pdf' || format === 'docx' ? { page_size: pageSize } : {}),
          ...(format === 'pdf' && maxPages ? { max_pages: Number(maxPages) } : {}),
          ...(confirm ? { confirm_unverified: true } : {}),
        },
      });
      setFile(rendered);
      requestAnimationFrame(() => link.current?.focus());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="panel download" id="download">
      <h2>{t('download.title')}</h2>
      <form onSubmit={submit} class="stack" noValidate>
        <fieldset class="choices">
          <legend>{t('download.format')}</legend>
          {FORMATS.map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="format"
                value={value}
                checked={format === value}
                onChange={() => setFormat(value)}
              />
              {t(`download.format.${value}`)}
            </label>
          ))}
        </fieldset>
        {format === 'pdf' && (
          <fieldset class="choices">
            <legend>{t('download.template')}</legend>
            {TEMPLATES.map((value) => (
              <label key={value}>
                <input
                  type="radio"
                  name="template"
                  value={value}
                  checked={template === value}
                  onChange={() => setTemplate(value)}
                />
                {t(`download.template.${value}`)}
              </label>
            ))}
          </fieldset>
        )}
        {(format === 'pdf' || format === 'docx') && (
          <div class="grid-2">
            <div class="field">
              <label for="f-page-size">{t('download.pageSize')}</label>
              <select
                id="f-page-size"
                value={pageSize}
                onChange={(e) => setPageSize(e.currentTarget.value as (typeof PAGE_SIZES)[number])}
              >
                {PAGE_SIZES.map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
            </div>
            {format === 'pdf' && (
              <div class="field">
                <label for="f-max-pages">{t('download.maxPages')}</label>
                <select
                  id="f-max-pages"
                  value={maxPages}
                  onChange={(e) => setMaxPages(e.currentTarget.value)}
                >
                  <option value="">{t('download.noLimit')}</option>
                  {[1, 2, 3].map((n) => (
                    <option key={n} value={String(n)}>
                      {n}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </div>
        )}
        <ErrorNotice error={error} fields={[]} />
        {unverified.length > 0 && (
          <div class="notice notice-warning">
            <ul>
              {unverified.map((fact) => (
                <li key={fact}>{fact}</li>
              ))}
            </ul>
            <label class="check">
              <input
                type="checkbox"
                checked={confirm}
                onChange={(e) => setConfirm(e.currentTarget.checked)}
              />
              {t('download.confirm')}
            </label>
          </div>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('download.making') : t('download.make')}
        </button>
      </form>
      {file && (
        <div class="notice notice-success" role="status">
          <p>
            <a ref={link} class="button primary" href={file.link.url} download>
              {t('download.get', { format: t(`download.format.${file.format}`) })}
            </a>
          </p>
          <p class="meta">
            {file.pages ? `${t('download.pages', { pages: file.pages })} · ` : ''}
            {file.read_back
              ? t('download.readBack', { percent: Math.round(file.read_back.score * 100) })
              : ''}
          </p>
          {file.cut.length > 0 && (
            <>
              <p>{t('download.cut')}</p>
              <ul>
                {file.cut.map((c) => (
                  <li key={`${c.section}-${c.item}-${c.what}`}>
                    {c.section}
                    {c.item ? `: ${c.item}` : ''} ({c.what})
                  </li>
                ))}
              </ul>
            </>
          )}
          <p class="hint">{t('download.expires')}</p>
        </div>
      )}
    </section>
  );
}

export function ImprovementPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const loaded = useLoad((signal) => loadImprovement(id, signal), [id]);
  const structure = useLoad(
    async (signal) =>
      loaded.data
        ? await api<StructureView>(`/cv/questionnaire/${loaded.data.questionnaire.id}/structure/`, { signal })
        : null,
    [loaded.data?.questionnaire.id],
  );
  if (loaded.loading && !loaded.data)
    return (
      <section>
        <Title text={t('report.title')} />
        <Busy label={t('common.loading')} />
      </section>
    );
  if (!loaded.data)
    return (
      <section>
        <Title text={t('report.title')} />
        <ErrorNotice error={loaded.error} />
      </section>
    );
  const { response, questionnaire, latest, versions } = loaded.data;
  const report = latest.report;
  const back = `/applications/${questionnaire.id}`;
  return (
    <section class="stack">
      <Title text={t('report.title')} />
      <p class="subtitle">
        <Link href={back}>{questionnaire.position}</Link> · {formatDate(lang, response.created_at)}
        {versions.latest > 1 ? ` · ${t('edit.version', { version: latest.version })}` : ''}
      </p>
      {response.status !== 'succeeded' ? (
        <>
          <Notice kind="warning">
            <p>{response.error?.message ?? t(`ai.status.${response.status}`)}</p>
          </Notice>
          <Link class="button" href={`${back}/improve`}>
            {t('step.improve')}
          </Link>
        </>
      ) : (
        <>
          {report && (
            <div class="panel score-panel">
              <div class="scores">
                <Score value={report.score_before} label={t('report.before')} />
                <span class="arrow" aria-hidden="true">
                  →
                </span>
                <Score value={report.score_after} label={t('report.after')} />
              </div>
              {report.provenance && <p class="meta">{report.provenance.note}</p>}
            </div>
          )}
          <div class="actions">
            <Link class="button" href={`/improvements/${response.id}/edit`}>
              {t('edit.open')}
            </Link>
            <a class="button" href="#compare">
              {t('compare.title')}
            </a>
          </div>
          <Download responseId={response.id} />
          {report && (
            <div class="grid-2 report">
              <FactCheck report={report} />
              <Preservation report={report} />
            </div>
          )}
          {report && <Changes report={report} />}
          {structure.data ? (
            <Compare original={structure.data.text} improved={latest.markdown} />
          ) : (
            structure.loading && <Busy label={t('common.loading')} />
          )}
          {report && (
            <section>
              <h2>{t('match.requirements')}</h2>
              <ul class="requirements">
                {report.requirements.map((r) => (
                  <RequirementItem key={r.id} requirement={r} before />
                ))}
              </ul>
              <h2>{t('match.missingTitle')}</h2>
              <MissingList missing={report.missing} />
            </section>
          )}
        </>
      )}
    </section>
  );
}

export function EditPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const loaded = useLoad((signal) => loadImprovement(id, signal), [id]);
  const [markdown, setMarkdown] = useState<string | null>(null);
  const [saved, setSaved] = useState<Version | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!loaded.data)
    return (
      <section>
        <Title text={t('edit.title')} />
        {loaded.loading ? <Busy label={t('common.loading')} /> : <ErrorNotice error={loaded.error} />}
      </section>
    );
  const { response, versions, latest } = loaded.data;
  const text = markdown ?? latest.markdown;
  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const version = await api<Version>(`/cv/ai-responses/${response.id}/document/`, {
        method: 'PUT',
        json: { markdown: text },
      });
      setSaved(version);
      loaded.setData({
        ...loaded.data!,
        versions: { latest: version.version, results: [...versions.results, version] },
        latest: version,
      });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="stack">
      <Title text={t('edit.title')} />
      <p class="subtitle">
        <Link href={`/improvements/${response.id}`}>{t('report.title')}</Link> ·{' '}
        {t('edit.version', { version: latest.version })}
      </p>
      <form onSubmit={save} class="stack" noValidate>
        <ErrorNotice error={error} fields={['markdown']} />
        {saved && (
          <div class="notice notice-success" role="status">
            <p>
              {t('edit.saved', { version: saved.version })}{' '}
              {saved.score_after !== null ? t('edit.savedScore', { score: saved.score_after }) : ''}{' '}
              {saved.fact_guard_passed === false ? t('edit.savedFacts') : ''}
            </p>
            <Link class="button" href={`/improvements/${response.id}#download`}>
              {t('edit.toDownload')}
            </Link>
          </div>
        )}
        <TextArea
          label={t('edit.label')}
          name="markdown"
          hint={t('edit.hint')}
          className="editor"
          rows={24}
          value={text}
          onValue={setMarkdown}
          error={error}
          spellcheck
        />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('common.working') : t('edit.save')}
        </button>
      </form>
      <section>
        <h2>{t('edit.versions')}</h2>
        <table class="versions">
          <thead>
            <tr>
              <th scope="col">{t('edit.versionCol')}</th>
              <th scope="col">{t('edit.source')}</th>
              <th scope="col">{t('edit.when')}</th>
              <th scope="col">{t('match.score')}</th>
              <th scope="col">{t('report.factCheck')}</th>
            </tr>
          </thead>
          <tbody>
            {[...versions.results].reverse().map((v) => (
              <tr key={v.version}>
                <td>{v.version}</td>
                <td>{t(`edit.source.${v.source}`)}</td>
                <td>{formatDate(lang, v.created_at)}</td>
                <td>{v.score_after ?? '—'}</td>
                <td>
                  {v.fact_guard_passed === null
                    ? '—'
                    : v.fact_guard_passed
                      ? t('edit.passed')
                      : t('edit.findings')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}
