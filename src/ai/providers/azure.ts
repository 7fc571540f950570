// Azure OpenAI through Chat Completions: every Azure deployment and API version supports it, while
// the Responses API depends on region, model and API version.
//
// Two URL shapes, chosen by the API version:
// - unset, 'v1' or 'preview': the v1 API, `{base}/openai/v1/chat/completions`, deployment in the body;
// - a dated version ('2024-10-21'): `{base}/openai/deployments/{deployment}/chat/completions?api-version=...`.

import type { AiConfig, AiProvider } from '../provider.ts';
import { runStream } from './run-stream.ts';
import { assertConfigured, safeOrigin } from './shared.ts';

export function createAzureProvider(config: AiConfig): AiProvider {
  const deployment = config.azureDeployment ?? config.model ?? '';
  const apiVersion = config.azureApiVersion ?? 'v1';
  const deploymentUrls = apiVersion !== 'v1' && apiVersion !== 'preview';
  const checkConfig = () => {
    if (!config.apiKey) return { ok: false, detail: 'azure needs an API key (AI_API_KEY).' };
    if (!config.azureResourceName && !config.baseUrl) {
      return {
        ok: false,
        detail: 'azure needs a resource name (AZURE_OPENAI_RESOURCE) or a base URL (AI_BASE_URL).',
      };
    }
    if (!deployment)
      return { ok: false, detail: 'azure needs a deployment (AZURE_OPENAI_DEPLOYMENT or AI_MODEL).' };
    const where = config.baseUrl ? safeOrigin(config.baseUrl) : `resource ${config.azureResourceName}`;
    return { ok: true, detail: `Azure OpenAI ${where}, deployment ${deployment}, API version ${apiVersion}` };
  };
  return {
    name: 'azure',
    model: deployment,
    checkConfig,
    async generate(input) {
      assertConfigured(checkConfig());
      // Imported on the first call, as the AI SDK is (see run-stream.ts).
      const { createAzure } = await import('@ai-sdk/azure');
      const sdk = createAzure({
        apiKey: config.apiKey!,
        // A base URL wins over the resource name, as in the SDK; both never reach the environment.
        ...(config.baseUrl ? { baseURL: config.baseUrl } : { resourceName: config.azureResourceName! }),
        apiVersion,
        useDeploymentBasedUrls: deploymentUrls,
      });
      return runStream(
        {
          model: sdk.chat(deployment),
          modelName: deployment,
          providerLabel: 'Azure OpenAI',
          secrets: [config.apiKey],
          timeoutMs: config.timeoutMs,
          maxOutputTokens: config.maxOutputTokens,
        },
        input,
      );
    },
  };
}
