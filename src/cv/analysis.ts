// Where the CV feature meets the analysis module: the questionnaire as the analysis reads a job,
// the offline provider's improvement, and the report stored with each answer.
import {
  type AiConfig,
  type AiProvider,
  createAiProvider,
  type ImproveCvJob,
  type OfflineImprove,
  restructureCv,
} from '../ai/index.ts';
import {
  buildImprovementReport,
  type CvStructure,
  checkFacts,
  checkPreservation,
  type DeclaredRemoval,
  describeLosses,
  type ExperienceLevel,
  type Fact,
  type FactChange,
  type FactGuardResult,
  improveCvOffline,
  type JobInput,
  type PreservationResult,
  parseCv,
  splitDeclaredRemovals,
} from '../analysis/index.ts';
import type { ImprovementReportOut } from './analysis.schemas.ts';
import type { QuestionnaireRow } from './questionnaire.repository.ts';

const LEVELS: readonly ExperienceLevel[] = ['0-2', '3-5', '6+'];

/** The questionnaire's job as the analysis and the prompts read it. */
export function jobOf(row: QuestionnaireRow) {
  return {
    position: row.position,
    industry: row.industry,
    experience_level: row.experienceLevel,
    company_size: row.companySize,
    application_timeline: row.applicationTimeline,
    location: row.location,
    job_description: row.jobDescription,
  };
}

/** The questionnaire's job as the analysis reads it. */
export function jobInputOf(job: ImproveCvJob): JobInput {
  // The questionnaire schema only stores these three; the middle one is the neutral reading.
  const level = (LEVELS as readonly string[]).includes(job.experience_level)
    ? (job.experience_level as ExperienceLevel)
    : '3-5';
  return {
    position: job.position,
    industry: job.industry,
    experience_level: level,
    job_description: job.job_description ?? null,
    location: job.location ?? null,
  };
}

export const OFFLINE_ANALYSIS_NOTE =
  'No AI model was used: CV Improver’s offline rules reordered your CV for this job, put forward the skills it already shows and listed suggestions. Nothing was rewritten or invented.';

/**
 * The offline provider's answer: the analysis module's improvement, which keeps every fact of the
 * CV by construction. Without a job (a prompt the provider could not read) it only reformats.
 */
export const improveOffline: OfflineImprove = (cvText, job, task) => {
  if (job === null) {
    return {
      markdown: restructureCv(cvText),
      note: 'No AI model was used: your CV text was only reformatted into clean sections. Nothing was rewritten or added.',
    };
  }
  return {
    markdown: improveCvOffline({
      cvText,
      structure: task?.structure,
      job: jobInputOf(job),
      referenceDate: task?.referenceDate,
    }).markdown,
    note: OFFLINE_ANALYSIS_NOTE,
  };
};

/**
 * What "Present" means in a CV: the current month by the platform clock (UTC), so a career from
 * 2014 to present counts to today, not to the latest date the CV happens to mention.
 */
export function referenceMonth(now: Date): string {
  return now.toISOString().slice(0, 7);
}

/** The configured AI provider; the offline one improves with the analysis module. */
export function createCvAiProvider(config: AiConfig): AiProvider {
  return createAiProvider(config, { offline: { improve: improveOffline } });
}

/** What the fact guard found, as the short phrases the fact-fix prompt lists. */
export function describeFindings(findings: { invented: readonly Fact[]; changed: readonly FactChange[] }) {
  return [
    ...findings.invented.map((f) => `${f.value} (${f.kind.replace('_', ' ')}, in "${f.context}")`),
    ...findings.changed.map(
      (c) => `${c.to} (${c.kind.replace('_', ' ')} your CV gives as "${c.from}", in "${c.context}")`,
    ),
  ];
}

export interface FactFixRecord {
  first_pass: { invented: Fact[]; changed: FactChange[]; lost: string[] };
  error: { code: string; message: string } | null;
}

