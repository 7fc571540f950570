// Fact guard: an improved CV may rephrase, reorder and reformat, but it may not claim anything the
// source CV does not. Facts (employers, titles, dates, degrees, schools, certifications, numbers,
// skills, awards, publications, patents, memberships) are read from both texts and compared on normalized values, so "Led a team of 5" and
// "managed a five-person team" agree while "5 → 8" or "2019 → 2018" do not. See docs/fact-guard.md.
import { type CvStructure, parseCv, type SectionKey } from './cv-structure.ts';
import { findDateRanges, findDates, isMonthName, latestDate, sameDate } from './dates.ts';
import {
  abbreviationsOf,
  expandsAbbreviation,
  glossesOf,
  type NameWord,
  shortens,
  spelledOut,
  spells,
} from './fact-guard-abbreviations.ts';
import { type HonourKind, honourKind, honourStated, honourWords } from './fact-guard-honours.ts';
import { CERT_WORD_RE, contracted, keyWords, restatesCertificate } from './fact-guard-rewording.ts';
import { skillReworded } from './fact-guard-skills.ts';
import { degreeLevel } from './job.ts';
import { findDegree, isInstitution, isOrganization, isPlace, isTitle } from './lexicon.ts';
import { experienceYears } from './match-score.ts';
import { findNumbers } from './numbers.ts';
import { findSkills } from './skills.ts';
import { wordStem } from './stems.ts';
import {
  contentTokens,
  endsSentence,
  finishesBrokenLine,
  fold,
  isBulletLine,
  isStopword,
  jaccard,
  jaccardSets,
  normTokens,
  relatedSets,
  stem,
  stripBullet,
  tokenize,
} from './text.ts';
import { skillFamilies } from './vocabulary.ts';

/** Every kind of fact the guard reads: the API's report schema and the evaluation list them from here. */
export const FACT_KINDS = [
  'employer',
  'title',
  'date_range',
  'date',
  'degree',
  'institution',
  'certification',
  'number',
  'percentage',
  'money',
  'skill',
  'name',
  'award',
  'publication',
  'patent',
  'membership',
] as const;

export type FactKind = (typeof FACT_KINDS)[number];

export interface Fact {
  readonly kind: FactKind;
  /** as written (a date range as `2020-01 – present`) */
  readonly value: string;
  /** normalized value that comparisons use */
  readonly key: string;
  readonly section: SectionKey | 'header';
  /** 1-based line in its text */
  readonly line: number;
  /** the line the fact sits in */
  readonly context: string;
}

export interface FactChange {
  readonly kind: FactKind;
  readonly from: string;
  readonly to: string;
  readonly section: SectionKey | 'header';
  readonly line: number;
  readonly source_line: number;
  readonly context: string;
}

export interface FactGuardResult {
  /** true when nothing was invented or changed; dropped facts alone do not fail the check */
  readonly passed: boolean;
  readonly invented: Fact[];
  readonly changed: FactChange[];
  readonly dropped: Fact[];
  readonly counts: { source: number; improved: number };
}

