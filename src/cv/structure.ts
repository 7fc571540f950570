// The CV structure between the user and the analysis, both ways, with no I/O:
// - the parser's reading (CvStructure) as the JSON Resume document a user sees, with source lines;
// - a corrected JSON Resume document back into the CvStructure every analysis step works on.
//
// The analysis reads lines, not only fields (evidence, keyword stuffing, the fact guard's facts),
// so a corrected structure is written out as the lines of its sections, in the CV's own section
// headings. Each line keeps the number of the CV text line it came from when there is one (a line
// the user left as it was, or the part's own `line`); a part the user added has 0, "not in the text".
import {
  type CvBasics,
  type CvCertificate,
  type CvEducation,
  type CvLanguageCode,
  type CvLine,
  type CvProject,
  type CvSection,
  type CvStructure,
  type CvWork,
  parseCv,
  SECTION_NAMES,
  type SectionKey,
} from '../analysis/index.ts';
import {
  ResumeStructureInputSchema,
  type ResumeStructureOut,
  type StoredResumeStructure,
} from './structure.schemas.ts';

/** Sections a correction cannot express (JSON Resume has no place for them): kept as read. */
const CARRIED_OVER: ReadonlySet<string> = new Set([
  'awards',
  'publications',
  'memberships',
  'interests',
  'references',
]);

const DEFAULT_ORDER: readonly SectionKey[] = [
  'summary',
  'experience',
  'education',
  'skills',
  'projects',
  'certificates',
  'languages',
  'volunteer',
];

// The headings a corrected structure is written out under when the CV gave none.
const DEFAULT_HEADINGS = SECTION_NAMES;

// Words the date reader takes for "ongoing" (analysis/dates.ts), in the CV's language.
const PRESENT: Record<CvLanguageCode, string> = {
  en: 'Present',
  de: 'heute',
  fr: "aujourd'hui",
  es: 'actualidad',
};

/** The parser names an unlabelled skills list "Skills". */
const UNLABELLED_SKILLS = 'Skills';

