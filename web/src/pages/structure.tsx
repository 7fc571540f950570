// What was read from the CV, in a readable view, and the form to correct it (PUT …/structure/):
// from then on the match, the improvement and the documents use the correction.
import { useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import type { Structure, StructureView } from '../api/types.ts';
import { Busy, ErrorNotice, fieldErrors, Notice, useLoad } from '../components/ui.tsx';
import { useI18n } from '../i18n/context.tsx';
import type { MessageKey } from '../i18n/i18n.ts';
import { keyed } from '../lib/keys.ts';

type Entry = Record<string, unknown>;
type FieldKind = 'text' | 'date' | 'lines' | 'list' | 'paragraph';
interface FieldSpec {
  key: string;
  label: MessageKey;
  kind?: FieldKind;
}
interface SectionSpec {
  key: 'work' | 'education' | 'skills' | 'languages' | 'certificates' | 'projects';
  title: MessageKey;
  item: MessageKey;
  add: MessageKey;
  fields: FieldSpec[];
  blank: () => Entry;
}

/** The sections a person can correct, and their fields; the rest is kept as read. */
const SECTIONS: SectionSpec[] = [
  {
    key: 'work',
    add: 'read.addJob',
    title: 'section.experience',
    item: 'read.job',
    fields: [
      { key: 'position', label: 'read.position' },
      { key: 'name', label: 'read.employer' },
      { key: 'startDate', label: 'read.start', kind: 'date' },
      { key: 'endDate', label: 'read.end', kind: 'date' },
      { key: 'location', label: 'read.location' },
      { key: 'highlights', label: 'read.highlights', kind: 'lines' },
    ],
    blank: () => ({
      name: '',
      position: '',
      startDate: null,
      endDate: null,
      location: null,
      summary: null,
      highlights: [],
    }),
  },
  {
    key: 'education',
    add: 'read.addSchool',
    title: 'section.education',
    item: 'read.school',
    fields: [
      { key: 'institution', label: 'read.institution' },
      { key: 'studyType', label: 'read.degree' },
      { key: 'area', label: 'read.area' },
      { key: 'startDate', label: 'read.start', kind: 'date' },
      { key: 'endDate', label: 'read.end', kind: 'date' },
    ],
    blank: () => ({
      institution: '',
      studyType: null,
      area: null,
      startDate: null,
      endDate: null,
      highlights: [],
    }),
  },
  {
    key: 'skills',
    add: 'read.addSkillGroup',
    title: 'section.skills',
    item: 'read.skillGroup',
    fields: [
      { key: 'name', label: 'read.group' },
      { key: 'keywords', label: 'read.keywords', kind: 'list' },
    ],
    blank: () => ({ name: null, keywords: [] }),
  },
  {
    key: 'languages',
    add: 'read.addLanguage',
    title: 'section.languages',
    item: 'read.language',
    fields: [
      { key: 'language', label: 'read.language' },
      { key: 'fluency', label: 'read.fluency' },
    ],
    blank: () => ({ language: '', fluency: null }),
  },
  {
    key: 'certificates',
    add: 'read.addCertificate',
    title: 'section.certificates',
    item: 'read.certificate',
    fields: [
      { key: 'name', label: 'read.name' },
      { key: 'issuer', label: 'read.issuer' },
      { key: 'date', label: 'read.date', kind: 'date' },
    ],
    blank: () => ({ name: '', issuer: null, date: null }),
  },
  {
    key: 'projects',
    add: 'read.addProject',
    title: 'section.projects',
    item: 'read.project',
    fields: [
      { key: 'name', label: 'read.name' },
      { key: 'description', label: 'read.description', kind: 'paragraph' },
      { key: 'highlights', label: 'read.highlights', kind: 'lines' },
    ],
    blank: () => ({ name: '', description: null, highlights: [], startDate: null, endDate: null }),
  },
];

const BASICS: FieldSpec[] = [
  { key: 'name', label: 'read.fullName' },
  { key: 'label', label: 'read.headline' },
  { key: 'email', label: 'field.email' },
  { key: 'phone', label: 'read.phone' },
  { key: 'url', label: 'read.website' },
  { key: 'summary', label: 'read.summary', kind: 'paragraph' },
];

function dates(start: unknown, end: unknown, present: string): string {
  const from = typeof start === 'string' ? start : '';
  const to = typeof end === 'string' ? end : from ? present : '';
  return from || to ? `${from} – ${to}`.trim() : '';
}

/** Entries the reader was unsure of (below this confidence) are marked for a second look. */
const UNSURE = 0.6;

function StructureSummary({ view }: { view: StructureView }) {
  const { t } = useI18n();
  const s = view.structure;
  const unsure = (key: string) => (s.confidence[key] ?? 1) < UNSURE;
  const check = (key: string) =>
    unsure(key) ? <span class="badge badge-weak">{t('read.check')}</span> : null;
  const location = s.basics.location?.address ?? s.basics.location?.city ?? null;
  return (
    <div class="structure">
      <div class="panel">
        <h2>
          {s.basics.name ?? t('read.noName')} {check('basics.name')}
        </h2>
        {s.basics.label && <p class="subtitle">{s.basics.label}</p>}
        <p class="contacts">
          {[s.basics.email, s.basics.phone, location, s.basics.url].filter(Boolean).join(' · ')}
        </p>
        {s.basics.summary && <p>{s.basics.summary}</p>}
      </div>
      {s.work.length > 0 && (
        <section>
          <h2>{t('section.experience')}</h2>
          <ul class="entries">
            {keyed(s.work, (job) => [job.line, job.name, job.position]).map(([key, job], i) => (
              <li key={key}>
                <h3>
                  {[job.position, job.name].filter(Boolean).join(' — ') || t('read.unnamed')}{' '}
                  {check(`work.${i}`)}
                </h3>
                <p class="meta">
                  {[dates(job.startDate, job.endDate, t('read.present')), job.location]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
                {job.highlights.length > 0 && (
                  <ul>
                    {keyed(job.highlights, (h) => h).map(([key, h]) => (
                      <li key={key}>{h}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {s.education.length > 0 && (
        <section>
          <h2>{t('section.education')}</h2>
          <ul class="entries">
            {keyed(s.education, (e) => [e.line, e.institution, e.studyType]).map(([key, school], i) => (
              <li key={key}>
                <h3>
                  {[school.studyType, school.area].filter(Boolean).join(', ') || school.institution}{' '}
                  {check(`education.${i}`)}
                </h3>
                <p class="meta">
                  {[school.institution, dates(school.startDate, school.endDate, t('read.present'))]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {s.skills.length > 0 && (
        <section>
          <h2>{t('section.skills')}</h2>
          {keyed(s.skills, (g) => [g.line, g.name]).map(([key, group]) => (
            <div key={key} class="skill-group">
              {group.name && group.name.toLowerCase() !== t('section.skills').toLowerCase() && (
                <h3>{group.name}</h3>
              )}
              <ul class="chips">
                {keyed(group.keywords, (k) => k).map(([key, k]) => (
                  <li key={key}>{k}</li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}
      {s.languages.length > 0 && (
        <section>
          <h2>{t('section.languages')}</h2>
          <ul class="chips">
            {keyed(s.languages, (l) => l.language).map(([key, l]) => (
              <li key={key}>{[l.language, l.fluency].filter(Boolean).join(' · ')}</li>
            ))}
          </ul>
        </section>
      )}
      {s.certificates.length > 0 && (
        <section>
          <h2>{t('section.certificates')}</h2>
          <ul>
            {keyed(s.certificates, (c) => [c.name, c.date]).map(([key, c]) => (
              <li key={key}>{[c.name, c.issuer, c.date].filter(Boolean).join(' · ')}</li>
            ))}
          </ul>
        </section>
      )}
      {s.projects.length > 0 && (
        <section>
          <h2>{t('section.projects')}</h2>
          <ul class="entries">
            {keyed(s.projects, (p) => [p.line, p.name]).map(([key, p]) => (
              <li key={key}>
                <h3>{p.name}</h3>
                {p.description && <p>{p.description}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <details class="panel">
        <summary>{t('read.textAsRead')}</summary>
        <pre class="cv-text">{view.text}</pre>
      </details>
    </div>
  );
}

function asText(value: unknown, kind: FieldKind): string {
  if (Array.isArray(value)) return value.join(kind === 'list' ? ', ' : '\n');
  return typeof value === 'string' ? value : '';
}

function fromText(text: string, kind: FieldKind): unknown {
  if (kind === 'lines')
    return text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  if (kind === 'list')
    return text
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean);
  return text.trim() === '' ? null : text;
}

/** One input of the correction form; `path` is the API's name of the field (`work.0.endDate`). */
function EditField({
  spec,
  path,
  value,
  onValue,
  error,
}: {
  spec: FieldSpec;
  path: string;
  value: unknown;
  onValue: (value: unknown) => void;
  error: unknown;
}) {
  const { t } = useI18n();
  const kind = spec.kind ?? 'text';
  const id = `f-${path.replaceAll('.', '-')}`;
  const messages = fieldErrors(error, path);
  // What the person typed, as typed: "Go, " must stay while the next skill is written.
  const [text, setText] = useState(() => asText(value, kind));
  const change = (next: string) => {
    setText(next);
    onValue(fromText(next, kind));
  };
  const common = {
    id,
    value: text,
    'aria-invalid': messages.length > 0 ? ('true' as const) : undefined,
    'aria-describedby': messages.length > 0 ? `${id}-error` : kind !== 'text' ? `${id}-hint` : undefined,
  };
  const hint =
    kind === 'date'
      ? t('read.dateHint')
      : kind === 'lines'
        ? t('read.linesHint')
        : kind === 'list'
          ? t('read.listHint')
          : null;
  return (
    <div class={`field${messages.length > 0 ? ' field-invalid' : ''}`}>
      <label for={id}>{t(spec.label)}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {kind === 'lines' || kind === 'paragraph' ? (
        <textarea
          {...common}
          rows={kind === 'lines' ? 4 : 3}
          onInput={(e) => change(e.currentTarget.value)}
        />
      ) : (
        <input
          {...common}
          inputMode={kind === 'date' ? 'numeric' : undefined}
          onInput={(e) => change(e.currentTarget.value)}
        />
      )}
      {messages.length > 0 && (
        <ul class="field-errors" id={`${id}-error`}>
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function StructureEditor({
  questionnaireId,
  initial,
  onSaved,
  onCancel,
}: {
  questionnaireId: number;
  initial: Structure;
  onSaved: (view: StructureView) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  // Lists edited as text keep what the person typed until saved (a trailing comma, an empty line).
  const [draft, setDraft] = useState<Structure>(() => structuredClone(initial));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Fields keep their own text, so a removed entry renews them all (their index changed).
  const [generation, setGeneration] = useState(0);
  const sections = draft as unknown as Record<string, Entry[]>;
  const setEntry = (section: string, index: number, key: string, value: unknown) =>
    setDraft((d) => {
      const next = structuredClone(d) as unknown as Record<string, Entry[]>;
      const list = next[section] ?? [];
      list[index] = { ...list[index], [key]: value };
      return next as unknown as Structure;
    });
  const setBasic = (key: string, value: unknown) =>
    setDraft((d) => ({ ...d, basics: { ...d.basics, [key]: value } }));
  const addEntry = (spec: SectionSpec) =>
    setDraft((d) => {
      const next = structuredClone(d) as unknown as Record<string, Entry[]>;
      next[spec.key] = [...(next[spec.key] ?? []), spec.blank()];
      return next as unknown as Structure;
    });
  const removeEntry = (section: string, index: number) => {
    setGeneration((g) => g + 1);
    setDraft((d) => {
      const next = structuredClone(d) as unknown as Record<string, Entry[]>;
      next[section] = (next[section] ?? []).filter((_, i) => i !== index);
      return next as unknown as Structure;
    });
  };
  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(
        await api<StructureView>(`/cv/questionnaire/${questionnaireId}/structure/`, {
          method: 'PUT',
          json: draft,
        }),
      );
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="stack structure-editor" onSubmit={save} noValidate>
      <p>{t('read.editIntro')}</p>
      <ErrorNotice error={error} fields={[]} />
      <fieldset>
        <legend>{t('section.header')}</legend>
        <div class="grid-2">
          {BASICS.map((spec) => (
            <EditField
              key={spec.key}
              spec={spec}
              path={`basics.${spec.key}`}
              value={(draft.basics as unknown as Entry)[spec.key]}
              onValue={(v) => setBasic(spec.key, v)}
              error={error}
            />
          ))}
        </div>
      </fieldset>
      {SECTIONS.map((spec) => (
        <fieldset key={spec.key}>
          <legend>{t(spec.title)}</legend>
          {(sections[spec.key] ?? []).map((entry, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: entries are edited in place by position; a removal renews them all (generation)
            <div class="entry-editor" key={`${spec.key}-${index}-${generation}`}>
              <h3>
                {t(spec.item)} {index + 1}
              </h3>
              <div class="grid-2">
                {spec.fields.map((field) => (
                  <EditField
                    key={field.key}
                    spec={field}
                    path={`${spec.key}.${index}.${field.key}`}
                    value={entry[field.key]}
                    onValue={(v) => setEntry(spec.key, index, field.key, v)}
                    error={error}
                  />
                ))}
              </div>
              <button type="button" class="link-button" onClick={() => removeEntry(spec.key, index)}>
                {t('read.remove', { item: `${t(spec.item)} ${index + 1}` })}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => addEntry(spec)}>
            {t(spec.add)}
          </button>
        </fieldset>
      ))}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('common.working') : t('read.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function StructurePanel({ questionnaireId }: { questionnaireId: number }) {
  const { t } = useI18n();
  const loaded = useLoad(
    (signal) => api<StructureView>(`/cv/questionnaire/${questionnaireId}/structure/`, { signal }),
    [questionnaireId],
  );
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [resetError, setResetError] = useState<unknown>(null);
  if (loaded.loading && !loaded.data) return <Busy label={t('common.loading')} />;
  if (!loaded.data) return <ErrorNotice error={loaded.error} />;
  const view = loaded.data;
  const reset = async () => {
    setResetError(null);
    try {
      loaded.setData(
        await api<StructureView>(`/cv/questionnaire/${questionnaireId}/structure/`, { method: 'DELETE' }),
      );
      setSaved(false);
    } catch (failure) {
      setResetError(failure);
    }
  };
  return (
    <div class="stack">
      <h2 class="visually-hidden">{t('step.read')}</h2>
      {saved && (
        <Notice kind="success">
          <p>{t('read.saved')}</p>
        </Notice>
      )}
      {view.corrected && !editing && (
        <div class="notice notice-info">
          <p>{t('read.corrected')}</p>
          <button type="button" onClick={reset}>
            {t('read.reset')}
          </button>
        </div>
      )}
      <ErrorNotice error={resetError} />
      {editing ? (
        <StructureEditor
          questionnaireId={questionnaireId}
          initial={view.structure}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            loaded.setData(next);
            setEditing(false);
            setSaved(true);
          }}
        />
      ) : (
        <>
          <p>{t('read.intro')}</p>
          <button type="button" onClick={() => setEditing(true)}>
            {t('read.edit')}
          </button>
          <StructureSummary view={view} />
        </>
      )}
    </div>
  );
}