/** An answer checked against the CV: what it invented or changed, and what it lost. */
export interface CheckedAnswer {
  /** the CV alone, without the improver's removal notes */
  cv: string;
  /** that CV as read */
  improved: CvStructure;
  removed: DeclaredRemoval[];
  guard: FactGuardResult;
  preservation: PreservationResult;
  /** true when a fix-up round has something to fix */
  needsFix: boolean;
}

/**
 * Checks a model's answer against the CV (its corrected structure when there is one);
 * `referenceDate` is what "Present" means, so "8 years of experience" is read against today, and
 * the target position named as what the person seeks is no invented fact.
 */
export function checkAnswer(
  source: CvStructure | string,
  answer: string,
  options: { referenceDate: string; targetPosition: string },
): CheckedAnswer {
  const { text, removed } = splitDeclaredRemovals(answer);
  // Each text read once, for both checks and the report.
  const cv = typeof source === 'string' ? parseCv(source) : source;
  const improved = parseCv(text);
  const guard = checkFacts(cv, text, { ...options, improved });
  const preservation = checkPreservation(cv, text, removed);
  return {
    cv: text,
    improved,
    removed,
    guard,
    preservation,
    needsFix: !guard.passed || !preservation.passed,
  };
}

/** What the checks found, as the lists the fix-up prompt gives the model. */
export function describeProblems(checked: CheckedAnswer): { invented: string[]; lost: string[] } {
  return { invented: describeFindings(checked.guard), lost: describeLosses(checked.preservation) };
}

// Answers stored before the CV and the notes about it were kept apart began with this line.
const OFFLINE_NOTE_RE = /^> No AI model was used:[^\n]*\n+/;

/** The CV of a stored answer, without the provenance line older answers carried at their top. */
export function cvOfAnswer(text: string): string {
  return text.replace(OFFLINE_NOTE_RE, '');
}

/** How an answer was made, for the report: the CV itself never says it. */
export function provenanceOf(provider: string, model: string, note: string | undefined) {
  if (provider === 'offline') return { ai_model_used: false, note: note ?? OFFLINE_ANALYSIS_NOTE };
  return {
    ai_model_used: true,
    note: `Written by the AI model ${model} (${provider}) from your CV and checked fact by fact against it; read it before you send it.`,
  };
}

/** The report stored with a succeeded answer. */
export function reportFor(input: {
  cvText: string;
  /** The CV's structure (as its owner corrected it, or as read from `cvText`); read from `cvText` when absent */
  structure?: CvStructure | undefined;
  answer: string;
  job: ImproveCvJob;
  factFix: FactFixRecord | null;
  /** `YYYY-MM` that "Present" means (see referenceMonth) */
  referenceDate: string;
  /** bullets the improver said it removed on purpose */
  removed?: readonly DeclaredRemoval[];
  provenance: { ai_model_used: boolean; note: string };
  /** The checks of this very answer (checkAnswer), so the report does not run them again */
  checked?: Pick<CheckedAnswer, 'cv' | 'improved' | 'guard' | 'preservation'> | undefined;
}): ImprovementReportOut {
  const improvedMarkdown = cvOfAnswer(input.answer);
  const report = buildImprovementReport({
    sourceCvText: input.cvText,
    sourceStructure: input.structure,
    improvedMarkdown,
    job: jobInputOf(input.job),
    referenceDate: input.referenceDate,
    declaredRemovals: input.removed,
    checks: input.checked?.cv === improvedMarkdown ? input.checked : undefined,
  });
  let factFix: ImprovementReportOut['fact_fix'] = null;
  if (input.factFix) {
    const remaining = new Set([
      ...report.fact_guard.invented.map((f) => f.key),
      ...report.fact_guard.changed.map((c) => `${c.kind}:${c.to}`),
    ]);
    const removed = [
      ...input.factFix.first_pass.invented.filter((f) => !remaining.has(f.key)).map((f) => f.value),
      ...input.factFix.first_pass.changed.filter((c) => !remaining.has(`${c.kind}:${c.to}`)).map((c) => c.to),
    ];
    factFix = { ...input.factFix, removed: [...new Set(removed)] };
  }
  return { ...report, fact_fix: factFix, provenance: input.provenance };
}
