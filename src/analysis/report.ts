// The honest report that goes with every improved CV: the match score before and after, each
// requirement explained, what is still missing (to add only if true), the fact guard's findings,
// and a short list of the changes made, read from a diff of the two structures.
import { type CvStructure, parseCv, type SectionKey } from './cv-structure.ts';
import { currentMonth } from './dates.ts';
import { checkFacts, type Fact, type FactChange, type FactGuardResult } from './fact-guard.ts';
import { analyzeJob, type JobInput, type JobProfile, skillName } from './job.ts';
import {
  MATCH_SCORE_VERSION,
  type RequirementMatch,
  type RequirementStatus,
  scoreMatch,
} from './match-score.ts';
import { type CvSuggestion, SECTION_ORDER, suggestionsFor, WEAK_PHRASE_RE } from './offline-improve.ts';
import { checkPreservation, type DeclaredRemoval, type PreservationResult } from './preservation.ts';
import { findSkills } from './skills.ts';
import { fold } from './text.ts';

export interface ExplainedRequirement extends RequirementMatch {
  readonly status_before: RequirementStatus;
}

export interface MissingRequirement {
  readonly requirement: string;
  readonly importance: 'must' | 'nice';
  readonly suggestion: string;
}

/** A requirement the improved CV would cover only through a fact the fact guard flags. */
export interface NotCredited {
  readonly requirement: string;
  readonly because: string;
}

export interface ReportChange {
  readonly change: string;
  readonly reason: string;
}

export interface ImprovementReport {
  readonly version: string;
  readonly score_before: number;
  /** the improved CV's match, without the lines of facts the fact guard flags as invented or changed */
  readonly score_after: number;
  readonly requirements: ExplainedRequirement[];
  readonly covered: string[];
  readonly missing: MissingRequirement[];
  /** what score_after and covered leave out because only a flagged fact would prove it */
  readonly not_credited: NotCredited[];
  readonly fact_guard: {
    readonly invented: Fact[];
    readonly changed: FactChange[];
    readonly dropped: Fact[];
    readonly passed: boolean;
  };
  readonly changes: ReportChange[];
  /** what of the CV was kept, merged and dropped (and why), item by item */
  readonly preservation: PreservationResult;
  /** advice on the improved CV's own lines, in its language; never printed in the CV */
  readonly suggestions: CvSuggestion[];
}

export interface CvAnalysis {
  readonly version: string;
  readonly score: number;
  readonly requirements: RequirementMatch[];
  readonly covered: string[];
  readonly missing: MissingRequirement[];
  readonly structure: CvStructure;
}

/** English names of the sections a CV structure carries, for messages and written-out CVs. */
export const SECTION_NAMES: Partial<Record<SectionKey, string>> = {
  summary: 'Summary',
  experience: 'Experience',
  education: 'Education',
  skills: 'Skills',
  projects: 'Projects',
  certificates: 'Certifications',
  languages: 'Languages',
  volunteer: 'Volunteering',
};

function asProfile(job: JobInput | JobProfile): JobProfile {
  return 'requirements' in job ? job : analyzeJob(job);
}

function suggestionFor(r: RequirementMatch): string {
  switch (r.kind) {
    case 'skill':
      // A free-text requirement may be a licence or a field of work, not something one "uses".
      if (r.id.startsWith('text:'))
        return `Add only if true: ${r.requirement}, in the role, course or certificate where you have it.`;
      return `Add only if true: where you used ${r.requirement}, in which role or project, and what it achieved.`;
    case 'experience':
      return `Add only if true: experience the CV leaves out (earlier roles, freelance work) that counts toward ${r.requirement}.`;
    case 'degree':
      return 'Add only if true: the degree or equivalent qualification the job asks for, with institution and dates.';
    case 'language':
      return `Add only if true: your level of ${r.requirement} (for example B2, C1, native).`;
    case 'title':
      return `Add only if true: a role you held with the responsibilities of a ${r.requirement}, under its real title.`;
    case 'industry':
      return `Add only if true: work you did in or for the ${r.requirement} industry.`;
  }
}

function missingOf(requirements: readonly RequirementMatch[]): MissingRequirement[] {
  return requirements
    .filter((r) => r.status === 'missing')
    .map((r) => ({ requirement: r.requirement, importance: r.importance, suggestion: suggestionFor(r) }));
}

