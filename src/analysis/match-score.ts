// Match score: how well a CV proves what a job asks for, 0–100, deterministic and explained.
// Each requirement gets a status (covered / weak / missing), the places in the CV where it was
// found, and a weight. Proof in experience counts more than a bare mention in a skills list; proof
// that the skills list, the summary or an entry's heading also names counts more than proof a
// reader has to dig out of a role's text; keyword stuffing costs points. The algorithm is
// described in docs/match-score.md.
import { type CvStructure, parseCv } from './cv-structure.ts';
import { latestDate, monthIndex } from './dates.ts';
import {
  analyzeJob,
  canonicalLanguage,
  degreeLevel,
  type JobInput,
  type JobProfile,
  type JobRequirement,
  skillName,
} from './job.ts';
import { findDegree, LANGUAGE_RE } from './lexicon.ts';
import { findSkillsInTokens } from './skills.ts';
import { contentTokens, fold, isBulletLine, round, tokenize } from './text.ts';

/** Bumped whenever a change to the algorithm or the vocabulary can move a score. */
export const MATCH_SCORE_VERSION = '1.2.0';

export type EvidenceSection =
  | 'experience'
  | 'projects'
  | 'certificates'
  | 'education'
  | 'summary'
  | 'skills'
  | 'languages'
  | 'header'
  | 'other';

export type RequirementStatus = 'covered' | 'weak' | 'missing';

export interface Evidence {
  readonly section: EvidenceSection;
  /** the CV line, trimmed to 160 characters */
  readonly text: string;
  /** 1-based line in the CV text */
  readonly line: number;
}

export interface RequirementMatch {
  readonly id: string;
  readonly requirement: string;
  readonly kind: JobRequirement['kind'];
  readonly importance: JobRequirement['importance'];
  readonly source: JobRequirement['source'];
  readonly weight: number;
  readonly status: RequirementStatus;
  /**
   * share of the weight earned: 1 covered, 0.7 covered where only a role's or project's text names
   * it, 0.5 weak (0.25–0.75 for partial years), 0 missing
   */
  readonly credit: number;
  readonly found_in: EvidenceSection[];
  readonly evidence: Evidence[];
  /** why the status, in one sentence */
  readonly note: string;
}

export interface Penalty {
  readonly reason: string;
  readonly points: number;
}

export interface MatchResult {
  readonly version: string;
  readonly score: number;
  /** the score before penalties */
  readonly raw_score: number;
  readonly requirements: RequirementMatch[];
  readonly penalties: Penalty[];
  readonly counts: { covered: number; weak: number; missing: number };
  /** years of professional experience read from the work history's date ranges */
  readonly candidate_years: number;
}

export interface MatchOptions {
  /**
   * `YYYY-MM` that "Present" stands for. Default: the latest date written in the CV, so a result
   * never depends on the clock; the API passes the current month from its clock.
   */
  readonly referenceDate?: string;
}

const SECTION_STRENGTH: Record<EvidenceSection, number> = {
  experience: 1,
  projects: 0.9,
  certificates: 0.9,
  education: 0.75,
  summary: 0.55,
  header: 0.5,
  skills: 0.5,
  languages: 0.5,
  other: 0.6,
};
const COVERED_AT = 0.7;
// Proof that only a role's or project's text holds, not the skills list, the summary or a heading:
// a skimming reader, or a recruiter's search of the skills field, easily misses it. Still well
// above a bare listing (0.5): once found, it is believed.
const UNSEEN_PROOF_CREDIT = 0.7;
// Where a reader skimming the CV, and a keyword scan of its profile fields, look first.
const SKIMMED_SECTIONS: ReadonlySet<EvidenceSection> = new Set([
  'header',
  'summary',
  'skills',
  'certificates',
  'languages',
]);
const IMPORTANCE_WEIGHT = { must: 3, nice: 1 } as const;
const KIND_FACTOR: Record<JobRequirement['kind'], number> = {
  title: 0.7,
  experience: 1,
  skill: 1,
  degree: 0.7,
  language: 0.8,
  industry: 0.5,
};
const MAX_PENALTY = 25;

interface IndexedLine {
  readonly section: EvidenceSection;
  readonly text: string;
  readonly line: number;
  readonly skills: ReadonlyMap<string, number>;
  /** how often the same words (not just the same skill) repeat in the line */
  readonly maxRepeat: number;
  readonly tokens: ReadonlySet<string>;
  /** tokens written in upper case ("ALS", "NMC"), for acronyms that are also ordinary words */
  readonly caps: ReadonlySet<string>;
  /** read at a skim: a line of the header, summary, skills, certificates or languages, or an entry's heading */
  readonly skimmed: boolean;
}

