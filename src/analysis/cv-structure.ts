// From extracted CV text (PDF/DOCX text extraction, or markdown) to a JSON Resume document.
// PDF text is messy: headings in any order, two columns printed side by side on one line, sidebar
// lines (skills, languages, contact) interleaved with the main column. The parser works in layers:
// split columns, cut sections at known headings, pull contact and sidebar lines out, then read
// entries around their date ranges.
import {
  type FoundDate,
  type FoundRange,
  findDateRanges,
  findDates,
  isMonthName,
  parseDate,
  sameDate,
} from './dates.ts';
import {
  classifyHeading,
  findDegree,
  hasTitleWord,
  headingPhrase,
  isDepartment,
  isDocumentTitle,
  isFieldOfWork,
  isInstitution,
  isLanguageLine,
  isLegalEntity,
  isOrganization,
  isPlace,
  isTitle,
  type SectionKey,
  titleLikeness,
} from './lexicon.ts';
import { findSkills, skillDensity } from './skills.ts';
import { endsSentence, fold, isBulletLine, stripBullet, stripMarkdown } from './text.ts';

export type { SectionKey } from './lexicon.ts';

export interface CvProfile {
  network: string;
  username: string;
  url: string;
}

/** JSON Resume's location: the text as written, and what could be read from it. */
export interface CvLocation {
  address: string;
  city: string | null;
  region: string | null;
  countryCode: string | null;
}

export interface CvBasics {
  name: string | null;
  label: string | null;
  email: string | null;
  phone: string | null;
  url: string | null;
  location: CvLocation | null;
  summary: string | null;
  profiles: CvProfile[];
}

export interface CvWork {
  name: string | null;
  position: string | null;
  location: string | null;
  startDate: string | null;
  /** null with `current: true` when the role is ongoing */
  endDate: string | null;
  current: boolean;
  summary: string | null;
  highlights: string[];
  /** 0–1: how sure the parser is of the employer, title and dates */
  confidence: number;
  /** 1-based line of the entry's first line in the source text */
  line: number;
}

/** JSON Resume calls the employer of a volunteer role its organization. */
export type CvVolunteer = Omit<CvWork, 'name'> & { organization: string | null };

export interface CvEducation {
  institution: string | null;
  area: string | null;
  studyType: string | null;
  startDate: string | null;
  endDate: string | null;
  highlights: string[];
  confidence: number;
  line: number;
}

export interface CvSkillGroup {
  name: string;
  keywords: string[];
}

export interface CvProject {
  name: string;
  description: string | null;
  highlights: string[];
  startDate: string | null;
  endDate: string | null;
  line: number;
}

export interface CvCertificate {
  name: string;
  date: string | null;
  issuer: string | null;
  line: number;
}

/** JSON Resume's award: what, when, from whom. */
export interface CvAward {
  title: string;
  date: string | null;
  awarder: string | null;
  line: number;
}

/** JSON Resume's publication: what, when, where. */
export interface CvPublication {
  name: string;
  releaseDate: string | null;
  publisher: string | null;
  line: number;
}

export interface CvLanguage {
  language: string;
  fluency: string | null;
}

export interface CvLine {
  /** 1-based line number in the text as given */
  readonly n: number;
  readonly text: string;
}

export interface CvSection {
  readonly key: SectionKey | 'header';
  readonly heading: string | null;
  readonly lines: readonly CvLine[];
}

export type CvLanguageCode = 'en' | 'de' | 'fr' | 'es';

export interface CvStructure {
  basics: CvBasics;
  work: CvWork[];
  education: CvEducation[];
  skills: CvSkillGroup[];
  projects: CvProject[];
  certificates: CvCertificate[];
  awards: CvAward[];
  publications: CvPublication[];
  languages: CvLanguage[];
  volunteer: CvVolunteer[];
  meta: {
    /** main language of the CV text */
    language: CvLanguageCode;
    /** sections in the order the CV presents them */
    sectionOrder: SectionKey[];
    sections: CvSection[];
    twoColumn: boolean;
    /** 0–1 per field of basics and per section */
    confidence: Record<string, number>;
  };
}

// Lines from PDF extraction of a two-column layout hold both columns, separated by a wide gap.
const COLUMN_GAP_RE = /\S(?: {3,}|\t+)\S/;
// The lookbehinds keep these linear on a long run of letters (no retry at every position).
const EMAIL_RE = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
// International and trunk-prefixed numbers, US numbers, Chinese mobiles (138 1234 5678) and
// Spanish-style nine digits in groups (612 48 39 05), Brazilian numbers after their area code
// ((11) 98765-4321).
const PHONE_RE =
  /(?:\+|\b0)\d[\d\s()./-]{6,}\d\b|\(\d{2}\)\s?\d{4,5}-\d{4}\b|(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b|\b1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}\b|\b[6-9]\d{2}(?:[\s.]\d{2}){3}\b|\b[6-9]\d{2}[\s.]\d{3}[\s.]\d{3}\b/;
// A number after its label ("Tlf. 28 41 67 03", "telefoon: 06 – 41 87 22 93", "TEL：080‑3391‑2275"),
// whatever the country's way of grouping its digits.
const LABELLED_PHONE_RE =
  /(?:^|[\s|·•,(])(?:tel|tlf|telefon|telefoon|telephone|telefono|teléfono|téléphone|tél|phone|mobil|mobile|mob|cell|handy|gsm|móvil|movil|celular)\.?\s*[:：]?\s*(\+?[\d(][\d\s()./‑–-]{6,}\d)/iu;
const PROFILE_RE =
  /(?:https?:\/\/)?(?:www\.)?(linkedin\.com|github\.com|gitlab\.com|behance\.net|dribbble\.com|xing\.com|twitter\.com|x\.com|medium\.com|kaggle\.com)\/[^\s|,;)]+/i;
const URL_RE =
  /(?:https?:\/\/\S+|www\.[^\s|,;]+|\b[a-z0-9-]+\.(?:dev|io|me|design|com|net|org|portfolio|site)(?:\/[^\s|,;]*)?\b)/i;
const CONTACT_LABEL_RE =
  /^(?:e-?mail|mail|phone|tel|telephone|telefon|telefono|mobile|mobil|handy|movil|portable|address|adresse|direccion|anschrift|linkedin|github|website|web|portfolio)\s*:\s*/i;
const PIECE_SPLIT_RE =
  /\s*[|·•–—]\s*|\s+-\s+|\s*,\s+|\s*\(\s*|\s*\)\s*|\s+@\s+|\s+(?:at|bei|chez|en|in)\s+(?=\p{Lu})/u;
const ADDRESS_RE =
  /\b\d{4,5}\s+\p{Lu}[\p{L}-]+|(?<![\p{L}-])[\p{L}-]*(?:straße|strasse|str\.|weg|platz|allee|gasse)\s+\d+|\b\d+\s*,?\s+(?:rue|avenue|boulevard|chemin|allée)\b|\b(?:calle|avenida|c\/)\s+\p{L}|\b\d+\s+[\p{L} ]+\s(?:street|road|avenue|lane|drive)\b/u;
const NAME_RE = /^[\p{Lu}][\p{L}'’.-]+(?:\s+[\p{Lu}][\p{L}'’.-]*){1,3}$/u;
const LANGUAGE_HINTS: Record<CvLanguageCode, RegExp> = {
  en: /\b(?:the|and|with|for|of|to|experience|skills)\b/g,
  de: /\b(?:und|der|die|das|mit|fur|von|bei|erfahrung|kenntnisse)\b/g,
  fr: /\b(?:et|les|des|du|pour|avec|une|experience|competences)\b/g,
  es: /\b(?:y|los|las|del|para|con|una|experiencia|habilidades)\b/g,
};

interface RawLine {
  n: number;
  text: string;
}

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

