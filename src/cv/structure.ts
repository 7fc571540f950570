// The CV structure between the user and the analysis, both ways, with no I/O:
// - the parser's reading (CvStructure) as the JSON Resume document a user sees, with source lines;
// - a corrected JSON Resume document back into the CvStructure every analysis step works on.
//
// The analysis reads lines, not only fields (evidence, keyword stuffing, the fact guard's facts),
// so a corrected structure is written out as the lines of its sections, in the CV's own section
// headings. Each line keeps the number of the CV text line it came from when there is one (a line
// the user left as it was, or the part's own `line`); a part the user added has 0, "not in the text".
import {
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
const CARRIED_OVER: ReadonlySet<string> = new Set(['awards', 'publications', 'interests', 'references']);

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

/** The parser's reading of `text` as JSON Resume, each part with its line and confidence. */
export function resumeFromReading(cv: CvStructure, text: string): ResumeStructureOut {
  const all = textLines(text).map((t, i) => ({ n: i + 1, text: t }));
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
  const skillLines = sectionLines(cv, 'skills');
  const languageLines = sectionLines(cv, 'languages');
  const workOut = ({
    position,
    location,
    startDate,
    endDate,
    summary,
    highlights,
    line,
  }: Omit<CvWork, 'name'>) => ({
    position,
    location,
    startDate,
    endDate,
    summary,
    highlights,
    line: lineOrNull(line),
  });
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
    confidence,
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

/**
 * The CvStructure of a corrected CV: its fields as the user stated them, its lines written out
 * from them, the sections JSON Resume cannot hold kept as read, the language and layout as read.
 */
export function analysisStructureOf(
  stored: StoredResumeStructure,
  reading: CvStructure,
  text: string,
): CvStructure {
  const lang = reading.meta.language;
  const findLine = createLineFinder(text);
  const sections: CvSection[] = [];
  const headingOf = (key: SectionKey) =>
    reading.meta.sections.find((s) => s.key === key && s.heading !== null)?.heading ??
    DEFAULT_HEADINGS[key] ??
    key;

  /** Lines of one part: its first line is where the part itself starts. */
  const partLines = (texts: readonly (string | null)[], partLine: number | null): CvLine[] => {
    const out: CvLine[] = [];
    for (const t of texts) {
      if (t === null || t.trim() === '') continue;
      out.push({ n: findLine(t) ?? partLine ?? 0, text: t });
    }
    return out;
  };
  const add = (key: SectionKey | 'header', lines: CvLine[]) => {
    if (lines.length > 0) sections.push({ key, heading: key === 'header' ? null : headingOf(key), lines });
  };
  const paragraphLines = (value: string | null) => (value === null ? [] : value.split('\n'));

  const { basics } = stored;
  const address =
    basics.location === null
      ? null
      : (basics.location.address ??
        (joined([basics.location.city, basics.location.region, basics.location.countryCode], ', ') || null));
  add(
    'header',
    partLines(
      [
        basics.name,
        basics.label,
        joined([basics.email, basics.phone, basics.url, address]),
        joined(
          basics.profiles.map(
            (p) => p.url ?? (p.network && p.username ? `${p.network}: ${p.username}` : null),
          ),
        ),
      ],
      basics.line,
    ),
  );
  add('summary', partLines(paragraphLines(basics.summary), null));

  const workOf = (
    entry: StoredResumeStructure['work'][number] | StoredResumeStructure['volunteer'][number],
    employer: string | null,
  ): { work: CvWork; lines: CvLine[] } => {
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
  };

  const work = stored.work.map((w) => workOf(w, w.name));
  add(
    'experience',
    work.flatMap((w) => w.lines),
  );
  const volunteer = stored.volunteer.map((v) => workOf(v, v.organization));
  add(
    'volunteer',
    volunteer.flatMap((v) => v.lines),
  );

  const education: CvEducation[] = [];
  const educationLines: CvLine[] = [];
  for (const e of stored.education) {
    const startDate = toMonth(e.startDate);
    const endDate = toMonth(e.endDate);
    const lines = partLines(
      [
        joined([joined([e.studyType, e.area], ' '), e.institution, dateRange(startDate, endDate, lang)]),
        ...e.highlights.map((h) => `- ${h}`),
      ],
      e.line,
    );
    educationLines.push(...lines);
    education.push({
      institution: e.institution,
      area: e.area,
      studyType: e.studyType,
      startDate,
      endDate,
      highlights: e.highlights,
      confidence: 1,
      line: lines[0]?.n ?? e.line ?? 0,
    });
  }
  add('education', educationLines);

  const skills = stored.skills
    .map((g) => ({ name: g.name ?? UNLABELLED_SKILLS, keywords: g.keywords, line: g.line }))
    .filter((g) => g.keywords.length > 0);
  add(
    'skills',
    skills.flatMap((g) =>
      partLines(
        [g.name === UNLABELLED_SKILLS ? g.keywords.join(', ') : `${g.name}: ${g.keywords.join(', ')}`],
        g.line,
      ),
    ),
  );

  const projects: CvProject[] = [];
  const projectLines: CvLine[] = [];
  for (const p of stored.projects) {
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
    projectLines.push(...lines);
    projects.push({
      name: p.name,
      description: p.description,
      highlights: p.highlights,
      startDate,
      endDate,
      line: lines[0]?.n ?? p.line ?? 0,
    });
  }
  add('projects', projectLines);

  const certificates = stored.certificates.map((c) => {
    const [line] = partLines([joined([c.name, c.issuer, toMonth(c.date)])], c.line);
    return { cert: { name: c.name, date: toMonth(c.date), issuer: c.issuer, line: line?.n ?? 0 }, line };
  });
  add(
    'certificates',
    certificates.flatMap((c) => (c.line ? [c.line] : [])),
  );

  add(
    'languages',
    stored.languages.flatMap((l) =>
      partLines([l.fluency === null ? l.language : `${l.language}: ${l.fluency}`], l.line),
    ),
  );

  for (const section of reading.meta.sections) {
    if (CARRIED_OVER.has(section.key)) sections.push(section);
  }

  const present = new Set(sections.map((s) => s.key));
  const sectionOrder: SectionKey[] = reading.meta.sectionOrder.filter((k) => present.has(k));
  for (const key of [...DEFAULT_ORDER, ...(CARRIED_OVER as ReadonlySet<SectionKey>)]) {
    if (present.has(key) && !sectionOrder.includes(key)) sectionOrder.push(key);
  }
  const confidence: Record<string, number> = {};
  for (const key of Object.keys(reading.meta.confidence)) confidence[key] = 1;

  return {
    basics: {
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
    },
    work: work.map((w) => w.work),
    education,
    skills: skills.map(({ name, keywords }) => ({ name, keywords })),
    projects,
    certificates: certificates.map((c) => c.cert),
    // JSON Resume has awards and publications, but a correction does not carry them yet: as read.
    awards: reading.awards,
    publications: reading.publications,
    languages: stored.languages.map((l) => ({ language: l.language, fluency: l.fluency })),
    volunteer: volunteer.map(({ work: { name, ...rest } }) => ({ organization: name, ...rest })),
    meta: {
      language: lang,
      sectionOrder,
      sections,
      twoColumn: reading.meta.twoColumn,
      confidence,
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
