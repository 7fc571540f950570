// The improve-CV steps run alone, without a queue or a worker: the ones that need no database are
// driven here with a scripted provider; the job as a whole is tested in test/ai-responses-*.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AiProvider, GenerateInput, GenerateResult } from '../ai/index.ts';
import { AppError } from '../platform/errors.ts';
import { createLogger } from '../platform/logger.ts';
import type { AiResponseEvent } from './ai-response.events.ts';
import type { AiResponseRow } from './ai-response.repository.ts';
import { reportFor } from './analysis.ts';
import {
  checkAndFixFacts,
  classifyFailure,
  type Draft,
  FACT_CHECK_PROGRESS,
  FinalFailure,
  type ImproveRun,
  inputsOf,
  type StepDeps,
  storedDraft,
} from './improve-cv.steps.ts';
import type { QuestionnaireRow } from './questionnaire.repository.ts';

const logger = createLogger('silent');
const NOW = new Date('2025-06-15T12:00:00Z');

const CV = [
  'Ada Lovelace',
  'Experience',
  'Software Engineer, Acme GmbH (2019 – present)',
  '- Built APIs in TypeScript',
  'Education',
  'BSc Computer Science, University of Leeds, 2018',
  'Skills',
  'TypeScript, PostgreSQL',
].join('\n');
const INVENTED = CV.replace('Education', 'Senior Engineer, Northwind Traders Ltd (2015 – 2019)\nEducation');

function questionnaire(changes: Partial<QuestionnaireRow> = {}): QuestionnaireRow {
  return {
    id: 1,
    userId: 1,
    position: 'Backend Engineer',
    industry: 'Software',
    experienceLevel: '3-5',
    companySize: 'medium',
    applicationTimeline: '1-3 months',
    location: 'Berlin',
    jobDescription: 'TypeScript and PostgreSQL.',
    resumeStatus: 'ready',
    resumeText: CV,
    resumeError: null,
    resumeStructure: null,
    ...changes,
  } as QuestionnaireRow;
}

/** A provider that answers from a script and records what it was asked. */
function scriptedProvider(name: AiProvider['name'], answers: Array<string | Error>) {
  const calls: GenerateInput[] = [];
  const provider: AiProvider = {
    name,
    model: 'scripted-1',
    async generate(input): Promise<GenerateResult> {
      calls.push(input);
      const next = answers.shift();
      if (next === undefined) throw new Error('no answer left in the script');
      if (next instanceof Error) throw next;
      const usage = { prompt_tokens: 100, completion_tokens: 50 };
      return { text: next, usage, model: 'scripted-1', finishReason: 'stop', firstTokenMs: 5, totalMs: 40 };
    },
    checkConfig: () => ({ ok: true, detail: 'scripted' }),
  };
  return { provider, calls };
}

function setUp(ai: AiProvider, isLastAttempt = true) {
  const published: AiResponseEvent[] = [];
  const deps = {
    // Unused: the draft below counts as stored already.
    db: undefined,
    ai,
    clock: { now: () => NOW },
    logger,
    publish: async (_id: number, event: AiResponseEvent) => {
      published.push(event);
    },
    progressIntervalMs: 250,
  } as unknown as StepDeps;
  const run: ImproveRun = {
    id: 7,
    row: { id: 7, progress: 0 } as AiResponseRow,
    canceled: new AbortController(),
    workerSignal: new AbortController().signal,
    isLastAttempt,
  };
  return { deps, run, published, inputs: inputsOf(questionnaire(), 'Focus on backend work.', NOW) };
}

const draftOf = (text: string): Draft => ({
  text,
  usage: { prompt_tokens: 1_000, completion_tokens: 500 },
  model: 'scripted-1',
  firstTokenMs: 300,
  totalMs: 2_000,
});

describe('inputsOf', () => {
  test('a CV still being read, or unreadable, is a final failure that says what to do', () => {
    assert.throws(
      () => inputsOf(questionnaire({ resumeStatus: 'processing', resumeText: null }), '', NOW),
      (error: unknown) => error instanceof FinalFailure && /still being read/.test(error.message),
    );
    assert.throws(
      () => inputsOf(questionnaire({ resumeStatus: 'failed', resumeError: 'It is a scan.' }), '', NOW),
      (error: unknown) =>
        error instanceof FinalFailure &&
        error.failure.code === 'resume_unreadable' &&
        error.message.includes('It is a scan.'),
    );
  });

  test('a read CV gives the prompt, the job and the month that "present" means', () => {
    const inputs = inputsOf(questionnaire(), 'Focus on backend work.', NOW);
    assert.equal(inputs.referenceDate, '2025-06');
    assert.equal(inputs.modelCv, CV, 'uncorrected: the model reads the extracted text');
    assert.equal(inputs.structure, undefined);
    assert.equal(inputs.job.position, 'Backend Engineer');
    assert.match(inputs.prompt.prompt, /Acme GmbH/);
    assert.match(inputs.prompt.prompt, /Focus on backend work\./);
  });
});

describe('storedDraft', () => {
  test('only a row stopped at the fact check holds a draft to resume from', () => {
    const draft = {
      usage: { prompt_tokens: 1, completion_tokens: 2 },
      model: 'm',
      firstTokenMs: 1,
      totalMs: 2,
    };
    const row = { responseText: 'text', report: { stage: 'fact_check', draft } } as AiResponseRow;
    assert.deepEqual(storedDraft(row), { ...draft, text: 'text' });
    assert.equal(storedDraft({ ...row, report: null }), null);
    assert.equal(storedDraft({ ...row, responseText: null }), null);
  });
});

