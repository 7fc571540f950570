// Messages between extract-text.ts and extraction-worker.ts.

import type { UnreadableReason } from './extraction-failure.ts';
import type { LayoutKind } from './reading.ts';

export type WorkerRequest =
  | { id: number; kind: 'warmup' }
  | { id: number; kind: 'pdf' | 'docx' | 'odt'; data: Uint8Array; maxPages: number; maxChars: number };

export type WorkerResponse =
  | {
      id: number;
      ok: true;
      text: string;
      chars: number;
      truncated: boolean;
      /** the page layout the reader found; null for the warm-up */
      layout: LayoutKind | null;
      pagesRead: number | null;
      totalPages: number | null;
    }
  | { id: number; ok: false; reason: UnreadableReason; detail: string };