function orderReason(level: JobProfile['experienceLevel'], moved: SectionKey, below: SectionKey): string {
  const recommended = SECTION_ORDER[level];
  const followsLevel =
    recommended.indexOf(moved) !== -1 && recommended.indexOf(moved) < recommended.indexOf(below);
  if (!followsLevel) {
    return moved === 'skills'
      ? 'the skills the job asks for are seen first'
      : `an order of the improved CV's own choosing, not the usual one for a ${level} candidate`;
  }
  if (level === '0-2') {
    return moved === 'education' || moved === 'projects' || moved === 'skills'
      ? 'for a 0-2 candidate, education, projects and skills say more than a short work history'
      : 'for a 0-2 candidate, the strongest evidence goes first';
  }
  if (level === '6+') {
    if (moved === 'experience')
      return 'for a 6+ candidate, recent experience is what a reader looks for first';
    if (moved === 'summary') return 'for a 6+ candidate, a short summary frames the experience that follows';
    if (below === 'education') return 'for a 6+ candidate, what you did matters more than where you studied';
    return 'for a 6+ candidate, the evidence closest to the job comes first';
  }
  return 'skills and experience that prove the requirements come first';
}

function orderChanges(
  before: SectionKey[],
  after: SectionKey[],
  level: JobProfile['experienceLevel'],
): ReportChange[] {
  const changes: ReportChange[] = [];
  const common = after.filter((k) => before.includes(k) && SECTION_NAMES[k] !== undefined);
  for (let i = 0; i < common.length; i++) {
    for (let j = i + 1; j < common.length; j++) {
      const a = common[i]!;
      const b = common[j]!;
      if (before.indexOf(a) > before.indexOf(b)) {
        changes.push({
          change: `Moved ${SECTION_NAMES[a]} above ${SECTION_NAMES[b]}`,
          reason: orderReason(level, a, b),
        });
      }
    }
  }
  // A reorder moves one section past several; the first few pairs tell the story.
  return changes.slice(0, 3);
}

const quoted = (text: string) => `'${text.length > 60 ? `${text.slice(0, 57)}...` : text}'`;

/**
 * What happened to the bullets, as the preservation check found it: so the change list never says
 * "removed" of a bullet that was merged, nor "rephrased" of one that is gone.
 */
function bulletChanges(source: CvStructure, improvedText: string, kept: PreservationResult): ReportChange[] {
  const changes: ReportChange[] = [];
  const after = fold(improvedText.replace(/\s+/g, ' '));
  const dropped = new Map(kept.dropped.filter((d) => d.kind === 'bullet').map((d) => [d.value, d]));
  const merged = new Map(kept.merged.map((m) => [m.bullet, m.into]));
  for (const h of [...source.work, ...source.volunteer].flatMap((w) => w.highlights)) {
    const drop = dropped.get(h);
    const into = merged.get(h);
    if (drop !== undefined) {
      changes.push({
        change: `Removed ${quoted(h)}`,
        reason: drop.intended
          ? (drop.reason ?? 'less relevant to the target job')
          : 'no reason was given: check it',
      });
    } else if (into !== undefined) {
      changes.push({
        change: `Merged ${quoted(h)} into ${quoted(into)}`,
        reason: 'one line for one piece of work',
      });
    } else if (!after.includes(fold(h.replace(/\s+/g, ' ')))) {
      const weak = WEAK_PHRASE_RE.exec(fold(h));
      changes.push(
        weak !== null
          ? {
              change: `Rewrote ${quoted(h)} as an achievement`,
              reason: `"${h.slice(0, weak[0].length)}" describes a duty, not a result`,
            }
          : { change: `Rephrased ${quoted(h)}`, reason: 'clearer wording with the same facts' },
      );
    }
    if (changes.length >= 6) break;
  }
  return changes;
}