interface CvIndex {
  readonly lines: IndexedLine[];
  readonly skillTotals: Map<string, number>;
  readonly tokenCount: number;
}

function evidenceSection(key: string): EvidenceSection {
  switch (key) {
    case 'experience':
    case 'volunteer':
      return 'experience';
    case 'projects':
    case 'publications':
      return 'projects';
    case 'certificates':
    case 'education':
    case 'summary':
    case 'skills':
    case 'languages':
    case 'header':
      return key;
    default:
      return 'other';
  }
}

/** Folded names that open an entry: titles, employers, schools, degrees, project names. */
function entryNames(cv: CvStructure): string[] {
  return [
    ...cv.work.flatMap((w) => [w.position, w.name]),
    ...cv.volunteer.flatMap((w) => [w.position, w.organization]),
    ...cv.education.flatMap((e) => [e.studyType, e.institution]),
    ...cv.projects.map((p) => p.name),
  ]
    .filter((x): x is string => x !== null && x.trim().length >= 3)
    .map((x) => fold(x.trim()));
}

/** A short line that is not a bullet and holds an entry's name reads as its heading ("Staff Nurse, Leeds General Infirmary"). */
function isEntryHeading(text: string, names: readonly string[]): boolean {
  if (isBulletLine(text) || text.trim().split(/\s+/).length > 14) return false;
  const folded = fold(text);
  return names.some((n) => folded.includes(n));
}

function indexCv(cv: CvStructure): CvIndex {
  const lines: IndexedLine[] = [];
  const skillTotals = new Map<string, number>();
  const names = entryNames(cv);
  let tokenCount = 0;
  for (const section of cv.meta.sections) {
    // Advice written for the author (a "Suggestions" section) is not evidence of anything.
    if (section.key === 'notes') continue;
    const kind = evidenceSection(section.key);
    for (const l of section.lines) {
      const tokens = tokenize(l.text);
      tokenCount += tokens.length;
      const skills = new Map<string, number>();
      const phrases = new Map<string, number>();
      let maxRepeat = 0;
      for (const h of findSkillsInTokens(tokens)) {
        skills.set(h.id, (skills.get(h.id) ?? 0) + 1);
        skillTotals.set(h.id, (skillTotals.get(h.id) ?? 0) + 1);
        const phrase = h.text.toLowerCase();
        const n = (phrases.get(phrase) ?? 0) + 1;
        phrases.set(phrase, n);
        if (n > maxRepeat) maxRepeat = n;
      }
      lines.push({
        section: kind,
        text: l.text,
        line: l.n,
        skills,
        maxRepeat,
        tokens: new Set(tokens.map((t) => t.norm)),
        caps: new Set(tokens.filter((t) => /^\p{Lu}[\p{Lu}\p{N}]+$/u.test(t.raw)).map((t) => t.norm)),
        // A line that repeats a term is written for a parser, not a reader: it makes nothing visible.
        skimmed: (SKIMMED_SECTIONS.has(kind) || isEntryHeading(l.text, names)) && maxRepeat < 3,
      });
    }
  }
  return { lines, skillTotals, tokenCount };
}

function evidenceOf(l: IndexedLine): Evidence {
  return {
    section: l.section,
    text: l.text.length > 160 ? `${l.text.slice(0, 157)}...` : l.text,
    line: l.line,
  };
}