const LEGAL_SUFFIXES = new Set([
  'inc',
  'llc',
  'ltd',
  'limited',
  'gmbh',
  'ag',
  'se',
  'kg',
  'ohg',
  'ug',
  'sa',
  'sas',
  'sarl',
  'sl',
  'bv',
  'nv',
  'plc',
  'corp',
  'corporation',
  'co',
]);
// Unambiguous degree words may appear in any section; short forms (BA, MS, "Master") only count in Education.
const STRONG_DEGREE_RE =
  /\b(?:bachelor(?:'s)?(?: of [a-z]+(?: [a-z]+)?)?|master(?:'s)? of [a-z]+(?: [a-z]+)?|master's(?: degree)?|b\.\s?sc\.?|bsc|m\.\s?sc\.?|msc|mba|ph\.?\s?d\.?|doctorate|doctorado|doctorat|dr\.?[\s-]?(?:rer\.?\s?(?:nat|pol|oec)|phil|ing|med|jur)|diplom-[a-z]+|abitur|licenciatura|maestria|staatsexamen|b\.?eng|m\.?eng)\b/;
// A legal form ends the name where its word ends: the "S.A." of "S.A.S." is no name's end.
const ORG_PHRASE_RE =
  /(?:[\p{Lu}][\p{L}&'.-]*\s+){1,4}(?:Inc|LLC|Ltd|GmbH|AG|SE|SAS|SARL|S\.A\.S\.|S\.L\.|S\.A\.|BV|NV|PLC|Corp|Corporation|Group|Bank|Hospital|Klinikum|Clinic|University|Universität|Université|Universidad|College|Institute|School|Hochschule)\b\.?(?![\p{L}\d])|(?:University|Universität|Université|Universidad|Hochschule|École|Escuela|Technische Universität)(?:\s+(?:of|de|des|für|del|la|der)?\s*[\p{Lu}][\p{L}-]*){1,3}/gu;
const PIECE_SPLIT_RE = /\s*[|·•–—;]\s*|\s+-\s+|\s*,\s+|\s*\(\s*|\s*\)\s*|\s+@\s+|\s+(?:at|bei|chez)\s+/u;
// The open end of a range the date reader leaves after its start: "April 2021 to date", "bis dato".
const OPEN_END_RE =
  /^(?:(?:up )?to|until|till|bis|jusqu'?a|a|au|hasta|a la)?\s*(?:date|now|today|present|dato|heute|jetzt|ce jour|aujourd'hui|la fecha|hoy|actualidad)$/;
const MASK_RE =
  /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?:\/\/\S+|www\.\S+|\b(?:linkedin|github|gitlab|xing)\.com\/\S+/gi;

const NAME_KINDS: ReadonlySet<FactKind> = new Set([
  'employer',
  'title',
  'degree',
  'institution',
  'certification',
]);
const NUMERIC_KINDS: ReadonlySet<FactKind> = new Set(['number', 'percentage', 'money']);

const NAME_SECTIONS: ReadonlySet<string> = new Set([
  'experience',
  'volunteer',
  'projects',
  'summary',
  'awards',
  'publications',
  'memberships',
]);
// No hyphen inside: in "GDPR-compliant" or "SAP-based" only the capitalized part can be a name.
const NAME_TOKEN_RE = /(?<![\p{L}\d])\p{Lu}[\p{L}\d&'’.]*[\p{L}\d]/gu;
// Capitalized words that name no one: acronyms of business writing, months, days.
const COMMON_CAPITALIZED = new Set(
  (
    'i ceo cto cfo coo cmo cio vp svp evp kpi kpis roi okr okrs b2b b2c saas paas iaas api apis ui ux qa hr it ' +
    'emea apac latam na eu us usa uk q1 q2 q3 q4 h1 h2 fy mvp poc sla slas p&l arr mrr nps crm erp gdpr ' +
    'mio mrd tsd millionen milliarden tausend ' +
    'monday tuesday wednesday thursday friday saturday sunday ' +
    'january february march april may june july august september october november december ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec'
  ).split(' '),
);

/** Proper names in a line: capitalized words that do not start a sentence, in runs ("Initrode Global"). */
// German capitalizes every noun; there a capitalized word is taken as a name only right after a
// word that introduces a client or employer without an article ("bei Initrode", "für Initrode").
const GERMAN_NAME_CUE_RE = /(?:^|\s)(?:bei|für|fur|for|at|with|chez|para|pour)$/i;

function properNames(line: string, german: boolean): string[] {
  const names: string[] = [];
  let run: string[] = [];
  let runEnd = -1;
  const flush = () => {
    if (run.length > 0) names.push(run.join(' '));
    run = [];
  };
  // The words of a skill the vocabulary knows ("Power BI", "New Relic") are a skill, not a name.
  const skills = findSkills(line);
  NAME_TOKEN_RE.lastIndex = 0;
  for (let m = NAME_TOKEN_RE.exec(line); m !== null; m = NAME_TOKEN_RE.exec(line)) {
    const before = line.slice(0, m.index).trimEnd();
    const sentenceStart = before === '' || /[.!?:;•·*(\-–—"“]$/.test(before);
    // "Meridian's IPO": the possessive is no part of the name.
    const word = m[0].replace(/['’]s$/u, '');
    const inSkill = skills.some((h) => h.start < m.index + word.length && m.index < h.end);
    const common = COMMON_CAPITALIZED.has(word.toLowerCase()) || inSkill || findSkills(word).length > 0;
    // A word repeated around a small word is a turn of phrase: "Tag für Tag", "Schritt für Schritt".
    const repeated = /(?:^|\s)(\S+)\s+\p{L}{2,4}$/u.exec(before)?.[1] === word;
    if (sentenceStart || common || repeated) {
      flush();
      continue;
    }
    if (runEnd !== -1 && line.slice(runEnd, m.index).trim() !== '') flush();
    // In German only a run that goes on, unbroken, continues a cued name: in "für Spedition und
    // Logistik mit sechs Jahren Berufserfahrung" the nouns after "und" are no part of it.
    if (german && run.length === 0 && !GERMAN_NAME_CUE_RE.test(before)) continue;
    run.push(word);
    runEnd = m.index + word.length;
  }
  flush();
  return names;
}

// Words that only link the parts of a name: "Gefahrgutbeauftragter nach ADR" is "Gefahrgutbeauftragter (ADR)";
// or only label the grade written after them, which a rewrite translates: "CFA nivel II" is "CFA Level II".
const NAME_LINKS = new Set([
  'nach',
  'gemass',
  'according',
  'selon',
  'segun',
  'level',
  'nivel',
  'niveau',
  'stufe',
]);

function nameKey(text: string): string {
  return contentTokens(text)
    .filter((t) => !LEGAL_SUFFIXES.has(t) && !NAME_LINKS.has(t))
    .join(' ');
}

// The word that labels a number ("License No. 812345", "colegiada n.º 31245", "Nr. 4711") goes
// with it: a rewrite moves or drops it with the number.
const NUMBER_LABEL_RE = /(?<![\p{L}\d])(?:no|nr|n\.?\s?º|n°|nº|núm|num|number|nummer|numéro|número)\.?\s*$/iu;

/** The key of a name with its numbers left out: they are facts of their own ("40 horas", "cuarenta horas"). */
function pieceKey(piece: string): string {
  return nameKey(withoutNumbers(piece));
}

/** A piece with its numbers, and the words that label them, blanked out. */
function withoutNumbers(piece: string): string {
  const spans = findNumbers(piece).map((n) => {
    const label = NUMBER_LABEL_RE.exec(piece.slice(0, n.index));
    const index = label === null ? n.index : label.index;
    return { index, length: n.index + n.text.length - index };
  });
  return mask(piece, spans);
}

function degreeKey(text: string): string {
  const f = fold(text).replace(/[^a-z' ]/g, '');
  const compact = f.replace(/[\s']/g, '');
  const families: [RegExp, string][] = [
    [/^(?:bsc|bs|bachelorofscience)/, 'bsc'],
    // "BA" alone, not the "ba" of a "Bachelor's" of any subject.
    [/^(?:ba$|bachelorofarts)/, 'ba'],
    [/^(?:beng|bachelorofengineering)/, 'beng'],
    [/^(?:msc|ms|masterofscience)/, 'msc'],
    // "MA" alone, not the "ma" of "management"; "Master of Arts" with its subject or without.
    [/^(?:ma$|masterofarts)/, 'ma'],
    [/^(?:meng|masterofengineering)/, 'meng'],
    [/^mba|masterofbusiness/, 'mba'],
    // A professional doctorate is its own degree: a "Doctor of Pharmacy" (PharmD) is no PhD.
    [/^(?:pharmd|doctorofpharmacy)/, 'pharmd'],
    [/^(?:md$|doctorofmedicine)/, 'md'],
    [/^(?:phd|doctorate|doctorado|doctorat|doctorofphilosophy|dr(?:rer|phil|ing|med|jur))/, 'phd'],
  ];
  for (const [re, key] of families) if (re.test(compact)) return key;
  return compact.replace(/s$/, '');
}

/** The facts of one text, with the indexes the comparison uses. */
export interface FactExtraction {
  facts: Fact[];
  /** every content token of the text, stopwords removed, in order: for phrase containment */
  sequence: string;
  /** the same as a list, lines apart by `|` */
  sequenceTokens: string[];
  /** the words each abbreviation stands for where the text glosses it ("Bundesverband der Personalmanager (BPM)") */
  glosses: Map<string, string[][]>;
  skillIds: Set<string>;
  /** each skill as written, its words as ` word word `: "Oracle" is a word of "Oracle ERP" */
  skillTexts: Set<string>;
  dates: string[];
  /** numeric facts per line, to check a number against the line it was rephrased from */
  numberLines: NumberLine[];
  /** every folded word of the text */
  words: Set<string>;
  /** the content words of each line, in order, sections apart: for honours, compared by their words */
  lineWords: Set<string>[];
  /** initials of runs of words ("key performance indicators" → "kpi"): abbreviations they support */
  initialisms: Set<string>;
  /** the same of runs of capitalized words only, as a name is written ("University College London") */
  nameInitialisms: Set<string>;
  /** the jobs and volunteer roles, to hold a title to the entry it is written on */
  entries: Entry[];
  /** words written as abbreviations ("PMP", "DGfC"), folded: what an expansion may spell */
  abbreviations: Set<string>;
  /** the dates of jobs, schools and projects as the structure reads them, as `start..end` keys */
  entryRanges: string[];
}

/** A job or volunteer role: its lines, dates and employer, and its words as a `sequence`. */
interface Entry {
  readonly first: number;
  /** the line after its last */
  readonly end: number;
  readonly startDate: string | null;
  readonly endDate: string | null;
  readonly current: boolean;
  readonly employer: string;
  readonly sequence: string;
}

/** A sequence's words, lines apart by `|`. */
function sequenceWords(sequence: string): string[] {
  return sequence.split(' ').filter((t) => t !== '');
}

interface NumberLine {
  readonly line: number;
  /** every line of a wrapped statement */
  readonly lines: readonly number[];
  readonly tokens: ReadonlySet<string>;
  readonly keys: readonly string[];
  /** the dates the statement writes, single or in a range */
  readonly dates: readonly string[];
  /** its content words without its dates, which a changed date must not make unrelated */
  readonly undated: ReadonlySet<string>;
}

function pushFact(out: Fact[], seen: Set<string>, fact: Fact): void {
  // Numbers are kept per line: the same value may be right in one bullet and inflated in another;
  // titles too, as one may be right on one job and put on another; and single dates, as the year of
  // one school may be moved onto a certificate. Any fact named in a headline or summary is kept
  // apart from the same fact elsewhere: there it may only name the target position.
  const where = OBJECTIVE_SECTIONS.has(fact.section) ? '|objective' : '';
  const id =
    NUMERIC_KINDS.has(fact.kind) || fact.kind === 'title' || fact.kind === 'date'
      ? `${fact.kind}|${fact.key}|${fact.line}`
      : `${fact.kind}|${fact.key}${where}`;
  if (seen.has(id)) return;
  seen.add(id);
  out.push(fact);
}

function mask(text: string, spans: { index: number; length: number }[]): string {
  let out = text;
  for (const s of spans) {
    out = out.slice(0, s.index) + ' '.repeat(s.length) + out.slice(s.index + s.length);
    // The day of a date written with its month's name ("14 de marzo de 1985", "14. März 1985",
    // "14/mayo 1989") is part of the date, not a count.
    const month = /^\p{L}+\.?/u.exec(text.slice(s.index))?.[0] ?? '';
    const before = out.slice(0, s.index);
    const m = isMonthName(month)
      ? DAY_BEFORE_MONTH_RE.exec(before)
      : DAY_AND_MONTH_BEFORE_YEAR_RE.exec(before);
    if (m === null || (m.groups?.month !== undefined && !isMonthName(m.groups.month))) continue;
    const from = before.length - m[0].length + m[0].indexOf(m.groups!.day!);
    out = out.slice(0, from) + ' '.repeat(s.index - from) + out.slice(s.index);
  }
  return out;
}

const DAY_SRC = String.raw`(?:^|[\s(,])(?<day>[0-3]?\d)(?:\.|º|ª|er|\/|-)?\s*(?:de\s+|del\s+)?`;
const DAY_BEFORE_MONTH_RE = new RegExp(`${DAY_SRC}$`, 'u');
const DAY_AND_MONTH_BEFORE_YEAR_RE = new RegExp(`${DAY_SRC}(?<month>\\p{L}+)\\.?[\\s/,-]*(?:de\\s+)?$`, 'u');

/** Reads the facts of a CV text or markdown, or of a structure already read (a user's correction). */
export function extractFacts(input: string | CvStructure): FactExtraction {
  const cv = typeof input === 'string' ? parseCv(input) : input;
  const found: FactsFound = {
    facts: [],
    seen: new Set<string>(),
    skillIds: new Set<string>(),
    skillTexts: new Set<string>(),
    dates: [],
    numberLines: [],
    words: new Set<string>(),
    lineWords: [],
    initialisms: new Set<string>(),
    nameInitialisms: new Set<string>(),
    prevLine: -1,
    prevText: '',
  };
  const headings = typeof input === 'string' ? sectionHeadings(input) : new Set<number>();
  for (const section of [...headlineSection(cv), ...cv.meta.sections]) {
    for (const l of section.lines) if (!headings.has(l.n)) readLineFacts(found, cv, section.key, l);
    // An empty line between sections: a wrapped entry joins the line after it, never another section's.
    found.lineWords.push(new Set());
  }
  const sequence = nameSequence(cv.meta.sections.flatMap((s) => s.lines));
  const { facts, skillIds, skillTexts, dates, numberLines, words, lineWords, initialisms, nameInitialisms } =
    found;
  const entries = entriesOf(cv);
  const abbreviations = new Set(
    cv.meta.sections.flatMap((s) => s.lines.flatMap((l) => abbreviationsOf(l.text))),
  );
  const glosses = new Map<string, string[][]>();
  for (const l of cv.meta.sections.flatMap((s) => s.lines))
    for (const g of glossesOf(l.text)) {
      const words = sequenceWords(pieceKey(g.words));
      const abbr = g.parts.join('');
      if (words.length > 0) glosses.set(abbr, [...(glosses.get(abbr) ?? []), words]);
    }
  // Dates a layout writes apart from each other (a start over an end in a date column) are read
  // into the entries, though no line holds the range.
  const entryRanges = [...cv.work, ...cv.volunteer, ...cv.education, ...cv.projects].flatMap((e) => {
    const current = 'current' in e && e.current;
    if (e.startDate === null || (e.endDate === null && !current)) return [];
    return [`${e.startDate}..${e.endDate ?? 'present'}`];
  });
  return {
    entryRanges,
    facts,
    sequence,
    sequenceTokens: sequenceWords(sequence),
    glosses,
    skillIds,
    skillTexts,
    dates,
    numberLines,
    words,
    lineWords,
    initialisms,
    nameInitialisms,
    entries,
    abbreviations,
  };
}

/**
 * The lines a markdown text heads a section with ("## Colegiación"), 1-based: a heading names a
 * part of the CV, it claims nothing, though the reader may not know its word. Only a second-level
 * heading without digits: a third-level one often heads a job with its dates.
 */
function sectionHeadings(text: string): Set<number> {
  const lines = new Set<number>();
  text.split('\n').forEach((line, i) => {
    if (/^##\s+[^\d#]{2,60}$/.test(line.trim())) lines.add(i + 1);
  });
  return lines;
}

// Numbers are left out as in the names' keys, so "Level 2 Support" keeps its words in a row; and
// dates, which a date column may drop inside a name ("Distribuciones Aragón sep. 2013 – feb. 2016
// Hispania S.A.").
function nameSequence(lines: readonly { text: string }[]): string {
  return ` ${lines.map((l) => pieceKey(withoutDates(l.text).replace(/[|·•–—,()]/g, ' '))).join(' | ')} `;
}

function withoutDates(line: string): string {
  const ranges = findDateRanges(line);
  const noRanges = ranges.length === 0 ? line : mask(line, ranges);
  const singles = findDates(noRanges);
  return singles.length === 0 ? noRanges : mask(noRanges, singles);
}

/** Each job and volunteer role with the lines of its section up to the next one. */
function entriesOf(cv: CvStructure): Entry[] {
  const roles = [
    ...cv.work.map((w) => ({ ...w, employer: w.name })),
    ...cv.volunteer.map((v) => ({ ...v, employer: v.organization })),
  ].sort((a, b) => a.line - b.line);
  return roles.map((role, i) => {
    // Both columns of a two-column page keep its line numbers: the entry's own line names it.
    const names = [role.position, role.employer].filter((x) => x !== null).map(fold);
    const holding = cv.meta.sections.filter((s) => s.lines.some((l) => l.n === role.line));
    const section =
      holding.find((s) =>
        s.lines.some((l) => l.n === role.line && names.some((x) => fold(l.text).includes(x))),
      ) ?? holding[0];
    const next = roles[i + 1]?.line ?? Number.POSITIVE_INFINITY;
    const lines = (section?.lines ?? []).filter((l) => l.n >= role.line && l.n < next);
    return {
      first: role.line,
      end: Math.min(next, (lines[lines.length - 1]?.n ?? role.line) + 1),
      startDate: role.startDate,
      endDate: role.endDate,
      current: role.current,
      employer: role.employer === null ? '' : nameKey(role.employer),
      // Not its bullets: "covered the sous chef on days off" names no title of this job.
      sequence: nameSequence(lines.filter((l) => !isBulletLine(l.text))),
    };
  });
}

/** What the lines read so far have given, and the line read last (a wrapped bullet joins it). */
interface FactsFound {
  facts: Fact[];
  seen: Set<string>;
  skillIds: Set<string>;
  skillTexts: Set<string>;
  dates: string[];
  numberLines: NumberLine[];
  words: Set<string>;
  lineWords: Set<string>[];
  initialisms: Set<string>;
  nameInitialisms: Set<string>;
  prevLine: number;
  /** that line's text, to tell whether it stopped mid-phrase */
  prevText: string;
}

type SectionOfLine = SectionKey | 'header';
type AddFact = (kind: FactKind, value: string, key: string) => void;

// The headline is read into basics with the contact line it sat on ("Senior Backend Engineer ·
// Kraków · zoe@…"), which then leaves the sections: its words are facts of the CV all the same.
function headlineSection(cv: CvStructure) {
  const label = cv.basics.label;
  return label !== null && !cv.meta.sections.some((s) => s.lines.some((l) => l.text.includes(label)))
    ? [{ key: 'header' as const, heading: null, lines: [{ n: 0, text: label }] }]
    : [];
}

/** The facts of one line, in a fixed order: the first of two facts with one key is the one kept. */
function readLineFacts(
  found: FactsFound,
  cv: CvStructure,
  section: SectionOfLine,
  l: { n: number; text: string },
) {
  const bullet = isBulletLine(l.text);
  const plain = bullet ? stripBullet(l.text) : l.text;
  const at: AddFact = (kind, value, key) =>
    pushFact(found.facts, found.seen, { kind, value, key, section, line: l.n, context: plain });
  const masked = readDatesAndNumbers(found, l.n, plain, bullet, at);
  const label = groupLabel(plain);
  readSkills(found, plain, label, at);
  readDegree(section, plain, bullet, at);
  readOrganizationPhrases(plain, at);
  readNames(cv, section, plain, mask(masked, label === null ? [] : [label]), bullet, at);
  // A label over a list ("Werkzeuge und Methoden:") says nothing of the honour listed after it.
  readHonour(section, plain, mask(masked, label === null ? [] : [label]), at);
  const tokens = normTokens(plain);
  for (const t of tokens) found.words.add(t);
  found.lineWords.push(new Set(contentTokens(plain)));
  addInitialisms(found.initialisms, tokens);
  for (const run of capitalizedRuns(plain)) addInitialisms(found.nameInitialisms, run.words, run.initials);
}

/** "Tools and methods: Jira, Scrum": a short label before a colon that heads a list, as its span. */
function groupLabel(plain: string): { index: number; length: number } | null {
  const m = /^([^:]{2,40}):\s*(.+)$/.exec(plain);
  if (m === null || m[1]!.trim().split(/\s+/).length > 5) return null;
  // A list: several items, or a skill the vocabulary knows ("Cloud: AWS").
  const rest = m[2]!;
  if (!/[,;|·•]/.test(rest) && findSkills(rest).length === 0) return null;
  return { index: 0, length: m[1]!.length + 1 };
}

/**
 * Runs of capitalized words, small words allowed inside ("University College London", "Bank of
 * Spain"), with the letters each gives an abbreviation: its initial, or all of an abbreviation
 * it holds ("HR Business Partner" is HRBP).
 */
function capitalizedRuns(line: string): { words: string[]; initials: string[] }[] {
  const runs: { words: string[]; initials: string[] }[] = [];
  let run = { words: [] as string[], initials: [] as string[] };
  const acronyms = new Set(abbreviationsOf(line));
  for (const t of tokenize(line)) {
    if (/^\p{Lu}/u.test(t.raw) || (run.words.length > 0 && isStopword(t.norm))) {
      const letters = fold(t.raw).toLowerCase();
      run.words.push(t.norm);
      run.initials.push(acronyms.has(letters) ? letters : t.norm[0]!);
    } else {
      if (run.words.length > 1) runs.push(run);
      run = { words: [], initials: [] };
    }
  }
  if (run.words.length > 1) runs.push(run);
  return runs;
}

// Runs of two to five words whose initials an abbreviation may spell: "key performance indicators"
// (KPI), "Amazon Web Services" (AWS). With and without the small words ("Department of Health": DH, DOH).
function addInitialisms(
  into: Set<string>,
  tokens: readonly string[],
  letters: readonly string[] = tokens.map((t) => t[0]!),
): void {
  const runs = [letters, letters.filter((_, i) => !isStopword(tokens[i]!))];
  for (const run of runs) {
    for (let i = 0; i < run.length; i++) {
      let initials = '';
      for (let k = i; k < Math.min(run.length, i + 5); k++) {
        initials += run[k];
        if (k > i) into.add(initials);
      }
    }
  }
}

/** An award, publication, patent or membership the line states, keyed by its significant words. */
function readHonour(section: SectionOfLine, plain: string, masked: string, at: AddFact): void {
  const kind: HonourKind | null = honourKind(section, plain);
  if (kind === null) return;
  // Numbers are facts of their own: "2 papers" and "two papers" say the same.
  const words = honourWords(
    mask(
      masked,
      findNumbers(masked).map((n) => ({ index: n.index, length: n.text.length })),
    ),
  );
  if (words.length > 0) at(kind, plain.trim(), `${kind}:${words.join(' ')}`);
}

/** Dates, date ranges and numbers; returns the line with them blanked out, for the name readers. */
function readDatesAndNumbers(
  found: FactsFound,
  n: number,
  plain: string,
  bullet: boolean,
  at: AddFact,
): string {
  const ranges = findDateRanges(plain);
  const dates: string[] = [];
  for (const r of ranges) {
    at('date_range', `${r.start} – ${r.end ?? 'present'}`, `${r.start}..${r.end ?? 'present'}`);
    dates.push(r.start);
    if (r.end !== null) dates.push(r.end);
  }
  const noRanges = mask(plain, ranges);
  const singles = findDates(noRanges);
  for (const d of singles) {
    at('date', d.value, d.value);
    dates.push(d.value);
  }
  found.dates.push(...dates);
  const undated = mask(noRanges, singles);
  const masked = undated.replace(MASK_RE, (m) => ' '.repeat(m.length));
  const numbers = findNumbers(masked);
  // "n:18~18": the value, then for a duration its months ("18 months", "a year and a half"), or
  // for a short one its hours ("n:2~h48" for "2 days").
  const keys = numbers.map((n) => {
    const length = n.months !== undefined ? `~${n.months}` : n.hours !== undefined ? `~h${n.hours}` : '';
    return `${n.kind === 'number' ? 'n' : n.kind}:${n.value}${length}`;
  });
  numbers.forEach((n, i) => {
    at(n.kind, n.text, keys[i]!);
  });
  const values = keys.map((k) => `#${k.split(/[:~]/)[1]}`);
  const { numberLines } = found;
  const previous = numberLines[numberLines.length - 1];
  // A wrapped bullet ("... one pricing" / "test raised conversion by 3.2%") is one statement; so
  // is one that stopped mid-phrase ("… cutting energy use by" / "22%."), as the reader joins it.
  const goesOn = /^\p{Ll}/u.test(plain.trim()) || finishesBrokenLine(found.prevText, plain);
  if (!bullet && goesOn && previous !== undefined && previous.line === found.prevLine) {
    numberLines[numberLines.length - 1] = {
      line: n,
      tokens: new Set([...previous.tokens, ...wordsOf(plain), ...values]),
      keys: [...previous.keys, ...keys],
      dates: [...previous.dates, ...dates],
      undated: new Set([...previous.undated, ...contentTokens(undated)]),
      lines: [...previous.lines, n],
    };
  } else
    numberLines.push({
      line: n,
      tokens: new Set([...wordsOf(plain), ...values]),
      keys,
      dates,
      undated: new Set(contentTokens(undated)),
      lines: [n],
    });
  found.prevLine = n;
  found.prevText = plain;
  return masked;
}

/**
 * The words a statement is matched on to the one it was rephrased from, its numbers apart: they
 * join the words by their values, however written ("€9M", "€9 million").
 */
function wordsOf(plain: string): string[] {
  return contentTokens(plain).filter((t) => !/\d/.test(t));
}

function readSkills(
  found: FactsFound,
  plain: string,
  label: { index: number; length: number } | null,
  at: AddFact,
): void {
  for (const h of findSkills(plain)) {
    // A one-letter name joined to a word is part of a compound: "C-level" names no C.
    if (h.end - h.start === 1 && /^-\p{L}/u.test(plain.slice(h.end))) continue;
    // A product shows its family too: Datadog is monitoring, AWS is cloud computing.
    for (const id of [h.id, ...skillFamilies(h.id)]) found.skillIds.add(id);
    found.skillTexts.add(` ${normTokens(h.text).join(' ')} `);
    // "Cloud & DevOps: Docker, Terraform", "Data analysis: SQL, Excel": a label over a list sorts
    // the skills listed, it claims nothing of its own.
    if (label !== null && h.end <= label.index + label.length) continue;
    // A quality ("cross-functional", "mentored", "detail-oriented") is how a rewrite words what
    // the CV tells, not a fact it can invent: only tools, methods and certificates are claims.
    if (h.category === 'soft') continue;
    at(h.category === 'certification' ? 'certification' : 'skill', h.name, `skill:${h.id}`);
  }
}

function readDegree(section: SectionOfLine, plain: string, bullet: boolean, at: AddFact): void {
  const folded = fold(plain);
  const degreeMatch =
    (section === 'education' && !bullet ? findDegree(plain) : null) ?? STRONG_DEGREE_RE.exec(folded)?.[0];
  if (degreeMatch !== undefined && degreeMatch !== null && !/scrum\s+master/.test(folded)) {
    at('degree', degreeMatch, `degree:${degreeKey(degreeMatch)}`);
  }
}

function readOrganizationPhrases(plain: string, at: AddFact): void {
  ORG_PHRASE_RE.lastIndex = 0;
  for (let m = ORG_PHRASE_RE.exec(plain); m !== null; m = ORG_PHRASE_RE.exec(plain)) {
    let phrase = m[0].trim();
    // "Headed Acme Group ...": a capitalized verb opening the sentence is not part of the name.
    const words = phrase.split(/\s+/);
    if (words.length >= 3 && /^[\s•*-]*$/.test(plain.slice(0, m.index))) phrase = words.slice(1).join(' ');
    // "Master of Business Administration Leeds School of Business": the words of the degree before
    // it are no part of the school's name.
    const degree = STRONG_DEGREE_RE.exec(fold(plain))?.[0].split(/\s+/) ?? [];
    const lead = phrase.split(/\s+/);
    for (let k = Math.min(degree.length, lead.length - 1); k > 0; k--) {
      if (fold(lead.slice(0, k).join(' ')) === degree.slice(-k).join(' ')) {
        phrase = lead.slice(k).join(' ');
        break;
      }
    }
    const key = nameKey(phrase);
    if (key !== '') at(isInstitution(phrase) ? 'institution' : 'employer', phrase, `name:${key}`);
  }
}

const positionCache = new WeakMap<CvStructure, Set<string>>();

/**
 * The keys of the positions the reader found on jobs and volunteer roles: a title the lexicon does
 * not know ("Senior Archivist") is still a title, held to its own entry, not an employer.
 */
function positionKeys(cv: CvStructure): Set<string> {
  let keys = positionCache.get(cv);
  if (keys === undefined) {
    keys = new Set(
      [...cv.work, ...cv.volunteer].flatMap((e) => (e.position === null ? [] : [pieceKey(e.position)])),
    );
    keys.delete('');
    positionCache.set(cv, keys);
  }
  return keys;
}

// Words of a date or a length the date reader leaves in a header: "Feb '21", "1 yr 8 mos", a
// "since" cut from its year by a comma.
const DATE_WORDS = new Set(
  'yr yrs year years mo mos mth mths month months and und et y jahr jahre monat monate an ans mois ano anos mes meses since seit depuis desde from von ab'.split(
    ' ',
  ),
);

/** A piece of a header that only writes a date, a length or the open end of a range: no name. */
function datesOnly(piece: string): boolean {
  if (OPEN_END_RE.test(fold(piece))) return true;
  const tokens = tokenize(piece.replace(/['’]\d{2}\b/g, ' '));
  return tokens.every((t) => /^\d+$/.test(t.norm) || DATE_WORDS.has(t.norm) || isMonthName(t.raw));
}

/** An entry header ("Senior Engineer | Acme GmbH | 2020 – today"): short, no sentence. */
function headerLike(line: string): boolean {
  return !isBulletLine(line) && line.split(/\s+/).length <= 14 && !endsSentence(line);
}

/** Employers, titles, schools and certificates from entry headers; names from running text. */
function readNames(
  cv: CvStructure,
  section: SectionOfLine,
  plain: string,
  masked: string,
  bullet: boolean,
  at: AddFact,
): void {
  const entrySection =
    section === 'experience' ||
    section === 'volunteer' ||
    section === 'education' ||
    section === 'certificates';
  const educationEntry = section === 'education' && plain.split(/\s+/).length <= 14 && !endsSentence(plain);
  if (
    (entrySection && !bullet && headerLike(plain)) ||
    (section === 'certificates' && bullet) ||
    educationEntry
  ) {
    for (const piece of masked.split(PIECE_SPLIT_RE)) {
      // The word that opens a date stays behind when the date is blanked out: "… Kreuz seit 2015".
      const p = piece
        .replace(/^[\s:;,.|-]+|[\s:;,.|-]+$/g, '')
        .replace(/\s+(?:since|seit|depuis|desde)$/iu, '')
        .trim();
      if (p.length < 2 || !/\p{L}{2}/u.test(p) || isPlace(p) || datesOnly(p)) continue;
      const key = pieceKey(p);
      if (key === '') continue;
      let kind: FactKind;
      if (section === 'certificates' || CERT_WORD_RE.test(fold(p))) kind = 'certification';
      else if (section === 'education') {
        // Education lines also hold theses and courses, which a rewrite may word differently.
        // A school's name has no article before it: "a recommendation engine for a university library" describes.
        if (findDegree(p) !== null) kind = 'degree';
        else if (isInstitution(p) && !isStopword(p.split(/\s/)[0]!) && !describes(p)) kind = 'institution';
        else continue;
      } else kind = (isTitle(p) && !isOrganization(p)) || positionKeys(cv).has(key) ? 'title' : 'employer';
      if (kind === 'degree') at(kind, p, `degree:${degreeKey(findDegree(p) ?? p)}`);
      else at(kind, p, `name:${key}`);
    }
  } else if (NAME_SECTIONS.has(section)) {
    // In running text a capitalized word after the start of a sentence is a name ("for Initrode").
    for (const name of properNames(masked, cv.meta.language === 'de')) {
      at('name', name, `proper:${normTokens(name).join(' ')}`);
    }
  } else if (section === 'skills') {
    for (const name of listedNames(masked, cv.meta.language === 'de')) {
      at('name', name, `proper:${normTokens(name).join(' ')}`);
    }
  }
}

/**
 * A phrase that describes rather than names ("Python recommendation engine for a university
 * library"): a school's name has no article inside it ("emlyon business school" has none).
 */
function describes(phrase: string): boolean {
  return /(?:^|\s)(?:a|an|the|un|une|ein|eine|einer|una|uno|um|uma|een)\s+\p{Ll}/u.test(phrase);
}

/**
 * The tools a skills list names that the vocabulary does not know ("Figma, Framer, Sketch"): each
 * item's capitalized words outside a known skill. An item's first word is capitalized as a list
 * item, so in a phrase with a word in lower case ("Gestion de stock") it names nothing. In German,
 * where every noun is capitalized, only words with two capitals or more count ("SAP TM", "DGfC").
 */
function listedNames(masked: string, german: boolean): string[] {
  const names: string[] = [];
  // "Logiciel : LGPI", "Sécurité du médicament : pharmacovigilance": a label sorts, it names nothing.
  const items = masked.replace(/^[^:]{2,40}:/, (label) => ' '.repeat(label.length));
  for (const item of items.split(/\s*[,;|·•/()]\s*|\s+[-–—]\s+/)) {
    const skills = findSkills(item);
    let run: string[] = [];
    const flush = () => {
      if (run.length > 0) names.push(run.join(' '));
      run = [];
    };
    const tokens = tokenize(item);
    const phrase = tokens.some((t) => /^\p{Ll}/u.test(t.raw) && !isStopword(t.norm));
    for (const [i, t] of tokens.entries()) {
      const word = t.raw;
      const capitals = word.match(/\p{Lu}/gu)?.length ?? 0;
      const named = german || (i === 0 && phrase) ? capitals >= 2 : /^\p{Lu}/u.test(word);
      const known =
        COMMON_CAPITALIZED.has(word.toLowerCase()) ||
        isStopword(t.norm) ||
        skills.some((h) => h.start < t.end && t.start < h.end);
      if (!named || known || !/\p{L}/u.test(word)) flush();
      else run.push(word);
    }
    flush();
  }
  return names;
}

function supportedName(fact: Fact, other: FactExtraction, own: FactExtraction): boolean {
  if (fact.kind === 'degree') {
    const key = fact.key.slice('degree:'.length);
    const level = degreeLevel(fold(fact.value));
    return other.facts.some((f) => {
      if (f.kind !== 'degree') return false;
      const k = f.key.slice('degree:'.length);
      if (k === key) return true;
      // A generic claim ("Bachelor") agrees with any degree of its level ("B.Sc."); a specific
      // claim ("MBA") needs that degree, a "Master" in the source does not make it one.
      return (
        /^(?:bachelor|master|maestria|grado|licence|degree)/.test(key) && degreeLevel(fold(f.value)) === level
      );
    });
  }
  const phrase = fact.key.slice('name:'.length);
  if (phrase === '') return true;
  // Names must appear as one phrase: "Senior Backend Developer" is not supported by a "Senior
  // Backend Engineer" and a "Backend Developer" elsewhere.
  // Its abbreviations and words cut short may stand for the words the other text writes out.
  const words = nameWords(fact.value, fact.context, fact.kind === 'certification');
  const inPhrase = (sequence: string) =>
    sequence.includes(` ${phrase} `) ||
    sequence.includes(` ${phrase} |`) ||
    spelledOut(
      words,
      sequence === other.sequence ? other.sequenceTokens : sequenceWords(sequence),
      other.glosses,
    );
  // A school or employer may be joined on one line with the words of the line before or after it
  // ("Computer Science" over "Western Washington University"): still the same name.
  // So may a title a narrow column wraps ("Conseillère agronomie et" over "environnement").
  const joinedLines = () =>
    (fact.kind === 'institution' || fact.kind === 'employer' || fact.kind === 'title') &&
    inPhrase(other.sequence.replaceAll(' | ', ' '));
  if (!inPhrase(other.sequence) && !joinedLines() && !schoolReordered(fact, phrase, other)) return false;
  if (fact.kind === 'institution') return !runsPastAName(phrase, other);
  // A title belongs to its job: the current job's title put on an older one is a new claim.
  if (fact.kind !== 'title') return true;
  const origins = sameEntries(fact, own, other);
  // "FD" for the "Finance Director" of the same job.
  const value = fact.value.trim();
  const abbr =
    abbreviationsOf(value).length === 1 && /^\p{L}{2,8}$/u.test(value) ? fold(value).toLowerCase() : null;
  const initials = (sequence: string) => {
    const words = sequenceWords(sequence);
    return words.some((_, i) => spells(abbr!, words.slice(i, i + abbr!.length), false));
  };
  return (
    origins.length === 0 ||
    origins.some(
      (e) =>
        inPhrase(e.sequence) ||
        inPhrase(e.sequence.replaceAll(' | ', ' ')) ||
        (abbr !== null && initials(e.sequence)),
    )
  );
}

/** "Cambridge University" for "University of Cambridge", and back. */
function schoolReordered(fact: Fact, phrase: string, other: FactExtraction): boolean {
  if (fact.kind !== 'institution' && fact.kind !== 'employer') return false;
  const words = phrase.split(' ');
  if (words.length < 2 || words.length > 4) return false;
  const swapped =
    words[0] === 'university'
      ? [...words.slice(1), 'university']
      : words[words.length - 1] === 'university'
        ? ['university', ...words.slice(0, -1)]
        : null;
  if (swapped === null) return false;
  const key = swapped.join(' ');
  return other.sequence.includes(` ${key} `) || other.sequence.includes(` ${key} |`);
}

/**
 * A school read from the end of another school's name and the words after it: "University of
 * Oxford" is not in "Miami University, Oxford, OH" nor in "Oxford Brookes University" over a line
 * "Oxford", though its words follow each other there. Only a name the other text reads whole
 * supports it then.
 */
function runsPastAName(phrase: string, other: FactExtraction): boolean {
  const names = other.facts
    .filter((f) => f.kind === 'institution' || f.kind === 'employer')
    .map((f) => ` ${f.key.slice('name:'.length)} `);
  if (names.some((n) => n.includes(` ${phrase} `))) return false;
  const words = phrase.split(' ');
  const sequence = other.sequence.replaceAll(' | ', ' ');
  // Begun inside a name (the "University" of "Miami University"), not after the whole of one
  // ("University of Texas" read apart from its "Health Science Center"), wherever it is written.
  const insideAName = (at: number) =>
    words.some((_, i) => {
      if (i === 0) return false;
      const head = ` ${words.slice(0, i).join(' ')} `;
      const upTo = sequence.slice(0, at) + head;
      return names.some((n) => n !== head && n.endsWith(head) && upTo.endsWith(n));
    });
  let at = sequence.indexOf(` ${phrase} `);
  if (at === -1) return false;
  for (; at !== -1; at = sequence.indexOf(` ${phrase} `, at + 1)) if (!insideAName(at)) return false;
  return true;
}

/**
 * The words of a name as its key reads them (no small words, legal suffixes or numbers), each
 * marked when written in capitals or cut short: followed by a full stop ("Dept."), or joined to
 * another by a hyphen ("Med-Surg"), as found in the line it is written in. A certification's
 * words may take another form ("Inscription à l'Ordre" for "Inscrite à l'Ordre": `inflected`).
 */
function nameWords(value: string, context: string, inflected = false): NameWord[] {
  const found = context.indexOf(value);
  const [text, from] = found === -1 ? [value, 0] : [context, found];
  const acronyms = new Set(abbreviationsOf(value));
  return tokenize(text)
    .filter((t) => t.start >= from && t.end <= from + value.length)
    .filter(
      (t) =>
        t.norm.length > 1 &&
        !/\d/.test(t.norm) &&
        !isStopword(t.norm) &&
        !LEGAL_SUFFIXES.has(t.norm) &&
        !NAME_LINKS.has(t.norm),
    )
    .map((t) => {
      const letters = fold(t.raw).toLowerCase();
      return {
        norm: t.norm,
        letters,
        acronym: acronyms.has(letters),
        inflected,
        truncated: text[t.end] === '.' || text[t.end] === '-' || text[t.start - 1] === '-',
      };
    });
}

/** A name with words cut short ("Adv. Energy Mater."): each the other text's word, or the start of one. */
function shortenedName(fact: Fact, other: FactExtraction): boolean {
  const words = nameWords(fact.value, fact.context);
  if (!words.some((w) => w.truncated)) return false;
  return words.every(
    (w) => other.words.has(w.norm) || (w.truncated && [...other.words].some((o) => shortens(w.norm, o))),
  );
}

/** The date range written right after a fact ("Finance Director (2014–2018)"), if any. */
function datesAfter(fact: Fact): { start: string; end: string | null } | null {
  const at = fact.context.indexOf(fact.value);
  if (at === -1) return null;
  const rest = fact.context.slice(at + fact.value.length);
  const range = findDateRanges(rest)[0];
  return range !== undefined && /^[\s*_(,]*$/.test(rest.slice(0, range.index)) ? range : null;
}

/**
 * The entries of `other` that the entry holding `fact` restates: the same dates, else the same
 * employer. None when the fact is on no entry or the entry cannot be told apart.
 */
function sameEntries(fact: Fact, own: FactExtraction, other: FactExtraction): Entry[] {
  const entry = own.entries.find((e) => e.first <= fact.line && fact.line < e.end);
  if (entry === undefined) return [];
  const agrees = (a: string | null, b: string | null) => a !== null && b !== null && sameDate(a, b);
  // Roles merged under one employer, each with its dates: "Finance Director (2014–2018) ·
  // Financial Controller (2010–2014)". The dates written right after the title are its own.
  const written = datesAfter(fact);
  if (written !== null) {
    const mine = other.entries.filter(
      (e) =>
        agrees(e.startDate, written.start) &&
        (written.end === null ? e.current : !e.current && agrees(e.endDate, written.end)),
    );
    if (mine.length > 0) return mine;
  }
  const dated = other.entries.filter(
    (e) =>
      agrees(e.startDate, entry.startDate) &&
      (entry.current ? e.current : !e.current && agrees(e.endDate, entry.endDate)),
  );
  if (dated.length > 0) return dated;
  return entry.employer === '' ? [] : other.entries.filter((e) => e.employer === entry.employer);
}

/**
 * A name whose words the other text has, or an abbreviation of its words: "AWS" for "Amazon Web
 * Services", "Amazon Web Services" for "AWS", "KPIs" for "key performance indicators".
 */
function nameStated(words: readonly string[], other: FactExtraction): boolean {
  // A word the other text writes with a sign that keeps it one token: "Plus" of "Movistar Plus+".
  if (words.every((w) => other.words.has(w) || other.words.has(`${w}+`))) return true;
  // Another form of the same words: "Quarterly Reforecasting" in a list for "quarterly reforecast".
  const stems = wordStems(other);
  if (words.every((w) => other.words.has(w) || (w.length >= 5 && stems.has(wordStem(w))))) return true;
  if (words.length >= 2) return other.words.has(words.map((w) => w[0]).join(''));
  const word = words[0] ?? '';
  return /^[a-z]{2,6}$/.test(word) && other.initialisms.has(word);
}

const stemCache = new WeakMap<FactExtraction, Set<string>>();

/** The stems of every word of a text (see `wordStem`). */
function wordStems(from: FactExtraction): Set<string> {
  let stems = stemCache.get(from);
  if (stems === undefined) {
    stems = new Set([...from.words].filter((w) => w.length >= 5).map(wordStem));
    stemCache.set(from, stems);
  }
  return stems;
}

function supportedDateRange(fact: Fact, other: FactExtraction): boolean {
  const [start, end] = fact.key.split('..') as [string, string];
  // "2020 – 2020" says no more than the "2020" it was written from.
  if (start === end && other.dates.some((d) => dateAgrees(start, d))) return true;
  const agrees = (key: string) => {
    const [s, e] = key.split('..') as [string, string];
    return (
      dateAgrees(start, s) && (end === 'present' ? e === 'present' : e !== 'present' && dateAgrees(end, e))
    );
  };
  return (
    other.facts.some((f) => f.kind === 'date_range' && agrees(f.key)) ||
    other.entryRanges.some(agrees) ||
    chainsRanges(start, end, other)
  );
}

/**
 * Two roles at one employer merged under one span: "Castlegate (2010–2018)" for "Financial
 * Controller, 2010 – 2014" and "Finance Director, 2014 – 2018". Only the roles of one employer,
 * that follow each other without a gap: a span over two employers or a gap would hide a change.
 */
function chainsRanges(start: string, end: string, other: FactExtraction): boolean {
  const ends = (e: Entry) =>
    end === 'present' ? e.current : !e.current && e.endDate !== null && dateAgrees(end, e.endDate);
  const follows = (prev: Entry, next: Entry) =>
    prev.endDate !== null &&
    next.startDate !== null &&
    next.employer === prev.employer &&
    next !== prev &&
    (sameDate(prev.endDate, next.startDate) || monthsBetween(prev.endDate, next.startDate) === 1);
  // From one role, a role that follows it: up to three links.
  const reach = (from: Entry, links: number): boolean =>
    links > 0 &&
    other.entries.some((e) => follows(from, e) && (ends(e) || (!e.current && reach(e, links - 1))));
  return other.entries.some(
    (e) =>
      e.employer !== '' &&
      e.startDate !== null &&
      dateAgrees(start, e.startDate) &&
      !e.current &&
      reach(e, 3),
  );
}

/** The claimed date is the source date, or the same year written with less precision. */
function dateAgrees(claimed: string, source: string): boolean {
  return claimed === source || (claimed.length === 4 && sameDate(claimed, source));
}

function numberAgrees(claimed: string, source: string, bound: Bound = null): boolean {
  const [kind, value, months] = claimed.split(/[:~]/) as [string, string, string | undefined];
  const [k, v, m] = source.split(/[:~]/) as [string, string, string | undefined];
  // A percentage must stay a percentage; a count may be restated as part of an amount and back;
  // a duration may change its unit ("18 months", "1.5 years").
  return (
    (v === value || (months !== undefined && months === m) || withinBound(Number(value), Number(v), bound)) &&
    (kind === k || (kind !== 'percentage' && k !== 'percentage'))
  );
}

/** How a number is claimed: as a floor ("over 1,000"), roughly ("around 120") or exactly (null). */
type Bound = 'floor' | 'about' | null;

// Folded, before the number: "more than 3,000", "über 1.000", "plus de 400", "más de 60".
const FLOOR_BEFORE_RE =
  /(?:over|more than|above|in excess of|at least|upwards of|mehr als|uber|mindestens|plus de|au moins|mas de|al menos)\s*$/;
const ABOUT_BEFORE_RE =
  /(?:nearly|almost|around|about|approximately|roughly|some|close to|~|rund|etwa|ca\.|fast|knapp|environ|pres de|presque|casi|cerca de|aproximadamente|unos|unas)\s*$/;

/** The bound a number is written with, from the words before it or a "+" after it ("5+ years"). */
function boundOf(fact: Fact): Bound {
  const at = fact.context.indexOf(fact.value);
  if (at === -1) return null;
  const before = fold(fact.context.slice(Math.max(0, at - 20), at));
  if (FLOOR_BEFORE_RE.test(before) || fact.context[at + fact.value.length] === '+') return 'floor';
  return ABOUT_BEFORE_RE.test(before) ? 'about' : null;
}

/**
 * A floor the source's number clears, by no more than twice ("over 1,000" for 1,200, not for
 * 5,000), or a rough number within a tenth of it ("around 120" for 118).
 */
function withinBound(claimed: number, source: number, bound: Bound): boolean {
  if (bound === null || !(claimed > 0) || !(source > 0)) return false;
  if (bound === 'floor') return source >= claimed && source <= claimed * 2;
  return Math.abs(source - claimed) <= source * 0.1;
}

function supportedNumber(fact: Fact, other: FactExtraction, ownLines: readonly NumberLine[]): boolean {
  if (spansAnEntry(fact, other)) return true;
  // A rephrased line is held to the numbers of the lines it came from: "a team of 8" is not
  // supported by an unrelated "8 years" elsewhere when the same bullet said "a team of 5".
  const own = ownLines.find((l) => l.lines.includes(fact.line) && l.keys.includes(fact.key));
  const bound = boundOf(fact);
  if (own !== undefined) {
    // A length written beside its dates ("junio 2019 – actualidad (5 años y 6 meses)") comes from
    // the line with those dates, however the rest of a merged line reads.
    const duration = fact.key.includes('~');
    const origins = other.numberLines.filter(
      (l) =>
        l.keys.length > 0 &&
        (relatedSets(own.tokens, l.tokens) || (duration && own.dates.some((d) => l.dates.includes(d)))),
    );
    if (origins.length > 0)
      return (
        origins.some(
          (l) =>
            l.keys.some((k) => numberAgrees(fact.key, k, bound)) ||
            isDifference(fact.key, l.keys, own.keys) ||
            countsOne(fact, l.tokens),
        ) ||
        sameCount(fact, other) ||
        sharesNeighbour(fact, other, (f) => NUMERIC_KINDS.has(f.kind) && numberAgrees(fact.key, f.key, bound))
      );
  }
  return (
    other.facts.some((f) => NUMERIC_KINDS.has(f.kind) && numberAgrees(fact.key, f.key, bound)) ||
    countsOne(fact, other.words)
  );
}

/**
 * The difference of two numbers of one kind that both the line it came from and its own line
 * write: "cut by three days (from eight to five)" for "cut from 8 to 5 days". Both, so that "from
 * 7 to 11" is not read as the growth of "from 4 to 11".
 */
function isDifference(claimed: string, keys: readonly string[], ownKeys: readonly string[]): boolean {
  const [kind, value] = claimed.split(/[:~]/) as [string, string];
  const valuesOf = (of: readonly string[]) =>
    of.filter((k) => k.startsWith(`${kind}:`)).map((k) => Number(k.split(/[:~]/)[1]));
  const own = new Set(valuesOf(ownKeys));
  const both = valuesOf(keys).filter((v) => own.has(v));
  const target = Number(value);
  return target > 0 && both.some((a, i) => both.some((b, j) => i !== j && a - b === target));
}

/**
 * "1 London IPO" for "a London listing": one of a thing that the line it came from names, or the
 * other text when no line reads like it. One is what an article says: no count to inflate.
 */
function countsOne(fact: Fact, words: ReadonlySet<string>): boolean {
  if (fact.key !== 'n:1') return false;
  const word = countedWord(fact);
  return word !== null && words.has(word);
}

/** The word a number counts: "staff" in "120 staff", "shifts" in "three shifts", "m²" in "40,000 m²". */
function countedWord(fact: Fact): string | null {
  const at = fact.context.indexOf(fact.value);
  if (at === -1) return null;
  // A unit read with the number ("40,000 m") is the first letters of what it counts.
  const unit = /(?<=[\d\s])\p{L}{1,3}$/u.exec(fact.value)?.[0] ?? '';
  const word = /\p{L}[\p{L}²³]*/u.exec(unit + fact.context.slice(at + fact.value.length))?.[0];
  return word === undefined || isStopword(fold(word)) ? null : stem(fold(word));
}

/**
 * Two counted words that are one word inflected: "400 Beschäftigte" counts what "400
 * Beschäftigten" did (stems of a word's forms may still differ by a letter: "beschaftigt", "beschaftig").
 */
function sameCounted(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  if (a === b) return true;
  const [x, y] = [wordStem(a), wordStem(b)];
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= 5 && long.startsWith(short) && long.length - short.length <= 1;
}

/**
 * The same number of the same thing elsewhere in the other text: "120 staff" in a line merged
 * from several keeps the "120 staff" of the line it came from, though that line reads otherwise.
 */
function sameCount(fact: Fact, other: FactExtraction): boolean {
  const word = countedWord(fact);
  return (
    word !== null &&
    other.facts.some(
      (f) => NUMERIC_KINDS.has(f.kind) && numberAgrees(fact.key, f.key) && sameCounted(countedWord(f), word),
    )
  );
}

/** Months from one `YYYY-MM` to another, or null when either is not a month. */
function monthsBetween(start: string, end: string): number | null {
  const [a, b] = [/^(\d{4})-(\d{2})$/.exec(start), /^(\d{4})-(\d{2})$/.exec(end)];
  if (a === null || b === null) return null;
  return (Number(b[1]) - Number(a[1])) * 12 + Number(b[2]) - Number(a[2]);
}

/**
 * A duration that is the length of a job or school the other text dates: "a year and a half of
 * internship" for an internship from 05/2020 to 10/2021, counted with or without its last month.
 */
function spansAnEntry(fact: Fact, other: FactExtraction): boolean {
  const months = /~(\d+(?:\.\d+)?)$/.exec(fact.key)?.[1];
  if (months === undefined) return false;
  return other.entryRanges.some((range) => {
    const [start, end] = range.split('..') as [string, string];
    const span = monthsBetween(start, end);
    return span !== null && (span === Number(months) || span + 1 === Number(months));
  });
}

/**
 * A single date ("CKA, 2022") is held to the lines it was rephrased from, as a number is: moved two
 * years earlier it is not supported by the same year on another entry of the CV.
 */
function supportedDate(fact: Fact, other: FactExtraction, ownLines: readonly NumberLine[]): boolean {
  const own = ownLines.find((l) => l.lines.includes(fact.line) && l.dates.includes(fact.key));
  // A date on a line of its own says nothing of where it came from.
  if (own !== undefined && own.undated.size > 0) {
    // A short dated line ("PMP, 2020") merged into a longer one is one of its origins too.
    const origins = other.numberLines.filter(
      (l) =>
        l.dates.length > 0 &&
        l.undated.size > 0 &&
        (relatedSets(own.undated, l.undated) || [...l.undated].every((w) => own.undated.has(w))),
    );
    // A line that says the same (a reworded "Google UX Design Certificate, 2018") or is merged
    // into it whole outranks one that only shares a word or two with it ("UX Designer, 07/2016 –
    // 03/2019").
    const close = origins.filter(
      (l) => jaccardSets(own.undated, l.undated) >= 0.5 || [...l.undated].every((w) => own.undated.has(w)),
    );
    const held = close.length > 0 ? close : origins;
    if (held.length > 0)
      return (
        held.some((l) => l.dates.some((d) => dateAgrees(fact.key, d))) ||
        sharesNeighbour(fact, other, (k) => k.kind === 'date' && dateAgrees(fact.key, k.key))
      );
  }
  return other.dates.some((d) => dateAgrees(fact.key, d));
}

/**
 * A number or date moved into a line of many facts (a "Key facts" line, a summary written from the
 * CV) keeps a word it stood beside: "CKA (2022)" for "CKA, 2022", "3 years running" for "three
 * years". Supported when the other text has the same value beside the same word; a value changed
 * ("CKA (2021)") finds none.
 */
function sharesNeighbour(fact: Fact, other: FactExtraction, same: (f: Fact) => boolean): boolean {
  // Only where a CV sums itself up: in a job's own lines a value stays held to its origin.
  if (!OBJECTIVE_SECTIONS.has(fact.section)) return false;
  const near = neighbourWords(fact);
  if (near.size === 0) return false;
  return other.facts.some((f) => same(f) && [...neighbourWords(f)].some((w) => near.has(w)));
}

const neighbourCache = new WeakMap<Fact, Set<string>>();

/** The content words right before and after a fact's value in its line, on their stems. */
function neighbourWords(fact: Fact): Set<string> {
  let words = neighbourCache.get(fact);
  if (words !== undefined) return words;
  words = new Set<string>();
  const at = fact.context.indexOf(fact.value);
  if (at !== -1) {
    const before = contentTokens(fact.context.slice(0, at)).slice(-1);
    const after = contentTokens(fact.context.slice(at + fact.value.length)).slice(0, 1);
    for (const w of [...before, ...after]) if (/^\p{L}{3,}$/u.test(w)) words.add(wordStem(w));
  }
  neighbourCache.set(fact, words);
  return words;
}

const ABBREVIABLE_KINDS: ReadonlySet<FactKind> = new Set([
  'employer',
  'title',
  'institution',
  'certification',
  'skill',
  'name',
]);

function isSupported(fact: Fact, other: FactExtraction, own: FactExtraction): boolean {
  if (statedAsWritten(fact, other, own)) return true;
  if (!ABBREVIABLE_KINDS.has(fact.kind)) return false;
  // "UCL" for "University College London", "SDR" for "Sales Development Representative": the
  // initials of words the other text writes as a name.
  const value = fact.value.trim();
  if (/^\p{L}{3,8}$/u.test(value) && abbreviationsOf(value).length === 1)
    if (other.nameInitialisms.has(fold(value).toLowerCase())) return true;
  // A skill is named by its vocabulary name: its words as written are in the line.
  const written = fact.key.startsWith('skill:')
    ? (findSkills(fact.context).find((h) => `skill:${h.id}` === fact.key)?.text ?? value)
    : value;
  if (glossed(written, fact.context, other)) return true;
  // "Project Management Professional" for "PMP", "Junior User Interface Designer" for "Junior UI Designer".
  const inSequence = (phrase: string) =>
    phrase !== '' && (other.sequence.includes(` ${phrase} `) || other.sequence.includes(` ${phrase} |`));
  if (
    expandsAbbreviation(written, fact.context, other.abbreviations, (words) =>
      inSequence(nameKey(words.join(' '))),
    )
  )
    return true;
  if (
    fact.kind === 'certification' &&
    restatesCertificate(withoutNumbers(fact.value), certificateKeys(other), other.abbreviations)
  )
    return true;
  // Several abbreviations spelled out in one name: "Basic Life Support and Advanced Cardiac Life
  // Support". Not a title, which is held to its own job (`supportedName`).
  if (other.abbreviations.size === 0 || fact.key.startsWith('skill:') || fact.kind === 'title') return false;
  const words = keyWords(withoutNumbers(fact.value), (t) => LEGAL_SUFFIXES.has(t) || NAME_LINKS.has(t));
  if (words.length < 4) return false;
  const short = contracted(words, other.abbreviations);
  return short.length < words.length && inSequence(short.join(' '));
}

const certificateCache = new WeakMap<FactExtraction, string[]>();

/** The certificates of a text, each as ` word word ` without the words that mark it as one. */
function certificateKeys(from: FactExtraction): string[] {
  let keys = certificateCache.get(from);
  if (keys === undefined) {
    keys = from.facts
      .filter((f) => f.kind === 'certification' && f.key.startsWith('name:'))
      .map(
        (f) =>
          ` ${f.key
            .slice('name:'.length)
            .split(' ')
            .filter((w) => !CERT_WORD_RE.test(w))
            .join(' ')} `,
      );
    certificateCache.set(from, keys);
  }
  return keys;
}

/**
 * A value inside an abbreviation's gloss written beside it: the words of "PricewaterhouseCoopers
 * (PwC)" when the other text writes PwC, the "TMS" of "Transportmanagementsystem (TMS)" when it
 * writes the words.
 */
function glossed(value: string, context: string, other: FactExtraction): boolean {
  const at = context.indexOf(value);
  if (at === -1) return false;
  const within = (span: readonly [number, number]) => span[0] <= at && at + value.length <= span[1];
  return glossesOf(context).some(
    (g) =>
      (within(g.wordsSpan) && g.parts.every((p) => other.abbreviations.has(p))) ||
      (within(g.abbrSpan) && contentTokens(g.words).every((w) => other.words.has(w))),
  );
}

function statedAsWritten(fact: Fact, other: FactExtraction, own: FactExtraction): boolean {
  switch (fact.kind) {
    case 'name':
      return nameStated(fact.key.slice('proper:'.length).split(' '), other) || shortenedName(fact, other);
    case 'award':
    case 'publication':
    case 'patent':
    case 'membership':
      return honourStated(fact.key.slice(fact.kind.length + 1).split(' '), other.lineWords, other.words);
    case 'skill':
    case 'certification':
      if (fact.key.startsWith('skill:'))
        return (
          other.skillIds.has(fact.key.slice('skill:'.length)) ||
          partOfSkill(fact, other) ||
          skillReworded(fact.key.slice('skill:'.length), fact.context, other)
        );
      return supportedName(fact, other, own);
    case 'date_range':
      return supportedDateRange(fact, other);
    case 'date':
      return supportedDate(fact, other, own.numberLines);
    case 'number':
    case 'percentage':
    case 'money':
      return supportedNumber(fact, other, own.numberLines);
    default:
      return supportedName(fact, other, own);
  }
}

/**
 * A skill written with words of a longer one the other text names: "an Oracle-based ERP" claims
 * no more than the "Oracle ERP" it came from, though "Oracle" alone reads as Oracle Database.
 */
function partOfSkill(fact: Fact, other: FactExtraction): boolean {
  const hit = findSkills(fact.context).find((h) => `skill:${h.id}` === fact.key);
  if (hit === undefined) return false;
  const words = ` ${normTokens(hit.text).join(' ')} `;
  return [...other.skillTexts].some((t) => t.length > words.length && t.includes(words));
}

const contextCache = new WeakMap<FactExtraction, Map<string, Set<string>>>();

function contextTokens(from: FactExtraction, f: Fact): Set<string> {
  let cache = contextCache.get(from);
  if (cache === undefined) {
    cache = new Map();
    contextCache.set(from, cache);
  }
  let tokens = cache.get(f.context);
  if (tokens === undefined) {
    tokens = new Set(contentTokens(f.context));
    cache.set(f.context, tokens);
  }
  return tokens;
}

/** For an unsupported claim, the source fact it most likely replaces, if any. */
function counterpart(fact: Fact, source: FactExtraction, improved: FactExtraction): Fact | null {
  const context = new Set(contentTokens(fact.context));
  let best: Fact | null = null;
  let bestScore = 0;
  for (const f of source.facts) {
    const sameFamily =
      f.kind === fact.kind ||
      (NUMERIC_KINDS.has(f.kind) && NUMERIC_KINDS.has(fact.kind)) ||
      (f.kind === 'date' && fact.kind === 'date_range') ||
      (f.kind === 'date_range' && fact.kind === 'date');
    if (!sameFamily) continue;
    // Only a source fact that the improved text no longer states can have been changed into this one.
    if (isSupported(f, improved, source)) continue;
    let score = jaccardSets(context, contextTokens(source, f));
    if (fact.kind === 'date_range' && f.kind === 'date_range') {
      const [a, b] = fact.key.split('..');
      const [c, d] = f.key.split('..');
      if (a === c || b === d) score += 0.6;
    }
    if (NAME_KINDS.has(fact.kind)) score += 0.5 * jaccard(fact.key.split(' '), f.key.split(' '));
    if (score > bestScore) {
      bestScore = score;
      best = f;
    }
  }
  return bestScore >= 0.3 ? best : null;
}

export interface FactCheckOptions {
  /**
   * `YYYY-MM` that "Present" means when the source's work history is summed, as for the match
   * score. Default: the latest date written in the source.
   */
  readonly referenceDate?: string | undefined;
  /**
   * The position the person applies for. Named as what they seek (a headline, an objective, a
   * summary) it is no claim about their past; the same words on a job entry still are.
   */
  readonly targetPosition?: string | undefined;
  /** The improved text as already read (`parseCv(improvedText)`), so it is not read twice. */
  readonly improved?: CvStructure | undefined;
}

// "11 years of professional experience", "7 Jahren Berufserfahrung", "6 ans d'expérience", "8 años
// de experiencia": a statement of the whole career's length, on folded text.
const CAREER_YEARS_RE =
  /^\s*\+?\s*(?:years?|yrs|jahre|jahren|jahr|ans?|annees|anos?)\b[^.;:]{0,40}?(?:experience|erfahrung|experiencia)/;

/**
 * A career length the source's own dates add up to is no new fact, though the source may never
 * write the number: "11 years of experience" is supported when the work history spans at least
 * 11 years. Only a statement of years of experience qualifies, so "a team of 11" stays held to
 * the source's numbers.
 */
function statesCareerYears(fact: Fact, careerYears: number): boolean {
  if (fact.kind !== 'number' || !fact.key.startsWith('n:')) return false;
  const value = Number(fact.key.slice(2).split('~')[0]);
  if (!Number.isInteger(value) || value < 1 || value > careerYears) return false;
  const context = fold(fact.context);
  const word = fold(fact.value);
  for (let at = context.indexOf(word); at !== -1; at = context.indexOf(word, at + 1)) {
    if (/[\p{L}\d]$/u.test(context.slice(0, at))) continue;
    if (CAREER_YEARS_RE.test(context.slice(at + word.length))) return true;
  }
  return false;
}

/**
 * Compares an improved CV with its source: what it invented, changed and dropped. The source is the
 * CV text, or its structure when the user corrected it (the correction is then the truth).
 */
export function checkFacts(
  source: string | CvStructure,
  improvedText: string,
  options: FactCheckOptions = {},
): FactGuardResult {
  const cv = typeof source === 'string' ? parseCv(source) : source;
  const reference =
    options.referenceDate ??
    latestDate(cv.meta.sections.flatMap((s) => s.lines.map((l) => l.text)).join('\n'));
  // As written: a skill's name may match only in its own case ("HR", not "hr").
  const target = options.targetPosition?.trim() ? options.targetPosition.trim() : null;
  const names = (fact: Fact) => (target !== null && namesTarget(fact, target)) || sought(fact);
  return compareFacts(
    extractFacts(cv),
    extractFacts(options.improved ?? improvedText),
    experienceYears(cv, reference),
    names,
  );
}

// Where a CV says what its author is after, not what they did.
const OBJECTIVE_SECTIONS: ReadonlySet<string> = new Set(['header', 'summary']);

/**
 * A fact of a headline, an objective or a summary that is (part of) the target position; a skill
 * by what the position names ("Head of HR" names human resources).
 */
function namesTarget(fact: Fact, target: string): boolean {
  if (!OBJECTIVE_SECTIONS.has(fact.section)) return false;
  if (fact.key.startsWith('skill:')) {
    if (findSkills(target).some((h) => fact.key === `skill:${h.id}`)) return true;
    const written = findSkills(fact.context).find((h) => fact.key === `skill:${h.id}`)?.text;
    return written !== undefined && abbreviatesTarget(written, target);
  }
  const value = fold(fact.value).trim();
  return (value.length >= 3 && fold(target).includes(value)) || abbreviatesTarget(fact.value, target);
}

// An aspiration in a headline or an objective: "Seeking a Senior Data Scientist role in
// e-commerce", "à la recherche d'un poste de … dans …". Only the role sought and where it is
// sought are read as aspired to; "seeking a role using my Kubernetes expertise" still claims
// Kubernetes. On folded text.
const SOUGHT_ROLE_RE =
  /\b(?:seeking|looking for|aiming for|targeting|in search of|open to|a la recherche d'?|recherche|auf der suche nach|sucht|busca(?:ndo)?|en busca de|in cerca di|alla ricerca di|a procura de|op zoek naar)\s+(?<role>[^.;|]{0,60}?\b(?:role|position|post|opportunity|job|poste|stelle|position|puesto|ruolo|cargo|funcao|functie|baan))\b(?:\s+(?:in|within|at|for|dans|en|im|in der|bei|en el|nel|na|no|bij)\s+(?<field>[^.;|,]{1,40}))?/u;

/** A fact of a headline, an objective or a summary that names the role sought or its field. */
function sought(fact: Fact): boolean {
  if (!OBJECTIVE_SECTIONS.has(fact.section) || (fact.kind !== 'skill' && fact.kind !== 'title')) return false;
  const m = SOUGHT_ROLE_RE.exec(fold(fact.context).toLowerCase());
  const value = fold(fact.value).toLowerCase().trim();
  if (m === null || value === '') return false;
  return [m.groups?.role, m.groups?.field].some((part) => part?.includes(value) === true);
}

/** "SRE" for a "Site Reliability Engineer" position: the initials of a run of its words. */
function abbreviatesTarget(value: string, target: string): boolean {
  const abbr = abbreviationsOf(value);
  if (abbr.length !== 1 || fold(value.trim()).toLowerCase() !== abbr[0]) return false;
  const words = tokenize(target).map((t) => t.norm);
  return words.some((_, i) => words.some((__, j) => j > i && spells(abbr[0]!, words.slice(i, j + 1), false)));
}

function compareFacts(
  source: FactExtraction,
  improved: FactExtraction,
  careerYears: number,
  namesTarget: (fact: Fact) => boolean = () => false,
): FactGuardResult {
  const invented: Fact[] = [];
  const changed: FactChange[] = [];
  const replaced = new Set<Fact>();
  for (const fact of improved.facts) {
    if (isSupported(fact, source, improved) || statesCareerYears(fact, careerYears) || namesTarget(fact))
      continue;
    const before = counterpart(fact, source, improved);
    if (before !== null && !replaced.has(before)) {
      replaced.add(before);
      changed.push({
        kind: fact.kind,
        from: before.value,
        to: fact.value,
        section: fact.section,
        line: fact.line,
        source_line: before.line,
        context: fact.context,
      });
    } else invented.push(fact);
  }
  // One claim often yields two facts ("PMP" the certification and "PMP Certification" the line piece).
  const distinct = invented.filter(
    (f) =>
      !invented.some(
        (g) =>
          g !== f &&
          g.line === f.line &&
          g.value.length > f.value.length &&
          fold(g.value).includes(fold(f.value)),
      ),
  );
  // A name the improved text no longer spells out is usually a shortened sentence, not a lost fact.
  const dropped = source.facts.filter(
    (f) => f.kind !== 'name' && !replaced.has(f) && !isSupported(f, improved, source),
  );
  return {
    passed: distinct.length === 0 && changed.length === 0,
    invented: distinct,
    changed,
    dropped,
    counts: { source: source.facts.length, improved: improved.facts.length },
  };
}
