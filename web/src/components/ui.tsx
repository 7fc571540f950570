// The small pieces every page uses: titles, labelled fields with their errors next to them,
// notices that screen readers announce, and loading of data.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { type I18n, useI18n } from '../i18n/context.tsx';
import { otherFieldMessages } from '../lib/problem.ts';
import { hasNavigated } from '../router.tsx';

/** The page's heading: names the browser tab, and takes the focus after a move within the app. */
export function Title({ children, text }: { children?: ComponentChildren; text: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${text} · CV Improver`;
    if (hasNavigated()) ref.current?.focus();
  }, [text]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children ?? text}
    </h1>
  );
}

/** What a person reads for any failure: the API's sentence, or the app's own. */
export function errorSentence(t: I18n['t'], error: unknown): string {
  if (error instanceof ApiError) {
    const { problem } = error;
    // The API's generic "invalid fields": the fields themselves say what is wrong, next to them.
    if (problem.code === 'validation_error' && Object.keys(problem.fields).length > 0)
      return t('error.fields');
    return problem.detail ?? t(`error.${problem.local}`);
  }
  return t('error.unknown');
}

export function fieldErrors(error: unknown, field: string): string[] {
  return error instanceof ApiError ? (error.problem.fields[field] ?? []) : [];
}

/** The error above a form: its sentence and the messages of fields the form does not show. */
export function ErrorNotice({ error, fields = [] }: { error: unknown; fields?: readonly string[] }) {
  const { t } = useI18n();
  if (!error) return null;
  const others = error instanceof ApiError ? otherFieldMessages(error.problem, fields) : [];
  return (
    <div class="notice notice-error" role="alert">
      <p>{errorSentence(t, error)}</p>
      {others.length > 0 && (
        <ul>
          {others.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Notice({
  kind = 'info',
  children,
}: {
  kind?: 'info' | 'success' | 'warning';
  children: ComponentChildren;
}) {
  return (
    <div class={`notice notice-${kind}`} role="status">
      {children}
    </div>
  );
}

export function Busy({ label }: { label: string }) {
  return (
    <p class="busy" role="status">
      <span class="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

interface FieldProps {
  label: string;
  name: string;
  error?: unknown;
  hint?: string;
  /** The API's name of the field, when it differs from the input's. */
  apiName?: string;
}

function FieldFrame({
  label,
  name,
  hint,
  messages,
  children,
}: {
  label: string;
  name: string;
  hint?: string | undefined;
  messages: string[];
  children: ComponentChildren;
}) {
  return (
    <div class={`field${messages.length > 0 ? ' field-invalid' : ''}`}>
      <label for={`f-${name}`}>{label}</label>
      {hint && (
        <p class="hint" id={`f-${name}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {messages.length > 0 && (
        <ul class="field-errors" id={`f-${name}-error`}>
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function describedBy(name: string, hint: string | undefined, messages: string[]): string | undefined {
  const ids = [hint ? `f-${name}-hint` : '', messages.length > 0 ? `f-${name}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function Field({
  label,
  name,
  error,
  hint,
  apiName,
  value,
  onValue,
  type = 'text',
  autoComplete,
  required,
}: FieldProps & {
  type?: 'text' | 'email' | 'password';
  value: string;
  onValue: (value: string) => void;
  autoComplete?: string;
  required?: boolean;
}) {
  const messages = fieldErrors(error, apiName ?? name);
  return (
    <FieldFrame label={label} name={name} hint={hint} messages={messages}>
      <input
        id={`f-${name}`}
        // Preact's types match `type` against one input kind at a time, not a union of them.
        type={type as 'text'}
        name={name}
        value={value}
        autoComplete={autoComplete}
        required={required}
        onInput={(event) => onValue(event.currentTarget.value)}
        aria-invalid={messages.length > 0 ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, messages)}
      />
    </FieldFrame>
  );
}

export function TextArea({
  label,
  name,
  error,
  hint,
  apiName,
  value,
  onValue,
  rows,
  className,
  spellcheck,
}: FieldProps & {
  value: string;
  onValue: (value: string) => void;
  rows?: number;
  className?: string;
  spellcheck?: boolean;
}) {
  const messages = fieldErrors(error, apiName ?? name);
  return (
    <FieldFrame label={label} name={name} hint={hint} messages={messages}>
      <textarea
        id={`f-${name}`}
        name={name}
        value={value}
        rows={rows}
        class={className}
        spellcheck={spellcheck}
        onInput={(event) => onValue(event.currentTarget.value)}
        aria-invalid={messages.length > 0 ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, messages)}
      />
    </FieldFrame>
  );
}

export function Select<T extends string>({
  label,
  name,
  error,
  hint,
  apiName,
  value,
  onValue,
  options,
}: FieldProps & {
  value: T;
  onValue: (value: T) => void;
  options: ReadonlyArray<{ value: T; label: string }>;
}) {
  const messages = fieldErrors(error, apiName ?? name);
  return (
    <FieldFrame label={label} name={name} hint={hint} messages={messages}>
      <select
        id={`f-${name}`}
        name={name}
        value={value}
        onChange={(event) => onValue(event.currentTarget.value as T)}
        aria-invalid={messages.length > 0 ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, messages)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A score 0–100 as a number and a bar (the bar only repeats the number). */
export function Score({ value, label }: { value: number; label: string }) {
  const level = value >= 70 ? 'high' : value >= 40 ? 'mid' : 'low';
  return (
    <div class={`score score-${level}`}>
      <span class="score-label">{label}</span>
      <span class="score-value">
        {value}
        <span class="score-max"> / 100</span>
      </span>
      <span class="score-bar" aria-hidden="true">
        <span style={{ width: `${Math.max(2, Math.min(100, value))}%` }} />
      </span>
    </div>
  );
}

const STATUS_ICON = { covered: '✓', weak: '~', missing: '✗' } as const;

export function StatusBadge({ status }: { status: 'covered' | 'weak' | 'missing' }) {
  const { t } = useI18n();
  return (
    <span class={`badge badge-${status}`}>
      <span aria-hidden="true">{STATUS_ICON[status]} </span>
      {t(`match.status.${status}`)}
    </span>
  );
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (data: T) => void;
}

/** Data a page shows: loaded when the page opens (and again on `reload`), with its error. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what its load depends on; round is a reload
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    load(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, loading, reload, setData };
}

/** A date and time in the interface's language. */
export function formatDate(lang: string, iso: string | null | undefined, withTime = true): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(
    lang,
    withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' },
  ).format(date);
}

/** Runs a form's request, keeping its error and whether it is under way. */
export function useSubmit<T>(run: () => Promise<T>, done: (result: T) => void) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      done(await run());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}
