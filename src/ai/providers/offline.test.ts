import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../../platform/errors.ts';
import { createAiProvider } from '../factory.ts';
import { buildImproveCvPrompt } from '../prompts/improve-cv.prompt.ts';
import { createOfflineProvider, OFFLINE_RESTRUCTURE_NOTE } from './offline.ts';

const job = {
  position: 'Data Analyst',
  industry: 'Retail',
  experience_level: '0-2',
  company_size: 'medium',
  location: null,
  application_timeline: 'immediate',
  job_description: null,
};

const cvText = [
  'Ann Lee',
  '[email] | [phone]',
  '',
  'WORK EXPERIENCE',
  'Analyst, ShopCo, 2022 - 2024',
  '• Built weekly sales dashboards',
  '▪ Cleaned 3 years of order data',
  '',
  'Education:',
  'BSc Statistics, Leeds, 2022',
].join('\n');

describe('offline provider', () => {
  it('is the default, never pretends to be a model and says that nothing was rewritten', async () => {
    const provider = createAiProvider({ provider: 'offline', timeoutMs: 1000, maxOutputTokens: 100 });
    assert.equal(provider.name, 'offline');
    assert.equal(provider.model, 'offline');
    assert.deepEqual(provider.checkConfig().ok, true);
    const deltas: string[] = [];
    const result = await provider.generate({
      system: 's',
      prompt: 'p',
      task: { kind: 'improve-cv', cvText, job, userPrompt: 'Make it better.' },
      onDelta: (d) => deltas.push(d),
    });
    assert.equal(result.model, 'offline');
    assert.deepEqual(result.usage, { prompt_tokens: 0, completion_tokens: 0 });
    // The CV alone: how it was made is said beside it, for the report, never inside it.
    assert.equal(result.note, OFFLINE_RESTRUCTURE_NOTE);
    assert.doesNotMatch(result.text, /No AI model/);
    assert.equal(deltas.join(''), result.text);
    assert.ok(deltas.length > 1, 'streamed in more than one piece');
    assert.notEqual(result.firstTokenMs, null);
    assert.equal(
      result.text,
      [
        '# Ann Lee',
        '',
        '[email] | [phone]',
        '',
        '## Work Experience',
        '',
        '### Analyst, ShopCo, 2022 - 2024',
        '',
        '- Built weekly sales dashboards',
        '- Cleaned 3 years of order data',
        '',
        '## Education',
        '',
        'BSc Statistics, Leeds, 2022',
        '',
      ].join('\n'),
    );
  });

  it('reads the CV from the improve-cv prompt when no task is given', async () => {
    const provider = createOfflineProvider();
    const built = buildImproveCvPrompt({ questionnaire: job, cvText, userPrompt: 'Make it better.' });
    const result = await provider.generate({ system: built.system, prompt: built.prompt });
    assert.match(result.text, /^# Ann Lee$/m);
    assert.match(result.text, /^- Built weekly sales dashboards$/m);
    assert.ok(!result.text.includes('Data Analyst'), 'the job block is not part of the CV');
  });

  it('uses an injected improver and keeps an honest note beside the CV', async () => {
    const seen: Array<{ cv: string; position: string | undefined }> = [];
    const provider = createAiProvider(
      { provider: 'offline', timeoutMs: 1000, maxOutputTokens: 100 },
      {
        offline: {
          improve: async (cv, j) => {
            seen.push({ cv, position: j?.position });
            return { markdown: '# Ann Lee\n\n## Skills\n\n- SQL' };
          },
        },
      },
    );
    const result = await provider.generate({
      system: 's',
      prompt: 'p',
      task: { kind: 'improve-cv', cvText, job, userPrompt: 'Make it better.' },
    });
    assert.deepEqual(seen, [{ cv: cvText, position: 'Data Analyst' }]);
    assert.match(result.note ?? '', /^No AI model was used/);
    assert.equal(result.text, '# Ann Lee\n\n## Skills\n\n- SQL\n');
  });

  it('fails with ai_empty for an empty CV and job_canceled when the signal is aborted', async () => {
    const provider = createOfflineProvider();
    await assert.rejects(
      provider.generate({
        system: 's',
        prompt: 'p',
        task: { kind: 'improve-cv', cvText: ' \n', job, userPrompt: 'x' },
      }),
      (err) => isAppError(err) && err.code === 'ai_empty',
    );
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      provider.generate({ system: 's', prompt: 'p', signal: controller.signal }),
      (err) => isAppError(err) && err.code === 'job_canceled',
    );
  });
});
