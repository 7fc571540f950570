// Text out of an uploaded CV. PDF, DOCX and ODT are parsed in a worker thread with a deadline and memory
// limits (see extraction-worker.ts); plain text is decoded in place. Every failure a file can cause
// is an AppError('resume_unreadable') with a reason and a sentence its owner can act on.

import { Worker } from 'node:worker_threads';
import type { AppError } from '../platform/errors.ts';
import { type DocumentType, decodeText, detectDocumentType, MAX_UPLOAD_BYTES } from './detect-type.ts';
import { isUnreadableReason, type UnreadableReason, unreadable } from './extraction-failure.ts';
import { finishText } from './normalize-text.ts';
import type { LayoutKind } from './reading.ts';
import type { WorkerRequest, WorkerResponse } from './worker-protocol.ts';

export interface ExtractOptions {
  /** Pages of a PDF to read; later pages are ignored and `truncated` is set. */
  maxPages?: number;
  /** Characters of text kept; the rest is cut at a line end and `truncated` is set. */
  maxChars?: number;
  /** Deadline for parsing one PDF, DOCX or ODT; past it the worker thread is terminated. */
  timeoutMs?: number;
  /** Larger inputs are refused without parsing. */
  maxBytes?: number;
}

export interface ExtractedText {
  text: string;
  /** PDF pages whose text was read; null for DOCX, ODT and TXT, which have no fixed pages. */
  pages: number | null;
  /** Pages in the PDF, read or not; null for DOCX, ODT and TXT. */
  totalPages: number | null;
  /** Length of `text` in UTF-16 code units (what JavaScript and most databases count). */
  chars: number;
  /** True when pages or characters were cut to fit the limits. */
  truncated: boolean;
  /** The page layout the reader found; null for plain text, which has none. */
  layout: LayoutKind | null;
}

const DEFAULTS = { maxPages: 20, maxChars: 100_000, timeoutMs: 15_000, maxBytes: MAX_UPLOAD_BYTES };
const WARM_UP_TIMEOUT_MS = 30_000;
// Enough for pdf.js on a long, image-heavy CV; a file that needs more is hostile or absurd.
const WORKER_HEAP_MB = 512;

type WorkerSuccess = Extract<WorkerResponse, { ok: true }>;
type JobRequest = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

interface Job {
  request: WorkerRequest;
  resolve: (response: WorkerSuccess) => void;
  reject: (error: AppError) => void;
  timer: NodeJS.Timeout;
  /** Workers this job has been sent to; one that dies twice under it is blamed on the file. */
  attempts: number;
}

/**
 * One long-lived worker thread shared by all extractions (pdf.js costs ~100 ms to load, so a thread
 * per file would be slow). Jobs run concurrently inside it. A job past its deadline gets the worker
 * terminated and replaced; the other jobs it was running are sent again to the new worker.
 */
class ExtractionWorker {
  #worker: Worker | null = null;
  #jobs = new Map<number, Job>();
  #nextId = 1;

