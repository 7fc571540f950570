export { aiError, isRetryableAiError, scrubSecrets } from './errors.ts';
export { type CreateAiProviderOptions, createAiProvider } from './factory.ts';
export { type AiHealth, type AiHealthStatus, checkAiHealth } from './health.ts';
export { restructureCv } from './offline/restructure.ts';
export {
  type BuiltPrompt,
  buildFactFixPrompt,
  buildImproveCvPrompt,
  type FactFixPromptInput,
  type ImproveCvPromptInput,
  neutralizeDelimiters,
} from './prompts/improve-cv.prompt.ts';
export {
  PLACEHOLDERS,
  type Redaction,
  type RedactionKind,
  redactPersonalData,
  restorePersonalData,
} from './prompts/redact.ts';
export {
  AI_PROVIDER_NAMES,
  type AiConfig,
  type AiProvider,
  type AiProviderName,
  type AiUsage,
  type GenerateInput,
  type GenerateResult,
  type ImproveCvJob,
  type ImproveCvTask,
} from './provider.ts';
export {
  createOfflineProvider,
  OFFLINE_GENERIC_NOTE,
  OFFLINE_RESTRUCTURE_NOTE,
  type OfflineImprove,
  type OfflineImproveResult,
  type OfflineProviderOptions,
} from './providers/offline.ts';