/** Lower case, no accents, no bullet or heading mark, one space: how two renderings of a line compare. */
function comparable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^[\s•·*▪◦●‣–—#-]+/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function textLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

// ---- the reading, as the user sees it ----

function firstLineWith(lines: readonly { n: number; text: string }[], needle: string | null): number | null {
  if (needle === null || needle.trim() === '') return null;
  const want = comparable(needle);
  return lines.find((l) => comparable(l.text).includes(want))?.n ?? null;
}

function sectionLines(cv: CvStructure, key: SectionKey): CvLine[] {
  return cv.meta.sections.filter((s) => s.key === key).flatMap((s) => s.lines);
}

const lineOrNull = (n: number) => (n > 0 ? n : null);
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Each confidence of the reading in [0, 1]: the sections', then each work, education and volunteer entry's. */
function readingConfidence(cv: CvStructure): Record<string, number> {
  const confidence: Record<string, number> = {};
  for (const [key, value] of Object.entries(cv.meta.confidence)) confidence[key] = clamp01(value);
  cv.work.forEach((w, i) => {
    confidence[`work.${i}`] = clamp01(w.confidence);
  });
  cv.education.forEach((e, i) => {
    confidence[`education.${i}`] = clamp01(e.confidence);
  });
  cv.volunteer.forEach((v, i) => {
    confidence[`volunteer.${i}`] = clamp01(v.confidence);
  });
  return confidence;
}

/** The fields a job and a volunteer role share, as the user sees them (the parser's 0 line is "none"). */
function workOut({
  position,
  location,
  startDate,
  endDate,
  summary,
  highlights,
  line,
}: Omit<CvWork, 'name'>) {
  return { position, location, startDate, endDate, summary, highlights, line: lineOrNull(line) };
}

/** The parser's reading of `text` as JSON Resume, each part with its line and confidence. */
export function resumeFromReading(cv: CvStructure, text: string): ResumeStructureOut {
  const all = textLines(text).map((t, i) => ({ n: i + 1, text: t }));
  // Skills and languages carry no line of their own: they are found in their section's lines.
  const skillLines = sectionLines(cv, 'skills');
  const languageLines = sectionLines(cv, 'languages');
  return {
    basics: {
      ...cv.basics,
      location: cv.basics.location === null ? null : { ...cv.basics.location },
      profiles: cv.basics.profiles.map((p) => ({ network: p.network, username: p.username, url: p.url })),
      line: firstLineWith(all, cv.basics.name),
    },
    work: cv.work.map((w) => ({ name: w.name, ...workOut(w) })),
    education: cv.education.map((e) => ({
      institution: e.institution,
      area: e.area,
      studyType: e.studyType,
      startDate: e.startDate,
      endDate: e.endDate,
      highlights: e.highlights,
      line: lineOrNull(e.line),
    })),
    skills: cv.skills.map((g) => ({
      name: g.name,
      keywords: g.keywords,
      line: firstLineWith(skillLines, g.keywords[0] ?? null) ?? firstLineWith(skillLines, g.name),
    })),
    projects: cv.projects.map((p) => ({
      name: p.name,
      description: p.description,
      highlights: p.highlights,
      startDate: p.startDate,
      endDate: p.endDate,
      line: lineOrNull(p.line),
    })),
    certificates: cv.certificates.map((c) => ({
      name: c.name,
      date: c.date,
      issuer: c.issuer,
      line: lineOrNull(c.line),
    })),
    awards: cv.awards.map((a) => ({
      title: a.title,
      date: a.date,
      awarder: a.awarder,
      line: lineOrNull(a.line),
    })),
    publications: cv.publications.map((p) => ({
      name: p.name,
      releaseDate: p.releaseDate,
      publisher: p.publisher,
      line: lineOrNull(p.line),
    })),
    languages: cv.languages.map((l) => ({
      language: l.language,
      fluency: l.fluency,
      line: firstLineWith(languageLines, l.language) ?? firstLineWith(all, l.language),
    })),
    volunteer: cv.volunteer.map((v) => ({ organization: v.organization, ...workOut(v) })),
    confidence: readingConfidence(cv),
  };
}

// ---- the correction, as the user sees it ----

const BASICS_FIELDS = ['name', 'label', 'email', 'phone', 'url', 'location', 'summary', 'profiles'] as const;
export const SECTION_FIELDS = [
  'work',
  'education',
  'skills',
  'projects',
  'certificates',
  'languages',
  'volunteer',
] as const;

/**
 * A stored correction as the user sees it: what they stated is certain. Awards and publications,
 * which a correction does not carry, are shown as read.
 */
export function resumeFromCorrection(
  stored: StoredResumeStructure,
  reading?: Pick<ResumeStructureOut, 'awards' | 'publications'>,
): ResumeStructureOut {
  const confidence: Record<string, number> = {};
  for (const field of BASICS_FIELDS) confidence[`basics.${field}`] = 1;
  for (const section of SECTION_FIELDS) {
    confidence[section] = 1;
    stored[section].forEach((_, i) => {
      confidence[`${section}.${i}`] = 1;
    });
  }
  return { ...stored, awards: reading?.awards ?? [], publications: reading?.publications ?? [], confidence };
}

/** A stored correction, or null when there is none (or the stored value is no longer valid). */
export function readStoredStructure(value: unknown): StoredResumeStructure | null {
  if (value === null || value === undefined) return null;
  const parsed = ResumeStructureInputSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

// ---- the correction, as the analysis reads it ----

/** Month precision is all the analysis uses; a day would only hide a date from the date reader. */
const toMonth = (date: string | null) => (date === null ? null : date.slice(0, 7));

function dateRange(start: string | null, end: string | null, lang: CvLanguageCode): string | null {
  if (start === null && end === null) return null;
  if (start === null) return end;
  return `${start} – ${end ?? PRESENT[lang]}`;
}

const joined = (parts: readonly (string | null | undefined)[], separator = ' | ') =>
  parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(separator);

/**
 * Finds the CV text line a written-out line came from: the same line (bullets and case aside), or
 * the longest line it starts with (a summary the reader joined from several lines).
 */
function createLineFinder(text: string) {
  const exact = new Map<string, number>();
  const starts: { key: string; n: number }[] = [];
  textLines(text).forEach((t, i) => {
    const key = comparable(t);
    if (key === '') return;
    if (!exact.has(key)) exact.set(key, i + 1);
    if (key.length >= 20) starts.push({ key, n: i + 1 });
  });
  starts.sort((a, b) => b.key.length - a.key.length);
  return (line: string): number | null => {
    const key = comparable(line);
    if (key === '') return null;
    const found = exact.get(key);
    if (found !== undefined) return found;
    return starts.find((s) => key.startsWith(s.key))?.n ?? null;
  };
}

/** Writes out the lines of one part of a corrected CV (see `partLinesFinder`). */
type PartLines = (texts: readonly (string | null)[], partLine: number | null) => CvLine[];

/**
 * Lines of one part, each with the CV text line it came from; a line the user changed falls back to
 * the part's own line, so the part's first line is where the part itself starts (0 when unknown).
 */
function partLinesFinder(text: string): PartLines {
  const findLine = createLineFinder(text);
  return (texts, partLine) => {
    const out: CvLine[] = [];
    for (const t of texts) {
      if (t === null || t.trim() === '') continue;
      out.push({ n: findLine(t) ?? partLine ?? 0, text: t });
    }
    return out;
  };
}

/** A section is written out under the CV's own heading for it, so the analysis quotes the CV's words. */
function headingIn(reading: CvStructure, key: SectionKey): string {
  return (
    reading.meta.sections.find((s) => s.key === key && s.heading !== null)?.heading ??
    DEFAULT_HEADINGS[key] ??
    key
  );
}

const paragraphLines = (value: string | null) => (value === null ? [] : value.split('\n'));

type StoredBasics = StoredResumeStructure['basics'];

/** The address as one line: as the user wrote it, or their city, region and country; null when none. */
function addressOf(basics: StoredBasics): string | null {
  if (basics.location === null) return null;
  return (
    basics.location.address ??
    (joined([basics.location.city, basics.location.region, basics.location.countryCode], ', ') || null)
  );
}

/** The header as a CV prints it: the name, the label, a contact line and a profiles line. */
function headerTexts(basics: StoredBasics, address: string | null): (string | null)[] {
  return [
    basics.name,
    basics.label,
    joined([basics.email, basics.phone, basics.url, address]),
    joined(
      basics.profiles.map((p) => p.url ?? (p.network && p.username ? `${p.network}: ${p.username}` : null)),
    ),
  ];
}

type StoredWork = StoredResumeStructure['work'][number] | StoredResumeStructure['volunteer'][number];

/** A job or volunteer role: its title line, summary and highlights as lines, and the entry they describe. */
function correctedWork(
  entry: StoredWork,
  employer: string | null,
  lang: CvLanguageCode,
  partLines: PartLines,
): { work: CvWork; lines: CvLine[] } {
  const startDate = toMonth(entry.startDate);
  const endDate = toMonth(entry.endDate);
  const lines = partLines(
    [
      joined([entry.position, employer, entry.location, dateRange(startDate, endDate, lang)]),
      ...paragraphLines(entry.summary),
      ...entry.highlights.map((h) => `- ${h}`),
    ],
    entry.line,
  );
  return {
    work: {
      name: employer,
      position: entry.position,
      location: entry.location,
      startDate,
      endDate,
      current: startDate !== null && endDate === null,
      summary: entry.summary,
      highlights: entry.highlights,
      confidence: 1,
      line: lines[0]?.n ?? entry.line ?? 0,
    },
    lines,
  };
}

/** A degree: its title line and highlights as lines, and the entry they describe. */
function correctedEducation(
  e: StoredResumeStructure['education'][number],
  lang: CvLanguageCode,
  partLines: PartLines,
): { education: CvEducation; lines: CvLine[] } {
  const startDate = toMonth(e.startDate);
  const endDate = toMonth(e.endDate);
  const lines = partLines(
    [
      joined([joined([e.studyType, e.area], ' '), e.institution, dateRange(startDate, endDate, lang)]),
      ...e.highlights.map((h) => `- ${h}`),
    ],
    e.line,
  );
  return {
    education: {
      institution: e.institution,
      area: e.area,
      studyType: e.studyType,
      startDate,
      endDate,
      highlights: e.highlights,
      confidence: 1,
      line: lines[0]?.n ?? e.line ?? 0,
    },
    lines,
  };
}

/** Skill groups with keywords (an empty group says nothing); an unnamed group is the parser's "Skills". */
function correctedSkills(stored: StoredResumeStructure['skills']) {
  return stored
    .map((g) => ({ name: g.name ?? UNLABELLED_SKILLS, keywords: g.keywords, line: g.line }))
    .filter((g) => g.keywords.length > 0);
}

/** A skill group as one line: "Name: a, b", or only the keywords when the CV gave no label. */
function skillText(g: { name: string; keywords: readonly string[] }): string {
  return g.name === UNLABELLED_SKILLS ? g.keywords.join(', ') : `${g.name}: ${g.keywords.join(', ')}`;
}

/** A project: its title line, description and highlights as lines, and the entry they describe. */
function correctedProject(
  p: StoredResumeStructure['projects'][number],
  lang: CvLanguageCode,
  partLines: PartLines,
): { project: CvProject; lines: CvLine[] } {
  const startDate = toMonth(p.startDate);
  const endDate = toMonth(p.endDate);
  const lines = partLines(
    [
      joined([p.name, dateRange(startDate, endDate, lang)]),
      ...paragraphLines(p.description),
      ...p.highlights.map((h) => `- ${h}`),
    ],
    p.line,
  );
  return {
    project: {
      name: p.name,
      description: p.description,
      highlights: p.highlights,
      startDate,
      endDate,
      line: lines[0]?.n ?? p.line ?? 0,
    },
    lines,
  };
}

/** A certificate: its one line (none when it has no text at all) and the entry it describes. */
function correctedCertificate(
  c: StoredResumeStructure['certificates'][number],
  partLines: PartLines,
): { cert: CvCertificate; line: CvLine | undefined } {
  const [line] = partLines([joined([c.name, c.issuer, toMonth(c.date)])], c.line);
  return { cert: { name: c.name, date: toMonth(c.date), issuer: c.issuer, line: line?.n ?? 0 }, line };
}

/** A language as one line: "German: fluent", or the language alone. */
function languageText(l: StoredResumeStructure['languages'][number]): string {
  return l.fluency === null ? l.language : `${l.language}: ${l.fluency}`;
}

/**
 * The written-out sections under the CV's own headings, then the sections a correction cannot
 * express, as read. A section without lines is left out, as a CV without that section has none.
 */
function writtenSections(
  reading: CvStructure,
  written: readonly (readonly [SectionKey | 'header', CvLine[]])[],
): CvSection[] {
  const sections: CvSection[] = [];
  for (const [key, lines] of written) {
    if (lines.length > 0)
      sections.push({ key, heading: key === 'header' ? null : headingIn(reading, key), lines });
  }
  for (const section of reading.meta.sections) {
    if (CARRIED_OVER.has(section.key)) sections.push(section);
  }
  return sections;
}

/**
 * The sections in the CV's own order; a section the CV did not have (the user added it) goes where
 * a CV usually has it, after those.
 */
function sectionOrderOf(reading: CvStructure, sections: readonly CvSection[]): SectionKey[] {
  const present = new Set(sections.map((s) => s.key));
  const sectionOrder: SectionKey[] = reading.meta.sectionOrder.filter((k) => present.has(k));
  for (const key of [...DEFAULT_ORDER, ...(CARRIED_OVER as ReadonlySet<SectionKey>)]) {
    if (present.has(key) && !sectionOrder.includes(key)) sectionOrder.push(key);
  }
  return sectionOrder;
}

/** What the user stated is certain: every confidence the reading had becomes 1. */
function certainConfidence(reading: CvStructure): Record<string, number> {
  const confidence: Record<string, number> = {};
  for (const key of Object.keys(reading.meta.confidence)) confidence[key] = 1;
  return confidence;
}

/** The corrected basics; a profile with neither a URL nor a user name says nothing and is left out. */
function correctedBasics(basics: StoredBasics, address: string | null): CvBasics {
  return {
    name: basics.name,
    label: basics.label,
    email: basics.email,
    phone: basics.phone,
    url: basics.url,
    location:
      basics.location === null || address === null
        ? null
        : {
            address,
            city: basics.location.city,
            region: basics.location.region,
            countryCode: basics.location.countryCode,
          },
    summary: basics.summary,
    profiles: basics.profiles
      .filter((p) => p.url !== null || p.username !== null)
      .map((p) => ({ network: p.network ?? '', username: p.username ?? '', url: p.url ?? '' })),
  };
}

/**
 * The CvStructure of a corrected CV: its fields as the user stated them, its lines written out
 * from them, the sections JSON Resume cannot hold kept as read, the language and layout as read.
 * Sections are written out in a fixed order; `sectionOrderOf` then puts them in the CV's.
 */
export function analysisStructureOf(
  stored: StoredResumeStructure,
  reading: CvStructure,
  text: string,
): CvStructure {
  const lang = reading.meta.language;
  const partLines = partLinesFinder(text);
  const { basics } = stored;
  const address = addressOf(basics);
  const work = stored.work.map((w) => correctedWork(w, w.name, lang, partLines));
  const volunteer = stored.volunteer.map((v) => correctedWork(v, v.organization, lang, partLines));
  const education = stored.education.map((e) => correctedEducation(e, lang, partLines));
  const skills = correctedSkills(stored.skills);
  const projects = stored.projects.map((p) => correctedProject(p, lang, partLines));
  const certificates = stored.certificates.map((c) => correctedCertificate(c, partLines));
  const sections = writtenSections(reading, [
    ['header', partLines(headerTexts(basics, address), basics.line)],
    ['summary', partLines(paragraphLines(basics.summary), null)],
    ['experience', work.flatMap((w) => w.lines)],
    ['volunteer', volunteer.flatMap((v) => v.lines)],
    ['education', education.flatMap((e) => e.lines)],
    ['skills', skills.flatMap((g) => partLines([skillText(g)], g.line))],
    ['projects', projects.flatMap((p) => p.lines)],
    ['certificates', certificates.flatMap((c) => (c.line ? [c.line] : []))],
    ['languages', stored.languages.flatMap((l) => partLines([languageText(l)], l.line))],
  ]);

  return {
    basics: correctedBasics(basics, address),
    work: work.map((w) => w.work),
    education: education.map((e) => e.education),
    skills: skills.map(({ name, keywords }) => ({ name, keywords })),
    projects: projects.map((p) => p.project),
    certificates: certificates.map((c) => c.cert),
    // JSON Resume has awards and publications, but a correction does not carry them yet: as read.
    awards: reading.awards,
    publications: reading.publications,
    languages: stored.languages.map((l) => ({ language: l.language, fluency: l.fluency })),
    volunteer: volunteer.map(({ work: { name, ...rest } }) => ({ organization: name, ...rest })),
    meta: {
      language: lang,
      sectionOrder: sectionOrderOf(reading, sections),
      sections,
      twoColumn: reading.meta.twoColumn,
      confidence: certainConfidence(reading),
    },
  };
}

/**
 * The structure the analysis uses in place of reading `text`: the user's correction (the stored
 * `resume_structure` value), or undefined when there is none and the text is read as usual.
 */
export function correctedStructureOf(stored: unknown, text: string): CvStructure | undefined {
  const correction = readStoredStructure(stored);
  return correction === null ? undefined : analysisStructureOf(correction, parseCv(text), text);
}

/**
 * A CV structure written out as markdown: the header lines, then each section under its heading.
 * This is what a model reads when the user corrected the structure (see improve-cv.handler.ts).
 */
export function structureAsMarkdown(cv: CvStructure): string {
  const out: string[] = [];
  for (const section of cv.meta.sections) {
    if (section.key === 'header') {
      for (const l of section.lines) out.push(l.text === cv.basics.name ? `# ${l.text}\n` : l.text);
      out.push('');
      continue;
    }
    out.push(`## ${section.heading ?? DEFAULT_HEADINGS[section.key as SectionKey] ?? section.key}`, '');
    for (const l of section.lines) out.push(l.text);
    out.push('');
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