  run(request: JobRequest, timeoutMs: number): Promise<WorkerSuccess> {
    const id = this.#nextId++;
    return new Promise<WorkerSuccess>((resolve, reject) => {
      const job: Job = {
        request: { ...request, id } as WorkerRequest,
        resolve,
        reject,
        attempts: 0,
        timer: setTimeout(() => {
          this.#jobs.delete(id);
          reject(unreadable('timeout', `extraction did not finish within ${timeoutMs} ms`));
          this.#replaceWorker();
        }, timeoutMs),
      };
      this.#jobs.set(id, job);
      this.#dispatch(job);
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    for (const job of this.#jobs.values()) {
      clearTimeout(job.timer);
      job.reject(unreadable('timeout', 'extraction was shut down'));
    }
    this.#jobs.clear();
    if (worker !== null) {
      worker.removeAllListeners();
      worker.on('error', () => {});
      await worker.terminate();
    }
  }

  #dispatch(job: Job): void {
    job.attempts++;
    const worker = this.#ensureWorker();
    worker.ref();
    worker.postMessage(job.request);
  }

  #ensureWorker(): Worker {
    if (this.#worker !== null) return this.#worker;
    const worker = new Worker(new URL('./extraction-worker.ts', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      stdout: false,
      stderr: false,
    });
    let crash: Error | undefined;
    worker.on('message', (response: WorkerResponse) => this.#settle(response));
    worker.on('error', (error) => {
      crash = error;
    });
    worker.on('exit', () => {
      if (this.#worker === worker) this.#onWorkerDied(crash);
    });
    this.#worker = worker;
    return worker;
  }

  #settle(response: WorkerResponse): void {
    const job = this.#jobs.get(response.id);
    // A job that timed out was already answered.
    if (job === undefined) return;
    this.#jobs.delete(response.id);
    clearTimeout(job.timer);
    if (this.#jobs.size === 0) this.#worker?.unref();
    if (response.ok) job.resolve(response);
    else
      job.reject(
        unreadable(isUnreadableReason(response.reason) ? response.reason : 'corrupt', response.detail),
      );
  }

  #onWorkerDied(crash: Error | undefined): void {
    this.#worker = null;
    const outOfMemory = (crash as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    const reason: UnreadableReason = outOfMemory ? 'too_large' : 'corrupt';
    for (const [id, job] of this.#jobs) {
      if (job.attempts >= 2) {
        this.#jobs.delete(id);
        clearTimeout(job.timer);
        job.reject(unreadable(reason, `the extraction worker died: ${crash?.message ?? 'exited'}`, crash));
      }
    }
    for (const job of this.#jobs.values()) this.#dispatch(job);
  }

  #replaceWorker(): void {
    const old = this.#worker;
    this.#worker = null;
    if (old !== null) {
      old.removeAllListeners();
      // terminate() may still emit 'error'; an unheard 'error' event would crash the process.
      old.on('error', () => {});
      void old.terminate();
    }
    for (const job of this.#jobs.values()) this.#dispatch(job);
  }
}

const extractionWorker = new ExtractionWorker();

/**
 * Starts the extraction worker, loads pdf.js in it and reads one small DOCX, so that the first
 * upload does not pay the cold start (~100 ms for pdf.js, ~50 ms for the first DOCX). Call once at start-up; safe to call again.
 */
export async function warmUpExtraction(): Promise<void> {
  await extractionWorker.run({ kind: 'warmup' }, WARM_UP_TIMEOUT_MS);
  // The first DOCX costs ~50 ms more than the next ones (XML parser and code warm-up); a tiny one pays here.
  const { renderCvDocx } = await import('./render-docx.ts');
  await extractText(await renderCvDocx({ markdown: '# Warm-up\n\n- item' }), 'docx', {
    timeoutMs: WARM_UP_TIMEOUT_MS,
  });
}

/** Terminates the extraction worker (graceful shutdown, tests). A later extraction starts a new one. */
export function closeExtraction(): Promise<void> {
  return extractionWorker.close();
}

/**
 * Reads the text of a CV whose type was found by `detectDocumentType`. The content is checked
 * again: a buffer that is not what `type` says is refused as `unsupported`.
 * @throws AppError('resume_unreadable') with `extensions.reason`.
 */
export async function extractText(
  buffer: Uint8Array,
  type: DocumentType,
  options: ExtractOptions = {},
): Promise<ExtractedText> {
  const { maxPages, maxChars, timeoutMs, maxBytes } = { ...DEFAULTS, ...options };
  if (buffer.length === 0) throw unreadable('empty', 'zero-byte file');
  if (buffer.length > maxBytes) throw unreadable('too_large', `${buffer.length} bytes`);
  const detected = detectDocumentType(buffer);
  if (detected !== type) {
    throw unreadable('unsupported', `declared ${type}, content looks like ${detected}`);
  }

  if (type === 'txt') {
    const raw = decodeText(buffer);
    if (raw === null) throw unreadable('corrupt', 'text is not valid UTF-8/UTF-16');
    return withPages({ ...finishText(raw, maxChars), layout: null }, null, null);
  }

  const response = await extractionWorker.run({ kind: type, data: buffer, maxPages, maxChars }, timeoutMs);
  if (response.chars === 0) throw unreadable('empty', `no text in the ${type}`);
  return withPages(response, response.pagesRead, response.totalPages);
}

function withPages(
  result: { text: string; chars: number; truncated: boolean; layout: LayoutKind | null },
  pages: number | null,
  totalPages: number | null,
): ExtractedText {
  if (result.chars === 0) throw unreadable('empty', 'no text after normalization');
  return {
    text: result.text,
    pages,
    totalPages,
    chars: result.chars,
    truncated: result.truncated,
    layout: result.layout,
  };
}
