// OpenAI through the Responses API, the SDK's default for `openai(model)` since AI SDK 5 and the
// API OpenAI builds new models and features on. The loopback fake implements /v1/responses, so the
// same code path is tested. Servers that only speak Chat Completions belong to openai-compatible.

import type { AiConfig, AiProvider } from '../provider.ts';
import { runStream } from './run-stream.ts';
import { assertConfigured, safeOrigin } from './shared.ts';

export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

export function createOpenAiProvider(config: AiConfig): AiProvider {
  const model = config.model ?? DEFAULT_OPENAI_MODEL;
  const checkConfig = () => {
    if (!config.apiKey)
      return { ok: false, detail: 'openai needs an API key (AI_API_KEY or OPENAI_API_KEY).' };
    const where = config.baseUrl ? ` at ${safeOrigin(config.baseUrl)}` : '';
    return { ok: true, detail: `OpenAI${where}, model ${model}` };
  };
  return {
    name: 'openai',
    model,
    checkConfig,
    async generate(input) {
      assertConfigured(checkConfig());
      // Imported on the first call, as the AI SDK is (see run-stream.ts).
      const { createOpenAI } = await import('@ai-sdk/openai');
      // The key is always passed explicitly so the SDK never falls back to reading the environment.
      const sdk = createOpenAI({
        apiKey: config.apiKey!,
        ...(config.baseUrl ? { baseURL: config.baseUrl } : {}),
      });
      return runStream(
        {
          model: sdk.responses(model),
          modelName: model,
          providerLabel: 'OpenAI',
          secrets: [config.apiKey],
          timeoutMs: config.timeoutMs,
          maxOutputTokens: config.maxOutputTokens,
        },
        input,
      );
    },
  };
}
