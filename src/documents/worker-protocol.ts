// Messages between extract-text.ts and extraction-worker.ts.

import type { UnreadableReason } from './extraction-failure.ts';

export type WorkerRequest =
  | { id: number; kind: 'warmup' }
  | { id: number; kind: 'pdf' | 'docx'; data: Uint8Array; maxPages: number; maxChars: number };

export type WorkerResponse =
  | {
      id: number;
      ok: true;
      text: string;
      chars: number;
      truncated: boolean;
      pagesRead: number | null;
      totalPages: number | null;
    }
  | { id: number; ok: false; reason: UnreadableReason; detail: string };
