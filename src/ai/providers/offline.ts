// The provider used when no AI provider is configured: no network, no model. It must never pass
// for a model: its model is 'offline', its usage is zero, and its result carries a note saying that
// no AI model was used (for the report: the answer itself is the CV alone, a document to send). The app passes in the analysis module's improvement (see
// src/cv/analysis.ts); on its own, this provider only restructures the CV into markdown sections.

import { aiError } from '../errors.ts';
import { restructureCv } from '../offline/restructure.ts';
import type { AiProvider, GenerateInput, GenerateResult, ImproveCvJob, ImproveCvTask } from '../provider.ts';

export interface OfflineImproveResult {
  markdown: string;
  /** The honest note on how the CV was made; replaces the default one when the improver does more. */
  note?: string;
}

export type OfflineImprove = (
  cvText: string,
  job: ImproveCvJob | null,
  /** The whole task when the caller gave one (a corrected structure, the current month). */
  task?: ImproveCvTask | null,
) => OfflineImproveResult | Promise<OfflineImproveResult>;

export interface OfflineProviderOptions {
  improve?: OfflineImprove;
}

export const OFFLINE_RESTRUCTURE_NOTE =
  'No AI model was used: no AI provider is configured, so this is your CV text only reformatted into clean sections. Nothing was rewritten or added.';
export const OFFLINE_GENERIC_NOTE =
  'No AI model was used: this version was produced by CV Improver’s offline rules, not by a language model.';

export const restructureImprove: OfflineImprove = (cvText) => ({
  markdown: restructureCv(cvText),
  note: OFFLINE_RESTRUCTURE_NOTE,
});

export function createOfflineProvider(options: OfflineProviderOptions = {}): AiProvider {
  const improve = options.improve ?? restructureImprove;
  return {
    name: 'offline',
    model: 'offline',
    checkConfig: () => ({ ok: true, detail: 'offline: no AI model, no network' }),
    async generate(input: GenerateInput): Promise<GenerateResult> {
      const started = performance.now();
      throwIfCanceled(input.signal);
      const cvText = input.task?.cvText ?? extractCv(input.prompt);
      const job = input.task?.job ?? null;
      const result = await improve(cvText, job, input.task ?? null);
      throwIfCanceled(input.signal);
      const note = (result.note ?? OFFLINE_GENERIC_NOTE).replace(/\s+/g, ' ').trim();
      const body = result.markdown.trim();
      if (body.length === 0) throw aiError('ai_empty', 'The CV text is empty: there is nothing to reformat.');
      const text = `${body}\n`;

      // Streamed by section so consumers of deltas see the same shape of events as with a model.
      let firstTokenMs: number | null = null;
      for (const piece of text.split(/(?=\n## )/)) {
        throwIfCanceled(input.signal);
        if (firstTokenMs === null) firstTokenMs = performance.now() - started;
        input.onDelta?.(piece);
      }
      return {
        text,
        usage: { prompt_tokens: 0, completion_tokens: 0 },
        model: 'offline',
        finishReason: 'stop',
        firstTokenMs,
        totalMs: performance.now() - started,
        note,
      };
    },
  };
}

function throwIfCanceled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw aiError('job_canceled', 'The offline improvement was canceled.');
}

/**
 * Without a structured task, the CV is read back from the <cv> block of the improve-cv prompt
 * (the neutralized ‹ › brackets stay as they are: they were never tags in the CV).
 */
function extractCv(prompt: string): string {
  const match = /<cv>\n?([\s\S]*?)\n?<\/cv>/.exec(prompt);
  return match?.[1] ?? prompt;
}
