// The one interface every AI provider implements, and the plain configuration object that selects one.
//
// Nothing in src/ai reads process.env: the project's config module maps the environment to AiConfig.
// Expected mapping (the config module owns defaults and validation):
//   AI_PROVIDER              → provider ('offline' when unset)
//   AI_MODEL                 → model (for azure, the deployment when AZURE_OPENAI_DEPLOYMENT is unset)
//   AI_API_KEY               → apiKey; falls back to OPENAI_API_KEY for 'openai' and ANTHROPIC_API_KEY
//                              for 'anthropic' (and AZURE_OPENAI_API_KEY for 'azure' if the config wants it)
//   AI_BASE_URL              → baseUrl (required for 'openai-compatible'; optional for the others)
//   AZURE_OPENAI_RESOURCE    → azureResourceName
//   AZURE_OPENAI_API_VERSION → azureApiVersion
//   AZURE_OPENAI_DEPLOYMENT  → azureDeployment
//   AI_TIMEOUT_MS            → timeoutMs
//   AI_MAX_OUTPUT_TOKENS     → maxOutputTokens

import type { CvStructure } from '../analysis/index.ts';

// The provider names and the AI part of the configuration are the configuration's to define (the
// floor the features stand on); the AI feature uses them from there.
import type { AiProviderName } from '../platform/config.ts';

export { AI_PROVIDER_NAMES, type AiConfig, type AiProviderName } from '../platform/config.ts';

/** The job fields the prompt uses; the values are the questionnaire's choice values. */
export interface ImproveCvJob {
  position: string;
  industry: string;
  experience_level: string;
  company_size: string;
  location?: string | null | undefined;
  application_timeline: string;
  job_description?: string | null | undefined;
}

/**
 * What the call is for, in structured form. Model providers only use `system` and `prompt`; the
 * offline provider has no model to read a prompt, so it works from these fields instead.
 */
export interface ImproveCvTask {
  kind: 'improve-cv';
  cvText: string;
  job: ImproveCvJob;
  userPrompt: string;
  /** The CV's structure as its owner corrected it, when they did: it stands instead of `cvText`. */
  structure?: CvStructure | undefined;
  /** `YYYY-MM` that "Present" means in the CV (the current month). */
  referenceDate?: string | undefined;
}

export interface GenerateInput {
  system: string;
  prompt: string;
  signal?: AbortSignal | undefined;
  /** Overrides the configured limit for this call. */
  maxOutputTokens?: number | undefined;
  /** Called with each piece of text as it arrives, in order. */
  onDelta?: ((text: string) => void) | undefined;
  task?: ImproveCvTask | undefined;
}

export interface AiUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

export interface GenerateResult {
  text: string;
  usage: AiUsage;
  /** The model that answered, as the provider reported it (falls back to the configured one). */
  model: string;
  finishReason: string;
  /** Milliseconds from the call to the first non-empty delta; null when nothing streamed. */
  firstTokenMs: number | null;
  totalMs: number;
  /** How the answer was made, when the provider is no model (the offline one): for the report, not the CV. */
  note?: string;
}

export interface AiProvider {
  readonly name: AiProviderName;
  readonly model: string;
  /** Throws AppError with an ai_* code (or job_canceled when the caller's signal aborted). */
  generate(input: GenerateInput): Promise<GenerateResult>;
  /** Checks configuration only; never calls the provider. */
  checkConfig(): { ok: boolean; detail: string };
}
