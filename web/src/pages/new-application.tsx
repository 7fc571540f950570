// A new application: the CV (a file dropped or picked, or its text pasted) and the job it is for.
import { useRef, useState } from 'preact/hooks';
import { sendForm } from '../api/client.ts';
import { COMPANY_SIZES, EXPERIENCE_LEVELS, type Questionnaire, TIMELINES } from '../api/types.ts';
import { ErrorNotice, Field, fieldErrors, Select, TextArea, Title } from '../components/ui.tsx';
import { useI18n } from '../i18n/context.tsx';
import { navigate } from '../router.tsx';

export const ACCEPTED_FILES =
  '.pdf,.docx,.odt,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text,text/plain';
/** The API's limit; checked here too, so a person does not wait for a 10 MB upload to be refused. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const FORM_FIELDS = [
  'position',
  'industry',
  'experience_level',
  'company_size',
  'location',
  'application_timeline',
  'job_description',
  'resume',
];

export class LocalError extends Error {}

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The CV input: a drop zone that is also a file picker (keyboard: the button), or a text box.
 * `onFile` gets the chosen file; pasted text is the caller's.
 */
export function CvInput({
  file,
  onFile,
  text,
  onText,
  error,
}: {
  file: File | null;
  onFile: (file: File | null) => void;
  text: string;
  onText: (text: string) => void;
  error: unknown;
}) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'file' | 'text'>('file');
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const messages = fieldErrors(error, 'resume');
  return (
    <fieldset class="cv-input">
      <legend>{t('new.cv')}</legend>
      <div class="segmented" role="radiogroup" aria-label={t('new.cvHow')}>
        <label>
          <input type="radio" name="cv-mode" checked={mode === 'file'} onChange={() => setMode('file')} />
          {t('new.upload')}
        </label>
        <label>
          <input type="radio" name="cv-mode" checked={mode === 'text'} onChange={() => setMode('text')} />
          {t('new.paste')}
        </label>
      </div>
      {mode === 'file' ? (
        // biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer shortcut; the picker button does the same from the keyboard
        <div
          class={`dropzone${dragging ? ' dropzone-active' : ''}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            const dropped = event.dataTransfer?.files?.[0];
            if (dropped) onFile(dropped);
          }}
        >
          <input
            ref={input}
            id="f-resume"
            class="visually-hidden"
            type="file"
            accept={ACCEPTED_FILES}
            aria-describedby="f-resume-hint"
            onChange={(event) => onFile(event.currentTarget.files?.[0] ?? null)}
          />
          {file ? (
            <p class="dropzone-file">
              <strong>{file.name}</strong> ({formatSize(file.size)})
            </p>
          ) : (
            <p>{t('new.drop')}</p>
          )}
          <label for="f-resume" class="button">
            {file ? t('new.chooseOther') : t('new.choose')}
          </label>
          <p class="hint" id="f-resume-hint">
            {t('new.fileHint')}
          </p>
        </div>
      ) : (
        <TextArea
          label={t('new.pasteLabel')}
          name="resume_text"
          rows={12}
          value={text}
          onValue={onText}
          hint={t('new.pasteHint')}
        />
      )}
      {messages.length > 0 && (
        <ul class="field-errors">
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** The CV as the file to send: the chosen one, or the pasted text as a text file. */
export function cvFile(file: File | null, text: string): File | null {
  if (file) return file;
  if (text.trim() !== '') return new File([text], 'cv.txt', { type: 'text/plain' });
  return null;
}

export function checkCvFile(cv: File | null, t: (key: 'new.needCv' | 'new.tooLarge') => string): File {
  if (!cv) throw new LocalError(t('new.needCv'));
  if (cv.size > MAX_FILE_BYTES) throw new LocalError(t('new.tooLarge'));
  return cv;
}

export function UploadProgress({ share }: { share: number | null }) {
  const { t } = useI18n();
  if (share === null) return null;
  const percent = Math.round(share * 100);
  return (
    <div class="progress" role="status">
      <label for="upload-progress">
        {percent < 100 ? t('new.uploading', { percent }) : t('new.uploaded')}
      </label>
      <progress id="upload-progress" max={100} value={percent} />
    </div>
  );
}

export function NewApplication() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [position, setPosition] = useState('');
  const [industry, setIndustry] = useState('');
  const [level, setLevel] = useState<(typeof EXPERIENCE_LEVELS)[number] | ''>('');
  const [size, setSize] = useState<(typeof COMPANY_SIZES)[number]>('medium');
  const [location, setLocation] = useState('');
  const [timeline, setTimeline] = useState<(typeof TIMELINES)[number]>('1-3 months');
  const [description, setDescription] = useState('');
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
      form.set('position', position);
      form.set('industry', industry);
      if (level) form.set('experience_level', level);
      form.set('company_size', size);
      form.set('application_timeline', timeline);
      if (location.trim()) form.set('location', location);
      if (description.trim()) form.set('job_description', description);
      form.set('resume', cv, cv.name);
      setProgress(0);
      const created = await sendForm<Questionnaire>('/cv/questionnaire/', 'POST', form, setProgress);
      navigate(`/applications/${created.id}`);
    } catch (failure) {
      setProgress(null);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const levelErrors = fieldErrors(error, 'experience_level');
  return (
    <section>
      <Title text={t('new.title')} />
      <p class="lead">{t('new.intro')}</p>
      <form onSubmit={submit} noValidate class="stack">
        {error instanceof LocalError ? (
          <div class="notice notice-error" role="alert">
            <p>{error.message}</p>
          </div>
        ) : (
          <ErrorNotice error={error} fields={FORM_FIELDS} />
        )}
        <CvInput file={file} onFile={setFile} text={text} onText={setText} error={error} />
        <fieldset>
          <legend>{t('new.job')}</legend>
          <div class="grid-2">
            <Field
              label={t('job.position')}
              name="position"
              value={position}
              onValue={setPosition}
              error={error}
              required
              autoComplete="off"
            />
            <Field
              label={t('job.industry')}
              name="industry"
              hint={t('job.industryHint')}
              value={industry}
              onValue={setIndustry}
              error={error}
              required
              autoComplete="off"
            />
          </div>
          <fieldset class={`choices${levelErrors.length > 0 ? ' field-invalid' : ''}`}>
            <legend>{t('job.level')}</legend>
            {EXPERIENCE_LEVELS.map((value) => (
              <label key={value}>
                <input
                  type="radio"
                  name="experience_level"
                  value={value}
                  checked={level === value}
                  onChange={() => setLevel(value)}
                />
                {t(`job.level.${value}`)}
              </label>
            ))}
            {levelErrors.length > 0 && (
              <ul class="field-errors">
                {levelErrors.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            )}
          </fieldset>
          <div class="grid-3">
            <Select
              label={t('job.companySize')}
              name="company_size"
              value={size}
              onValue={setSize}
              error={error}
              options={COMPANY_SIZES.map((value) => ({ value, label: t(`job.size.${value}`) }))}
            />
            <Select
              label={t('job.timeline')}
              name="application_timeline"
              value={timeline}
              onValue={setTimeline}
              error={error}
              options={TIMELINES.map((value) => ({ value, label: t(`job.timeline.${value}`) }))}
            />
            <Field
              label={t('job.location')}
              name="location"
              value={location}
              onValue={setLocation}
              error={error}
              autoComplete="off"
            />
          </div>
          <TextArea
            label={t('job.description')}
            name="job_description"
            hint={t('job.descriptionHint')}
            rows={8}
            value={description}
            onValue={setDescription}
            error={error}
          />
        </fieldset>
        <UploadProgress share={progress} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('common.working') : t('new.submit')}
        </button>
      </form>
    </section>
  );
}
