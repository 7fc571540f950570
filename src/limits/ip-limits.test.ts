import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isExemptRoute } from './ip-limits.ts';

it('health, the webhook, the docs and the web app’s static files use up no address limit; pages and the API do', () => {
  for (const route of [
    '/core/health/',
    '/core/payments/webhook/stripe/',
    '/',
    '/schema/',
    '/docs/*',
    '/assets/*',
  ])
    assert.equal(isExemptRoute(route), true, route);
  for (const route of ['/*', '/auth/login/', '/cv/questionnaire/', '/metrics', undefined])
    assert.equal(isExemptRoute(route), false, String(route));
});
