// Small pieces every model provider uses.

import { aiError } from '../errors.ts';

/** A misconfigured provider fails its calls the way a refusing provider would: not retryable. */
export function assertConfigured(check: { ok: boolean; detail: string }): void {
  if (!check.ok) throw aiError('ai_unavailable', `The AI provider is not configured: ${check.detail}`);
}

/** Origin only: a base URL may carry credentials or tokens in its path or query. */
export function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}
