// Small helpers the generators share: the improved CV as a head and `## ` sections, picked
// deterministically per case, and the language of a case.
import { fold, stripBullet, stripMarkdown } from '../../src/analysis/text.ts';

export interface MdSection {
  heading: string;
  lines: string[];
}

export function splitMarkdown(md: string): { head: string[]; sections: MdSection[] } {
  const head: string[] = [];
  const sections: MdSection[] = [];
  for (const line of md.split('\n')) {
    if (line.startsWith('## ')) sections.push({ heading: line, lines: [] });
    else if (sections.length === 0) head.push(line);
    else sections[sections.length - 1]!.lines.push(line);
  }
  return { head, sections };
}

export function joinMarkdown(head: readonly string[], sections: readonly MdSection[]): string {
  return [...head, ...sections.flatMap((s) => [s.heading, ...s.lines])].join('\n');
}

export function copySections(sections: readonly MdSection[]): MdSection[] {
  return sections.map((x) => ({ ...x, lines: [...x.lines] }));
}

export function sectionIndex(sections: readonly MdSection[], headings: RegExp): number {
  return sections.findIndex((s) => headings.test(fold(s.heading)));
}

export const EXPERIENCE_HEADING = /experience|berufserfahrung|experiencia|career|werdegang/;
export const EDUCATION_HEADING = /education|ausbildung|formation|educacion|studium/;
export const CERT_HEADING = /certific|zertifikat|weiterbildung|qualification|cursos|licen/;
export const SKILLS_HEADING = /skills|kenntnisse|competences|habilidades|competencias|conocimientos/;
export const LANGUAGES_HEADING = /languages|sprachen|langues|idiomas/;

export function pick<T>(items: readonly T[], seed: number): T {
  return items[seed % items.length]!;
}

export function seedOf(id: string): number {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

/** The four languages of the evaluation; anything else is read as English. */
export type Lang = 'en' | 'de' | 'fr' | 'es';

export function langOf(language: string): Lang {
  return language === 'de' || language === 'fr' || language === 'es' ? language : 'en';
}

/** "Disponent Nahverkehr (m/w/d)" → "Disponent Nahverkehr": the gender marker is the ad's, not a title. */
export function cleanPosition(position: string): string {
  return position
    .replace(/\s*\((?:m\/w\/d|w\/m\/d|m\/f\/d|m\/f|h\/f|f\/h|f\/m)\)/gi, '')
    .replace(/\s+[–-]\s+.*$/, '')
    .trim();
}

/** Words only: case, accents, markdown, punctuation and spacing aside ("Nursing (BSN)" = "Nursing BSN"). */
export function comparable(text: string): string {
  return fold(stripMarkdown(stripBullet(text)))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Bullets and running text: what a rewrite rewords (entry headers, dates and headings stay). */
export function isProseLine(line: string): boolean {
  return line.startsWith('- ') || (/^\p{L}/u.test(line) && line.length > 40);
}

export function mapProse(md: string, fn: (line: string) => string): string {
  return md
    .split('\n')
    .map((l) => (isProseLine(l) ? fn(l) : l))
    .join('\n');
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
