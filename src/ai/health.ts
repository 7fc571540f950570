// Health of the AI service from configuration alone: a health check runs often and must never
// spend money or quota, so it does not call the provider.

import { createAiProvider } from './factory.ts';
import type { AiConfig, AiProviderName } from './provider.ts';

export type AiHealthStatus = 'healthy' | 'unhealthy' | 'skipped';

export interface AiHealth {
  status: AiHealthStatus;
  provider: AiProviderName;
  model: string;
  detail: string;
}

export function checkAiHealth(config: AiConfig | null | undefined): AiHealth {
  if (!config) {
    return {
      status: 'skipped',
      provider: 'offline',
      model: 'offline',
      detail: 'AI is not configured in this process.',
    };
  }
  const provider = createAiProvider(config);
  const check = provider.checkConfig();
  if (check.ok && !(config.timeoutMs > 0)) {
    return {
      status: 'unhealthy',
      provider: provider.name,
      model: provider.model,
      detail: 'timeoutMs must be positive.',
    };
  }
  return {
    status: check.ok ? 'healthy' : 'unhealthy',
    provider: provider.name,
    model: provider.model,
    detail: check.detail,
  };
}
