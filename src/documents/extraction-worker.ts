// Entry point of the extraction worker thread. PDF, DOCX and ODT parsing run here so that the caller can
// stop a file that hangs (by terminating the thread) and a file that exhausts memory kills only
// this thread (it runs under resource limits), never the API process.

import { parentPort } from 'node:worker_threads';
import { extractDocxText } from './docx-text.ts';
import { ExtractionFailure } from './extraction-failure.ts';
import { finishText } from './normalize-text.ts';
import { extractOdtText } from './odt-text.ts';
import { extractPdfText, warmUpPdf } from './pdf-text.ts';
import type { WorkerRequest, WorkerResponse } from './worker-protocol.ts';

const port = parentPort;
if (port === null) throw new Error('extraction-worker.ts must run as a worker thread');

async function handle(request: WorkerRequest): Promise<WorkerResponse> {
  if (request.kind === 'warmup') {
    await warmUpPdf();
    return {
      id: request.id,
      ok: true,
      text: '',
      chars: 0,
      truncated: false,
      layout: null,
      pagesRead: null,
      totalPages: null,
    };
  }
  if (request.kind === 'pdf') {
    // Pages are read until the text is comfortably past the cap, then reading stops.
    const pdf = await extractPdfText(request.data, request.maxPages, request.maxChars * 2);
    const finished = finishText(pdf.text, request.maxChars);
    return {
      id: request.id,
      ok: true,
      ...finished,
      truncated: finished.truncated || pdf.pagesRead < pdf.totalPages,
      layout: pdf.layout,
      pagesRead: pdf.pagesRead,
      totalPages: pdf.totalPages,
    };
  }
  const data = Buffer.from(request.data.buffer, request.data.byteOffset, request.data.byteLength);
  const reading = request.kind === 'odt' ? await extractOdtText(data) : await extractDocxText(data);
  return {
    id: request.id,
    ok: true,
    ...finishText(reading.text, request.maxChars),
    layout: reading.layout,
    pagesRead: null,
    totalPages: null,
  };
}

port.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (response) => port.postMessage(response),
    (error: unknown) => {
      const failure =
        error instanceof ExtractionFailure
          ? { reason: error.reason, detail: error.message }
          : { reason: 'corrupt' as const, detail: error instanceof Error ? error.message : String(error) };
      port.postMessage({ id: request.id, ok: false, ...failure } satisfies WorkerResponse);
    },
  );
});
