// From extracted CV text (PDF/DOCX text extraction, or markdown) to a JSON Resume document.
// PDF text is messy: headings in any order, two columns printed side by side on one line, sidebar
// lines (skills, languages, contact) interleaved with the main column. The parser works in layers:
// split columns, cut sections at known headings, pull contact and sidebar lines out, then read
// entries around their date ranges. Contact details are read in cv-contacts.ts, work entries in
// cv-entries.ts; the shapes are in cv-types.ts.

import {
  type Contacts,
  extractContacts,
  looksLikeName,
  NAME_PARTICLE_RE,
  NAME_RE,
  readLocation,
} from './cv-contacts.ts';
import {
  commaPieces,
  headerPieces,
  isHeaderLike,
  isWholePlace,
  parseWork,
  readBody,
  splitByHeaderLines,
  splitEntries,
  splitOutsideBrackets,
  splitParts,
  splitTrailingPlace,
  unlabelFormRows,
} from './cv-entries.ts';
import type {
  CvAward,
  CvCertificate,
  CvEducation,
  CvLanguage,
  CvLanguageCode,
  CvLine,
  CvProject,
  CvPublication,
  CvSkillGroup,
  CvStructure,
  RawLine,
  WorkingSection,
} from './cv-types.ts';
import { findDateRanges, findDates } from './dates.ts';
import {
  classifyHeading,
  findDegree,
  hasTitleWord,
  headingPhrase,
  isDocumentTitle,
  isInstitution,
  isLanguageLine,
  isOrganization,
  isPlace,
  isTitle,
  type SectionKey,
  titleLikeness,
} from './lexicon.ts';
import { findSkills, skillDensity } from './skills.ts';
import { fold, isBulletLine, stripBullet, stripMarkdown } from './text.ts';

export type {
  CvAward,
  CvBasics,
  CvCertificate,
  CvEducation,
  CvLanguage,
  CvLanguageCode,
  CvLine,
  CvLocation,
  CvProfile,
  CvProject,
  CvPublication,
  CvSection,
  CvSkillGroup,
  CvStructure,
  CvVolunteer,
  CvWork,
} from './cv-types.ts';
export type { SectionKey } from './lexicon.ts';

// Lines from PDF extraction of a two-column layout hold both columns, separated by a wide gap.
const COLUMN_GAP_RE = /\S(?: {3,}|\t+)\S/;
const LANGUAGE_HINTS: Record<CvLanguageCode, RegExp> = {
  en: /\b(?:the|and|with|for|of|to|experience|skills)\b/g,
  de: /\b(?:und|der|die|das|mit|fur|von|bei|erfahrung|kenntnisse)\b/g,
  fr: /\b(?:et|les|des|du|pour|avec|une|experience|competences)\b/g,
  es: /\b(?:y|los|las|del|para|con|una|experiencia|habilidades)\b/g,
};

/** De-interleaves two columns printed side by side; each column becomes its own block. */
function splitColumns(lines: RawLine[]): { blocks: RawLine[][]; twoColumn: boolean } {
  const nonEmpty = lines.filter((l) => l.text.trim() !== '');
  const gapLines = nonEmpty.filter((l) => COLUMN_GAP_RE.test(l.text.trim()));
  if (nonEmpty.length < 6 || gapLines.length < Math.max(3, nonEmpty.length * 0.2)) {
    return { blocks: [lines], twoColumn: false };
  }
  const starts = gapLines
    .map((l) => {
      const m = /\S(?: {3,}|\t+)(?=\S)/.exec(l.text)!;
      return m.index + m[0].length;
    })
    .sort((a, b) => a - b);
  const splitCol = starts[Math.floor(starts.length / 2)]!;
  const left: RawLine[] = [];
  const right: RawLine[] = [];
  for (const l of lines) {
    const text = l.text.replace(/\t/g, '    ');
    const m = /\S(?: {3,})(?=\S)/.exec(text) ?? narrowGap(text, splitCol);
    if (m !== null) {
      const cut = m.index + 1;
      left.push({ n: l.n, text: text.slice(0, cut) });
      right.push({ n: l.n, text: text.slice(cut) });
    } else if (text.trim() === '') {
      left.push(l);
    } else if (text.length - text.trimStart().length >= splitCol - 4) {
      right.push({ n: l.n, text });
    } else {
      left.push({ n: l.n, text });
    }
  }
  return { blocks: [left, right], twoColumn: true };
}

/** A two-space gap right at the column edge also separates columns when the left text is long. */
function narrowGap(text: string, splitCol: number): { index: number } | null {
  if (text.length <= splitCol) return null;
  const window = text.slice(Math.max(0, splitCol - 6), splitCol + 2);
  const at = window.indexOf('  ');
  if (at === -1) return null;
  const index = Math.max(0, splitCol - 6) + at - 1;
  return index >= 0 && text[index] !== ' ' ? { index } : null;
}

// Pictograms set before a detail ("⚲ London", "☎ +44 …", "✉ …") decorate it; at a line's start
// one may be a bullet, so only those after other text go.
const PICTOGRAM_RE =
  /(\S\s+)[\u2190-\u21ff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\u{1f300}-\u{1faff}]\ufe0f?\s+/gu;

// "3.1 LogiTrans Polska Sp. z o.o., Poznań": a numbered subsection's number is no part of it.
const SUBSECTION_NUMBER_RE = /^(\s*(?:[-•]\s+)?)\d{1,2}\.\d{1,2}\.?\s+(?=\p{Lu})/u;

function cleanLine(text: string): string {
  return stripMarkdown(text)
    .replace(/\u00a0/g, ' ')
    .replace(PICTOGRAM_RE, '$1')
    .replace(SUBSECTION_NUMBER_RE, '$1')
    .replace(/\s+$/, '');
}

const ENTRY_SECTIONS: ReadonlySet<string> = new Set(['experience', 'volunteer', 'projects']);
const ENTRY_SUBLABEL_RE =
  /^(?:key\s+)?(?:achievements?|accomplishments?|tasks?|responsibilities|duties|aufgaben|erfolge|taches|realisations|logros|tareas|responsabilidades|risultati|attivita)(?:\s*[/&]\s*(?:achievements?|tasks?|responsibilities))?\s*:?$/;

/**
 * Cuts each column block into sections at their headings; what comes before the first heading is
 * the header (name, contact). Sections left empty and unnamed go.
 */
function cutSections(blocks: RawLine[][]): WorkingSection[] {
  // When the layout marked headings, a line it did not mark is a heading only on plain evidence.
  const marked = blocks.some((block) => block.some((raw) => raw.text.startsWith('## ')));
  const sections = blocks.flatMap((block) => cutBlock(block, marked));
  return sections.filter((s) => s.key === 'header' || s.lines.length > 0 || s.heading !== null);
}

