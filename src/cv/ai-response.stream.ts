// The Server-Sent Events of one AI response: the current state first (so a late subscriber still
// gets `done` or `error`), then what the worker publishes, until the end or the client leaves.
// This is a stream of many messages, not one wait, so it keeps its own loop over the event bus.
import type { Events } from '../platform/events.ts';
import { type AiResponseEvent, aiResponseTopic, readAiResponseEvent } from './ai-response.events.ts';
import { isFinished, type SseFrame, terminalFrame } from './ai-response.out.ts';
import type { AiResponseRow } from './ai-response.repository.ts';

type ReadRow = () => Promise<AiResponseRow>;

/** The events heard on the response's topic, in order; `next` waits for one, for idleness or abort. */
async function openInbox(events: Events, id: number, signal: AbortSignal) {
  const pending: AiResponseEvent[] = [];
  let wake: (() => void) | null = null;
  const unsubscribe = await events.subscribe(aiResponseTopic(id), (message) => {
    const event = readAiResponseEvent(message);
    if (!event) return;
    pending.push(event);
    wake?.();
  });
  const onAbort = () => wake?.();
  signal.addEventListener('abort', onAbort);
  return {
    async next(idleMs: number): Promise<AiResponseEvent | 'idle' | 'aborted'> {
      while (pending.length === 0) {
        const timedOut = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), idleMs);
          wake = () => {
            clearTimeout(timer);
            resolve(false);
          };
        });
        wake = null;
        if (signal.aborted) return 'aborted';
        if (timedOut) return 'idle';
      }
      return pending.shift() as AiResponseEvent;
    },
    close() {
      signal.removeEventListener('abort', onAbort);
      unsubscribe();
    },
  };
}

/**
 * How much of the answer this stream has sent. The answer so far goes first, then live pieces
 * lined up by their offset: a listener that joins late gets the whole text once, without gaps or
 * repeats.
 */
function createTextCursor(readRow: ReadRow) {
  let sent = 0;
  async function* catchUp(upTo: number): AsyncGenerator<SseFrame> {
    const current = await readRow();
    const partial = current.status === 'running' ? (current.responseText ?? '') : '';
    const missing = partial.slice(sent, upTo);
    if (missing) {
      sent += missing.length;
      yield { event: 'delta', data: { text: missing } };
    }
  }
  return {
    *start(row: AiResponseRow): Generator<SseFrame> {
      if (row.status === 'running' && row.responseText) {
        sent = row.responseText.length;
        yield { event: 'delta', data: { text: row.responseText } };
      }
    },
    /** The row holds more than was sent when pieces went by before this stream listened. */
    async *progress(chars: number | undefined): AsyncGenerator<SseFrame> {
      if (chars !== undefined && chars > sent) yield* catchUp(chars);
    },
    async *delta(event: { text: string; offset?: number }): AsyncGenerator<SseFrame> {
      const offset = event.offset ?? sent;
      if (offset > sent) yield* catchUp(offset);
      const text = event.text.slice(Math.max(0, sent - offset));
      if (text) {
        sent = Math.max(sent, offset) + text.length;
        yield { event: 'delta', data: { text } };
      }
    },
  };
}

/** The frames of one event; returns true when the stream ends with it. */
async function* framesOf(
  event: AiResponseEvent,
  text: ReturnType<typeof createTextCursor>,
  readRow: ReadRow,
): AsyncGenerator<SseFrame, boolean> {
  switch (event.type) {
    case 'status':
      yield { event: 'status', data: { status: event.status } };
      return false;
    case 'progress':
      yield* text.progress(event.chars);
      yield {
        event: 'progress',
        data: event.stage ? { progress: event.progress, stage: event.stage } : { progress: event.progress },
      };
      return false;
    case 'delta':
      yield* text.delta(event);
      return false;
    case 'done':
      yield terminalFrame(await readRow());
      return true;
    case 'error':
      yield { event: 'error', data: event.error };
      return true;
    default:
      return false;
  }
}

/**
 * Idle periods yield a heartbeat comment after the row was looked at again, so an event lost in
 * transit delays the end by one heartbeat at most.
 */
export async function* streamAiResponseEvents(
  deps: { events: Events; heartbeatMs: number },
  id: number,
  readRow: ReadRow,
  signal: AbortSignal,
): AsyncGenerator<SseFrame> {
  await readRow();
  // Listening starts before the row is read: an end in between is heard or seen.
  const inbox = await openInbox(deps.events, id, signal);
  try {
    const row = await readRow();
    yield { event: 'status', data: { status: row.status, progress: row.progress } };
    if (isFinished(row.status)) {
      yield terminalFrame(row);
      return;
    }
    const text = createTextCursor(readRow);
    yield* text.start(row);
    while (!signal.aborted) {
      const event = await inbox.next(deps.heartbeatMs);
      if (event === 'aborted') return;
      if (event === 'idle') {
        const current = await readRow();
        if (isFinished(current.status)) {
          yield terminalFrame(current);
          return;
        }
        yield { comment: 'heartbeat' };
        continue;
      }
      if (yield* framesOf(event, text, readRow)) return;
    }
  } finally {
    inbox.close();
  }
}