describe('checkAndFixFacts', () => {
  test('a faithful draft stands as it is, with no second call', async () => {
    const { provider, calls } = scriptedProvider('openai', []);
    const { deps, run, inputs, published } = setUp(provider);
    const checked = await checkAndFixFacts(deps, run, inputs, draftOf(CV), true);
    assert.equal(checked?.text, CV);
    assert.equal(checked?.factFix, null);
    assert.equal(calls.length, 0);
    assert.deepEqual(published, []);
  });

  test("a faithful draft's checks are kept, and the report made from them is the one made without", async () => {
    const { provider } = scriptedProvider('openai', []);
    const { run, deps, inputs } = setUp(provider);
    const rewrite = CV.replace('Built APIs in TypeScript', 'Built the APIs in TypeScript');
    const checked = await checkAndFixFacts(deps, run, inputs, draftOf(rewrite), true);
    assert.ok(checked?.checked, 'the checks travel with the answer');
    const report = (reuse: boolean) =>
      reportFor({
        cvText: inputs.cvText,
        answer: checked!.text,
        job: inputs.job,
        factFix: null,
        referenceDate: inputs.referenceDate,
        removed: checked!.removed,
        provenance: { ai_model_used: true, note: 'n' },
        checked: reuse ? checked!.checked : undefined,
      });
    assert.deepEqual(report(true), report(false));
  });

  test('the offline provider is not checked: it has no model to ask again', async () => {
    const { provider, calls } = scriptedProvider('offline', []);
    const { deps, run, inputs } = setUp(provider);
    const checked = await checkAndFixFacts(deps, run, inputs, draftOf(INVENTED), true);
    assert.equal(checked?.text, INVENTED);
    assert.equal(calls.length, 0);
  });

  test('an invented employer sends the draft back once; the fix replaces it and the usage adds up', async () => {
    const { provider, calls } = scriptedProvider('openai', [CV]);
    const { deps, run, inputs, published } = setUp(provider);
    const checked = await checkAndFixFacts(deps, run, inputs, draftOf(INVENTED), true);
    assert.equal(calls.length, 1);
    assert.match(calls[0]?.prompt ?? '', /Northwind Traders Ltd/, 'the fix call names what to remove');
    assert.equal(checked?.text, CV);
    assert.deepEqual(checked?.usage, { prompt_tokens: 1_100, completion_tokens: 550 });
    assert.equal(checked?.factFixMs, 40);
    assert.ok(checked?.factFix?.first_pass.invented.some((f) => f.value.includes('Northwind')));
    assert.equal(checked?.factFix?.error, null);
    assert.deepEqual(published, [{ type: 'progress', progress: FACT_CHECK_PROGRESS, stage: 'fact_check' }]);
  });

  test('a fix call that fails for good keeps the draft and says why', async () => {
    const failure = new AppError('ai_unavailable', 'The AI provider is unavailable.', {
      extensions: { retryable: false },
    });
    const { provider } = scriptedProvider('openai', [failure]);
    const { deps, run, inputs } = setUp(provider);
    const checked = await checkAndFixFacts(deps, run, inputs, draftOf(INVENTED), true);
    assert.equal(checked?.text, INVENTED);
    assert.deepEqual(checked?.factFix?.error, { code: 'ai_unavailable', message: failure.message });
  });

  test('a fix call that fails before the last attempt goes back to the queue', async () => {
    const { provider } = scriptedProvider('openai', [new Error('connection reset')]);
    const { deps, run, inputs } = setUp(provider, false);
    await assert.rejects(checkAndFixFacts(deps, run, inputs, draftOf(INVENTED), true), /connection reset/);
  });

  test('canceled during the fix call: nothing to store', async () => {
    const { provider } = scriptedProvider('openai', [CV]);
    const { deps, run, inputs } = setUp(provider);
    const generate = provider.generate.bind(provider);
    provider.generate = async (input) => {
      run.canceled.abort();
      return generate(input);
    };
    assert.equal(await checkAndFixFacts(deps, run, inputs, draftOf(INVENTED), true), null);
  });
});

describe('classifyFailure', () => {
  const transient = new AppError('ai_timeout', 'The AI provider took too long.', {
    extensions: { retryable: true },
  });

  test('a final failure is stored as it says', () => {
    const failure = { code: 'resume_unreadable', message: 'x' } as const;
    assert.deepEqual(classifyFailure(new FinalFailure(failure), false, logger, 1), failure);
  });

  test('a transient AI failure is retried until the last attempt, then stored', () => {
    assert.equal(classifyFailure(transient, false, logger, 1), 'retry');
    assert.deepEqual(classifyFailure(transient, true, logger, 1), {
      code: 'ai_timeout',
      message: transient.message,
    });
  });

  test('an unexpected error is retried, and stored at the last attempt without its details', () => {
    assert.equal(classifyFailure(new Error('boom'), false, logger, 1), 'retry');
    assert.deepEqual(classifyFailure(new Error('boom'), true, logger, 1), {
      code: 'internal_error',
      message: 'The improvement failed because of an error on our side. Please try again.',
    });
  });
});
