import type { AiConfig, AiProvider } from './provider.ts';
import { createAnthropicProvider } from './providers/anthropic.ts';
import { createAzureProvider } from './providers/azure.ts';
import { createOfflineProvider, type OfflineProviderOptions } from './providers/offline.ts';
import { createOpenAiProvider } from './providers/openai.ts';
import { createOpenAiCompatibleProvider } from './providers/openai-compatible.ts';

export interface CreateAiProviderOptions {
  /** Used only by the offline provider (e.g. the analysis module's improver). */
  offline?: OfflineProviderOptions;
}

/**
 * Builds the configured provider. Construction never fails: a provider missing its key or URL
 * reports it from checkConfig() (health) and fails each call with ai_unavailable, so a
 * misconfiguration shows on the job instead of stopping the process.
 */
export function createAiProvider(config: AiConfig, options: CreateAiProviderOptions = {}): AiProvider {
  switch (config.provider) {
    case 'offline':
      return createOfflineProvider(options.offline);
    case 'openai':
      return createOpenAiProvider(config);
    case 'azure':
      return createAzureProvider(config);
    case 'anthropic':
      return createAnthropicProvider(config);
    case 'openai-compatible':
      return createOpenAiCompatibleProvider(config);
    default: {
      const unknown: never = config.provider;
      throw new Error(`Unknown AI provider: ${String(unknown)}`);
    }
  }
}
