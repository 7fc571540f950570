// Anthropic Messages API.

import type { AiConfig, AiProvider } from '../provider.ts';
import { runStream } from './run-stream.ts';
import { assertConfigured, safeOrigin } from './shared.ts';

export const DEFAULT_ANTHROPIC_MODEL = 'claude-sonnet-4-5';

export function createAnthropicProvider(config: AiConfig): AiProvider {
  const model = config.model ?? DEFAULT_ANTHROPIC_MODEL;
  const checkConfig = () => {
    if (!config.apiKey) {
      return { ok: false, detail: 'anthropic needs an API key (AI_API_KEY or ANTHROPIC_API_KEY).' };
    }
    const where = config.baseUrl ? ` at ${safeOrigin(config.baseUrl)}` : '';
    return { ok: true, detail: `Anthropic${where}, model ${model}` };
  };
  return {
    name: 'anthropic',
    model,
    checkConfig,
    async generate(input) {
      assertConfigured(checkConfig());
      // Imported on the first call, as the AI SDK is (see run-stream.ts).
      const { createAnthropic } = await import('@ai-sdk/anthropic');
      const sdk = createAnthropic({
        apiKey: config.apiKey!,
        ...(config.baseUrl ? { baseURL: config.baseUrl } : {}),
      });
      return runStream(
        {
          model: sdk.messages(model),
          modelName: model,
          providerLabel: 'Anthropic',
          secrets: [config.apiKey],
          timeoutMs: config.timeoutMs,
          maxOutputTokens: config.maxOutputTokens,
        },
        input,
      );
    },
  };
}