/** One column block's sections, line by line: a heading opens a section, any other line joins the open one. */
function cutBlock(block: RawLine[], marked: boolean): WorkingSection[] {
  let current: WorkingSection = { key: 'header', heading: null, lines: [] };
  const sections = [current];
  let nameSeen = false;
  block.forEach((raw, index) => {
    const text = cleanLine(raw.text).trim();
    if (text === '') {
      if (current.lines.length > 0 && current.lines[current.lines.length - 1]!.text !== '') {
        current.lines.push({ n: raw.n, text: '' });
      }
      return;
    }
    if (isDocumentTitle(text)) return;
    const labelled = labelColumnSection(raw, text, current.key);
    if (labelled !== null) {
      current = labelled;
      sections.push(current);
      return;
    }
    const following = block.slice(index + 1).find((l) => l.text.trim() !== '');
    const key = headingKey(raw, text, current.key, following, marked);
    if (key !== null) {
      current = { key, heading: text.replace(/[:#*]+/g, '').trim(), lines: [] };
      sections.push(current);
      return;
    }
    if (continuesHeading(current, text)) {
      current.heading = `${current.heading} ${text}`;
      return;
    }
    if (!nameSeen && opensMainColumn(current, text, following)) {
      current = { key: 'header', heading: null, lines: [] };
      sections.push(current);
    }
    if (current.key === 'header' && looksLikeName(text)) nameSeen = true;
    current.lines.push({ n: raw.n, text });
  });
  return sections;
}

/**
 * "WORK | Shopwell | 2021 – Present": a section's name in a label column beside its first line
 * opens that section with the line's rest. A longer label only when it is a heading word for word
 * (Europass's "Competências relacionadas com o | …", its last word wrapped to the next row).
 */
function labelColumnSection(
  raw: RawLine,
  text: string,
  currentKey: WorkingSection['key'],
): WorkingSection | null {
  const long = /^([^|]{31,48}) \| (.+)$/.exec(text);
  const labelled =
    /^([^|]{3,30}) \| (.+)$/.exec(text) ?? (long !== null && headingPhrase(long[1]!) !== null ? long : null);
  const labelKey = labelled !== null ? classifyHeading(labelled[1]!) : null;
  // In a skills part, "Languages | Python, SQL, Scala" is a row of programming languages, not
  // the start of the CV's languages: a row of spoken languages is routed there later.
  const skillRow =
    currentKey === 'skills' &&
    labelKey === 'languages' &&
    labelled !== null &&
    findSkills(labelled[2]!).length > 0 &&
    !labelled[2]!.split(/\s*[,;·•/|–—]\s*/).some((item) => isLanguageLine(item));
  // "Leadership | P&L management, labor relations, turnarounds": a group of skills whose name is
  // also a heading word, not the start of a leadership (volunteer) section.
  const skillGroup =
    currentKey === 'skills' &&
    labelled !== null &&
    (labelKey === 'volunteer' ||
      labelKey === 'experience' ||
      labelKey === 'projects' ||
      labelKey === 'summary') &&
    labelled[1]!.trim().split(/\s+/).length <= 2 &&
    labelled[2]!.split(/\s*[,;·•]\s*/).length >= 2;
  if (labelled === null || labelKey === null || skillRow || skillGroup || isBulletLine(raw.text)) return null;
  return { key: labelKey, heading: labelled[1]!.trim(), lines: [{ n: raw.n, text: labelled[2]! }] };
}

/** The section a line opens as a heading of its own, or null when it is no heading here. */
function headingKey(
  raw: RawLine,
  text: string,
  currentKey: WorkingSection['key'],
  following: RawLine | undefined,
  marked: boolean,
): SectionKey | null {
  // "- Expérience professionnelle": a heading numbered by the word processor (I., II., …) comes
  // out as a list item; over a line that is no item, it opens its section all the same.
  const listedHeading =
    isBulletLine(raw.text) &&
    stripBullet(text).split(/\s+/).length <= 4 &&
    following !== undefined &&
    !isBulletLine(following.text);
  const heading = listedHeading
    ? headingPhrase(stripBullet(text))
    : isBulletLine(raw.text)
      ? null
      : classifyHeading(text, marked && !raw.text.startsWith('## '));
  // "Achievements/Tasks" over a job's bullets labels them; it opens no section of its own.
  const sublabel =
    heading !== null &&
    ENTRY_SECTIONS.has(currentKey) &&
    !raw.text.trimStart().startsWith('## ') &&
    ENTRY_SUBLABEL_RE.test(fold(text));
  // "Jazyky" over "Java • Kotlin • SQL" inside the skills of a CV whose headings are marked: a
  // group of programming languages, not the spoken ones.
  const languageGroup =
    heading === 'languages' &&
    currentKey === 'skills' &&
    marked &&
    !raw.text.startsWith('## ') &&
    following !== undefined &&
    findSkills(following.text).length > 0 &&
    !following.text.split(/\s*[,;·•/|–—]\s*/).some((item) => isLanguageLine(item));
  return sublabel || languageGroup ? null : heading;
}

/** A heading wrapped in a narrow column ("EXPÉRIENCE" over "PROFESSIONNELLE") is one heading. */
function continuesHeading(current: WorkingSection, text: string): boolean {
  return (
    current.heading !== null &&
    current.lines.length === 0 &&
    text.split(/\s+/).length <= 2 &&
    classifyHeading(`${current.heading} ${text}`) === current.key &&
    text === text.toUpperCase() &&
    current.heading === current.heading.toUpperCase()
  );
}

/**
 * A PDF printed column by column puts the sidebar (contact, skills, languages) first; the main
 * column then opens with the name, after a blank line, inside the last sidebar section.
 */
function opensMainColumn(current: WorkingSection, text: string, next: RawLine | undefined): boolean {
  const afterBlank = current.lines.length === 0 || current.lines[current.lines.length - 1]!.text === '';
  if (!afterBlank || !SIDEBAR_SECTIONS.has(current.key) || !looksLikeName(text)) return false;
  return next === undefined || classifyHeading(cleanLine(next.text)) !== null || isTitle(next.text);
}

const SIDEBAR_SECTIONS: ReadonlySet<string> = new Set([
  'contact',
  'skills',
  'languages',
  'certificates',
  'interests',
  'references',
  'awards',
  'memberships',
]);

/** Moves sidebar lines (a bare skill list, a language line) out of entry sections. */
function moveSidebarLines(sections: WorkingSection[]): void {
  const moved: Record<'skills' | 'languages', CvLine[]> = { skills: [], languages: [] };
  for (const section of sections) {
    if (section.key !== 'experience' && section.key !== 'education' && section.key !== 'projects') continue;
    section.lines = section.lines.filter((line) => {
      if (line.text === '' || isBulletLine(line.text) || findDates(line.text).length > 0) return true;
      if (
        isLanguageLine(line.text) &&
        /\b(?:native|fluent|c1|c2|b1|b2|a1|a2|muttersprache|fliessend|courant|bilingue|nativo|natal|langue maternelle|lengua materna|basic|grundkenntnisse)\b/i.test(
          fold(line.text),
        )
      ) {
        moved.languages.push(line);
        return false;
      }
      const words = line.text.split(/\s+/).length;
      if (
        words <= 4 &&
        skillDensity(line.text) >= 0.99 &&
        !isTitle(line.text) &&
        !isOrganization(line.text)
      ) {
        moved.skills.push(line);
        return false;
      }
      return true;
    });
  }
  for (const key of ['skills', 'languages'] as const) {
    if (moved[key].length === 0) continue;
    let target = sections.find((s) => s.key === key);
    if (target === undefined) {
      target = { key, heading: null, lines: [] };
      sections.push(target);
    }
    target.lines.push(...moved[key]);
  }
}

/**
 * A CV without headings (or whose headings were images) still has entries with dates. When no
 * Experience section was found, the header's blocks from the first dated entry on are sorted by
 * what they hold: a degree or school is education, a bare skill list is skills, the rest is work.
 */
function inferSectionsWithoutHeadings(sections: WorkingSection[]): void {
  if (sections.some((s) => s.key === 'experience' || s.key === 'education')) return;
  for (const header of sections.filter((s) => s.key === 'header')) {
    const lines = header.lines;
    const firstDated = lines.findIndex((l) => l.text !== '' && findDateRanges(l.text).length > 0);
    if (firstDated === -1) continue;
    let start = firstDated;
    while (
      start > 0 &&
      lines[start - 1]!.text !== '' &&
      isHeaderLike(lines[start - 1]!.text) &&
      firstDated - start < 2
    )
      start--;
    const blocks: CvLine[][] = [[]];
    for (const l of lines.slice(start)) {
      if (l.text === '') blocks.push([]);
      else blocks[blocks.length - 1]!.push(l);
    }
    header.lines = lines.slice(0, start);
    for (const block of blocks.filter((b) => b.length > 0)) {
      const text = block.map((l) => l.text).join('\n');
      const key: SectionKey =
        findDegree(text) !== null || isInstitution(text)
          ? 'education'
          : block.every((l) => skillDensity(l.text) >= 0.6)
            ? 'skills'
            : 'experience';
      const previous = sections[sections.length - 1]!;
      if (previous.key === key && previous.heading === null) previous.lines.push(...block);
      else sections.push({ key, heading: null, lines: block });
    }
  }
}

/**
 * "Customer Experience" in a skills-based CV heads a group of achievements, not jobs: when another
 * experience section has dated entries and this one has none, it belongs to the section before it.
 */
function rekeyUndatedExperience(sections: WorkingSection[]): void {
  const experience = sections.filter((s) => s.key === 'experience');
  const dated = (s: WorkingSection) => s.lines.some((l) => findDateRanges(l.text).length > 0);
  if (experience.length < 2 || !experience.some(dated)) return;
  sections.forEach((s, k) => {
    if (s.key !== 'experience' || dated(s) || k === 0) return;
    const before = sections[k - 1]!;
    if (before.key !== 'experience' && before.key !== 'header') s.key = before.key;
  });
}

const AREA_SPLIT_RE = /\s+(?:in|of|en|im fach|de|en el area de)\s+|\s+[–—-]\s+|\s*:\s+/i;

/**
 * An education entry's header in parts: "Bachelor of Science in Nursing, Willamette State
 * University, Salem, OR" is a degree, an institution and a place; "Northshore University, Faculty
 * of Pharmacy" one institution.
 */
function educationParts(header: string[]): string[] {
  const out: string[] = [];
  for (const h of header) {
    for (const raw of splitParts(h)) {
      const part = raw.replace(/^[\s:,;|-]+|[\s:,;|-]+$/g, '').trim();
      if (part === '' || /^\d+$/.test(part) || isWholePlace(part)) continue;
      const { text } = splitTrailingPlace(part);
      const pieces = commaPieces(text);
      // "Fachschule für Sozialpädagogik, Berufskolleg Bonn" is one institution: split only after a degree.
      const at = isInstitution(pieces[0]!)
        ? -1
        : pieces.findIndex((p, k) => k > 0 && isInstitution(p) && findDegree(p) === null);
      if (at > 0) {
        out.push(pieces.slice(0, at).join(', '), pieces.slice(at).join(', '));
      } else out.push(...splitDegreeAtSchool(text));
    }
  }
  return out;
}

// "Máster en Big Data en Universidad Carlos III", "MBA at London Business School": a word for "at"
// between a degree and the school that awarded it.
const AT_SCHOOL_RE = /\s+(?:en|at|in|à|a|an der|na|no|em)\s+(?=\p{Lu})/gu;

/** A degree and its school joined by a word for "at" are two parts; the last such word splits. */
function splitDegreeAtSchool(text: string): string[] {
  for (const m of [...text.matchAll(AT_SCHOOL_RE)].reverse()) {
    const before = text.slice(0, m.index);
    const after = text.slice(m.index + m[0].length);
    if (findDegree(before) !== null && isInstitution(after) && findDegree(after) === null)
      return [before, after];
  }
  return [text];
}

/**
 * Degrees written as a list ("- M.S. Oceanography, Louisiana State University, 2014"): when every
 * line of the section is a list item and most name a degree or a school, each item is an entry.
 */
function unbulletDegrees(lines: CvLine[]): CvLine[] {
  const filled = lines.filter((l) => l.text.trim() !== '');
  if (filled.length === 0 || !filled.every((l) => isBulletLine(l.text))) return lines;
  const named = filled.filter((l) => {
    const text = stripBullet(l.text);
    return findDegree(text) !== null || isInstitution(text);
  });
  if (named.length * 2 < filled.length) return lines;
  return lines.map((l) => (isBulletLine(l.text) ? { ...l, text: stripBullet(l.text) } : l));
}

function parseEducation(lines: CvLine[]): CvEducation[] {
  return splitEntries(unlabelFormRows(unbulletDegrees(lines)), true).map((block) => {
    const pieces = educationParts(block.header);
    let institution: string | null = null;
    let studyType: string | null = null;
    let area: string | null = null;
    const rest: string[] = [];
    for (const p of pieces) {
      const degree = findDegree(p);
      if (institution === null && isInstitution(p) && degree === null) institution = p;
      else if (studyType === null && degree !== null) {
        studyType = degree.trim();
        const after = p
          .slice(p.toLowerCase().indexOf(degree.toLowerCase()) + degree.length)
          .replace(/^[\s.,:–—-]+/, '');
        const split = after.split(AREA_SPLIT_RE).filter((x) => x.trim() !== '');
        const areaText = (split.length > 0 ? split[split.length - 1]! : after)
          .replace(/^(?:zur|zum|als|in|en|de|of|del)\s+/i, '')
          .trim();
        if (areaText !== '') area = areaText;
      } else if (!isPlace(p)) rest.push(p);
    }
    const unused: string[] = [];
    for (const p of rest) {
      if (institution === null) institution = p;
      else if (area === null) area = p;
      else unused.push(p);
    }
    const body = readBody(block.body);
    const highlights = [
      ...(unused.length > 0 ? [unused.join(', ')] : []),
      ...(body.summary === null ? [] : [body.summary]),
      ...body.highlights,
    ];
    const found = [institution, studyType, block.range].filter((x) => x !== null).length;
    return {
      institution,
      area,
      studyType,
      startDate: block.range !== null && block.range.start !== block.range.end ? block.range.start : null,
      endDate: block.range?.end ?? null,
      highlights,
      confidence: Math.round((found / 3) * 100) / 100,
      line: block.line,
    };
  });
}

// A skills line's items stand between commas, semicolons, bars, dots, spaced slashes or wide gaps.
function isSkillSeparator(ch: string, next: string, previous: string, rest: string): boolean {
  return /[,;|•·▪]/.test(ch) || (ch === '/' && previous === ' ' && next === ' ') || rest.startsWith('   ');
}

function parseSkills(lines: CvLine[]): CvSkillGroup[] {
  const groups: CvSkillGroup[] = [];
  const general: string[] = [];
  for (const l of lines) {
    if (l.text === '') continue;
    const text = isBulletLine(l.text) ? stripBullet(l.text) : l.text.trim();
    const labelled = /^([^:]{2,40}):\s*(.+)$/.exec(text);
    // "Good manufacturing practice (GMP / BPF)" is one skill, "Python (pandas, NumPy)" too.
    const items = splitOutsideBrackets(labelled !== null ? labelled[2]! : text, isSkillSeparator)
      .map((s) => s.replace(/[.]$/, '').trim())
      .filter((s) => s !== '');
    if (labelled !== null) groups.push({ name: labelled[1]!.trim(), keywords: items });
    else general.push(...items);
  }
  if (general.length > 0) groups.unshift({ name: 'Skills', keywords: general });
  return groups;
}

function parseLanguages(lines: CvLine[]): CvLanguage[] {
  const out: CvLanguage[] = [];
  for (const l of lines) {
    const text = isBulletLine(l.text) ? stripBullet(l.text) : l.text.trim();
    for (const item of text.split(/\s*[,;|•·]\s*/)) {
      const m = /^([\p{L}][\p{L} ]*?)\s*(?:[:(–—-]\s*|\s+)(.*)$/u.exec(item.trim());
      if (item.trim() === '') continue;
      if (m === null) {
        out.push({ language: item.trim(), fluency: null });
        continue;
      }
      // "Englisch (C1)" closes the bracket it opened; "Inglés: básico (A2)" keeps its own.
      let fluency = m[2]!.trim();
      const unbalanced = (fluency.match(/\)/g) ?? []).length > (fluency.match(/\(/g) ?? []).length;
      if (unbalanced && fluency.endsWith(')')) fluency = fluency.slice(0, -1).trim();
      out.push({ language: m[1]!.trim(), fluency: fluency === '' ? null : fluency });
    }
  }
  return out;
}

/** One dated item a line (certificates, awards, publications): its name, date and issuer. */
const SINCE_DATE_RE =
  /(?:^|[\s,(])(?:since|seit|depuis|desde|dal|dall'|sinds|od|sedan|siden)\s+(?:\p{L}+\.?\s+)?(?:19|20)\d{2}/iu;

function isCertificateSeparator(ch: string, next: string, previous: string): boolean {
  if (ch === ',') return !(/\d/.test(previous) && /\d/.test(next));
  return /[|–—]/.test(ch) || (ch === '-' && previous === ' ' && next === ' ');
}

function parseCertificates(lines: CvLine[]): CvCertificate[] {
  const out: CvCertificate[] = [];
  for (const l of lines) {
    if (l.text === '') continue;
    const bullet = isBulletLine(l.text);
    const text = bullet ? stripBullet(l.text) : l.text.trim();
    // A continuation line (starting lower case) adds to the previous certificate.
    if (!bullet && /^\p{Ll}/u.test(text) && out.length > 0) continue;
    const dates = findDates(text);
    // "Member, Association of … (ACCA), since 2021": a membership held since a year is kept as
    // written; cut into name, issuer and date it would read "… – since, 2021".
    if (SINCE_DATE_RE.test(text)) {
      out.push({ name: text, date: dates[0]?.value ?? null, issuer: null, line: l.n });
      continue;
    }
    let rest = text;
    for (const d of [...dates].reverse()) rest = rest.slice(0, d.index) + rest.slice(d.index + d.length);
    // Not inside brackets, nor a decimal comma: "Abschluss vor der IHK (Note 1,8)" is one part.
    const parts = splitOutsideBrackets(rest, isCertificateSeparator)
      .map((p) => p.replace(/\(\s*\)/g, '').trim())
      .filter((p) => p !== '');
    const issuer = parts.slice(1).find((p) => isOrganization(p)) ?? null;
    const name = parts.filter((p) => p !== issuer).join(' – ') || text;
    out.push({ name, date: dates[0]?.value ?? null, issuer, line: l.n });
  }
  return out;
}

function parseProjects(lines: CvLine[]): CvProject[] {
  const hasDates = lines.some((l) => findDateRanges(l.text).length > 0 && !isBulletLine(l.text));
  const blocks = hasDates ? splitEntries(lines, false) : splitByHeaderLines(lines);
  return blocks.map((b) => {
    const { summary, highlights } = readBody(b.body);
    return {
      name: headerPieces(b.header)[0] ?? summary?.slice(0, 60) ?? 'Project',
      description: summary,
      highlights,
      startDate: b.range?.start ?? null,
      endDate: b.range?.end ?? null,
      line: b.line,
    };
  });
}

function detectLanguage(text: string): CvLanguageCode {
  const folded = fold(text);
  let best: CvLanguageCode = 'en';
  let bestCount = -1;
  for (const [code, re] of Object.entries(LANGUAGE_HINTS) as [CvLanguageCode, RegExp][]) {
    re.lastIndex = 0;
    const count = folded.match(re)?.length ?? 0;
    if (count > bestCount) {
      best = code;
      bestCount = count;
    }
  }
  return best;
}

const POST_NOMINALS_RE =
  /(?:,?\s+(?:RN|BSN|MSN|NP|MD|DO|DDS|PhD|MBA|MSc|BSc|BA|MA|CPA|ACA|ACCA|FCA|FCCA|CTA|ACMA|FCMA|CGMA|CIMA|MCIPS|MCIPD|MRICS|FRICS|CFA|PMP|FRCS|MRCP|MRCS|MRCVS|BVM&S|BVSc|DVM|CEng|IEng|RIBA|RGN|LLM|LLB|JD|Esq\.?)){1,4}$/;

/**
 * "INFORMACIÓN PERSONAL Lucía Fernández Ortega": Europass sets its first heading in the label
 * column on the name's line. A heading in capitals before a name is not part of it.
 */
function withoutLeadingHeading(text: string): string {
  const words = text.split(/\s+/);
  for (let k = Math.min(4, words.length - 2); k >= 1; k--) {
    const head = words.slice(0, k).join(' ');
    if (head === head.toUpperCase() && /\p{Lu}/u.test(head) && classifyHeading(head) !== null) {
      return words.slice(k).join(' ');
    }
  }
  return text;
}

// "박지현 Park Ji-hyun", "山田 太郎 Taro Yamada": a name in its own script, then spelled in Latin
// letters for readers abroad.
const EAST_ASIAN = '\\p{Script=Hangul}\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const NATIVE_THEN_LATIN_RE = new RegExp(
  `^([${EAST_ASIAN}][${EAST_ASIAN}\\s]*?)\\s+\\p{Script=Latin}[\\p{Script=Latin}\\s'’.-]*$`,
  'u',
);

/** "FORMATO" over "EUROPEO PER IL" over "CURRICULUM VITAE": a document's title wrapped over lines. */
function wrappedDocumentTitle(rawLines: readonly RawLine[], at: number, first: string): boolean {
  let joined = first;
  const next = rawLines
    .slice(at + 1)
    .map((l) => cleanLine(l.text.replace(/^#+\s*/, '')).trim())
    .filter((t) => t !== '')
    .slice(0, 3);
  for (const line of next) {
    joined = `${joined} ${line}`;
    if (isDocumentTitle(joined)) return true;
  }
  return false;
}

/**
 * A name line without the headline set after it: "Sabine Krüger | Accountant", and after a dash when
 * what follows is a title ("Aoife Gallagher — Store Manager").
 */
function withoutHeadline(line: string): string {
  const [first = '', ...rest] = line.split(/\s+\|\s+/);
  if (rest.length > 0) return first;
  const dashed = /^(.+?)\s+[—–]\s+(.+)$/.exec(line);
  return dashed !== null && (isTitle(dashed[2]!) || hasTitleWord(dashed[2]!)) ? dashed[1]! : line;
}

/**
 * The document's title line (`# Text`, written by the PDF and DOCX readers for the largest text at
 * the top or a Title style) when it is a person's name: not "Curriculum Vitae", not a job title, no
 * digits or addresses. Names that the name pattern cannot know (particles, CJK) are read from it.
 */
function titleName(rawLines: readonly RawLine[]): string | null {
  for (const [at, raw] of rawLines.entries()) {
    const m = /^#\s+(.+)$/.exec(raw.text.trim());
    if (m === null) continue;
    // "Sabine Krüger | Accountant": a headline set beside the name; post-nominal letters set after
    // it without a comma ("Fiona MacLeod BVM&S MRCVS") are not part of the name.
    const text = withoutLeadingHeading(
      cleanLine(withoutHeadline(m[1]!)).replace(POST_NOMINALS_RE, '').trim(),
    );
    if (isDocumentTitle(text) || wrappedDocumentTitle(rawLines, at, text)) continue;
    const native = NATIVE_THEN_LATIN_RE.exec(text);
    if (native !== null) return native[1]!;
    // A monogram set large above the name ("MT", "EvD") is not the name.
    if (/^\p{L}{1,3}$/u.test(text) && !/[\p{Script=Han}\p{Script=Hangul}]/u.test(text)) return null;
    // A surname's particles ("de la", "van der") are no words of their own; an initial ("Daniel
    // R. Whitaker") is no skill.
    const words = text.split(/\s+/).filter((w) => !NAME_PARTICLE_RE.test(w)).length;
    if (
      words > 5 ||
      /[\d@|/:]/.test(text) ||
      isTitle(text) ||
      classifyHeading(text) !== null ||
      isPlace(text) ||
      findSkills(text.replace(/(?<!\p{L})\p{Lu}\.(?=\s|,|$)/gu, ' ')).length > 0
    ) {
      return null;
    }
    return text;
  }
  return null;
}

/** "Name | Julia Brenner", "Nombre: Ana López": a name given in a table of personal details. */
function labelledName(rawLines: readonly RawLine[]): string | null {
  for (const raw of rawLines) {
    // Chinese, Japanese and Korean forms space their labels out and set the name after a space:
    // "姓 名 | 陈思远 | 性 别 | 男", "氏名 高橋 由紀", "성 명 | 박지현".
    const cjk =
      /^(?:[-•]\s*)?(?:氏[\s|]*名|姓[\s|]*名|名[\s|]*前|성[\s|]*명|이[\s|]*름)\s*(?:[:：|]\s*)?([^|:：]{1,24}?)\s*(?:\||$)/u.exec(
        cleanLine(raw.text).trim(),
      );
    // The name's reading in brackets after it ("山口 千尋（やまぐち ちひろ）") is not part of it.
    const cjkName = cjk?.[1]?.replace(/\s*[（(][^）)]*[）)]\s*$/u, '').trim() ?? '';
    if (/\p{L}/u.test(cjkName) && !/[\d@]/.test(cjkName)) return cjkName;
    const m =
      /^(?:(?:nachname|surname|cognome|nom|apellido|apelido|achternaam|nazwisko|prijmeni|efternamn)(?:\([a-z]+\))?\s*\/\s*(?:vorname|first name|nome|prenom|nombre|voornaam|imie|jmeno|fornamn)(?:\([a-z]+\))?(?: propri[oa](?:\([a-z]+\))?)?|name|full name|nombre|nombre y apellidos|nombre completo|apellidos y nombre|nom|nom et prenom|prenom nom|nom complet|nome|nome e cognome|nome completo|naam|volledige naam|vor- und nachname|name, vorname|nachname, vorname|imie i nazwisko|jmeno|jmeno a prijmeni|namn|navn|ad soyad|adi soyadi|nimi|nev|nume|meno|ime|фио|ф\.и\.о\.|имя|ονοματεπωνυμο|ονομα|氏名|姓名|名前)\s*(?::\s*\|?|：|\|)\s*(.{3,60})$/u.exec(
        fold(cleanLine(raw.text).trim()),
      );
    if (m === null) continue;
    const text = cleanLine(raw.text).trim();
    const name = text.slice(text.length - m[1]!.length).trim();
    // "Brandt, Katharina": the surname first, as forms ask for it.
    const inverted = /^(\p{Lu}[\p{L}'’-]+), (\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){0,2})$/u.exec(name);
    if (inverted !== null) return `${inverted[2]} ${inverted[1]}`;
    if (name.split(/\s+/).length <= 5 && !/[\d@]/.test(name)) return name;
  }
  return null;
}

function readHeader(
  lines: CvLine[],
  title: string | null,
): { name: string | null; label: string | null; summary: string[] } {
  let name: string | null = null;
  let label: string | null = null;
  const summary: string[] = [];
  for (const l of lines) {
    const text = l.text.trim();
    if (text === '') continue;
    if (title !== null && name === null && text === title) {
      name = text;
      continue;
    }
    // Credentials after a name ("Grace Okafor, RN") are part of how the person signs.
    const bare = text.replace(/,\s*[A-Z]{2,5}(?:,\s*[A-Z]{2,5})*$/, '');
    // "Brandt, Katharina": the surname first, as Europass writes it.
    const inverted = /^(\p{Lu}[\p{L}'’-]+), (\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+)?)$/u.exec(text);
    if (name === null && inverted !== null && !isPlace(text) && !isTitle(text)) {
      name = `${inverted[2]} ${inverted[1]}`;
      continue;
    }
    if (
      name === null &&
      NAME_RE.test(bare) &&
      !isTitle(bare) &&
      !isPlace(bare) &&
      findDates(text).length === 0
    ) {
      name = text;
      continue;
    }
    // "Tobias von Hagen | Schreinermeister": the name and the headline on one line; post-nominal
    // letters ("Harriet Okonkwo-Blake ACA | Finance Director") are not part of the name.
    const [named = '', ...rest] = text.split(/\s+\|\s+/);
    const first = named.replace(POST_NOMINALS_RE, '');
    if (
      name === null &&
      rest.some((r) => isTitle(r) || hasTitleWord(r)) &&
      NAME_RE.test(first) &&
      !isTitle(first) &&
      !isPlace(first) &&
      findDates(text).length === 0
    ) {
      name = first;
      label ??= rest.join(' | ');
      continue;
    }
    if (
      label === null &&
      text.split(/\s+/).length <= 8 &&
      !/[.!?]$/.test(text) &&
      !isPlace(text) &&
      (name !== null || isTitle(text))
    ) {
      label = text.replace(/\s*[|·•]\s*/g, ' | ');
      continue;
    }
    if (name !== null && label !== null) summary.push(text);
    else if (text.split(/\s+/).length > 8) summary.push(text);
  }
  return { name, label, summary };
}

/**
 * Parses CV text (as extracted from PDF/DOCX, or markdown) into a JSON Resume document. The steps:
 * lines cut into sections (columns apart, contact details and sidebar lines taken out, sections
 * without headings inferred), then the person (name, headline, summary), then each part, then the
 * order the CV presents them in and how sure each reading is.
 */
export function parseCv(text: string): CvStructure {
  const known = recentReadings.get(text);
  if (known) {
    // Most recently used last: the Map's order is the order of eviction.
    recentReadings.delete(text);
    recentReadings.set(text, known);
    return known;
  }
  const structure = deepFreeze(readCv(text));
  recentReadings.set(text, structure);
  if (recentReadings.size > RECENT_READINGS)
    recentReadings.delete(recentReadings.keys().next().value as string);
  return structure;
}

// The same CV is read several times in one improvement (the fact guard, the preservation check,
// the report) and again by every improvement of that CV for another job: about 3 ms each time. The
// last few readings are kept, frozen so that no caller can change what the next one gets.
const RECENT_READINGS = 16;
const recentReadings = new Map<string, CvStructure>();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function readCv(text: string): CvStructure {
  const rawLines: RawLine[] = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((t, i) => ({ n: i + 1, text: t }));
  const { blocks, twoColumn } = splitColumns(rawLines);
  const sections = cutSections(blocks);
  const contacts = extractContacts(sections);
  moveSidebarLines(sections);
  inferSectionsWithoutHeadings(sections);
  rekeyUndatedExperience(sections);

  const person = readPerson(rawLines, sections, contacts);
  const { parts, rows } = readParts(sections);
  const sectionOrder = orderOfSections(sections, rows, person.summary);
  const confidence = confidenceOf(sections, person, contacts, parts);
  return {
    basics: {
      name: person.name,
      label: person.label ?? contacts.label,
      email: contacts.email,
      phone: contacts.phone,
      url: contacts.url,
      location: contacts.location === null ? null : readLocation(contacts.location),
      summary: person.summary === '' ? null : person.summary,
      profiles: contacts.profiles,
    },
    ...parts,
    meta: {
      language: detectLanguage(text),
      sectionOrder,
      sections: sections.map((s) => ({
        key: s.key,
        heading: s.heading,
        lines: s.lines.filter((l) => l.text !== ''),
      })),
      twoColumn,
      confidence,
    },
  };
}

/** Sections of one kind are read together, a blank line apart so no entry reaches into another. */
function linesOf(sections: WorkingSection[], key: SectionKey): CvLine[] {
  return sections
    .filter((s) => s.key === key)
    .flatMap((s) => [...s.lines, { n: s.lines.at(-1)?.n ?? 0, text: '' }]);
}

interface Person {
  /** the name read from the document's title line, if any */
  title: string | null;
  name: string | null;
  label: string | null;
  /** the summary's text, '' when there is none */
  summary: string;
}

/** Words a name is made of: capitalised, or a particle ("de Vries-Kuipers"). */
function nameWords(text: string): string[] | null {
  const words = text.split(/\s+/);
  const shaped = words.every(
    (w, k) => /^\p{Lu}[\p{L}'’.-]*$/u.test(w) || (NAME_PARTICLE_RE.test(w) && k < words.length - 1),
  );
  return shaped && !/\d/.test(text) ? words : null;
}

/**
 * A name set over two lines at the top ("LUCÍA" over "FERRER MARTÍ", "Sanne" over "de
 * Vries-Kuipers", "Joost" over "VAN DER WAL"): the first line one word, the second the rest, both
 * as a name is written, neither a heading, a title or a place.
 */
function nameOverTwoLines(rawLines: readonly RawLine[]): string | null {
  // The first two lines with text: the CV's other lines need not be cleaned for it.
  const top: { at: number; text: string }[] = [];
  for (let at = 0; at < rawLines.length && top.length < 2; at++) {
    const text = cleanLine(rawLines[at]!.text.replace(/^#+\s*/, '')).trim();
    if (text !== '') top.push({ at, text });
  }
  if (top.length < 2) return null;
  // The surname's line may carry the headline: "VAN DER WAL | Eerste monteur elektrotechniek".
  const [first, second] = [top[0]!.text, top[1]!.text.split(/\s+\|\s+/)[0]!];
  const rest = nameWords(second);
  if (nameWords(first)?.length !== 1 || rest === null || rest.length > 3) return null;
  // A monogram over the name ("MT" over "MAYA THORNTON"), a document's title wrapped ("FORMATO"
  // over "EUROPEO PER IL").
  if ([...first].length <= 3 || wrappedDocumentTitle(rawLines, top[0]!.at, first)) return null;
  // Both in one case, or a given name over a surname in capitals ("Joost" over "VAN DER WAL").
  const caps = (t: string) => t === t.toUpperCase();
  if (caps(first) && !caps(second.replace(/^(?:\p{Ll}+\s+)+/u, ''))) return null;
  const joined = `${first} ${second}`;
  const plain = (t: string) =>
    classifyHeading(t) === null && !isTitle(t) && !isPlace(t) && !isDocumentTitle(t);
  return plain(first) && plain(second) && plain(joined) ? joined : null;
}

/**
 * A name set as a heading whose last word went to a heading line of its own ("Nadia Haddad" over
 * "Lindström" in a sidebar): one word set as the name is, neither a heading, a title nor a place.
 */
function withNextNameLine(rawLines: readonly RawLine[], name: string | null): string | null {
  if (name === null) return name;
  const at = rawLines.findIndex(
    (l) => /^#+\s/.test(l.text) && cleanLine(l.text.replace(/^#+\s*/, '')).trim() === name,
  );
  if (at < 0) return name;
  const level = /^#+/.exec(rawLines[at]!.text)![0];
  let next = at + 1;
  while (next < rawLines.length && rawLines[next]!.text.trim() === '' && next <= at + 2) next++;
  const line = rawLines[next]?.text ?? '';
  if (!line.startsWith(`${level} `)) return name;
  const word = cleanLine(line.slice(level.length)).trim();
  const shaped = nameWords(word)?.length === 1 && [...word].length >= 3;
  const plain =
    classifyHeading(word) === null && !isTitle(word) && !isPlace(word) && titleLikeness(word) === 0;
  return shaped && plain && !isDocumentTitle(word) ? `${name} ${word}` : name;
}

/**
 * A letter-spaced name that lost its word spaces ("KACPERWRÓBLEWSKI"), split where the person's
 * address splits it (kacper.wroblewski@…), letter by letter as the address spells them.
 */
function spacedByAddress(name: string | null, email: string | null): string | null {
  if (name === null || email === null || /\s/.test(name.trim()) || [...name].length < 6) return name;
  // Folded as nameOfEmail folds it, so both read the address alike.
  const parts = fold(email.split('@')[0] ?? '')
    .split(/[._-]+/)
    .filter((p) => p.length >= 2);
  if (parts.length < 2) return name;
  const chars = [...name.trim()];
  const words: string[] = [];
  let at = 0;
  for (const part of parts) {
    let spelled = '';
    const start = at;
    while (at < chars.length && spelled.length < part.length) spelled += fold(chars[at++]!);
    if (spelled !== part) return name;
    words.push(chars.slice(start, at).join(''));
  }
  return at === chars.length ? words.join(' ') : name;
}

/** A name's word as an address writes it: "Wölfel" gives "wolfel" and "woelfel", "Søren" "soren" and "soeren". */
function addressSpellings(word: string): string[] {
  const lower = word.toLowerCase();
  const spelled = lower
    .replace(/[äæ]/g, 'ae')
    .replace(/[öø]/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/å/g, 'aa');
  return [...new Set([fold(lower), fold(spelled)])];
}

/** How many words of a name (three letters or more) the email's local part spells. */
function wordsInAddress(name: string, local: string): number {
  return name
    .split(/[\s,.'’-]+/)
    .filter((w) => [...w].length >= 3 && !NAME_PARTICLE_RE.test(w))
    .filter((w) => addressSpellings(w).some((s) => local.includes(s))).length;
}

/**
 * The person's own address usually spells their name ("hannah.whitfield@", "k.woelfel@"). When the
 * name guessed from the layout spells less of it than a name-like line elsewhere on the page (the
 * name set in a sidebar or under a banner the reader took for the name), that line is the name.
 * Names in another script are left alone: their address is a transliteration this cannot check.
 */
function nameOfEmail(
  rawLines: readonly RawLine[],
  guess: string | null,
  email: string | null,
): string | null {
  if (email === null || (guess !== null && /[^\p{Script=Latin}\P{L}]/u.test(guess))) return guess;
  const local = fold(email.split('@')[0]!);
  let best = guess;
  let bestWords = guess === null ? 0 : wordsInAddress(guess, local);
  for (const raw of rawLines) {
    for (const piece of cleanLine(raw.text).split(/\s*[|·•]\s*|\t|\s{2,}/)) {
      const text = piece.replace(/^#+\s*/, '').trim();
      // The address is checked first: it is cheap, and rules out nearly every line.
      const words = wordsInAddress(text, local);
      if (words <= bestWords) continue;
      if (!looksLikeName(text) || isDocumentTitle(text) || classifyHeading(text) !== null) continue;
      [best, bestWords] = [text, words];
    }
  }
  return best !== null && bestWords === 1 && !/\s/.test(best) ? withSurname(rawLines, best, local) : best;
}

/**
 * A given name alone at the top whose surname the layout set apart ("RUBEN" in a sidebar, its
 * "HOEKSTRA" read last): the line of a name's shape that the address also spells completes it.
 */
function withSurname(rawLines: readonly RawLine[], given: string, local: string): string {
  for (const raw of rawLines) {
    const text = cleanLine(raw.text)
      .replace(/^#+\s*/, '')
      .trim();
    const words = nameWords(text);
    if (words === null || words.length > 3 || fold(text).includes(fold(given))) continue;
    if (wordsInAddress(text, local) === 0) continue;
    if (classifyHeading(text) !== null || isTitle(text) || hasTitleWord(text) || isPlace(text)) continue;
    if (isDocumentTitle(text) || titleLikeness(text) !== 0 || findSkills(text).length > 0) continue;
    return `${given} ${text}`;
  }
  return given;
}

/** The person: name, headline (label) and summary, from the title line, the header and the summary. */
function readPerson(rawLines: RawLine[], sections: WorkingSection[], contacts: Contacts): Person {
  const title = nameOverTwoLines(rawLines) ?? titleName(rawLines);
  const header = readHeader(
    sections.filter((s) => s.key === 'header').flatMap((s) => s.lines),
    title,
  );
  // A name the CV labels as such (a form's "Nachname(n) / Vorname(n)") beats a guess from the header.
  const guess = title ?? labelledName(rawLines) ?? header.name ?? contacts.name;
  const name = spacedByAddress(
    withNextNameLine(rawLines, nameOfEmail(rawLines, guess, contacts.email)),
    contacts.email,
  );
  const summaryLines = linesOf(sections, 'summary')
    .map((l) => (isBulletLine(l.text) ? stripBullet(l.text) : l.text))
    .filter((t) => t !== '');
  const summary = [...summaryLines, ...header.summary].join(' ').trim();
  return { title, name, label: header.label, summary };
}

type CvParts = Pick<
  CvStructure,
  | 'work'
  | 'education'
  | 'skills'
  | 'projects'
  | 'certificates'
  | 'awards'
  | 'publications'
  | 'languages'
  | 'volunteer'
>;

/** The lines of the skills rows that are another part in all but name. */
type RowLines = Record<'languages' | 'certificates', CvLine[]>;

/**
 * A row of the skills part may be another part in all but name: "Languages: English, German",
 * "Certifications: PMP, PRINCE2" are the CV's languages and certificates. ("Languages: Python, Go"
 * in a developer's skills are programming languages, and stay.)
 */
function skillRowKind(g: CvSkillGroup): SectionKey | null {
  const kind = g.name === 'Skills' ? null : classifyHeading(g.name);
  if (kind !== 'languages') return kind;
  return g.keywords.filter(isLanguageLine).length * 2 > g.keywords.length ? kind : null;
}

/** Each part read from its sections; `rows` are the skills rows that belong to another part. */
function readParts(sections: WorkingSection[]): { parts: CvParts; rows: RowLines } {
  const work = parseWork(linesOf(sections, 'experience'));
  const education = parseEducation(linesOf(sections, 'education'));
  const skillRows = parseSkills(linesOf(sections, 'skills'));
  const skills = skillRows.filter(
    (g) => skillRowKind(g) !== 'languages' && skillRowKind(g) !== 'certificates',
  );
  const projects = parseProjects(linesOf(sections, 'projects'));
  const rowLines = (kind: SectionKey) =>
    skillRows
      .filter((g) => skillRowKind(g) === kind)
      .flatMap((g) => g.keywords.map((k) => ({ n: 0, text: k })));
  const rows: RowLines = { languages: rowLines('languages'), certificates: rowLines('certificates') };
  const certificates = [
    ...parseCertificates(linesOf(sections, 'certificates')),
    ...parseCertificates(rows.certificates),
  ];
  const awards: CvAward[] = parseCertificates(linesOf(sections, 'awards')).map((a) => ({
    title: a.name,
    date: a.date,
    awarder: a.issuer,
    line: a.line,
  }));
  const publications: CvPublication[] = parseCertificates(linesOf(sections, 'publications')).map((p) => ({
    name: p.name,
    releaseDate: p.date,
    publisher: p.issuer,
    line: p.line,
  }));
  const languages = [...parseLanguages(linesOf(sections, 'languages')), ...parseLanguages(rows.languages)];
  const volunteer = parseWork(linesOf(sections, 'volunteer')).map(({ name, ...rest }) => ({
    organization: name,
    ...rest,
  }));
  return {
    parts: { work, education, skills, projects, certificates, awards, publications, languages, volunteer },
    rows,
  };
}

/** The parts in the order the CV presents them: headed sections, and the parts found in skills rows. */
function orderOfSections(sections: WorkingSection[], rows: RowLines, summary: string): SectionKey[] {
  const sectionOrder: SectionKey[] = [];
  for (const s of sections) {
    if (s.key !== 'header' && s.heading !== null && !sectionOrder.includes(s.key)) sectionOrder.push(s.key);
    if (s.key === 'skills')
      for (const kind of ['languages', 'certificates'] as const)
        if (rows[kind].length > 0 && !sectionOrder.includes(kind)) sectionOrder.push(kind);
  }
  // A profile paragraph under the name, with no heading of its own, is the CV's summary all the same.
  if (summary !== '' && !sectionOrder.includes('summary')) sectionOrder.unshift('summary');
  return sectionOrder;
}

/** How sure each reading is, 0–1, per field of basics and per part; a part under no heading counts less. */
function confidenceOf(
  sections: WorkingSection[],
  person: Person,
  contacts: Contacts,
  parts: CvParts,
): Record<string, number> {
  const { work, education, skills, projects, certificates, awards, publications, languages } = parts;
  const mean = (xs: number[]) =>
    xs.length === 0 ? 0 : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100;
  const headed = (key: SectionKey) => (sections.some((s) => s.key === key && s.heading !== null) ? 1 : 0.6);
  const skillCount = skills.reduce((n, g) => n + g.keywords.length, 0);
  const recognized = skills.flatMap((g) => g.keywords).filter((k) => findSkills(k).length > 0).length;
  return {
    'basics.name': person.title !== null ? 0.95 : person.name === null ? 0 : 0.9,
    'basics.label': person.label === null ? 0 : isTitle(person.label) ? 0.9 : 0.6,
    'basics.email': contacts.email === null ? 0 : 1,
    'basics.phone': contacts.phone === null ? 0 : 0.9,
    'basics.location': contacts.location === null ? 0 : 0.7,
    'basics.summary': person.summary === '' ? 0 : headed('summary') === 1 ? 0.9 : 0.6,
    work:
      work.length === 0
        ? 0
        : Math.round(mean(work.map((w) => w.confidence)) * headed('experience') * 100) / 100,
    education:
      education.length === 0
        ? 0
        : Math.round(mean(education.map((e) => e.confidence)) * headed('education') * 100) / 100,
    skills:
      skillCount === 0
        ? 0
        : Math.round((0.5 + 0.5 * (recognized / skillCount)) * headed('skills') * 100) / 100,
    projects: projects.length === 0 ? 0 : 0.7 * headed('projects'),
    certificates: certificates.length === 0 ? 0 : 0.8 * headed('certificates'),
    awards: awards.length === 0 ? 0 : 0.7 * headed('awards'),
    publications: publications.length === 0 ? 0 : 0.7 * headed('publications'),
    languages: languages.length === 0 ? 0 : 0.9 * headed('languages'),
  };
}
