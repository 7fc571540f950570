// Turns an API error answer into what a person reads: one sentence, and the messages of each
// field to show next to it. Pure, so it is unit-tested in Node.

export type FieldErrors = Record<string, string[]>;

/** A sentence of the app's own catalogue, for failures the API could not describe. */
export type LocalReason = 'network' | 'server' | 'unavailable' | 'signedOut' | 'unknown';

export interface Problem {
  status: number;
  code: string;
  /** The API's sentence (problem `detail`, or `message` of a plan limit); null when it gave none. */
  detail: string | null;
  fields: FieldErrors;
  /** Used when `detail` is null. */
  local: LocalReason;
  body: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function fieldErrors(value: unknown): FieldErrors {
  if (!isRecord(value)) return {};
  const out: FieldErrors = {};
  for (const [field, messages] of Object.entries(value)) {
    const list = (Array.isArray(messages) ? messages : [messages]).filter(
      (m): m is string => typeof m === 'string',
    );
    if (list.length > 0) out[field] = list;
  }
  return out;
}

export function readProblem(status: number, body: unknown): Problem {
  const data = isRecord(body) ? body : {};
  const text = (key: string) =>
    typeof data[key] === 'string' && data[key] !== '' ? (data[key] as string) : null;
  // 5xx details are never sent by the API; a proxy's HTML error page is no sentence either.
  const detail =
    status >= 500 && status !== 503 ? null : (text('detail') ?? text('message') ?? text('error'));
  return {
    status,
    code: text('code') ?? (typeof data.error === 'string' ? data.error : `http_${status}`),
    detail,
    fields: fieldErrors(data.errors),
    local:
      status === 503 ? 'unavailable' : status >= 500 ? 'server' : status === 401 ? 'signedOut' : 'unknown',
    body: data,
  };
}

/**
 * Messages of fields the form does not show (and `non_field_errors`), for the summary above it;
 * a message equal to the sentence itself is not repeated.
 */
export function otherFieldMessages(problem: Problem, shownFields: readonly string[]): string[] {
  const messages: string[] = [];
  for (const [field, list] of Object.entries(problem.fields)) {
    if (shownFields.includes(field)) continue;
    for (const message of list) {
      if (message !== problem.detail && !messages.includes(message)) messages.push(message);
    }
  }
  return messages;
}