interface WorkingSection {
  key: SectionKey | 'header';
  heading: string | null;
  lines: CvLine[];
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

function cutSections(blocks: RawLine[][]): WorkingSection[] {
  const sections: WorkingSection[] = [];
  // When the layout marked headings, a line it did not mark is a heading only on plain evidence.
  const marked = blocks.some((block) => block.some((raw) => raw.text.startsWith('## ')));
  for (const block of blocks) {
    let current: WorkingSection = { key: 'header', heading: null, lines: [] };
    sections.push(current);
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
      // "WORK | Shopwell | 2021 – Present": a section's name in a label column beside its first line.
      // A longer label only when it is a heading word for word (Europass's "Competências
      // relacionadas com o | …", its last word wrapped to the next row).
      const long = /^([^|]{31,48}) \| (.+)$/.exec(text);
      const labelled =
        /^([^|]{3,30}) \| (.+)$/.exec(text) ??
        (long !== null && headingPhrase(long[1]!) !== null ? long : null);
      const labelKey = labelled !== null ? classifyHeading(labelled[1]!) : null;
      // In a skills part, "Languages | Python, SQL, Scala" is a row of programming languages, not
      // the start of the CV's languages: a row of spoken languages is routed there later.
      const skillRow =
        current.key === 'skills' &&
        labelKey === 'languages' &&
        labelled !== null &&
        findSkills(labelled[2]!).length > 0 &&
        !labelled[2]!.split(/\s*[,;·•/|–—]\s*/).some((item) => isLanguageLine(item));
      if (labelled !== null && labelKey !== null && !skillRow && !isBulletLine(raw.text)) {
        current = { key: labelKey, heading: labelled[1]!.trim(), lines: [{ n: raw.n, text: labelled[2]! }] };
        sections.push(current);
        return;
      }
      // "- Expérience professionnelle": a heading numbered by the word processor (I., II., …) comes
      // out as a list item; over a line that is no item, it opens its section all the same.
      const following = block.slice(index + 1).find((l) => l.text.trim() !== '');
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
        ENTRY_SECTIONS.has(current.key) &&
        !raw.text.trimStart().startsWith('## ') &&
        ENTRY_SUBLABEL_RE.test(fold(text));
      // "Jazyky" over "Java • Kotlin • SQL" inside the skills of a CV whose headings are marked: a
      // group of programming languages, not the spoken ones.
      const languageGroup =
        heading === 'languages' &&
        current.key === 'skills' &&
        marked &&
        !raw.text.startsWith('## ') &&
        following !== undefined &&
        findSkills(following.text).length > 0 &&
        !following.text.split(/\s*[,;·•/|–—]\s*/).some((item) => isLanguageLine(item));
      const key = sublabel || languageGroup ? null : heading;
      if (key !== null) {
        current = { key, heading: text.replace(/[:#*]+/g, '').trim(), lines: [] };
        sections.push(current);
        return;
      }
      // A heading wrapped in a narrow column ("EXPÉRIENCE" over "PROFESSIONNELLE") is one heading.
      if (
        current.heading !== null &&
        current.lines.length === 0 &&
        text.split(/\s+/).length <= 2 &&
        classifyHeading(`${current.heading} ${text}`) === current.key &&
        text === text.toUpperCase() &&
        current.heading === current.heading.toUpperCase()
      ) {
        current.heading = `${current.heading} ${text}`;
        return;
      }
      // A PDF printed column by column puts the sidebar (contact, skills, languages) first; the
      // main column then opens with the name, after a blank line, inside the last sidebar section.
      const afterBlank = current.lines.length === 0 || current.lines[current.lines.length - 1]!.text === '';
      if (!nameSeen && afterBlank && SIDEBAR_SECTIONS.has(current.key) && looksLikeName(text)) {
        const next = block.slice(index + 1).find((l) => l.text.trim() !== '');
        if (next === undefined || classifyHeading(cleanLine(next.text)) !== null || isTitle(next.text)) {
          current = { key: 'header', heading: null, lines: [] };
          sections.push(current);
        }
      }
      if (current.key === 'header' && looksLikeName(text)) nameSeen = true;
      current.lines.push({ n: raw.n, text });
    });
  }
  return sections.filter((s) => s.key === 'header' || s.lines.length > 0 || s.heading !== null);
}

const SIDEBAR_SECTIONS: ReadonlySet<string> = new Set([
  'contact',
  'skills',
  'languages',
  'certificates',
  'interests',
  'references',
  'awards',
]);

const COUNTRY_CODES: Record<string, string> = {
  germany: 'DE',
  deutschland: 'DE',
  france: 'FR',
  spain: 'ES',
  espana: 'ES',
  italy: 'IT',
  italia: 'IT',
  netherlands: 'NL',
  belgium: 'BE',
  austria: 'AT',
  osterreich: 'AT',
  switzerland: 'CH',
  schweiz: 'CH',
  suisse: 'CH',
  uk: 'GB',
  'united kingdom': 'GB',
  england: 'GB',
  ireland: 'IE',
  usa: 'US',
  us: 'US',
  'united states': 'US',
  canada: 'CA',
  mexico: 'MX',
  portugal: 'PT',
  poland: 'PL',
  'czech republic': 'CZ',
  czechia: 'CZ',
  sweden: 'SE',
  denmark: 'DK',
  norway: 'NO',
  finland: 'FI',
  australia: 'AU',
  india: 'IN',
  argentina: 'AR',
  colombia: 'CO',
  brasil: 'BR',
  brazil: 'BR',
  polska: 'PL',
  sverige: 'SE',
  norge: 'NO',
  danmark: 'DK',
  nederland: 'NL',
  belgique: 'BE',
  belgie: 'BE',
  greece: 'GR',
  ellada: 'GR',
  ελλαδα: 'GR',
  russia: 'RU',
  россия: 'RU',
  china: 'CN',
  中国: 'CN',
  japan: 'JP',
  日本: 'JP',
  wales: 'GB',
  scotland: 'GB',
};

/** "Berlin, Germany" → city Berlin, country DE; "Austin, TX" → city Austin, region TX. */
function readLocation(address: string): CvLocation {
  const parts = address
    .replace(/^.*\b\d{4,5}\s+/, '')
    .split(/\s*,\s*/)
    .map((p) => p.trim())
    .filter((p) => p !== '' && !/\d/.test(p));
  const last = parts.length > 1 ? parts[parts.length - 1]! : null;
  const countryCode = last === null ? null : (COUNTRY_CODES[fold(last)] ?? null);
  const region = last !== null && countryCode === null && /^[A-Z]{2}$/.test(last) ? last : null;
  return { address, city: parts[0] ?? null, region, countryCode };
}

function looksLikeName(text: string): boolean {
  const bare = text.replace(/,\s*[A-Z]{2,5}(?:,\s*[A-Z]{2,5})*$/, '');
  return (
    NAME_RE.test(bare) &&
    !isTitle(bare) &&
    !isPlace(bare) &&
    !isLanguageLine(bare) &&
    findSkills(bare).length === 0 &&
    findDates(bare).length === 0
  );
}

interface Contacts {
  email: string | null;
  phone: string | null;
  url: string | null;
  profiles: CvProfile[];
  location: string | null;
  /** a job title written on the contact line ("Product Designer · Prague · ...") */
  label: string | null;
  /** a name written on a contact line ("Mads Nielsen | +45 28 74 19 03", a Word page header) */
  name: string | null;
}

/** Takes contact details out of every section: sidebars put them anywhere. */
/** A phone number in a line: one of the known shapes, else the digits after a phone label. */
function findPhone(line: string): { text: string; index: number } | null {
  // "Boston, MA 02108 (617) 555-0163": a US ZIP code before the area code is no part of the number.
  const shaped = PHONE_RE.exec(line.replace(/\b(\d{5})\s+(?=\(\d{3}\)\s?\d{3}[\s.-]\d{4}\b)/g, '$1, '));
  if (shaped !== null) return { text: shaped[0], index: shaped.index };
  const labelled = LABELLED_PHONE_RE.exec(line);
  if (labelled === null) return null;
  return { text: labelled[1]!, index: labelled.index + labelled[0].length - labelled[1]!.length };
}

function extractContacts(sections: WorkingSection[]): Contacts {
  const contacts: Contacts = {
    email: null,
    phone: null,
    url: null,
    profiles: [],
    location: null,
    label: null,
    name: null,
  };
  for (const section of sections) {
    const keep: CvLine[] = [];
    for (const line of section.lines) {
      let rest = line.text;
      let found = false;
      const email = EMAIL_RE.exec(rest);
      if (email !== null) {
        contacts.email ??= email[0];
        rest = rest.replace(email[0], ' ');
        found = true;
      }
      for (let p = PROFILE_RE.exec(rest); p !== null; p = PROFILE_RE.exec(rest)) {
        const network = p[1]!.split('.')[0]!;
        const url = p[0].replace(/[.,]$/, '');
        if (!contacts.profiles.some((x) => x.url === url)) {
          contacts.profiles.push({
            network: network.charAt(0).toUpperCase() + network.slice(1),
            username: url.replace(/\/+$/, '').split('/').pop() ?? '',
            url,
          });
        }
        rest = rest.replace(p[0], ' ');
        found = true;
      }
      const phone = findPhone(rest);
      // Digits inside a date range ("2014-09 - 2019-02") are no phone number.
      const inRange =
        phone !== null &&
        findDateRanges(rest).some(
          (r) => phone.index < r.index + r.length && r.index < phone.index + phone.text.length,
        );
      if (
        phone !== null &&
        !inRange &&
        phone.text.replace(/\D/g, '').length >= 8 &&
        findDateRanges(phone.text).length === 0 &&
        // "01/09/2019" is a date, however many digits it has.
        !/^\s*\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2}\s*$/.test(phone.text)
      ) {
        contacts.phone ??= phone.text.trim();
        rest = rest.replace(phone.text, ' ');
        found = true;
      }
      const inContactArea = section.key === 'header' || section.key === 'contact';
      if (inContactArea && !found && rest.length < 120 && (ADDRESS_RE.test(rest) || isPlace(rest))) {
        contacts.location ??= rest.replace(CONTACT_LABEL_RE, '').trim();
        continue;
      }
      if (found || inContactArea) {
        const url = URL_RE.exec(rest);
        if (url !== null && (found || inContactArea) && !/\.js\b/i.test(url[0])) {
          contacts.url ??= url[0];
          rest = rest.replace(url[0], ' ');
          found = true;
        }
      }
      if (found || section.key === 'contact') {
        rest = rest.replace(CONTACT_LABEL_RE, '');
        for (const piece of rest.split(/\s*[|·•;]\s*|\s{2,}/)) {
          const p = piece.replace(CONTACT_LABEL_RE, '').trim();
          if (contacts.location === null && p !== '' && isPlace(p)) contacts.location = p;
          else if (contacts.name === null && inContactArea && looksLikeName(p)) {
            // "Miriam Oberländer Köln": a city set right after the name, no mark between.
            const words = p.split(/\s+/);
            const last = words.at(-1) ?? '';
            contacts.name = words.length > 2 && isPlace(last) ? words.slice(0, -1).join(' ') : p;
          } else if (contacts.label === null && p !== '' && isTitle(p) && p.split(/\s+/).length <= 6)
            contacts.label = p;
        }
        continue;
      }
      keep.push(line);
    }
    section.lines = keep;
  }
  return contacts;
}

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

/** Words with a letter or digit: separators and ampersands ("Ltd — Dinners & Travel") are none. */
function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function isHeaderLike(text: string): boolean {
  if (text === '' || isBulletLine(text)) return false;
  return wordCount(text) <= 14 && !endsSentence(text);
}

/** A list item that is an entry's header: short parts set apart, not a sentence. */
function isBulletedHeader(text: string): boolean {
  if (!isBulletLine(text)) return false;
  const body = stripBullet(text);
  return body.includes(' | ') && body.split(/\s+/).length <= 10 && !endsSentence(body) && !/:\s/.test(body);
}

/** The dates close the line: nothing but brackets and separators after them. */
function endsWithDate(text: string, range: FoundRange): boolean {
  return /^[\s)\]|·•.,–—-]*$/u.test(text.slice(range.index + range.length));
}