function skillChanges(source: CvStructure, improved: CvStructure, job: JobProfile): ReportChange[] {
  const listed = (cv: CvStructure) =>
    new Set(cv.skills.flatMap((g) => g.keywords.flatMap((k) => findSkills(k).map((h) => h.id))));
  const before = listed(source);
  const after = listed(improved);
  const wanted = new Set(
    job.requirements.flatMap((r) => r.anyOf ?? (r.skillId === undefined ? [] : [r.skillId])),
  );
  const added = [...after].filter((id) => !before.has(id) && wanted.has(id));
  const out: ReportChange[] = [];
  if (added.length > 0) {
    out.push({
      change: `Listed ${added.map(skillName).join(', ')} in Skills`,
      reason: 'the job asks for them and the CV already shows them elsewhere',
    });
  }
  const mentioned = new Set(
    improved.meta.sections.flatMap((s) => s.lines.flatMap((l) => findSkills(l.text).map((h) => h.id))),
  );
  const removed = [...before].filter((id) => !mentioned.has(id));
  if (removed.length > 0) {
    const asked = removed.filter((id) => wanted.has(id));
    out.push({
      change: `Left out ${removed.map(skillName).join(', ')}`,
      reason:
        asked.length === 0
          ? 'not asked for by this job'
          : `check this: the job asks for ${asked.map(skillName).join(', ')}`,
    });
  }
  const firstBefore = source.skills[0]?.keywords[0];
  const firstAfter = improved.skills[0]?.keywords[0];
  if (
    firstAfter !== undefined &&
    firstBefore !== firstAfter &&
    improved.skills[0]!.keywords.some((k) => wanted.has(findSkills(k)[0]?.id ?? ''))
  ) {
    out.push({
      change: 'Put the skills the job asks for first in Skills',
      reason: 'a reader scans the first line of a list',
    });
  }
  return out;
}

/** A flagged fact of the improved CV, with its line there. */
interface Flagged {
  readonly line: number;
  readonly kind: Fact['kind'];
  readonly value: string;
  /** for a changed fact: what the CV says instead */
  readonly from: string | null;
}