/** Months of work, overlapping roles counted once. */
export function experienceYears(cv: CvStructure, referenceDate: string | null): number {
  const ref = referenceDate === null ? null : monthIndex(referenceDate);
  const spans: [number, number][] = [];
  for (const w of cv.work) {
    if (w.startDate === null) continue;
    const start = monthIndex(w.startDate);
    const end = w.endDate !== null ? monthIndex(w.endDate) : (ref ?? start);
    if (end >= start) spans.push([start, end + 1]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  let months = 0;
  let curStart = -1;
  let curEnd = -1;
  for (const [s, e] of spans) {
    if (s > curEnd) {
      if (curEnd > curStart) months += curEnd - curStart;
      curStart = s;
      curEnd = e;
    } else curEnd = Math.max(curEnd, e);
  }
  if (curEnd > curStart) months += curEnd - curStart;
  return round(months / 12, 1);
}

interface Judgement {
  status: RequirementStatus;
  credit: number;
  evidence: Evidence[];
  note: string;
}

/** Proven; full credit when a line read at a skim also names it. */
function covered(matching: readonly IndexedLine[], evidence: Evidence[], shown: string): Judgement {
  if (matching.some((l) => l.skimmed)) return { status: 'covered', credit: 1, evidence, note: `${shown}.` };
  return {
    status: 'covered',
    credit: UNSEEN_PROOF_CREDIT,
    evidence,
    note: `${shown}, but only inside a role's or project's text: neither the skills list, the summary nor a heading names it.`,
  };
}

function judgeByLines(matching: IndexedLine[], what: string): Judgement {
  if (matching.length === 0)
    return { status: 'missing', credit: 0, evidence: [], note: `${what} is not mentioned in the CV.` };
  const ranked = [...matching].sort(
    (a, b) => SECTION_STRENGTH[b.section] - SECTION_STRENGTH[a.section] || a.line - b.line,
  );
  const best = SECTION_STRENGTH[ranked[0]!.section];
  const evidence = ranked.slice(0, 3).map(evidenceOf);
  if (best >= COVERED_AT) return covered(matching, evidence, `${what} is shown in ${ranked[0]!.section}`);
  return {
    status: 'weak',
    credit: 0.5,
    evidence,
    note: `${what} is only listed in ${ranked[0]!.section}, with no experience or project that shows it.`,
  };
}

function hasWord(l: IndexedLine, word: string): boolean {
  return word.startsWith('!') ? l.caps.has(word.slice(1)) : l.tokens.has(word);
}

const STATUS_RANK: Record<RequirementStatus, number> = { covered: 2, weak: 1, missing: 0 };

/**
 * A free-text requirement is proven by a CV line that holds all its key words (any one
 * alternative's). A licence or certification is proven by naming it anywhere; anything else needs
 * a line where it was used, and is weak when only listed, or when only most of its words appear.
 */
function judgeFreeText(req: JobRequirement, index: CvIndex): Judgement {
  const label = req.label;
  let best: Judgement = {
    status: 'missing',
    credit: 0,
    evidence: [],
    note: `${label} is not mentioned in the CV.`,
  };
  for (const words of req.alternatives ?? []) {
    const full = index.lines.filter((l) => words.every((w) => hasWord(l, w)));
    let j: Judgement;
    if (full.length > 0 && req.credential === true) {
      const ranked = [...full].sort(
        (a, b) => SECTION_STRENGTH[b.section] - SECTION_STRENGTH[a.section] || a.line - b.line,
      );
      j = covered(full, ranked.slice(0, 3).map(evidenceOf), `The CV names ${label} in ${ranked[0]!.section}`);
    } else if (full.length > 0) {
      j = judgeByLines(full, label);
    } else {
      // Most of a phrase in one line ("cardiac care" for "coronary care unit") hints at it; one word
      // of two ("care") does not.
      const need = Math.floor(words.length / 2) + 1;
      const partial =
        words.length < 2
          ? []
          : index.lines
              .filter((l) => l.section !== 'header' && words.filter((w) => hasWord(l, w)).length >= need)
              .sort((a, b) => SECTION_STRENGTH[b.section] - SECTION_STRENGTH[a.section] || a.line - b.line);
      j =
        partial.length === 0
          ? best
          : {
              status: 'weak',
              credit: 0.5,
              evidence: partial.slice(0, 3).map(evidenceOf),
              note: `Only part of "${label}" appears in the CV.`,
            };
    }
    if (
      STATUS_RANK[j.status] > STATUS_RANK[best.status] ||
      (j.status === best.status && j.credit > best.credit)
    )
      best = j;
    if (best.status === 'covered' && best.credit === 1) break;
  }
  return best;
}

function judge(req: JobRequirement, cv: CvStructure, index: CvIndex, years: number): Judgement {
  switch (req.kind) {
    case 'skill':
      return judgeSkill(req, index);
    case 'title':
      return judgeTitle(req, cv, index);
    case 'experience':
      return judgeExperience(req, cv, index, years);
    case 'degree':
      return judgeDegree(req, cv, index);
    case 'language':
      return judgeLanguage(req, cv, index);
    case 'industry':
      return judgeIndustry(req, index);
  }
}

/** Skills: the CV lines that name the skill or one of its alternatives. */
function judgeSkill(req: JobRequirement, index: CvIndex): Judgement {
  if (req.alternatives !== undefined) return judgeFreeText(req, index);
  const ids = req.anyOf ?? [req.skillId!];
  return judgeByLines(
    index.lines.filter((l) => ids.some((id) => l.skills.has(id))),
    req.label,
  );
}

/** A job title: how many of its words the CV headline or a held position shares. */
function judgeTitle(req: JobRequirement, cv: CvStructure, index: CvIndex): Judgement {
  const want = req.tokens ?? [];
  let best = 0;
  let bestLine: IndexedLine | null = null;
  const candidates = [cv.basics.label ?? '', ...cv.work.map((w) => w.position ?? '')].filter((t) => t !== '');
  for (const title of candidates) {
    const have = new Set(contentTokens(title));
    const overlap = want.filter((t) => have.has(t)).length / Math.max(1, want.length);
    if (overlap > best) {
      best = overlap;
      const folded = fold(title);
      // The role in the work history is the evidence; the same words in the summary are not.
      const holding = index.lines.filter((l) => fold(l.text).includes(folded));
      bestLine = holding.find((l) => l.section === 'experience') ?? holding[0] ?? null;
    }
  }
  const evidence = bestLine === null ? [] : [evidenceOf(bestLine)];
  if (best >= 0.99)
    return { status: 'covered', credit: 1, evidence, note: `The CV shows the title "${req.label}".` };
  if (best >= 0.5)
    return {
      status: 'weak',
      credit: 0.5,
      evidence,
      note: `The CV shows a related title, not "${req.label}".`,
    };
  return {
    status: 'missing',
    credit: 0,
    evidence: [],
    note: `No role in the CV has a title like "${req.label}".`,
  };
}

/** Years of experience: the work history's total against the years asked for. */
function judgeExperience(req: JobRequirement, cv: CvStructure, index: CvIndex, years: number): Judgement {
  const want = req.years ?? 0;
  const evidence = cv.work.slice(0, 1).flatMap((w) => {
    const l = index.lines.find((x) => x.line === w.line && x.section === 'experience');
    return l === undefined ? [] : [evidenceOf(l)];
  });
  const note = `The work history adds up to ${years} years; the job asks for ${want}.`;
  if (years >= want) return { status: 'covered', credit: 1, evidence, note };
  if (years >= want * 0.6)
    return {
      status: 'weak',
      credit: round(0.25 + (0.5 * (years - want * 0.6)) / (want * 0.4), 2),
      evidence,
      note,
    };
  return { status: 'missing', credit: 0, evidence, note };
}

/** A degree: the highest level in the education section against the level asked for. */
function judgeDegree(req: JobRequirement, cv: CvStructure, index: CvIndex): Judgement {
  const want = req.degreeLevel ?? 1;
  let have = 0;
  let line: number | null = null;
  for (const e of cv.education) {
    const level = degreeLevel(fold(`${e.studyType ?? ''} ${findDegree(e.area ?? '') ?? ''}`));
    if (level > have) {
      have = level;
      line = e.line;
    }
  }
  const l = line === null ? undefined : index.lines.find((x) => x.line === line);
  const evidence = l === undefined ? [] : [evidenceOf(l)];
  if (have >= want)
    return {
      status: 'covered',
      credit: 1,
      evidence,
      note: 'The education section shows the degree asked for.',
    };
  if (have > 0 || cv.education.length > 0) {
    return {
      status: 'weak',
      credit: 0.5,
      evidence,
      note: 'The CV shows education, not clearly at the level asked for.',
    };
  }
  return { status: 'missing', credit: 0, evidence: [], note: 'No degree found in the CV.' };
}

/** A spoken language: listed, mentioned on a line, or the language the CV is written in. */
function judgeLanguage(req: JobRequirement, cv: CvStructure, index: CvIndex): Judgement {
  const lang = req.language ?? '';
  const listed = cv.languages.some(
    (x) => canonicalLanguage(fold(x.language.trim().split(/\s+/)[0] ?? '')) === lang,
  );
  const lines = index.lines.filter((l) => {
    const f = fold(l.text);
    return (
      new RegExp(LANGUAGE_RE.source.replace('^', '\\b'), 'g').test(f) &&
      [...f.matchAll(/\p{L}+/gu)].some((m) => canonicalLanguage(m[0]) === lang)
    );
  });
  const evidence = lines.slice(0, 2).map(evidenceOf);
  if (listed || lines.length > 0)
    return { status: 'covered', credit: 1, evidence, note: `The CV lists ${req.label}.` };
  // A CV written in the language shows it as well as a line in a languages section.
  if (lang === { en: 'english', de: 'german', fr: 'french', es: 'spanish' }[cv.meta.language]) {
    return {
      status: 'weak',
      credit: 0.5,
      evidence: [],
      note: `The CV is written in ${req.label} but does not state the level.`,
    };
  }
  return {
    status: 'missing',
    credit: 0,
    evidence: [],
    note: `${req.label} is not listed among the CV's languages.`,
  };
}

/** An industry: any line outside the skills section that names it. */
function judgeIndustry(req: JobRequirement, index: CvIndex): Judgement {
  const want = req.tokens ?? [];
  const lines = index.lines.filter((l) => l.section !== 'skills' && want.some((t) => l.tokens.has(t)));
  if (lines.length === 0)
    return {
      status: 'missing',
      credit: 0,
      evidence: [],
      note: `No mention of the ${req.label} industry.`,
    };
  return {
    status: 'covered',
    credit: 1,
    evidence: lines.slice(0, 2).map(evidenceOf),
    note: `The CV mentions ${req.label}.`,
  };
}

function stuffingPenalties(index: CvIndex, cv: CvStructure): Penalty[] {
  const penalties: Penalty[] = [];
  const words = Math.max(1, index.tokenCount);
  for (const [id, count] of [...index.skillTotals].sort((a, b) => a[0].localeCompare(b[0]))) {
    // A real two-page CV names its core skill a handful of times; far more is written for a parser.
    const allowed = Math.max(6, Math.round(words / 120));
    if (count > allowed) {
      penalties.push({
        reason: `"${skillName(id)}" is repeated ${count} times`,
        points: Math.min(6, count - allowed),
      });
    }
  }
  for (const l of index.lines) {
    if (l.maxRepeat >= 3)
      penalties.push({ reason: `line ${l.line} repeats the same term ${l.maxRepeat} times`, points: 2 });
    if (l.section !== 'skills' && l.skills.size >= 8 && l.text.split(/\s+/).length <= l.skills.size * 2.2) {
      penalties.push({ reason: `line ${l.line} is a keyword list outside the skills section`, points: 4 });
    }
  }
  const listed = new Set(
    index.lines.filter((l) => l.section === 'skills').flatMap((l) => [...l.skills.keys()]),
  );
  const shown = new Set(
    index.lines.filter((l) => SECTION_STRENGTH[l.section] >= COVERED_AT).flatMap((l) => [...l.skills.keys()]),
  );
  const unproven = [...listed].filter((id) => !shown.has(id)).length;
  const keywordCount = cv.skills.reduce((n, g) => n + g.keywords.length, 0);
  if (keywordCount > 40 || (listed.size >= 20 && unproven / listed.size > 0.8)) {
    penalties.push({
      reason: `the skills section lists ${keywordCount} items, ${unproven} of them shown nowhere else`,
      points: 5,
    });
  }
  return penalties;
}

function asProfile(job: JobProfile | JobInput): JobProfile {
  return 'requirements' in job ? job : analyzeJob(job);
}

/** Scores a CV (text or parsed) against a job (questionnaire or analyzed profile). */
export function scoreMatch(
  cvInput: CvStructure | string,
  jobInput: JobProfile | JobInput,
  options: MatchOptions = {},
): MatchResult {
  const cv = typeof cvInput === 'string' ? parseCv(cvInput) : cvInput;
  const job = asProfile(jobInput);
  const index = indexCv(cv);
  const reference =
    options.referenceDate ??
    latestDate(cv.meta.sections.flatMap((s) => s.lines.map((l) => l.text)).join('\n'));
  const years = experienceYears(cv, reference);

  let earned = 0;
  let possible = 0;
  const requirements: RequirementMatch[] = job.requirements.map((req) => {
    const j = judge(req, cv, index, years);
    const weight = round(IMPORTANCE_WEIGHT[req.importance] * KIND_FACTOR[req.kind], 2);
    earned += weight * j.credit;
    possible += weight;
    return {
      id: req.id,
      requirement: req.label,
      kind: req.kind,
      importance: req.importance,
      source: req.source,
      weight,
      status: j.status,
      credit: j.credit,
      found_in: [...new Set(j.evidence.map((e) => e.section))],
      evidence: j.evidence,
      note: j.note,
    };
  });
  const raw = possible === 0 ? 0 : (earned / possible) * 100;
  const penalties = stuffingPenalties(index, cv);
  const penalty = Math.min(
    MAX_PENALTY,
    penalties.reduce((n, p) => n + p.points, 0),
  );
  const counts = { covered: 0, weak: 0, missing: 0 };
  for (const r of requirements) counts[r.status]++;
  return {
    version: MATCH_SCORE_VERSION,
    score: Math.max(0, Math.round(raw - penalty)),
    raw_score: round(raw, 1),
    requirements,
    penalties,
    counts,
    candidate_years: years,
  };
}
