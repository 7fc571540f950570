// Reformats plain CV text (as extracted from a PDF, DOCX or TXT) into markdown sections without
// changing a word: a name heading, the contact line, "## " section headings, "- " bullets. This is
// what the offline provider returns until the analysis module can do better, so it must stay
// faithful: lines are only classified and re-marked, never rewritten.

const SECTION_NAMES = [
  'summary',
  'professional summary',
  'profile',
  'professional profile',
  'personal profile',
  'about',
  'about me',
  'objective',
  'career objective',
  'experience',
  'work experience',
  'professional experience',
  'relevant experience',
  'employment',
  'employment history',
  'work history',
  'career history',
  'education',
  'education and training',
  'academic background',
  'qualifications',
  'skills',
  'key skills',
  'technical skills',
  'core skills',
  'core competencies',
  'competencies',
  'languages',
  'certifications',
  'certificates',
  'licenses and certifications',
  'courses',
  'training',
  'projects',
  'selected projects',
  'publications',
  'awards',
  'honors',
  'honours',
  'achievements',
  'volunteering',
  'volunteer experience',
  'interests',
  'hobbies',
  'references',
  'contact',
  'contact information',
  'personal information',
  'personal details',
  // Common non-English headings, so a French or German CV is structured too.
  'expérience',
  'expérience professionnelle',
  'formation',
  'compétences',
  'langues',
  'berufserfahrung',
  'ausbildung',
  'kenntnisse',
  'sprachen',
  'experiencia',
  'educación',
  'habilidades',
];
const SECTIONS = new Set(SECTION_NAMES);

const BULLET = /^\s*(?:[•·▪◦●■□➢➤►▶✓✔‣⁃∙*+]|[-–—](?=\s)|o(?=\s{1,3}\S))\s*/u;
const CONTACT_HINT =
  /@|\[(?:email|phone|address)\]|https?:\/\/|www\.|linkedin|github|\+?\d[\d\s().-]{6,}\d|\|/i;

export function restructureCv(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+$/u, ''));

  const out: string[] = [];
  let index = 0;
  const skipBlank = () => {
    while (index < lines.length && (lines[index] ?? '').trim() === '') index++;
  };

  skipBlank();
  const first = (lines[index] ?? '').trim();
  if (first && looksLikeName(first) && !isSectionHeading(first)) {
    out.push(`# ${first}`, '');
    index++;
    const contact: string[] = [];
    while (index < lines.length) {
      const line = (lines[index] ?? '').trim();
      if (line === '') {
        index++;
        if (contact.length > 0) break;
        continue;
      }
      // The block right under the name is contact details and a headline, as long as it stays short.
      if (isSectionHeading(line) || contact.length >= 4 || (line.length > 80 && !CONTACT_HINT.test(line)))
        break;
      contact.push(line);
      index++;
    }
    if (contact.length > 0) out.push(contact.map(escapeMarkdown).join(' · '), '');
  }

  let previousKind: 'heading' | 'bullet' | 'text' | 'blank' = 'blank';
  for (; index < lines.length; index++) {
    const raw = lines[index] ?? '';
    const line = raw.trim();
    if (line === '') {
      if (previousKind !== 'blank') out.push('');
      previousKind = 'blank';
      continue;
    }
    if (isSectionHeading(line)) {
      if (previousKind !== 'blank') out.push('');
      out.push(`## ${headingTitle(line)}`, '');
      previousKind = 'blank';
      continue;
    }
    const bullet = BULLET.exec(raw);
    if (bullet && line.length > bullet[0].trim().length) {
      out.push(`- ${escapeMarkdown(raw.slice(bullet[0].length).trim())}`);
      previousKind = 'bullet';
      continue;
    }
    const next = nextNonBlank(lines, index + 1);
    // A short line followed by bullets is an entry title ("Engineer, Acme — 2019–2021").
    if (next !== null && BULLET.test(next) && line.length <= 100 && !/[.:;]$/.test(line)) {
      if (previousKind === 'bullet' || previousKind === 'text') out.push('');
      out.push(`### ${escapeMarkdown(line)}`, '');
      previousKind = 'blank';
      continue;
    }
    if (previousKind === 'bullet') out.push('');
    out.push(escapeMarkdown(line));
    previousKind = 'text';
  }
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}

function nextNonBlank(lines: ReadonlyArray<string>, from: number): string | null {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() !== '') return line;
  }
  return null;
}

export function isSectionHeading(line: string): boolean {
  const bare = line
    .trim()
    .replace(/^#+\s*/, '')
    .replace(/[:：]$/, '')
    .trim();
  if (bare.length === 0 || bare.length > 40) return false;
  const key = bare
    .toLowerCase()
    .replace(/\s*&\s*/g, ' and ')
    .replace(/\s+/g, ' ');
  if (SECTIONS.has(key)) return true;
  // "SKILLS & TOOLS", "EXPERIENCE" style headings: short, upper case, letters only.
  return /^[\p{Lu}][\p{Lu}\s&/-]{2,}$/u.test(bare) && bare.split(/\s+/).length <= 4;
}

function headingTitle(line: string): string {
  const bare = line
    .trim()
    .replace(/^#+\s*/, '')
    .replace(/[:：]$/, '')
    .trim();
  if (bare !== bare.toUpperCase()) return bare;
  return bare
    .toLowerCase()
    .replace(/(^|[\s/-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

function looksLikeName(line: string): boolean {
  if (line.length > 60 || /[\d@|:/]/.test(line)) return false;
  const words = line.split(/\s+/);
  return words.length >= 2 && words.length <= 5 && words.every((w) => /^[\p{L}][\p{L}'’.-]*$/u.test(w));
}

/** Stops CV text from turning into markdown it never meant ("# 1 seller", "1. " kept as is). */
function escapeMarkdown(line: string): string {
  return line.replace(/^(#{1,6})(?=\s)/, '\\$1').replace(/^([>=])/, '\\$1');
}