function flaggedFacts(guard: FactGuardResult): Flagged[] {
  return [
    ...guard.invented.map((f) => ({ line: f.line, kind: f.kind, value: f.value, from: null })),
    ...guard.changed.map((c) => ({ line: c.line, kind: c.kind, value: c.to, from: c.from })),
  ];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The improved CV as it may be credited: a line with a flagged fact is blanked (its claim rests on
 * the fact), except that an invented skill is only cut out of its line, so the true skills of a
 * list line keep their credit. Line numbers stay those of the improved CV.
 */
function creditableText(improvedMarkdown: string, flagged: readonly Flagged[]): string {
  const lines = improvedMarkdown.split('\n');
  const byLine = new Map<number, Flagged[]>();
  for (const f of flagged) byLine.set(f.line, [...(byLine.get(f.line) ?? []), f]);
  for (const [n, facts] of byLine) {
    const text = lines[n - 1];
    if (text === undefined) continue;
    if (facts.every((f) => f.kind === 'skill' && f.from === null)) {
      let cut = text;
      for (const f of facts)
        cut = cut.replace(
          new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(f.value)}(?![\\p{L}\\p{N}])`, 'giu'),
          '',
        );
      lines[n - 1] = cut.replace(/\s*([,;|·])\s*(?:[,;|·]\s*)+/g, '$1 ').replace(/[\s,;|·]+$/, '');
    } else lines[n - 1] = '';
  }
  return lines.join('\n');
}

const RANK: Record<RequirementStatus, number> = { covered: 2, weak: 1, missing: 0 };

/** Why a requirement the full improved CV proves is not credited: the flagged facts its evidence rests on. */
function notCredited(
  claimed: readonly RequirementMatch[],
  credited: readonly RequirementMatch[],
  flagged: readonly Flagged[],
): NotCredited[] {
  const byId = new Map(credited.map((r) => [r.id, r]));
  const out: NotCredited[] = [];
  for (const r of claimed) {
    const kept = byId.get(r.id);
    if (kept !== undefined && RANK[kept.status] >= RANK[r.status] && kept.credit >= r.credit) continue;
    const lines = new Set(r.evidence.map((e) => e.line));
    const cited = flagged.filter((f) => lines.has(f.line));
    const facts = (cited.length > 0 ? cited : flagged)
      .slice(0, 3)
      .map((f) =>
        f.from === null
          ? `"${f.value}" (${f.kind.replace('_', ' ')}) is not in the CV`
          : `"${f.value}" (${f.kind.replace('_', ' ')}) is "${f.from}" in the CV`,
      );
    out.push({
      requirement: r.requirement,
      because: `${r.status === 'covered' ? 'Covered' : 'Weak'} only through facts the CV does not support: ${facts.join('; ')}. Counted as ${kept?.status ?? 'missing'}.`,
    });
  }
  return out;
}

/** The report for an improved CV: scores, requirements, missing items, fact guard and changes. */
export function buildImprovementReport(input: {
  sourceCvText: string;
  /** The source CV's structure as the user corrected it; used instead of reading `sourceCvText` */
  sourceStructure?: CvStructure | undefined;
  improvedMarkdown: string;
  job: JobInput | JobProfile;
  /** `YYYY-MM` that "Present" means; the API passes the current month, tests a fixed one */
  referenceDate?: string | undefined;
  /** bullets the improver said it removed on purpose (see splitDeclaredRemovals) */
  declaredRemovals?: readonly DeclaredRemoval[] | undefined;
  /**
   * The fact guard and preservation check already run on this very text against this source
   * (the job checks an answer before storing it): not run a second time.
   */
  checks?:
    | { guard: FactGuardResult; preservation: PreservationResult; improved?: CvStructure | undefined }
    | undefined;
}): ImprovementReport {
  const job = asProfile(input.job);
  const source = input.sourceStructure ?? parseCv(input.sourceCvText);
  const improved = input.checks?.improved ?? parseCv(input.improvedMarkdown);
  // Both scores count "Present" up to the same month, so only the text can move the score.
  const referenceDate = input.referenceDate ?? currentMonth();
  const options = { referenceDate };
  const before = scoreMatch(source, job, options);
  const guard =
    input.checks?.guard ??
    checkFacts(source, input.improvedMarkdown, { referenceDate, targetPosition: job.position });
  // The score after never credits an invented fact: it is read from the improved CV without them.
  const flagged = flaggedFacts(guard);
  const claimed = scoreMatch(improved, job, options);
  const after =
    flagged.length === 0
      ? claimed
      : scoreMatch(parseCv(creditableText(input.improvedMarkdown, flagged)), job, options);
  const preservation =
    input.checks?.preservation ?? checkPreservation(source, input.improvedMarkdown, input.declaredRemovals);
  const statusBefore = new Map(before.requirements.map((r) => [r.id, r.status]));
  const requirements = after.requirements.map((r) => ({
    ...r,
    status_before: statusBefore.get(r.id) ?? 'missing',
  }));

  const changes: ReportChange[] = [
    ...orderChanges(source.meta.sectionOrder, improved.meta.sectionOrder, job.experienceLevel),
    ...skillChanges(source, improved, job),
    ...bulletChanges(source, input.improvedMarkdown, preservation),
  ];
  if (source.basics.summary === null && improved.basics.summary !== null) {
    changes.push({
      change: 'Added a summary',
      reason: 'a short opening tells the reader what you offer for this role',
    });
  }
  for (const r of requirements) {
    if (r.status === 'covered' && r.status_before !== 'covered' && r.kind === 'skill') {
      changes.push({
        change: `Made ${r.requirement} visible in ${r.found_in[0] ?? 'the CV'}`,
        reason: r.importance === 'must' ? 'a must-have of the job' : 'a nice-to-have of the job',
      });
    }
  }

  return {
    version: MATCH_SCORE_VERSION,
    score_before: before.score,
    score_after: after.score,
    requirements,
    covered: requirements.filter((r) => r.status === 'covered').map((r) => r.requirement),
    missing: missingOf(after.requirements),
    not_credited: flagged.length === 0 ? [] : notCredited(claimed.requirements, after.requirements, flagged),
    fact_guard: {
      invented: guard.invented,
      changed: guard.changed,
      dropped: guard.dropped,
      passed: guard.passed,
    },
    changes,
    preservation,
    suggestions: suggestionsFor(improved, job, options),
  };
}

/** Analysis with no AI: the CV's structure and its match against the job. */
export function analyzeCv(input: {
  cvText: string;
  /** The structure as the user corrected it; used instead of reading `cvText` */
  structure?: CvStructure | undefined;
  job: JobInput | JobProfile;
  /** `YYYY-MM` that "Present" means; the API passes the current month, tests a fixed one */
  referenceDate?: string | undefined;
}): CvAnalysis {
  const structure = input.structure ?? parseCv(input.cvText);
  const match = scoreMatch(
    structure,
    asProfile(input.job),
    input.referenceDate === undefined ? {} : { referenceDate: input.referenceDate },
  );
  return {
    version: match.version,
    score: match.score,
    requirements: match.requirements,
    covered: match.requirements.filter((r) => r.status === 'covered').map((r) => r.requirement),
    missing: missingOf(match.requirements),
    structure,
  };
}
