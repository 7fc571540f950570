// One streamed call through the AI SDK, shared by every model provider: one HTTP request (the SDK's
// own retries are off because the job queue retries with backoff), a per-attempt timeout combined
// with the caller's signal, deltas forwarded as they arrive, and every failure mapped to AppError.

import type { LanguageModel } from 'ai';
import type { AppError } from '../../platform/errors.ts';
import { aiError, toAiError } from '../errors.ts';
import type { GenerateInput, GenerateResult } from '../provider.ts';

export interface RunStreamOptions {
  model: LanguageModel;
  /** Reported when the provider does not name the model that answered. */
  modelName: string;
  providerLabel: string;
  secrets: ReadonlyArray<string | undefined>;
  timeoutMs: number;
  maxOutputTokens: number;
}

/**
 * The AI SDK, and each provider's SDK, is imported on the first call rather than at start: about
 * 9 MB of heap that a process calling no model (the API in server mode; any process on the offline
 * provider) need not hold. Once loaded, an import is a cache lookup.
 */
const loadAiSdk = () => import('ai');

export async function runStream(options: RunStreamOptions, input: GenerateInput): Promise<GenerateResult> {
  const { streamText } = await loadAiSdk();
  const started = performance.now();
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
  const context = () => ({
    providerLabel: options.providerLabel,
    secrets: options.secrets,
    timedOut: timeout.aborted && !input.signal?.aborted,
    canceled: input.signal?.aborted === true,
  });
  if (input.signal?.aborted) throw toAiError(input.signal.reason, context());

  let text = '';
  let firstTokenMs: number | null = null;
  let finishReason = 'unknown';
  let usage = { prompt_tokens: 0, completion_tokens: 0 };
  let model = options.modelName;
  let streamError: unknown;
  let sawError = false;

  try {
    const result = streamText({
      model: options.model,
      system: input.system,
      prompt: input.prompt,
      maxOutputTokens: input.maxOutputTokens ?? options.maxOutputTokens,
      maxRetries: 0,
      abortSignal: signal,
      // The default handler prints the raw error (request body included) to the console.
      onError: () => {},
    });
    for await (const part of result.fullStream) {
      switch (part.type) {
        case 'text-delta':
          if (part.text.length === 0) break;
          if (firstTokenMs === null) firstTokenMs = performance.now() - started;
          text += part.text;
          input.onDelta?.(part.text);
          break;
        case 'finish-step':
          if (part.response.modelId) model = part.response.modelId;
          break;
        case 'finish':
          finishReason = part.rawFinishReason ?? part.finishReason;
          usage = {
            prompt_tokens: part.totalUsage.inputTokens ?? 0,
            completion_tokens: part.totalUsage.outputTokens ?? 0,
          };
          break;
        case 'error':
          // Keep the first error: later ones are usually consequences of it.
          if (!sawError) streamError = part.error;
          sawError = true;
          break;
        default:
          break;
      }
    }
  } catch (err) {
    throw toAiError(err, context());
  }
  // An abort ends the stream quietly (an 'abort' part); it must still fail the call.
  if (signal.aborted) throw toAiError(signal.reason, context());
  if (sawError) throw toAiError(streamError, context());
  if (text.trim().length === 0) throw emptyAnswer(options.providerLabel, finishReason);

  return {
    text,
    usage,
    model,
    finishReason,
    firstTokenMs,
    totalMs: performance.now() - started,
  };
}

function emptyAnswer(label: string, finishReason: string): AppError {
  return aiError('ai_empty', `${label} returned an empty answer (finish reason: ${finishReason}).`);
}