function removeRange(text: string, range: FoundRange): string {
  return (text.slice(0, range.index) + ' ' + text.slice(range.index + range.length))
    .replace(/[()[\]]/g, ' ')
    .replace(/\s+[|·•–—,-]\s*$|^\s*[|·•–—,-]\s+/g, '')
    .replace(/\s*[|·•–—,-]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface EntryBlock {
  header: string[];
  range: FoundRange | null;
  body: CvLine[];
  line: number;
  /** The employer a group of roles is printed under ("Acme Ltd" over its roles, LinkedIn-style). */
  group?: string;
}

/** How many of an entry's facts (title, employer, place) a header line holds. */
function countPieces(text: string): number {
  // A place is not one of them: "Pharmacist, Oncology | Toronto, ON" still waits for its employer.
  // A body and its unit after a dash ("Stadt Leipzig – Hort der 16. Schule") are one fact.
  const all = splitParts(text, false, true)
    .map((p) => p.trim())
    .filter((p) => p !== '' && !DURATION_RE.test(p));
  const parts = all.filter((p) => !isWholePlace(p));
  // A line holding only a name-shaped word may be a city no list knows ("Санкт-Петербург"): half.
  if (
    parts.length === 1 &&
    all.length === 1 &&
    looksLikePlaceName(parts[0]!) &&
    titleLikeness(parts[0]!) === 0
  ) {
    return 0.5;
  }
  if (parts.length !== 1) return Math.max(all.length > 0 ? 0 : 1, parts.length);
  // One part holds two facts when a comma sets an employer apart ("Engineer, Acme Corp").
  const pieces = commaPieces(splitTrailingPlace(parts[0]!).text);
  // ("A-levels: Mathematics, Economics, French" is a list, and its school may follow on a line.)
  return pieces.slice(1).some((p) => titleLikeness(p) < 0 || isInstitution(p)) ? 2 : 1;
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

/**
 * A date range broken over two lines ("Sept. 2016 –" over "déc. 2020", in a narrow table cell) is
 * put back on the first line.
 */
function joinBrokenRanges(lines: CvLine[]): CvLine[] {
  // A date and a dash with nothing after it: "Sept. 2016 –", "2019年4月 〜".
  const isOpenRange = (text: string) =>
    /[-–—‒〜~～]\s*$/.test(text) && findDates(text).length > 0 && findDateRanges(text).length === 0;
  const out: CvLine[] = [];
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    const next = lines[k + 1];
    const open = isOpenRange(line.text);
    if (open && next !== undefined && findDateRanges(`${line.text} ${next.text}`).length > 0) {
      out.push({ n: line.n, text: `${line.text} ${next.text}` });
      k++;
      continue;
    }
    // A date cell beside a two-line entry: "2017.07—" over the employer's line, then "2020.06".
    const after = lines[k + 2];
    if (
      open &&
      next !== undefined &&
      after !== undefined &&
      next.text !== '' &&
      /^\S+$/.test(after.text.trim()) &&
      findDates(after.text).length === 1 &&
      findDateRanges(`${line.text} ${after.text}`).length > 0
    ) {
      out.push({ n: line.n, text: `${line.text} ${after.text.trim()}` }, next);
      k += 2;
      continue;
    }
    // The same in a date column beside the entry: "03/2021 – | Employer" over "actualidad | text",
    // or a hint column too narrow for the month: "Sep | Title, Employer" over "2019–Present | text".
    const [head = '', ...rest] = line.text.split(' | ');
    const [nextHead = '', ...nextRest] = next?.text.split(' | ') ?? [];
    if (
      next !== undefined &&
      rest.length > 0 &&
      (isOpenRange(head) || (isMonthName(head) && findDateRanges(nextHead).length > 0)) &&
      findDateRanges(`${head} ${nextHead}`).length > 0 &&
      nextHead.split(/\s+/).length <= 3
    ) {
      out.push({ n: line.n, text: [`${head} ${nextHead}`, ...rest].join(' | ') });
      // The text beside the date's second line now starts a line of its own, its bullet glyph with it.
      let beside = nextRest.join(' | ').replace(/^[○◦●▪■•]\s+/u, '- ');
      // Its wrapped end came out as a line of its own (the cell beside it was empty then).
      const tail = lines[k + 2];
      if (
        nextRest.length > 0 &&
        tail !== undefined &&
        tail.text.trim() !== '' &&
        !tail.text.includes(' | ') &&
        !isBulletLine(tail.text) &&
        !/[.!?:;]$/.test(beside.trim()) &&
        findDates(tail.text).length === 0
      ) {
        beside = `${beside} ${tail.text.trim()}`;
        k++;
      }
      if (nextRest.length > 0) out.push({ n: next.n, text: beside });
      k++;
    } else out.push(line);
  }
  return out;
}

/**
 * A date column that sets an entry's end above its start, newest first: "Current | Research
 * Assistant at …" over "Oct. 2023 | Sorting, identifying …", or "Août 2019 | Premier maître d'hôtel"
 * over "Mars 2016 | Organisation du service …". The start stands alone or before a line of the
 * entry's text (an item, a sentence), a few lines down at most; both go back on the first line as
 * one range. A list of dated entries, newest first ("2023 | Course" over "2022 | Licence"), has a
 * header after each date and is left as it is.
 */
function joinEndOverStart(lines: CvLine[]): CvLine[] {
  const out = [...lines];
  const head = (text: string) => {
    const [first = '', ...rest] = text.split(' | ');
    return { date: parseDate(first), rest: rest.join(' | ') };
  };
  for (let k = 0; k < out.length; k++) {
    const top = out[k]!;
    if (top.text === '' || isBulletLine(top.text) || findDateRanges(top.text).length > 0) continue;
    const end = head(top.text);
    if (end.date === undefined || end.rest === '') continue;
    for (let j = k + 1; j <= k + 3 && j < out.length; j++) {
      const below = out[j]!;
      if (below.text === '' || findDateRanges(below.text).length > 0) break;
      if (isBulletLine(below.text)) continue;
      const start = head(below.text);
      if (start.date === undefined) continue;
      const text = start.rest;
      const entryText =
        text === '' || isBulletLine(text) || endsSentence(text) || text.split(/\s+/).length >= 8;
      if (start.date === null || !entryText || (end.date !== null && start.date >= end.date)) break;
      const [first = ''] = top.text.split(' | ');
      const [startText = ''] = below.text.split(' | ');
      out[k] = { n: top.n, text: `${startText.trim()} – ${first.trim()} | ${end.rest}` };
      out[j] = { n: below.n, text };
      break;
    }
  }
  return out;
}

/** A single date as a range of that one date: a job of one year, or one month. */
function asRange(d: FoundDate): FoundRange {
  return { start: d.value, end: d.value, index: d.index, length: d.length };
}

/** Splits an experience-like section into entries anchored on their date ranges. */
function splitEntries(lines: CvLine[], allowSingleDate: boolean): EntryBlock[] {
  // A table's header row ("Zeitraum | Tätigkeit", "Period | Position") heads no entry.
  const content = splitItemsOffDates(joinBrokenRanges(lines)).map((l) =>
    l.text.includes(' | ') && l.text.split(' | ').every((p) => NOT_A_FACT_RE.test(fold(p.trim())))
      ? { ...l, text: '' }
      : l,
  );
  moveDatesOffItems(content);
  const anchors: { i: number; range: FoundRange }[] = [];
  content.forEach((l, i) => {
    if (l.text === '') return;
    // A timeline dot before each entry reads as a bullet: "• Employer | 2020 – heden" over
    // "• Title | City" heads an entry all the same.
    if (isBulletedHeader(l.text) && findDateRanges(l.text.split(' | ').at(-1)!).length > 0) {
      content[i] = l = { ...l, text: stripBullet(l.text) };
      const next = content[i + 1];
      if (next !== undefined && isBulletedHeader(next.text) && findDateRanges(next.text).length === 0)
        content[i + 1] = { ...next, text: stripBullet(next.text) };
    }
    const ranges = findDateRanges(l.text);
    // A sentence that mentions years after a small word ("Opzet van een personeelsplanning voor
    // 2022-2026 in Power BI.") is an item, not an entry's dates.
    const r = ranges[0];
    const inSentence =
      r !== undefined &&
      endsSentence(l.text) &&
      l.text.split(/\s+/).length > 8 &&
      /(?:^|\s)\p{Ll}+\s*$/u.test(l.text.slice(0, r.index)) &&
      r.index + r.length < l.text.length - 2 &&
      !l.text.includes(' | ');
    if (r !== undefined && !isBulletLine(l.text) && !inSentence) {
      anchors.push({ i, range: r });
      return;
    }
    if (allowSingleDate && !isBulletLine(l.text)) {
      const dates = findDates(l.text);
      if (dates.length === 1) {
        anchors.push({ i, range: asRange(dates[0]!) });
      }
    }
  });
  // Where entries open with their dates ("03/2021 – oggi Senior Designer"), an entry of a single
  // year, season or month ("2016 Stagista grafica") opens the same way; where they close with them
  // ("Student Ambassador | Sep 2023 – Present"), it closes the same way ("Intern | Summer 2024").
  const opensWithDates = anchors.some((a) => a.range.index === 0);
  const closesWithDates = anchors.some((a) => endsWithDate(content[a.i]!.text, a.range));
  if (opensWithDates || closesWithDates) {
    content.forEach((l, i) => {
      if (l.text === '' || isBulletLine(l.text) || anchors.some((a) => a.i === i)) return;
      const dates = findDates(l.text);
      const d = dates[0];
      if (dates.length !== 1 || d === undefined) return;
      // The end of the range above, repeated where its label wrapped ("Aug 2018 –" over "Aug 2021").
      const above = anchors.find((a) => a.i === i - 1)?.range.end;
      if (above !== undefined && above !== null && sameDate(above, d.value)) return;
      // A line of its own: "Summer 2015 | Edinburgh", the date (a season is part of it) beside a place.
      const other = removeRange(l.text, asRange(d))
        .split(' | ')
        .map((p) => p.replace(/^[^\p{L}\p{N}]+/u, '').trim())
        .filter((p) => p !== '');
      if (other.every((p) => isWholePlace(p))) {
        anchors.push({ i, range: asRange(d) });
        return;
      }
      if (closesWithDates && d.index > 0 && endsWithDate(l.text, asRange(d))) {
        const before = removeRange(l.text, asRange(d));
        if (/\p{L}/u.test(before) && isHeaderLike(before) && before.split(/\s+/).length <= 10)
          anchors.push({ i, range: asRange(d) });
        return;
      }
      if (!opensWithDates || d.index !== 0) return;
      const rest = l.text
        .slice(d.length)
        .replace(/^[\s|·•,–—-]+/u, '')
        .trim();
      // What follows is a title, not the rest of a range ("2019年4月 〜").
      if (!/^\p{L}/u.test(rest) || !isHeaderLike(rest) || rest.split(/\s+/).length > 10) return;
      anchors.push({ i, range: asRange(d) });
    });
    anchors.sort((a, b) => a.i - b.i);
  }
  if (anchors.length === 0) return splitByHeaderLines(content);

  const claimed = new Set<number>();
  // Layout decided once per section: titles above the date line, or below it.
  const first = anchors[0]!;
  const ownFirst = removeRange(content[first.i]!.text, first.range);
  // Markdown puts a blank line between "### Title — Employer" and "_2021 – present_".
  let before = first.i - 1;
  while (before >= 0 && content[before]!.text === '') before--;
  const backFirst =
    before >= 0 && (isHeaderLike(content[before]!.text) || isBulletedHeader(content[before]!.text));
  const dateFirst = !backFirst && (ownFirst === '' ? 0 : countPieces(ownFirst)) < 2;

  const entries: { start: number; headerIdx: number[]; anchor: number; range: FoundRange }[] = [];
  anchors.forEach((a, k) => {
    const headerIdx: number[] = [];
    claimed.add(a.i);
    const own = removeRange(content[a.i]!.text, a.range);
    // Dates first, then only the job's length ("(6 лет 2 месяца)"): the entry's facts follow.
    let pieces = own === '' || (dateFirst && DURATION_RE.test(own)) ? 0 : countPieces(own);
    let start = a.i;
    if (!dateFirst) {
      let taken = 0;
      for (let j = a.i - 1; j >= 0 && taken < 2 && pieces < 3; j--) {
        const t = content[j]!.text;
        if (t === '' && j === a.i - 1) continue;
        // Some templates set each entry as a list item: "• Employer | City" over "Title | dates".
        if (taken === 0 && j === a.i - 1 && !claimed.has(j) && isBulletedHeader(t)) {
          content[j] = { ...content[j]!, text: stripBullet(t) };
        }
        if (claimed.has(j) || !isHeaderLike(content[j]!.text)) break;
        taken++;
        headerIdx.unshift(j);
        claimed.add(j);
        start = j;
        pieces += countPieces(content[j]!.text);
      }
    }
    const nextAnchor = anchors[k + 1]?.i ?? content.length;
    const dangling = DANGLING_EMPLOYER_RE.test(own);
    // "Ejecutiva de Cuentas Clave – Hospitales Privados | 2021 – Actual" over "Distribuidora Médica
    // del Occidente, S.A. de C.V.": two parts and no employer among them, the next line that names
    // one is the entry's too.
    let employed = namesEmployer(own) || headerIdx.some((j) => namesEmployer(content[j]!.text));
    let last = a.i;
    // (Further down, only right before the entry's items: a line before another header line may
    // be that one's.)
    const employerNext = (j: number) =>
      !employed &&
      j === last + 1 &&
      namesEmployer(content[j]?.text ?? '') &&
      (j === a.i + 1 ||
        content[j + 1] === undefined ||
        content[j + 1]!.text === '' ||
        isBulletLine(content[j + 1]!.text));
    for (
      let j = a.i + 1;
      j < nextAnchor && (pieces < 2 || (dangling && j === a.i + 1) || employerNext(j));
      j++
    ) {
      const t = content[j]!.text;
      if (t === '') continue;
      // The job's length on a line of its own under its dates ("6 лет 1 месяц") names nothing.
      if (j === a.i + 1 && DURATION_RE.test(t.replace(/[()]/g, '').trim())) {
        headerIdx.push(j);
        claimed.add(j);
        continue;
      }
      // A long title may share its line with a city or its employer: its own words count.
      if (!isHeaderLike(t) || Math.max(...splitParts(t).map(wordCount)) > 12) break;
      // Under titles-above layout, the lines right before the next date belong to the next entry,
      // unless items stand between ("Becaria | 2015" over "Tequilera | Arandas", an item, then
      // "Promotora | 2014").
      const beforeNext = content.slice(j + 1, nextAnchor).every((l) => !isBulletLine(l.text));
      if (
        !dateFirst &&
        j >= nextAnchor - 2 &&
        k + 1 < anchors.length &&
        beforeNext &&
        !(dangling && j === a.i + 1)
      )
        break;
      headerIdx.push(j);
      claimed.add(j);
      pieces += countPieces(t);
      employed ||= namesEmployer(t);
      last = j;
    }
    entries.push({ start, headerIdx, anchor: a.i, range: a.range });
  });

  // LinkedIn-style groups: an employer (and a line about it) stands alone, a blank line, then its
  // roles, each a title over its dates. The employer is not any role's header line.
  const groups = new Map<number, string>();
  if (!dateFirst) {
    for (const e of entries) {
      if (e.headerIdx.filter((j) => j < e.anchor).length !== 1 || content[e.start - 1]?.text !== '') continue;
      const lines: number[] = [];
      for (let j = e.start - 2; j >= 0 && lines.length < 2; j--) {
        const t = content[j]!.text;
        if (t === '' || claimed.has(j)) break;
        lines.unshift(j);
      }
      const top = lines[0];
      if (top === undefined || (top > 0 && content[top - 1]!.text !== '')) continue;
      const employer = splitParts(content[top]!.text)[0] ?? '';
      const fits = lines.every((j) => isHeaderLike(content[j]!.text) && !/:\s/.test(content[j]!.text));
      if (!fits || employer === '' || isTitle(employer) || findDates(content[top]!.text).length > 0) continue;
      for (const j of lines) claimed.add(j);
      groups.set(e.anchor, employer);
    }
  } else {
    // Dates first ("Title | dates" over "Employer — City"), but a group of roles has its employer
    // above it, alone after a blank line: "Bitmeccanica S.p.A. — Napoli" over two roles.
    for (const e of entries) {
      const j = e.anchor - 1;
      const line = content[j]?.text ?? '';
      if (e.headerIdx.some((h) => h > e.anchor) || claimed.has(j) || line === '') continue;
      const own = removeRange(content[e.anchor]!.text, e.range);
      const employer = splitParts(line)[0] ?? '';
      // Right after the items of the entry above, only a name that reads as an employer.
      const afterItems = j > 0 && isBulletLine(content[j - 1]!.text) && readsAsEmployer(employer);
      if (j > 0 && content[j - 1]!.text !== '' && !afterItems) continue;
      if (countPieces(own) !== 1 || !isHeaderLike(line) || /:\s/.test(line) || isTitle(employer)) continue;
      if (employer === '' || findDates(line).length > 0) continue;
      claimed.add(j);
      e.start = j;
      groups.set(e.anchor, employer);
    }
  }

  const blocks: EntryBlock[] = [];
  entries.forEach((e, k) => {
    const end = entries[k + 1]?.start ?? content.length;
    const header: string[] = [];
    // A header line wrapped in a narrow cell goes on on the next: "… | Becario de" over
    // "Investigación", "Conseillère agronomie et" over "environnement | mars 2018 – aujourd’hui",
    // "… Ústav výpočetní" over "techniky".
    const addLine = (text: string) => {
      const last = header.length - 1;
      const wrapped =
        last >= 0 &&
        !text.includes('|') &&
        (WRAPPED_END_RE.test(header[last]!) || (/^\p{Ll}/u.test(text) && wordCount(text) <= 2));
      if (wrapped && findDates(text).length === 0) header[last] = `${header[last]} ${text}`;
      else header.push(text);
    };
    for (const j of e.headerIdx.filter((j) => j < e.anchor)) addLine(content[j]!.text);
    const own = removeRange(content[e.anchor]!.text, e.range);
    if (own !== '') addLine(own);
    for (const j of e.headerIdx.filter((j) => j > e.anchor)) {
      const text = content[j]!.text;
      const last = header.length - 1;
      if (last >= 0 && DANGLING_EMPLOYER_RE.test(header[last]!) && titleLikeness(text) <= 0)
        header[last] = `${header[last]} ${text}`;
      else header.push(text);
    }
    const body: CvLine[] = [];
    for (let j = e.start; j < end; j++)
      if (!claimed.has(j) && content[j]!.text !== '') body.push(content[j]!);
    const group = groups.get(e.anchor);
    const undated = undatedEntries(body);
    blocks.push({ header, range: e.range, body, line: content[e.start]!.n, ...(group ? { group } : {}) });
    blocks.push(...undated);
  });
  // Lines before the first entry (a section intro) stay with the first entry's body.
  const firstStart = entries[0]!.start;
  const intro = content.slice(0, firstStart).filter((l, j) => l.text !== '' && !claimed.has(j));
  if (intro.length > 0) blocks[0]!.body.unshift(...intro);
  return blocks;
}

/** A title by the lexicon's list, not only by a title word somewhere in it. */
function isKnownTitle(text: string): boolean {
  return titleLikeness(text) > 0 && !readsAsEmployer(text);
}

/** A header line with a part that is surely an employer: a legal form, or a firm's name. */
function namesEmployer(text: string): boolean {
  return splitParts(text).some((p) => isLegalEntity(p.trim()) || titleLikeness(p) < 0);
}

/**
 * An entry printed without dates among dated ones ("Electricista en prácticas" over "Montajes
 * Eléctricos Aragón, S.L." and its items): after the items above it, a title line and an employer
 * line, then items of its own. Taken out of `body` (the entry above) as entries of their own.
 */
function undatedEntries(body: CvLine[]): EntryBlock[] {
  const out: EntryBlock[] = [];
  // Its items may be bullets or sentences ("Üniversite son sınıfta … verdim."), or none at the end.
  const item = (l: CvLine | undefined) => l !== undefined && (isBulletLine(l.text) || endsSentence(l.text));
  for (let p = body.length - 2; p >= 1; p--) {
    const [before, a, b, after] = [body[p - 1]!, body[p]!, body[p + 1]!, body[p + 2]];
    if (!isBulletLine(before.text) || !(after === undefined || item(after))) continue;
    if (![a, b].every((l) => isHeaderLike(l.text) && findDates(l.text).length === 0)) continue;
    const titleLike = (t: string) => titleLikeness(t) > 0 || hasTitleWord(t);
    const [first, second] = [splitParts(a.text)[0] ?? '', splitParts(b.text)[0] ?? ''];
    // A known title over a name no title could be ("Doruk Eğitim Kurumları – Buca/İzmir") is one too.
    const employerAfter = readsAsEmployer(second) || (isKnownTitle(first) && !titleLike(second));
    if (!((titleLike(first) && employerAfter) || (readsAsEmployer(first) && titleLike(second)))) continue;
    let end = p + 2;
    while (end < body.length && item(body[end])) end++;
    out.unshift({ header: [a.text, b.text], range: null, body: body.slice(p + 2, end), line: a.n });
    body.splice(p, end - p);
  }
  return out;
}

/**
 * A date column whose dates share a line with the entry's first item (RenderCV's moderncv theme:
 * "Jan 2021 – present | • Lead engineer for …"): the dates on a line of their own, the item after.
 */
function splitItemsOffDates(lines: CvLine[]): CvLine[] {
  return lines.flatMap((l) => {
    const parts = l.text.split(' | ');
    const k = parts.findIndex((p, i) => i > 0 && isBulletLine(p));
    if (k < 1 || isBulletLine(l.text)) return [l];
    const dates = parts.slice(0, k).join(' | ');
    if (findDateRanges(dates).length === 0) return [l];
    return [
      { n: l.n, text: dates },
      { n: l.n, text: `- ${stripBullet(parts.slice(k).join(' | '))}` },
    ];
  });
}

/**
 * A date column set beside an entry's first item rather than its header (RenderCV: "Employer,
 * Title | City" over "- Led the modelling … | June 2021 – present"): the dates go to the header.
 */
function moveDatesOffItems(content: CvLine[]): void {
  content.forEach((l, i) => {
    if (!isBulletLine(l.text) || !l.text.includes(' | ')) return;
    const parts = l.text.split(' | ');
    const last = parts.at(-1)!.trim();
    const range = findDateRanges(last)[0];
    if (range === undefined || removeRange(last, range) !== '') return;
    let h = i - 1;
    while (h >= 0 && content[h]!.text === '') h--;
    const header = content[h];
    if (header === undefined || isBulletLine(header.text) || findDateRanges(header.text).length > 0) return;
    content[h] = { ...header, text: `${header.text} | ${last}` };
    content[i] = { ...l, text: parts.slice(0, -1).join(' | ') };
  });
}

// A header line cut short by a wrap: "… bei Autohaus" over "Brenner GmbH, Kassel", "…, University of"
// over "Southampton, UK".
const DANGLING_EMPLOYER_RE =
  /\s(?:(?:at|bei|chez|en|presso|в|w)\s+\p{Lu}[\p{L}&.-]*|of|de|du|des|am|an|der|für|und|and|for|the|di|del|della|van|von|zu|&)$/iu;

// A line that stops on a word that joins two others ("Conseillère agronomie et") goes on on the next.
const WRAPPED_END_RE = /\s(?:of|de|du|des|der|für|und|and|for|the|di|del|della|van|von|zu|et|y|och|og|&)$/iu;

/** Without dates: each non-bullet short line followed by bullets opens an entry. */
function splitByHeaderLines(lines: CvLine[]): EntryBlock[] {
  const blocks: EntryBlock[] = [];
  let current: EntryBlock | null = null;
  for (const l of lines) {
    if (l.text === '') continue;
    if (isHeaderLike(l.text) && (current === null || current.body.length > 0)) {
      current = { header: [l.text], range: null, body: [], line: l.n };
      blocks.push(current);
    } else if (current === null) {
      current = { header: [], range: null, body: [l], line: l.n };
      blocks.push(current);
    } else if (isHeaderLike(l.text) && current.body.length === 0 && current.header.length < 2) {
      current.header.push(l.text);
    } else {
      current.body.push(l);
    }
  }
  return blocks;
}

function headerPieces(header: string[]): string[] {
  const pieces: string[] = [];
  for (const h of header) {
    for (const p of h.split(PIECE_SPLIT_RE)) {
      const t = p.replace(/^[\s:,;|-]+|[\s:,;|-]+$/g, '').trim();
      if (t === '' || /^\d+$/.test(t)) continue;
      // "Houston, TX": a state or country code belongs to the place before it.
      if (/^[A-Z]{2}$/.test(t) && pieces.length > 0) pieces[pieces.length - 1] += `, ${t}`;
      else pieces.push(t);
    }
  }
  return pieces;
}

// Europass prints the employer's line of business under each job's items: a fact about the
// employer, not one of the job's achievements.
const SECTOR_LABEL_RE =
  /^(?:(?:type of )?business or sector|επιχειρηση η κλαδος|tatigkeitsbereich(?: oder branche)?|branche|secteur d'activite|(?:tipo de )?actividad o sector|sector de actividad|attivita o settore|settore|set(?:c)?or de a(?:c)?tividade|branza(?: lub sektor)?|obor cinnosti|sector)(?!\p{L})/u;

function readBody(body: CvLine[]): { summary: string | null; highlights: string[] } {
  const highlights: string[] = [];
  const summary: string[] = [];
  let lastWasBullet = false;
  for (const l of body) {
    const bullet = isBulletLine(l.text);
    const text = bullet ? stripBullet(l.text) : l.text.trim();
    if (text === '') continue;
    if (!bullet && SECTOR_LABEL_RE.test(fold(text))) {
      summary.push(text);
      continue;
    }
    if (!bullet && lastWasBullet && /^[\p{Ll}(]/u.test(text) && highlights.length > 0) {
      highlights[highlights.length - 1] += ` ${text}`;
      continue;
    }
    if (bullet || highlights.length > 0) {
      highlights.push(text);
      lastWasBullet = true;
    } else {
      summary.push(text);
      lastWasBullet = false;
    }
  }
  // Items drawn without a marker: two or more lines, each a sentence of its own (the reader has
  // joined wrapped lines already, so every line starting with a capital is a block of its own).
  if (
    highlights.length === 0 &&
    summary.length >= 2 &&
    summary.every(
      (t) =>
        /^[\p{Lu}\d]/u.test(t) &&
        t.length <= 300 &&
        // Ends a sentence, or at least not mid-phrase (a comma, "auf", "the").
        (endsSentence(t) || (t.split(/\s+/).length >= 5 && !/(?:,|\s\p{Ll}{1,4})$/u.test(t))),
    )
  ) {
    return { summary: null, highlights: summary };
  }
  return { summary: summary.length > 0 ? summary.join(' ') : null, highlights };
}

// Parts of an entry header printed apart: " | " (the readers' mark for a gap), dashes and dots
// between spaces, "at"/"bei"/"chez" before a capital. Commas are not among them: "Senior Nurse,
// Cardiac ICU" is one title and "Ridgeline Builders, Inc." one employer.
const PART_SPLIT_RE = /\s+[|·•–—]\s+|\s*\|\s*|\s+-\s+|\s+@\s+|\t+|\s{3,}/u;
// "Praticante avvocato presso lo Studio Legale Benedetti", "Sygeplejerske hos Region Midt", "Kock på Liseberg AB",
// "Stagiair bij Philips": the word for "at" between a title and its employer.
const AT_SPLIT_RE =
  /\s+(?:at|bei|chez|в|hos|på|bij|presso(?:\s+(?:lo|la|il|i|gli|le|l'))?)\s+(?=[\p{Lu}«"])/u;

/**
 * Parts of a header line. "Title at Employer" splits at "at", but "University of Texas at Austin"
 * is one name: no split after an institution's or firm's name.
 */
const PART_SPLIT_KEEP_RE = new RegExp(`(${PART_SPLIT_RE.source})`, 'u');
const SUBUNIT_RE =
  /^(?:dipartimento|department|dept\.?|faculty|fakultat|faculte|facultad|faculdade|school of|centre|center|centro|laboratorio|laboratoire|laboratory|institut|instituto|istituto|settore|servizio|division|abteilung|lehrstuhl|chair of|unidad|unite|universite|university|universidad|universita|universitat|universidade|uniwersytet)\b/;
// Stands for a space that must not split parts: a word joiner, which \s does not match (a
// no-break space would, and the dash would split after all).
const KEEP = '\u2060';

/**
 * Parts that are both job titles are one title ("Ingegnera ambientale senior – Project manager
 * bonifiche", "Architetta senior | Project Architect"); so is a body and its unit after a dash.
 * The one place header parts are joined again, before places, roles or pieces are counted.
 */
function joinTitlePairs(line: string, titled = false, employed = false): string[] {
  const pieces = line.split(PART_SPLIT_KEEP_RE);
  const out: string[] = [pieces[0] ?? ''];
  for (let k = 1; k + 1 < pieces.length; k += 2) {
    const separator = pieces[k]!;
    const next = pieces[k + 1]!;
    const previous = out[out.length - 1]!;
    const dash = /^\s+[–—-]\s+$/.test(separator);
    // "IAE Grenoble – Université Grenoble Alpes", "UFMG – Laboratório de Computação Móvel": a
    // school or body and the unit of it, one name.
    const unit =
      dash && SUBUNIT_RE.test(fold(next.trim())) && !isTitle(previous) && findDates(previous).length === 0;
    // "Pielęgniarka odcinkowa – Oddział Chirurgii", "Enfermera de planta - Medicina Interna": a
    // title and the unit or field it works in, one title.
    const field =
      dash &&
      titleLikeness(previous) > 0 &&
      findDates(next).length === 0 &&
      (isDepartment(next) ||
        (isFieldOfWork(next) &&
          next.trim().split(/\s+/).length <= 3 &&
          titleLikeness(next) === 0 &&
          !isTitle(next) &&
          !isOrganization(next) &&
          !namesBusiness(next)));
    // "Stadt Leipzig – Hort der 16. Schule", "Tribunale di Milano – Sezione Lavoro" beside a title
    // printed apart: a body and its unit, neither a title, one employer.
    const body = dash && titled && isBodyAndUnit(previous, next);
    // "Socia – Responsabile del dipartimento…", "Ejecutiva de Cuentas Clave – Hospitales Privados"
    // over a line that names the employer: a title in two parts, the employer being elsewhere.
    const role = dash && employed && isTitleInTwo(previous, next);
    if (unit || field || body || role || (dash && titleLikeness(previous) > 0 && titleLikeness(next) > 0)) {
      out[out.length - 1] = `${previous}${separator.replace(/\s+/g, KEEP)}${next}`;
    } else if (titleLikeness(previous) > 0 && titleLikeness(next) > 0) {
      // Two titles apart by any other mark ("Architetta senior | Project Architect") are one too.
      out[out.length - 1] = `${previous}${KEEP}–${KEEP}${next}`;
    } else out.push(next);
  }
  return out;
}

const WORK_KIND_RE =
  /^(?:part|full)[- ]?time|co-?op|contract|freelance|intern|temporary|interim|seasonal|volunteer/i;

function readsAsTitle(text: string): boolean {
  return titleLikeness(text) > 0 || isTitle(text) || hasTitleWord(text);
}

/**
 * Two header pieces apart by a dash that name a body and a unit of it ("Catena – Farmacia nr. 214",
 * "Volkssolidarität Leipzig e.V. – Kita „Sonnenblume“"): neither a title, a date, a place or a kind
 * of work, and the second a unit or a workplace by its words.
 */
function isBodyAndUnit(previous: string, next: string): boolean {
  const name = splitTrailingPlace(next.trim()).text;
  if (readsAsTitle(previous) || readsAsTitle(name)) return false;
  if (findDates(previous).length > 0 || findDates(next).length > 0) return false;
  if (WORK_KIND_RE.test(name) || isWholePlace(name) || isWholePlace(next.trim())) return false;
  return (
    isDepartment(name) ||
    SUBUNIT_RE.test(fold(name)) ||
    namesBusiness(name) ||
    isOrganization(name) ||
    isLegalEntity(name) ||
    titleLikeness(name) < 0
  );
}

/** Two header pieces apart by a dash that make one title: one of them a title, neither a firm or a place. */
function isTitleInTwo(previous: string, next: string): boolean {
  const both = [previous, next].map((p) => p.trim());
  if (!both.some(readsAsTitle) || both.some((p) => readsAsEmployer(p) || isWholePlace(p))) return false;
  return both.every((p) => findDates(p).length === 0);
}

// "Analista de Negocio en Telefónica España", "Gerente de Loja na Zara": words for "at" that also
// join a title to its field ("Especialista en Marketing Digital"). Portuguese "em" is left out: it
// names the field far more often than the employer ("Estagiária em Farmácia Hospitalar").
const WEAK_AT_SPLIT_RE = /\s+(?:en|na|no)\s+(?=\p{Lu})/gu;

/**
 * A title and its employer joined by a word that also means "in": split only after a known title,
 * before a name that reads as an organisation (or one no field, title or place could be).
 */
function splitAtWeakWord(part: string): string[] | null {
  for (const m of [...part.matchAll(WEAK_AT_SPLIT_RE)].reverse()) {
    const before = part.slice(0, m.index);
    const after = part.slice(m.index + m[0].length).trim();
    if (titleLikeness(before) <= 0 || isInstitution(before) || findDegree(before) !== null) continue;
    const words = after.split(/\s+/);
    // A business word alone or joined to another field is the trade the title names ("Técnico en
    // Farmacia y Parafarmacia"); a firm names itself further ("Farmacia López", "Hospital La Paz").
    const organisation =
      isLegalEntity(after) ||
      ((isOrganization(after) || namesBusiness(after)) &&
        words.length >= 2 &&
        !/\s(?:y|e|i|and)\s/.test(after) &&
        !isFieldOfWork(after));
    const nameShaped =
      // A field after a title runs long ("Cuidados Auxiliares de Enfermería"); a firm's name is
      // short ("BBVA", "Mercadona", "Telefónica España").
      words.length <= 2 &&
      words.every((w) => /^\p{Lu}/u.test(w)) &&
      !isFieldOfWork(after) &&
      !hasTitleWord(after) &&
      !isPlace(after) &&
      findDegree(after) === null &&
      classifyHeading(after) === null;
    if (organisation || nameShaped) return [before, after];
  }
  return null;
}

/**
 * `weakAt`: also split at "en", "na", "no" (a job's header, not a degree's: "Máster en Big Data").
 * `titled`: the header holds a title elsewhere, so a body and its unit after a dash are one name.
 * `employed`: another line of the header names the employer, so a title and its unit are one title.
 */
function splitParts(line: string, weakAt = false, titled = false, employed = false): string[] {
  // "Cariste – préparateur de commandes": after a dash a small letter goes on with the same part.
  const kept = line.replace(/\s+([–—-])\s+(?=\p{Ll})/gu, `${KEEP}$1${KEEP}`);
  return joinTitlePairs(kept, titled, employed).flatMap((raw) => {
    const part = raw.replaceAll(KEEP, ' ');
    const m = AT_SPLIT_RE.exec(part);
    if (m === null) return (weakAt ? splitAtWeakWord(part) : null) ?? [part];
    const before = part.slice(0, m.index);
    return isInstitution(before) || titleLikeness(before) < 0
      ? [part]
      : [before, part.slice(m.index + m[0].length)];
  });
}

// Legal forms written after a comma ("Climent & Roig Abogados, S.L.P."), compared without dots.
const LEGAL_FORMS = new Set(
  (
    'inc ltd llc llp plc corp co gmbh ag kg mbh ug se sa sas sarl eurl sl slp slu sau srl spa bv nv oy ab as aps ltda sro sadecv partgmbb gmbhcokg kgaa ev snc ' +
    'lda sasu selarl scp sca scs sprl srls sapa scarl coop oyj abp asa hb kb is doo dd ad ood eood kft zrt nyrt bt spzoo sc spj spk sj ' +
    'aş as kk ptyltd pvtltd ltdsti bvba cvba vof ohg ek gbr og eireli me sae sal sanv'
  ).split(' '),
);

function isLegalForm(piece: string): boolean {
  return LEGAL_FORMS.has(piece.replace(/[.\s&]/g, '').toLowerCase());
}
// Seasons beside dates ("Summers 2014–2016") and the header row of a table of jobs ("Zeitraum |
// Tätigkeit") name no employer or title.
const NOT_A_FACT_RE =
  /^(?:summers?|winters?|springs?|autumns?|falls?|sommer|ete|verano|invierno|zeitraum|tatigkeit|taetigkeit|period|periode|periodo|dates?|datum|position|employer|company|role|arbeitgeber|funktion|empresa|puesto|poste|employeur|datore di lavoro|ruolo)$/;

// A job's length printed beside it ("4 года", "2 years 3 months", "3 años y 6 meses", "8 Monate").
const DURATION_RE =
  /^\d+\s+\p{L}{1,8}\.?(?:,?\s+(?:(?:y|e|et|und|and|i|og|och|en|ve)\s+)?\d+\s+\p{L}{1,8}\.?)?$/u;
// US and Canadian states (two letters) and Australian states, after a city.
const REGION_CODE_RE = /^(?:[A-Z]{2}|NSW|VIC|QLD|TAS|ACT)$/;

// Words that name a business wherever they stand in its name ("Taberna El Cabildo"), to tell an
// employer from a city when both are capitalised words no list knows.
const ORG_WORD_RE =
  /\b(?:kommune|kommun|gemeinde|stadtverwaltung|landkreis|municipality|council|gmina|mairie|kunta|hotel|hostel|trust|council|authority|restaurant|restaurante|ristorante|taberna|bar|cafe|bistro|brasserie|distributie|distribucion|transport|transportes|cargo|logistics|logistik|logistiek|foods|farm|pharmacy|apotheke|farmacia|bakery|boulangerie|studio|agency|clinic|clinica|school|bank|banco|store|shop|market|mercado|group|grupo|services|solutions|systems|partners|consulting|center|centre|centro|media|labs|werk|werke|bau|haus|cabinet|despacho|gabinete|atelier|agence|agencia|ufficio|officina|etude|relais|auberge|maison|domaine|chateau|bodega|trattoria|osteria|biuro|kancelaria|praxis|kanzlei|usine|fabrik|werkstatt|laboratoire|laboratorio|institut|instituto|istituto)\b/;

function namesBusiness(text: string): boolean {
  return ORG_WORD_RE.test(fold(text));
}

/** A header piece that reads as an employer: a legal form, an organisation or a business word. */
function readsAsEmployer(text: string): boolean {
  return titleLikeness(text) < 0 || isOrganization(text) || isLegalEntity(text) || namesBusiness(text);
}

/**
 * A city no list knows, by its shape: one to four capitalised words ("Esslingen am Neckar",
 * "Москва"), nothing that reads as a title or an employer.
 */
function looksLikePlaceName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length > 4 || /[\d@«»"&]/.test(text)) return false;
  if (
    !words.every(
      (w, k) =>
        // "’s-Hertogenbosch"; never a brand in camel case ("PostNL", "GitHub").
        (/^(?:['’]s-)?\p{Lu}[\p{L}'’.-]*$/u.test(w) && !/\p{Ll}\p{Lu}/u.test(w)) ||
        (k > 0 && /^(?:am|an|der|de|la|le|del|sur|upon|on|im|in|bei|di|do|da)$/.test(w)),
    )
  ) {
    return false;
  }
  return (
    titleLikeness(text) === 0 &&
    !isOrganization(text) &&
    !isDepartment(text) &&
    classifyHeading(text) === null
  );
}

/**
 * `text` cut at the characters `isSeparator` names, never inside brackets. The separator is
 * dropped; pieces are returned as found.
 */
function splitOutsideBrackets(
  text: string,
  isSeparator: (ch: string, next: string, previous: string, rest: string) => boolean,
): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let current = '';
  for (let k = 0; k < text.length; k++) {
    const ch = text[k]!;
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    if (depth === 0 && isSeparator(ch, text[k + 1] ?? '', text[k - 1] ?? '', text.slice(k, k + 3))) {
      pieces.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  pieces.push(current);
  return pieces;
}

/** Splits at commas outside brackets: "Assistant (fixed-term, part-time), Museum" has two pieces. */
function commaPieces(text: string): string[] {
  return splitOutsideBrackets(text, (ch, next) => ch === ',' && /\s/.test(next))
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

// "Sykepleier, medisinsk sengepost", "Stażystka, a następnie referent", "Élève-avocate, stage final
// en cabinet": after a comma, two small words go on with the title; a name starts with a capital
// ("eBay" and "de Volksbank" are one word, or one word before the capital).
const GOES_ON_RE = /^\p{Ll}+\s+\p{Ll}/u;

/** Comma pieces of a header part, a piece that goes on with the one before it joined back to it. */
function rolePieces(text: string): string[] {
  return commaPieces(text).reduce<string[]>((out, piece) => {
    if (out.length > 0 && GOES_ON_RE.test(piece)) out[out.length - 1] += `, ${piece}`;
    else out.push(piece);
    return out;
  }, []);
}

/**
 * Splits a header part into what it names and the place printed after it: "Beacon Hill Medical
 * Center, Boston, MA" → the center and "Boston, MA".
 */
function splitTrailingPlace(part: string): { text: string; place: string | null } {
  const pieces = commaPieces(part);
  // moderncv ends an entry with a full stop ("…, Redmond, WA."): a place's, not an abbreviation's.
  const end = pieces.length - 1;
  if (end > 0) pieces[end] = pieces[end]!.replace(/(?<=\p{L}{2})\.$/u, '');
  let k = pieces.length;
  while (k > 1) {
    const last = pieces[k - 1]!;
    // "Austin, TX": a state's code takes its city along, but no school ("Bangor University, UK":
    // "UK" is a country there).
    const city = pieces[k - 2] ?? '';
    if (REGION_CODE_RE.test(last) && k > 2 && !isInstitution(city)) {
      k -= 2;
      continue;
    }
    if (isWholePlace(last)) {
      k--;
      continue;
    }
    break;
  }
  // "Hallberg Antriebstechnik GmbH, Esslingen am Neckar": after a clear employer or title, a
  // place-shaped last piece is its city even when no list knows it.
  // Before a country or state ("Infosys, Bengaluru, India"), a place-shaped piece after a title and
  // an employer is the city.
  const city = pieces[k - 1]!;
  if (
    k < pieces.length &&
    k >= 3 &&
    looksLikePlaceName(city) &&
    !namesBusiness(city) &&
    !isLegalEntity(city)
  ) {
    k--;
  } else if (
    k === pieces.length &&
    k >= 2 &&
    looksLikePlaceName(pieces[k - 1]!) &&
    // "…, Surgical ICU, Riverside Mercy Medical Center": a name with a business word is the employer.
    !namesBusiness(pieces[k - 1]!)
  ) {
    const before = pieces.slice(0, k - 1).join(', ');
    // After a title it would be the employer ("Nurse, Universitätsklinikum Köln"); after an
    // employer, or after a title and an employer ("Partnerin, Vogel PartG, Frankfurt"), the city.
    if (k >= 3 || titleLikeness(before) < 0 || isLegalEntity(before) || namesBusiness(before)) k--;
  }
  if (k === pieces.length) return { text: part, place: null };
  return { text: pieces.slice(0, k).join(', '), place: pieces.slice(k).join(', ') };
}

/**
 * A place and nothing else: "Boston, MA", "Berlin, Germany", "Lyon". "Initech, Manchester" is an
 * employer and its city, which the place pattern alone would take whole.
 */
function isWholePlace(text: string, districts = true): boolean {
  // "Belo Horizonte/MG": a city and its state's code.
  if (/^\p{Lu}[\p{L} .'-]+\/[A-Z]{2}$/u.test(text.trim())) return true;
  // "Lyon 3", "Paris 15e", "Wien 7": a known city and its district's number.
  const numbered = /^(\p{Lu}[\p{L}'’ -]+?)\s+\d{1,2}(?:e|er|ème|\.)?$/u.exec(text.trim());
  if (numbered !== null && isPlace(numbered[1]!)) return true;
  // "Lyon Part-Dieu", "Paris La Défense": a known city and its district.
  const district = /^(\p{Lu}[\p{L}'’-]+)\s+((?:\p{Lu}[\p{L}'’-]*\s?){1,2})$/u.exec(text.trim());
  if (
    districts &&
    district !== null &&
    isPlace(district[1]!) &&
    !namesBusiness(district[2]!) &&
    titleLikeness(district[2]!) === 0 &&
    !hasTitleWord(district[2]!)
  )
    return true;
  // "Üsküdar/İstanbul", "Erciş / Van": a district and its province, one of them a known place.
  const slashed = text.trim().split(/\s*\/\s*/);
  if (
    slashed.length === 2 &&
    slashed.every((p) => looksLikePlaceName(p) && !namesBusiness(p)) &&
    slashed.some((p) => isPlace(p))
  )
    return true;
  // "Corbas (69)": a French town and its département, as job sites print them.
  const departement = /^(\p{Lu}[\p{L}'’. -]+?)\s+\(?(?:\d{2}|2[AB]|97\d)\)?$/u.exec(text.trim());
  if (departement !== null && looksLikePlaceName(departement[1]!) && !namesBusiness(departement[1]!))
    return true;
  // "Halle (Saale), Deutschland": a town told apart by its river or region in brackets.
  const pieces = text.split(/\s*,\s+/).map((p, k) => (k === 0 ? p.replace(/\s*\([^()]+\)$/, '') : p));
  // "Geelong, VIC": a place-shaped name before a state code.
  if (pieces.length === 2 && REGION_CODE_RE.test(pieces[1]!) && looksLikePlaceName(pieces[0]!)) return true;
  // "Torino, Italia": a place-shaped name before a known country or region.
  if (
    pieces.length === 2 &&
    COUNTRY_CODES[fold(pieces[1]!)] !== undefined &&
    looksLikePlaceName(pieces[0]!)
  ) {
    return true;
  }
  if (!isPlace(text)) return false;
  if (pieces.length === 1) return true;
  if (pieces.length === 2 && REGION_CODE_RE.test(pieces[1]!)) return true;
  return pieces.every((p) => isPlace(p) || REGION_CODE_RE.test(p));
}

function headerParts(header: string[]): { parts: string[]; location: string | null } {
  let location: string | null = null;
  const parts: string[] = [];
  const trim = (raw: string) => raw.replace(/^[\s:,;|-]+|[\s:,;|-]+$/g, '').trim();
  // A job has one place: beside a part that is a place by itself ("Springfield, OH"), a known city
  // followed by other words ("MIAMI VALLEY MECHANICAL") names the employer, not a district.
  const districts = !header.some((h) => splitParts(h, true).some((raw) => isWholePlace(trim(raw), false)));
  const titled = header.some((h) => splitParts(h, true).some((raw) => readsAsTitle(trim(raw))));
  for (const h of header) {
    const employed = header.some((other) => other !== h && namesEmployer(other));
    for (const raw of splitParts(h, true, titled, employed)) {
      let t = trim(raw);
      if (t === '' || /^\d+$/.test(t) || DURATION_RE.test(t) || NOT_A_FACT_RE.test(fold(t))) continue;
      // "Despacho Ortolà Advocats (Gandia)": a place in brackets after a name.
      const bracketed = /^(.+?)\s*\(([^()]+)\)$/.exec(t);
      const inBrackets = bracketed?.[2] ?? '';
      // After a title, a name-shaped word in brackets is the kind of post ("Vendeuse (CDD)",
      // "Aushilfe im Verkauf (Minijob)"), not its place.
      if (
        bracketed !== null &&
        !WORK_KIND_RE.test(inBrackets) &&
        (isWholePlace(inBrackets) ||
          (looksLikePlaceName(inBrackets) && !inBrackets.includes('-') && !readsAsTitle(bracketed[1]!)))
      ) {
        location ??= bracketed[2]!;
        t = bracketed[1]!;
      }
      if (isWholePlace(t, districts) || (REGION_CODE_RE.test(t) && location !== null)) {
        location = location === null ? t : `${location}, ${t}`;
        continue;
      }
      const { text, place } = splitTrailingPlace(t);
      if (place !== null) location ??= place;
      if (text !== '') parts.push(text);
    }
  }
  // A place-shaped part beside parts that name the title and the employer is their city.
  if (parts.length >= 2 && location === null) {
    // An employer may be place-shaped too ("Van Gelder Distributie"): a known place first, then
    // the shortest, then the last.
    let at = -1;
    parts.forEach((p, k) => {
      if (!looksLikePlaceName(p)) return;
      const rank = (q: string) =>
        [isWholePlace(q) ? 0 : 1, (namesBusiness(q) ? 1 : 0) + q.split(/\s+/).length / 10] as const;
      if (at === -1) {
        at = k;
        return;
      }
      const [a1, a2] = rank(parts[at]!);
      const [b1, b2] = rank(p);
      if (b1 < a1 || (b1 === a1 && b2 <= a2)) at = k;
    });
    const others = parts.filter((_, k) => k !== at);
    // Only beside both a title and an employer: two parts alone may be exactly those two.
    const both = others.length >= 2 || (others.length === 1 && rolePieces(others[0]!).length > 1);
    if (at >= 0 && both && others.some((p) => titleLikeness(p) !== 0 || isTitle(p) || isLegalEntity(p))) {
      location = parts[at]!;
      parts.splice(at, 1);
    }
  }
  // One part holding both: "Senior Engineer, Acme Corp", or moderncv's "Charge Nurse, Surgical
  // Unit, Riverbend Medical Center" (a legal form after a comma stays with its name).
  if (parts.length === 1) {
    const pieces = rolePieces(parts[0]!).reduce<string[]>((out, piece) => {
      if (out.length > 0 && (isLegalForm(piece) || namesPartnersAfter(out, piece))) {
        out[out.length - 1] += `, ${piece}`;
      } else out.push(piece);
      return out;
    }, []);
    // "Senior Manager, Demand & Supply Planning" is one title: a field of work after the comma,
    // with nothing in it that names an employer and no title of its own ("…, Engineering Intern").
    if (
      pieces.length === 2 &&
      titleLikeness(pieces[1]!) >= 0 &&
      isFieldOfWork(pieces[1]!) &&
      !isTitle(pieces[1]!) &&
      // "Research Assistant, Centre for Marine Ecosystems Research" names a workplace.
      !namesBusiness(pieces[1]!) &&
      pieces[1]!.trim().split(/\s+/).length <= 4
    ) {
      return { parts: [parts[0]!], location };
    }
    if (pieces.length === 2) return { parts: pieces, location };
    if (pieces.length > 2) {
      // The employer starts at the first piece that reads as one, else it is the last piece.
      let at = pieces.findIndex(
        (p, k) => k > 0 && (titleLikeness(p) < 0 || (namesBusiness(p) && !hasTitleWord(p))),
      );
      // Else it is the last piece, or the one before a unit of it ("Studentermedhjælper,
      // Justitsministeriet, Lovafdelingen").
      if (at === -1) at = isDepartment(pieces.at(-1)!) ? pieces.length - 2 : pieces.length - 1;
      const first = pieces.slice(0, at).join(', ');
      const second = pieces.slice(at).join(', ');
      return { parts: [first, second], location };
    }
  }
  return { parts, location };
}

/**
 * "Lefèvre, Morel & Associés", "Studio Legale Associato Ferrante, Galli & Partners": a firm named
 * after its partners lists them with commas before the "&". The piece before is a name's end (after
 * a title, or the firm's own words), not a title, a field of work or a place.
 */
function namesPartnersAfter(before: readonly string[], piece: string): boolean {
  if (!/\s&\s/.test(piece) || titleLikeness(piece) >= 0) return false;
  const previous = before.at(-1)!.trim();
  return (
    (before.length >= 2 || namesBusiness(previous)) &&
    /(?:^|\s)\p{Lu}[\p{Ll}'’-]+$/u.test(previous) &&
    !readsAsTitle(previous) &&
    !isFieldOfWork(previous) &&
    !isWholePlace(previous) &&
    !isPlace(previous)
  );
}

/**
 * Employer and title among the header's parts: the most title-like part is the title. When nothing
 * tells two parts apart, `titleFirst` (how this CV orders the entries it is sure of) decides.
 */
function assignRoles(
  parts: string[],
  titleFirst: boolean | null = null,
): { name: string | null; position: string | null; rest: string[]; sure: boolean } {
  if (parts.length === 0) return { name: null, position: null, rest: [], sure: false };
  if (parts.length === 1) {
    const only = parts[0]!;
    // "Stagista sviluppo software": a title word makes it a title, even with a field that also
    // ends firms' names.
    return titleLikeness(only) > 0 || (hasTitleWord(only) && !isLegalEntity(only))
      ? { name: null, position: only, rest: [], sure: false }
      : { name: only, position: null, rest: [], sure: false };
  }
  const scores = parts.map(titleLikeness);
  let titleAt = 0;
  for (let k = 1; k < parts.length; k++) if (scores[k]! > scores[titleAt]!) titleAt = k;
  let nameAt = -1;
  for (let k = 0; k < parts.length; k++) {
    if (k === titleAt) continue;
    if (nameAt === -1 || scores[k]! < scores[nameAt]!) nameAt = k;
  }
  // Nothing tells them apart: the first part is the title when it is a known title or the other
  // names a business, else the employer.
  const sure = scores[titleAt] !== scores[nameAt];
  if (!sure) {
    // A body with its unit after a comma ("Justitsministeriet, Lovafdelingen") is a workplace too.
    const business = (p: string) => namesBusiness(p) || isDepartment(commaPieces(p).at(-1) ?? '');
    const firstTitleLike = (isTitle(parts[0]!) || titleLikeness(parts[0]!) > 0) && !isLegalEntity(parts[0]!);
    // "PwC UK | Director, Technology Consulting": a title before its field, the field a word firms
    // use too, still makes the second part the title.
    const secondIsTitle = !firstTitleLike && titleLikeness(commaPieces(parts[1] ?? '')[0] ?? '') > 0;
    const firstIsTitle =
      firstTitleLike ||
      (!secondIsTitle && !business(parts[0]!) && business(parts[1] ?? '')) ||
      (!secondIsTitle && titleFirst === true && !business(parts[0]!));
    titleAt = firstIsTitle ? 0 : 1;
    nameAt = firstIsTitle ? 1 : 0;
  }
  const rest = parts.filter((_, k) => k !== titleAt && k !== nameAt);
  return { name: parts[nameAt] ?? null, position: parts[titleAt] ?? null, rest, sure };
}

// Fields labelled in a form-like CV ("Cargo: Nutricionista", "Empresa: Nutrir Ltda.", "Período:").
const TITLE_LABEL_RE =
  /^(?:cargo|puesto|position|job title|title|funcao|funcion|poste|fonction|ruolo|funktion|stelle|functie|stanowisko)\s*:\s*/;
const EMPLOYER_LABEL_RE =
  /^(?:empresa|employer|company|entreprise|employeur|azienda|datore di lavoro|arbeitgeber|firma|unternehmen|werkgever|bedrijf|pracodawca)\s*:\s*/;
const DATE_LABEL_RE = /^(?:periodo|period|dates?|datum|zeitraum|fechas?|data|okres)\s*:?\s*$/;
const ITEMS_LABEL_RE =
  /^(?:attivita|mansioni|responsabilita|tasks|duties|responsibilities|activities|aufgaben|tatigkeiten|taches|missions|funciones|tareas|actividades|atividades|responsabilidades|obowiazki|zadania|taken|werkzaamheden)$/;

// The labels of the Europass CV of 2004–2012, still everywhere in Europe: each entry is a form of
// "label | value" rows. Folded, in the languages it was published in most.
const FORM_LABELS: ReadonlyArray<[RegExp, 'dates' | 'employer' | 'title' | 'drop' | 'items' | 'plain']> = [
  [
    /^(?:dates? \((?:from|da|de|von|desde|van)\b[^)]*\)|dates|fechas|datas|zeitraum|data|daty|datum)$/,
    'dates',
  ],
  [
    /^(?:name and address of (?:the )?employer|nome e indirizzo del datore di lavoro|nom et adresse de l'employeur|name und adresse des arbeitgebers|nombre y direccion de(?:l| la) (?:empresa o )?empleador|nome e endereco do empregador|naam en adres van de werkgever|nazwa i adres pracodawcy)$/,
    'employer',
  ],
  [
    /^(?:occupation or position held|tipo di impiego|lavoro o posizione ricoperti|fonction ou poste occupe|beruf oder funktion|puesto o cargo ocupados?|funcao ou cargo ocupado|functie of positie|zajmowane stanowisko)$/,
    'title',
  ],
  [
    /^(?:(?:type of )?business or sector|tipo di azienda o settore|type ou secteur d'activite|tatigkeitsbereich oder branche|tipo de empresa o sector|tipo de empresa ou sector|soort onderneming of sector|rodzaj dzialalnosci lub sektor|level in (?:the )?national (?:or international )?classification|livello nella classificazione nazionale(?: \(se pertinente\))?|niveau dans la classification nationale|principal subjects\/occupational skills covered|principali materie \/ abilita professionali oggetto dello studio|hauptfacher \/ berufliche fahigkeiten|principales matieres\/competences professionnelles couvertes|principales materias o capacidades profesionales aplicadas|principais disciplinas\/competencias profissionais|stufe der nationalen oder internationalen klassifikation|niveau dans la classification nationale ou internationale|nivel en la clasificacion nacional o internacional|nivel segundo a classificacao nacional ou internacional)$/,
    'drop',
  ],
  [
    /^(?:main activities and responsibilities|principali mansioni e responsabilita|principales activites et responsabilites|wichtigste tatigkeiten und zustandigkeiten|principales actividades y responsabilidades|principais a(?:c)?tividades e responsabilidades|belangrijkste activiteiten en verantwoordelijkheden|glowne czynnosci i obowiazki)$/,
    'items',
  ],
  [
    /^(?:name and type of organisation providing education and training|nome e tipo di istituto di istruzione o formazione|nom et type de l'etablissement d'enseignement ou de formation|name und art der bildungs- oder ausbildungseinrichtung|nombre y tipo del centro de estudios|nome e tipo da organizacao de ensino ou formacao|title of qualification awarded|qualifica conseguita|intitule du certificat ou diplome delivre|bezeichnung der erworbenen qualifikation|titulo de la cualificacion obtenida|designacao da qualificacao atribuida)$/,
    'plain',
  ],
];

/**
 * Europass form rows rewritten as a plain entry: the dates alone on a line, the employer and the
 * position labelled the way form-like CVs label them, the activities as items, the rest dropped.
 */
function unlabelFormRows(lines: CvLine[]): CvLine[] {
  const out: CvLine[] = [];
  // Where the current entry's header lines end (after its dates, title and employer).
  let headerEnd = 0;
  let lastKind: string | undefined;
  const row = (text: string) =>
    /^([^|:]{4,90}?)\s*(?:\||:)\s*(.*)$/.exec(isBulletLine(text) ? stripBullet(text) : text);
  const kindOf = (label: string, table = true) => {
    const folded = fold(label.trim());
    const known = FORM_LABELS.find(([re]) => re.test(folded))?.[1];
    if (known !== undefined || !table) return known;
    // Shorter labels in a table's label column ("Ruolo | …", "Datore di lavoro | …", "Attività |
    // …"); written "Ruolo: …" in the text they are read where the entry's header is.
    if (TITLE_LABEL_RE.test(`${folded}: `)) return 'title';
    if (EMPLOYER_LABEL_RE.test(`${folded}: `)) return 'employer';
    if (DATE_LABEL_RE.test(folded)) return 'dates';
    return ITEMS_LABEL_RE.test(folded) ? 'items' : undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const text = isBulletLine(l.text) ? stripBullet(l.text) : l.text;
    const m = row(l.text);
    let label = m?.[1] ?? '';
    let value = (m?.[2] ?? '').trim();
    // A label wrapped in its column ("Wichtigste Tätigkeiten und" over "Zuständigkeiten"), each
    // half beside a line of the value: one row.
    const following = lines[i + 1]?.text.trim() ?? '';
    const next = following === '' ? null : row(following);
    if (m !== null && kindOf(label) === undefined) {
      // The label's wrapped end set on the same row as its value ("del datore di | lavoro | …").
      const [head, ...tail] = value.split(' | ');
      if (tail.length > 0 && kindOf(`${label} ${head}`) !== undefined) {
        label = `${label} ${head}`;
        value = tail.join(' | ');
      } else if (next !== null && kindOf(`${label} ${next[1]}`) !== undefined) {
        label = `${label} ${next[1]}`;
        value = `${value} ${next[2]}`.trim();
        i++;
      } else if (next === null && following !== '' && kindOf(`${label} ${following}`) !== undefined) {
        // The label's second half alone on the next line, beside no value ("Qualifikation").
        label = `${label} ${following}`;
        i++;
      }
    }
    const kind = m === null ? undefined : kindOf(label, !/^[^|:]{4,90}?\s*:/.test(text));
    if (m === null || kind === undefined) {
      // A value wrapped onto a line of its own: the rest of an employer's address names nothing
      // new; the rest of a title is the title's.
      if (lastKind === 'employer' && l.text.trim() !== '' && !isBulletLine(l.text)) continue;
      if (lastKind === 'title' && l.text.trim() !== '' && !isBulletLine(l.text) && out.length > 0) {
        const last = out[out.length - 1]!;
        out[out.length - 1] = { ...last, text: `${last.text} ${l.text.trim()}` };
        continue;
      }
      lastKind = undefined;
      out.push(l);
      continue;
    }
    lastKind = kind;
    // "Zeitraum | Tätigkeit" is a table's header row, no dates.
    if (kind === 'dates' && !/\d/.test(value)) {
      out.push(l);
      continue;
    }
    if (kind === 'drop' || value === '') continue;
    if (kind === 'dates') {
      out.push({ n: l.n, text: value });
      headerEnd = out.length;
    } else if (kind === 'plain') out.push({ n: l.n, text: value });
    else if (kind === 'title') {
      out.push({ n: l.n, text: `Position: ${value}` });
      headerEnd = out.length;
    } else if (kind === 'employer') {
      // Europass names the employer after the activities: it joins its entry's header lines.
      const line = { n: l.n, text: `Employer: ${commaPieces(value)[0]!.trim()}` };
      if (headerEnd > 0 && headerEnd < out.length) out.splice(headerEnd, 0, line);
      else out.push(line);
      headerEnd = out.length;
    } else {
      // Activities listed with their marks are items; written as a paragraph, a description.
      out.push({ n: l.n, text: value });
    }
  }
  return out;
}

/** Title and employer given by labels, the other parts left as they were. */
function labelledRoles(parts: string[]): { parts: string[]; name: string | null; position: string | null } {
  let name: string | null = null;
  let position: string | null = null;
  const rest: string[] = [];
  for (const part of parts) {
    const folded = fold(part);
    const title = TITLE_LABEL_RE.exec(folded);
    const employer = EMPLOYER_LABEL_RE.exec(folded);
    if (title !== null) position ??= part.slice(title[0].length).trim();
    else if (employer !== null) name ??= part.slice(employer[0].length).trim();
    else if (!DATE_LABEL_RE.test(folded)) rest.push(part);
  }
  return { parts: rest, name, position };
}

/** What a label names is certain; the first other part fills the role left open. */
function labelledEntryRoles(
  parts: string[],
  name: string | null,
  position: string | null,
): { name: string | null; position: string | null; rest: string[] } {
  if (name !== null && position !== null) return { name, position, rest: parts };
  const [first = null, ...others] = parts;
  return name !== null ? { name, position: first, rest: others } : { name: first, position, rest: others };
}

function parseWork(lines: CvLine[]): CvWork[] {
  const blocks = splitEntries(joinEndOverStart(unlabelFormRows(lines)), false).map((block) => {
    const { parts: all, location } = headerParts(block.header);
    const labelled = labelledRoles(all);
    return { block, location, labelled, guess: assignRoles(labelled.parts) };
  });
  // A CV writes its entries one way: the entries whose title and employer are known tell the order
  // of the others ("Acme | Data Analyst" throughout, or "Data Analyst | Acme").
  let votes = 0;
  for (const { labelled, guess } of blocks) {
    if (!guess.sure || guess.name === null || guess.position === null) continue;
    votes += labelled.parts.indexOf(guess.position) < labelled.parts.indexOf(guess.name) ? 1 : -1;
  }
  const titleFirst = votes === 0 ? null : votes > 0;
  const jobs = blocks.map(({ block, location, labelled, guess }) => {
    const { parts, name: labelledName, position: labelledTitle } = labelled;
    const roles =
      labelledName !== null || labelledTitle !== null
        ? labelledEntryRoles(parts, labelledName, labelledTitle)
        : guess.sure || titleFirst === null
          ? guess
          : assignRoles(parts, titleFirst);
    const { name, position, rest: unused } = roles;
    const body = readBody(block.body);
    // Header pieces that are neither employer, title nor place ("Full-time") stay with the entry.
    const summary =
      unused.length > 0
        ? [unused.join(' · '), body.summary].filter((x) => x !== null).join(' ')
        : body.summary;
    const highlights = body.highlights;
    const found = [name, position, block.range].filter((x) => x !== null).length;
    return {
      name,
      position,
      location,
      startDate: block.range?.start ?? null,
      endDate: block.range?.end ?? null,
      current: block.range !== null && block.range.end === null,
      summary,
      highlights,
      confidence: Math.round((found / 3) * (isTitle(position ?? '') ? 1 : 0.8) * 100) / 100,
      line: block.line,
    };
  });
  // A second role at the same employer is often printed under it without the employer again.
  for (let k = 0; k < jobs.length; k++) {
    const job = jobs[k]!;
    const group = blocks[k]!.block.group;
    if (group !== undefined && job.name === null) job.name = group;
    const before = jobs[k - 1];
    if (group === undefined && job.name === null && job.position !== null && before?.name)
      job.name = before.name;
  }
  return withoutDatedGroups(
    jobs,
    blocks.map((b) => b.block),
  );
}

/** Whether `inner`'s dates lie within `outer`'s ("2014 – Present" holds "Apr 2021 – Present"). */
function within(inner: CvWork, outer: CvWork): boolean {
  if (inner.startDate === null || outer.startDate === null) return false;
  const startsAfter = inner.startDate.slice(0, outer.startDate.length) >= outer.startDate;
  const endsBefore =
    outer.endDate === null ||
    (inner.endDate !== null && inner.endDate.slice(0, outer.endDate.length) <= outer.endDate);
  return startsAfter && endsBefore;
}

/**
 * An employer printed with its own dates over the roles held there ("Marlowe Hotels Group |
 * Manchester · 2014 – Present", then "Operations Director, North | Apr 2021 – Present", …) is no
 * job of its own: its roles take its name, and each role's header is its title whole.
 */
function withoutDatedGroups(jobs: CvWork[], blocks: EntryBlock[]): CvWork[] {
  const out: CvWork[] = [];
  for (let k = 0; k < jobs.length; k++) {
    const head = jobs[k]!;
    const roles: number[] = [];
    for (let j = k + 1; j < jobs.length && within(jobs[j]!, head); j++) roles.push(j);
    const employer = head.name ?? head.position;
    if (head.highlights.length > 0 || head.summary !== null || roles.length < 2 || employer === null) {
      out.push(head);
      continue;
    }
    for (const j of roles) {
      const role = jobs[j]!;
      const header = blocks[j]!.header;
      const parts = header.length === 1 ? splitParts(header[0]!).filter((p) => !isWholePlace(p)) : [];
      if (parts.length === 1) role.position = parts[0]!.trim();
      role.name = employer;
      role.location ??= head.location;
      out.push(role);
    }
    k += roles.length;
  }
  return out;
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
      const m = /^([\p{L}][\p{L} ]*?)\s*(?:[:(–—-]\s*|\s+)([^)]*)\)?$/u.exec(item.trim());
      if (item.trim() === '') continue;
      if (m === null) out.push({ language: item.trim(), fluency: null });
      else out.push({ language: m[1]!.trim(), fluency: m[2]!.trim() === '' ? null : m[2]!.trim() });
    }
  }
  return out;
}

/** One dated item a line (certificates, awards, publications): its name, date and issuer. */
function parseCertificates(lines: CvLine[]): CvCertificate[] {
  const out: CvCertificate[] = [];
  for (const l of lines) {
    if (l.text === '') continue;
    const bullet = isBulletLine(l.text);
    const text = bullet ? stripBullet(l.text) : l.text.trim();
    // A continuation line (starting lower case) adds to the previous certificate.
    if (!bullet && /^\p{Ll}/u.test(text) && out.length > 0) continue;
    const dates = findDates(text);
    let rest = text;
    for (const d of [...dates].reverse()) rest = rest.slice(0, d.index) + rest.slice(d.index + d.length);
    const parts = rest
      .split(/\s*[|–—,]\s*|\s+-\s+/)
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
  /(?:\s+(?:RN|BSN|MSN|NP|MD|DO|DDS|PhD|MBA|MSc|BSc|BA|MA|CPA|ACA|ACCA|FCA|CFA|PMP|FRCS|MRCP|MRCS|MRCVS|BVM&S|BVSc|DVM|CEng|RIBA|LLM|LLB|JD|Esq\.?)){1,4}$/;

/**
 * The document's title line (`# Text`, written by the PDF and DOCX readers for the largest text at
 * the top or a Title style) when it is a person's name: not "Curriculum Vitae", not a job title, no
 * digits or addresses. Names that the name pattern cannot know (particles, CJK) are read from it.
 */
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

function titleName(rawLines: readonly RawLine[]): string | null {
  for (const [at, raw] of rawLines.entries()) {
    const m = /^#\s+(.+)$/.exec(raw.text.trim());
    if (m === null) continue;
    // "Sabine Krüger | Accountant": a headline set beside the name; post-nominal letters set after
    // it without a comma ("Fiona MacLeod BVM&S MRCVS") are not part of the name.
    const text = withoutLeadingHeading(
      cleanLine(m[1]!.split(' | ')[0]!).replace(POST_NOMINALS_RE, '').trim(),
    );
    if (isDocumentTitle(text) || wrappedDocumentTitle(rawLines, at, text)) continue;
    const native = NATIVE_THEN_LATIN_RE.exec(text);
    if (native !== null) return native[1]!;
    // A monogram set large above the name ("MT", "EvD") is not the name.
    if (/^\p{L}{1,3}$/u.test(text) && !/[\p{Script=Han}\p{Script=Hangul}]/u.test(text)) return null;
    const words = text.split(/\s+/).length;
    if (
      words > 5 ||
      /[\d@|/:]/.test(text) ||
      isTitle(text) ||
      classifyHeading(text) !== null ||
      isPlace(text) ||
      findSkills(text).length > 0
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
      /^(?:(?:nachname|surname|cognome|nom|apellido|apelido|achternaam|nazwisko|prijmeni|efternamn)(?:\([a-z]+\))?\s*\/\s*(?:vorname|first name|nome|prenom|nombre|voornaam|imie|jmeno|fornamn)(?:\([a-z]+\))?|name|full name|nombre|nombre y apellidos|nombre completo|apellidos y nombre|nom|nom et prenom|prenom nom|nom complet|nome|nome e cognome|nome completo|naam|volledige naam|vor- und nachname|name, vorname|nachname, vorname|imie i nazwisko|jmeno|jmeno a prijmeni|namn|navn|ad soyad|adi soyadi|nimi|nev|nume|meno|ime|фио|ф\.и\.о\.|имя|ονοματεπωνυμο|ονομα|氏名|姓名|名前)\s*(?::\s*\|?|：|\|)\s*(.{3,60})$/u.exec(
        fold(cleanLine(raw.text).trim()),
      );
    if (m === null) continue;
    const text = cleanLine(raw.text).trim();
    const name = text.slice(text.length - m[1]!.length).trim();
    // "Brandt, Katharina": the surname first, as forms ask for it.
    const inverted = /^(\p{Lu}[\p{L}'’-]+), (\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+)?)$/u.exec(name);
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

/** Parses CV text (as extracted from PDF/DOCX, or markdown) into a JSON Resume document. */
export function parseCv(text: string): CvStructure {
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

  // Sections of one kind are read together, a blank line apart so no entry reaches into another.
  const linesOf = (key: SectionKey): CvLine[] =>
    sections
      .filter((s) => s.key === key)
      .flatMap((s) => [...s.lines, { n: s.lines.at(-1)?.n ?? 0, text: '' }]);
  const title = titleName(rawLines);
  const header = readHeader(
    sections.filter((s) => s.key === 'header').flatMap((s) => s.lines),
    title,
  );
  // A name the CV labels as such (a form's "Nachname(n) / Vorname(n)") beats a guess from the header.
  const name = title ?? labelledName(rawLines) ?? header.name ?? contacts.name;
  const summaryLines = linesOf('summary')
    .map((l) => (isBulletLine(l.text) ? stripBullet(l.text) : l.text))
    .filter((t) => t !== '');
  const summaryText = [...summaryLines, ...header.summary].join(' ').trim();

  const work = parseWork(linesOf('experience'));
  const education = parseEducation(linesOf('education'));
  // A row of the skills part may be another part in all but name: "Languages: English, German",
  // "Certifications: PMP, PRINCE2" are the CV's languages and certificates.
  const skillRows = parseSkills(linesOf('skills'));
  // ("Languages: Python, Go" in a developer's skills are programming languages, and stay.)
  const rowKind = (g: CvSkillGroup) => {
    const kind = g.name === 'Skills' ? null : classifyHeading(g.name);
    if (kind !== 'languages') return kind;
    return g.keywords.filter(isLanguageLine).length * 2 > g.keywords.length ? kind : null;
  };
  const skills = skillRows.filter((g) => rowKind(g) !== 'languages' && rowKind(g) !== 'certificates');
  const projects = parseProjects(linesOf('projects'));
  const rowLines = (kind: SectionKey) =>
    skillRows.filter((g) => rowKind(g) === kind).flatMap((g) => g.keywords.map((k) => ({ n: 0, text: k })));
  const certificates = [
    ...parseCertificates(linesOf('certificates')),
    ...parseCertificates(rowLines('certificates')),
  ];
  const awards: CvAward[] = parseCertificates(linesOf('awards')).map((a) => ({
    title: a.name,
    date: a.date,
    awarder: a.issuer,
    line: a.line,
  }));
  const publications: CvPublication[] = parseCertificates(linesOf('publications')).map((p) => ({
    name: p.name,
    releaseDate: p.date,
    publisher: p.issuer,
    line: p.line,
  }));
  const languages = [...parseLanguages(linesOf('languages')), ...parseLanguages(rowLines('languages'))];
  const volunteer = parseWork(linesOf('volunteer')).map(({ name, ...rest }) => ({
    organization: name,
    ...rest,
  }));

  const sectionOrder: SectionKey[] = [];
  for (const s of sections) {
    if (s.key !== 'header' && s.heading !== null && !sectionOrder.includes(s.key)) sectionOrder.push(s.key);
    if (s.key === 'skills')
      for (const kind of ['languages', 'certificates'] as const)
        if (rowLines(kind).length > 0 && !sectionOrder.includes(kind)) sectionOrder.push(kind);
  }
  // A profile paragraph under the name, with no heading of its own, is the CV's summary all the same.
  if (summaryText !== '' && !sectionOrder.includes('summary')) sectionOrder.unshift('summary');
  const mean = (xs: number[]) =>
    xs.length === 0 ? 0 : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100;
  const headed = (key: SectionKey) => (sections.some((s) => s.key === key && s.heading !== null) ? 1 : 0.6);
  const skillCount = skills.reduce((n, g) => n + g.keywords.length, 0);
  const recognized = skills.flatMap((g) => g.keywords).filter((k) => findSkills(k).length > 0).length;
  const confidence: Record<string, number> = {
    'basics.name': title !== null ? 0.95 : name === null ? 0 : 0.9,
    'basics.label': header.label === null ? 0 : isTitle(header.label) ? 0.9 : 0.6,
    'basics.email': contacts.email === null ? 0 : 1,
    'basics.phone': contacts.phone === null ? 0 : 0.9,
    'basics.location': contacts.location === null ? 0 : 0.7,
    'basics.summary': summaryText === '' ? 0 : headed('summary') === 1 ? 0.9 : 0.6,
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

  return {
    basics: {
      name,
      label: header.label ?? contacts.label,
      email: contacts.email,
      phone: contacts.phone,
      url: contacts.url,
      location: contacts.location === null ? null : readLocation(contacts.location),
      summary: summaryText === '' ? null : summaryText,
      profiles: contacts.profiles,
    },
    work,
    education,
    skills,
    projects,
    certificates,
    awards,
    publications,
    languages,
    volunteer,
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
