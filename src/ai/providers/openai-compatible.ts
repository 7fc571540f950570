// Any server that speaks OpenAI Chat Completions (Ollama, vLLM, LM Studio, llama.cpp, gateways).
// The key is optional because local servers usually have none.

import type { AiConfig, AiProvider } from '../provider.ts';
import { runStream } from './run-stream.ts';
import { assertConfigured, safeOrigin } from './shared.ts';

export function createOpenAiCompatibleProvider(config: AiConfig): AiProvider {
  const model = config.model ?? '';
  const checkConfig = () => {
    if (!config.baseUrl) return { ok: false, detail: 'openai-compatible needs a base URL (AI_BASE_URL).' };
    if (!model) return { ok: false, detail: 'openai-compatible needs a model name (AI_MODEL).' };
    return { ok: true, detail: `openai-compatible server at ${safeOrigin(config.baseUrl)}, model ${model}` };
  };
  return {
    name: 'openai-compatible',
    model,
    checkConfig,
    async generate(input) {
      assertConfigured(checkConfig());
      // Imported on the first call, as the AI SDK is (see run-stream.ts).
      const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible');
      const sdk = createOpenAICompatible({
        name: 'openai-compatible',
        baseURL: config.baseUrl!,
        ...(config.apiKey ? { apiKey: config.apiKey } : {}),
        // Without it the server sends no usage in a streamed answer.
        includeUsage: true,
      });
      return runStream(
        {
          model: sdk.chatModel(model),
          modelName: model,
          providerLabel: 'The OpenAI-compatible server',
          secrets: [config.apiKey],
          timeoutMs: config.timeoutMs,
          maxOutputTokens: config.maxOutputTokens,
        },
        input,
      );
    },
  };
}
