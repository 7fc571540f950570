// The improvement the `offline` provider offers: no model, no network, no invented content. It
// rebuilds the CV as clean markdown from its structure and tailors it the honest way: sections in
// the order that suits the candidate's level, each role's bullets led by what the job asks for,
// the job's skills that the CV's own bullets prove named in the skills section, a short summary
// written from the CV's facts when it has none, and one form for dates, headings and bullets.
// No sentence is rewritten, so no claim changes. The markdown holds the CV only: advice to the
// author (weak phrasing, bullets without results) comes back apart, as `suggestions`. Every fact
// of the output comes from the input, which the tests check with the fact guard on every fixture.
import type {
  CvCertificate,
  CvEducation,
  CvProject,
  CvSection,
  CvStructure,
  CvWork,
  SectionKey,
} from './cv-structure.ts';
import { parseCv } from './cv-structure.ts';
import { findDateRanges, findDates, latestDate } from './dates.ts';
import {
  analyzeJob,
  type ExperienceLevel,
  type JobInput,
  type JobProfile,
  type JobRequirement,
  skillName,
} from './job.ts';
import { experienceYears, type MatchOptions, scoreMatch } from './match-score.ts';
import { findNumbers } from './numbers.ts';
import { headlineFor } from './offline-improve-headline.ts';
import { findSkills, findSkillsInTokens } from './skills.ts';
import {
  endsSentence,
  fold,
  isBulletLine,
  stripBullet,
  stripMarkdown,
  type Token,
  tokenize,
} from './text.ts';

/** One piece of advice to the author, about the CV's own words. */
export interface CvSuggestion {
  /** the CV's words the advice is about: a bullet, or the skills or requirements concerned */
  quote: string;
  /** in the CV's language */
  advice: string;
}

export interface OfflineImprovement {
  /** the improved CV, and nothing that is not CV */
  markdown: string;
  /** what was done and what is still missing, in English, for the report and the API */
  notes: string[];
  /** advice to the author in the CV's language; never part of the markdown */
  suggestions: CvSuggestion[];
}

type Lang = CvStructure['meta']['language'];

interface Labels {
  readonly headings: Record<Exclude<SectionKey, 'contact' | 'notes'>, string>;
  readonly present: string;
  /** the lead of the skills line that names the job's skills the CV proves, with its colon */
  readonly forward: string;
  readonly and: string;
  /** the heading of personal details the header line does not hold (a driving licence, availability) */
  readonly additional: string;
}

const LABELS: Record<Lang, Labels> = {
  en: {
    headings: {
      summary: 'Summary',
      skills: 'Skills',
      experience: 'Experience',
      education: 'Education',
      projects: 'Projects',
      certificates: 'Certifications',
      languages: 'Languages',
      volunteer: 'Volunteering',
      awards: 'Awards',
      publications: 'Publications',
      memberships: 'Memberships',
      interests: 'Interests',
      references: 'References',
    },
    present: 'Present',
    forward: 'Relevant to this role:',
    and: 'and',
    additional: 'Additional information',
  },
  de: {
    headings: {
      summary: 'Profil',
      skills: 'Kenntnisse',
      experience: 'Berufserfahrung',
      education: 'Ausbildung',
      projects: 'Projekte',
      certificates: 'Zertifikate',
      languages: 'Sprachen',
      volunteer: 'Ehrenamt',
      awards: 'Auszeichnungen',
      publications: 'Publikationen',
      memberships: 'Mitgliedschaften',
      interests: 'Interessen',
      references: 'Referenzen',
    },
    present: 'heute',
    forward: 'Relevant für diese Stelle:',
    and: 'und',
    additional: 'Weitere Angaben',
  },
  fr: {
    headings: {
      summary: 'Profil',
      skills: 'Compétences',
      experience: 'Expérience professionnelle',
      education: 'Formation',
      projects: 'Projets',
      certificates: 'Certifications',
      languages: 'Langues',
      volunteer: 'Bénévolat',
      awards: 'Distinctions',
      publications: 'Publications',
      memberships: 'Adhésions',
      interests: "Centres d'intérêt",
      references: 'Références',
    },
    present: "aujourd'hui",
    // French sets a space before a colon.
    forward: 'Pertinent pour ce poste :',
    and: 'et',
    additional: 'Informations complémentaires',
  },
  es: {
    headings: {
      summary: 'Perfil',
      skills: 'Habilidades',
      experience: 'Experiencia laboral',
      education: 'Educación',
      projects: 'Proyectos',
      certificates: 'Certificaciones',
      languages: 'Idiomas',
      volunteer: 'Voluntariado',
      awards: 'Premios',
      publications: 'Publicaciones',
      memberships: 'Afiliaciones',
      interests: 'Intereses',
      references: 'Referencias',
    },
    present: 'actualidad',
    forward: 'Relevante para este puesto:',
    and: 'y',
    additional: 'Información adicional',
  },
};

// The summary written for a CV that has none. Only the most recent title, the years the work
// history's dates add up to, and skills its bullets prove: the target job never appears as a title.
const SUMMARY: Record<
  Lang,
  { withTitle: (title: string, years: number) => string; years: (n: number) => string; keySkills: string }
> = {
  en: {
    withTitle: (t, n) => `${t} with ${n} ${n === 1 ? 'year' : 'years'} of professional experience`,
    years: (n) => `${n} ${n === 1 ? 'year' : 'years'} of professional experience`,
    keySkills: 'Key skills:',
  },
  de: {
    withTitle: (t, n) => `${t} mit ${n} ${n === 1 ? 'Jahr' : 'Jahren'} Berufserfahrung`,
    years: (n) => `${n} ${n === 1 ? 'Jahr' : 'Jahre'} Berufserfahrung`,
    keySkills: 'Schwerpunkte:',
  },
  fr: {
    withTitle: (t, n) => `${t} avec ${n} ${n === 1 ? 'an' : 'ans'} d'expérience professionnelle`,
    years: (n) => `${n} ${n === 1 ? 'an' : 'ans'} d'expérience professionnelle`,
    keySkills: 'Compétences clés :',
  },
  es: {
    withTitle: (t, n) => `${t} con ${n} ${n === 1 ? 'año' : 'años'} de experiencia profesional`,
    years: (n) => `${n} ${n === 1 ? 'año' : 'años'} de experiencia profesional`,
    keySkills: 'Competencias clave:',
  },
};

/** Section order by level: a new graduate leads with what they studied and built, a senior with what they did. */
export const SECTION_ORDER: Record<ExperienceLevel, readonly SectionKey[]> = {
  '0-2': [
    'summary',
    'skills',
    'education',
    'projects',
    'experience',
    'certificates',
    'languages',
    'volunteer',
  ],
  '3-5': [
    'summary',
    'skills',
    'experience',
    'projects',
    'education',
    'certificates',
    'languages',
    'volunteer',
  ],
  '6+': [
    'summary',
    'experience',
    'skills',
    'certificates',
    'projects',
    'education',
    'languages',
    'volunteer',
  ],
};

export const WEAK_PHRASE_RE =
  /^(?:responsible for|was responsible for|helped(?: with| to)?|worked on|assisted(?: with| in)?|duties included|tasks included|involved in|participated in|in charge of|zustandig fur|verantwortlich fur|mitarbeit bei|unterstutzung bei|mithilfe bei|responsable de|charge de|participation a|aide a|participe a|responsable de|encargad[oa] de|colabore en|ayude a|apoyo en|participacion en)\b/;

// Outcome words that show a result even without a number.
const RESULT_RE =
  /\b(?:increas|reduc|improv|cut|sav|grew|grow|boost|raised|lower|launch|deliver|won|award|achiev|exceed|doubl|tripl|accelerat|shortened|eliminat|senk|steiger|verbesser|reduzier|erhoh|gewonnen|augment|amelior|reduit|diminu|gagn|aument|mejor|reduj|logr|ahorr)/;

// Advice written in the CV's language, returned beside the CV and never inside it.
const ADVICE: Record<
  Lang,
  {
    duty: (phrase: string) => string;
    noResult: string;
    onlyListed: (skills: string) => string;
    missing: string;
  }
> = {
  en: {
    duty: (p) =>
      `starts with "${p}", which describes a duty. Say what you did and what changed because of it: start with a verb such as built, led, improved or automated.`,
    noResult: 'shows no result. If you know it, add the outcome: how much, how many, how fast, or for whom.',
    onlyListed: (s) =>
      `Some skills the job asks for appear only in your skills list or summary (${s}). If you used them in a role or project, say where and what for.`,
    missing:
      'The job asks for things this CV does not mention; the report lists them. Add one only if it is true.',
  },
  de: {
    duty: (p) =>
      `beginnt mit „${p}“ und beschreibt eine Aufgabe. Schreiben Sie, was Sie getan haben und was sich dadurch verändert hat: Beginnen Sie mit einem Verb wie aufgebaut, geleitet, verbessert oder automatisiert.`,
    noResult:
      'zeigt kein Ergebnis. Wenn Sie es kennen, ergänzen Sie es: wie viel, wie viele, wie schnell oder für wen.',
    onlyListed: (s) =>
      `Einige verlangte Kenntnisse stehen nur in Ihrer Kenntnisliste oder im Profil (${s}). Wenn Sie sie in einer Stelle oder einem Projekt eingesetzt haben, schreiben Sie, wo und wofür.`,
    missing:
      'Die Stelle verlangt Dinge, die dieser Lebenslauf nicht erwähnt; der Bericht listet sie auf. Ergänzen Sie nur, was zutrifft.',
  },
  fr: {
    duty: (p) =>
      `commence par « ${p} », qui décrit une tâche. Dites ce que vous avez fait et ce qui a changé grâce à vous : commencez par un verbe comme conçu, dirigé, amélioré ou automatisé.`,
    noResult:
      'ne montre aucun résultat. Si vous le connaissez, ajoutez-le : combien, en combien de temps, ou pour qui.',
    onlyListed: (s) =>
      `Certaines compétences demandées n'apparaissent que dans votre liste ou votre profil (${s}). Si vous les avez utilisées dans un poste ou un projet, dites où et pour quoi faire.`,
    missing:
      "Le poste demande des éléments que ce CV ne mentionne pas ; le rapport les liste. N'en ajoutez un que s'il est vrai.",
  },
  es: {
    duty: (p) =>
      `empieza por «${p}», que describe una tarea. Diga qué hizo y qué cambió gracias a ello: empiece con un verbo como diseñé, dirigí, mejoré o automaticé.`,
    noResult:
      'no muestra ningún resultado. Si lo conoce, añádalo: cuánto, cuántos, en cuánto tiempo o para quién.',
    onlyListed: (s) =>
      `Algunas habilidades que pide el puesto solo aparecen en su lista o en su perfil (${s}). Si las usó en un puesto o proyecto, diga dónde y para qué.`,
    missing:
      'El puesto pide cosas que este CV no menciona; el informe las enumera. Añada una solo si es cierta.',
  },
};

// --- What the job asks for, as something a line of the CV can be weighed against -----------------

interface Need {
  readonly weight: number;
  readonly ids: ReadonlySet<string>;
  /** a free-text requirement's key words, one list per alternative */
  readonly alternatives: readonly (readonly string[])[];
}

const NEED_WEIGHT = { must: 3, nice: 1 } as const;

function needsOf(job: JobProfile): Need[] {
  return job.requirements
    .filter((r) => r.kind === 'skill')
    .map((r) => ({
      weight: NEED_WEIGHT[r.importance],
      ids: new Set(r.anyOf ?? (r.skillId === undefined ? [] : [r.skillId])),
      alternatives: r.alternatives ?? [],
    }));
}

const isCaps = (t: Token) => /^\p{Lu}[\p{Lu}\p{N}]+$/u.test(t.raw);

/** The first token a free-text key word stands for; read as the match score reads it ("!als" is the acronym ALS only). */
function wordAt(tokens: readonly Token[], word: string): number {
  return word.startsWith('!')
    ? tokens.findIndex((t) => isCaps(t) && t.norm === word.slice(1))
    : tokens.findIndex((t) => t.norm === word);
}

/** How much of what the job asks for a line names: the weights of the requirements it meets. */
function relevance(text: string, needs: readonly Need[]): number {
  const tokens = tokenize(text);
  const ids = new Set(findSkillsInTokens(tokens).map((h) => h.id));
  let sum = 0;
  for (const n of needs) {
    const met =
      [...n.ids].some((id) => ids.has(id)) ||
      n.alternatives.some((words) => words.every((w) => wordAt(tokens, w) !== -1));
    if (met) sum += n.weight;
  }
  return sum;
}

/**
 * The words of a line that meet a free-text requirement, as the line writes them ("level I trauma
 * center"); null when they lie too far apart to read as one phrase.
 */
function phraseIn(line: string, alternatives: readonly (readonly string[])[]): string | null {
  const tokens = tokenize(line);
  for (const words of alternatives) {
    const at = words.map((w) => wordAt(tokens, w));
    if (at.some((i) => i === -1)) continue;
    const first = Math.min(...at);
    const last = Math.max(...at);
    if (last - first > 5) continue;
    const phrase = line.slice(tokens[first]!.start, tokens[last]!.end);
    if (phrase.length <= 40) return phrase;
  }
  return null;
}

/** A bullet that shows an outcome: a number, or a word such as reduced, launched or won. */
function showsResult(text: string): boolean {
  return findNumbers(text).length > 0 || RESULT_RE.test(fold(text));
}

/**
 * Bullets led by what the job asks for; among equally relevant ones, those that show a result come
 * first; otherwise the author's order stands.
 */
function leadOrder(bullets: readonly string[], needs: readonly Need[]): string[] {
  return byDescending(bullets, (b) => 2 * relevance(b, needs) + (showsResult(b) ? 1 : 0));
}

/** Stable sort, highest key first: equal items keep the author's order. */
function byDescending<T>(items: readonly T[], key: (item: T) => number): T[] {
  return items
    .map((item, i) => ({ item, i, k: key(item) }))
    .sort((a, b) => b.k - a.k || a.i - b.i)
    .map((x) => x.item);
}

// --- Form: dates, bullets, headings ------------------------------------------------------------------

function formatDate(date: string | null, lang: Lang): string {
  if (date === null) return LABELS[lang].present;
  return date.length === 7 ? `${date.slice(5, 7)}/${date.slice(0, 4)}` : date;
}

function dateLine(start: string | null, end: string | null, current: boolean, lang: Lang): string | null {
  if (start === null && end === null) return null;
  if (start === null) return formatDate(end, lang);
  return `${formatDate(start, lang)} – ${current || end === null ? LABELS[lang].present : formatDate(end, lang)}`;
}

type BulletEnding = 'period' | 'bare';

function allBullets(cv: CvStructure): string[] {
  return [
    ...cv.work.flatMap((w) => w.highlights),
    ...cv.volunteer.flatMap((w) => w.highlights),
    ...cv.projects.flatMap((p) => p.highlights),
    ...cv.education.flatMap((e) => e.highlights),
  ];
}

/** Bullets end the way most of the author's end: with a full stop, or bare. */
function bulletEnding(cv: CvStructure): BulletEnding {
  const bullets = allBullets(cv);
  const withStop = bullets.filter((b) => /\.\s*$/.test(b)).length;
  return withStop * 2 > bullets.length ? 'period' : 'bare';
}

/** One line per bullet, ending the same way as the others; the words stay as written. */
function finishBullet(text: string, ending: BulletEnding): string {
  let t = text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim()
    .replace(/\s*[;,]$/, '');
  if (ending === 'period') {
    if (!/[.!?…]$/.test(t)) t = `${t}.`;
  } else if (/[^.]\.$/.test(t) && endsSentence(t)) {
    // "Acme Inc." or "etc." keep their period: it belongs to the word, not the sentence.
    t = t.slice(0, -1);
  }
  return t;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Text of a CV line without bullet, markdown and the dates in it, for an entry's heading. */
function headingText(line: string): string {
  let text = stripMarkdown(stripBullet(line)).trim();
  const spans = [...findDateRanges(text), ...findDates(text)].map((d) => d.index);
  if (spans.length > 0) text = text.slice(0, Math.min(...spans));
  return text.replace(/[\s|,;:–—(-]+$/u, '').trim();
}

function linesNear(cv: CvStructure, key: SectionKey, n: number, reach: number): string[] {
  return cv.meta.sections
    .filter((s) => s.key === key)
    .flatMap((s) => s.lines)
    .filter((l) => Math.abs(l.n - n) <= reach)
    .sort((a, b) => Math.abs(a.n - n) - Math.abs(b.n - n))
    .map((l) => l.text);
}

/** Where `word` stands as a whole word in `text`, from `from` on; -1 when it does not. */
function wholeWordAt(text: string, word: string, from: number): number {
  for (let at = text.indexOf(word, from); at !== -1; at = text.indexOf(word, at + 1)) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + word.length] ?? ' ';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return at;
  }
  return -1;
}

/**
 * The degree as the CV writes it. The structure keeps the degree's type and field apart and may
 * drop the words between them ("Grado en Administración y Dirección de Empresas" gives "Grado" and
 * "Empresas"), so the words are taken from the line itself, from the type to the field's last word.
 */
function degreeText(cv: CvStructure, e: CvEducation): string {
  const fallback = [e.studyType, e.area].filter((x) => x !== null && x !== '').join(' ');
  if (e.studyType === null || e.area === null) return fallback;
  const first = fold(e.studyType.trim());
  const areaWords = fold(e.area.trim()).match(/[\p{L}\p{N}]+/gu) ?? [];
  const lastWord = areaWords.at(-1) ?? '';
  for (const line of linesNear(cv, 'education', e.line, 2)) {
    const text = stripMarkdown(stripBullet(line));
    const folded = fold(text);
    const start = folded.indexOf(first);
    if (start === -1 || lastWord === '') continue;
    // The field's words in their order, each a whole word: the "A" of "Economics A" is neither the
    // "a" inside "Mathematics" nor the grade of the subject before it.
    let at = start + first.length;
    for (const [k, word] of areaWords.entries()) {
      at = wholeWordAt(folded, word, k === 0 ? at : at + 1);
      if (at === -1) break;
    }
    if (at === -1) continue;
    let end = at + lastWord.length;
    const piece = () => text.slice(start, end);
    // "Nursing (BSN" closes its bracket.
    if ((piece().match(/\(/g) ?? []).length > (piece().match(/\)/g) ?? []).length && text[end] === ')') end++;
    const found = piece().trim();
    const institution = e.institution === null ? '' : fold(e.institution);
    if (found.length <= 120 && (institution === '' || !fold(found).includes(institution))) return found;
  }
  return fallback;
}

/** A project's name as its line writes it ("StudyBuddy (web app)"), dates left to their own line. */
function projectName(cv: CvStructure, p: CvProject): string {
  const line = linesNear(cv, 'projects', p.line, 0)[0];
  if (line === undefined) return p.name;
  const text = headingText(line);
  return text.length <= 100 && fold(text).startsWith(fold(p.name)) ? text : p.name;
}

function workBlock(w: CvWork, lang: Lang, ending: BulletEnding, needs: readonly Need[]): string[] {
  const head = [w.position, [w.name, w.location].filter((x) => x !== null).join(', ')].filter(
    (x) => x !== null && x !== '',
  );
  const out = [`### ${head.length > 0 ? head.join(' — ') : '—'}`];
  const dates = dateLine(w.startDate, w.endDate, w.current, lang);
  if (dates !== null) out.push(`*${dates}*`);
  out.push('');
  if (w.summary !== null) out.push(w.summary.replace(/\s*\n\s*/g, ' '), '');
  for (const h of leadOrder(w.highlights, needs)) out.push(`- ${finishBullet(h, ending)}`);
  out.push('');
  return out;
}

function educationBlock(cv: CvStructure, e: CvEducation, lang: Lang, ending: BulletEnding): string[] {
  const head = [degreeText(cv, e), e.institution].filter((x) => x !== null && x !== '');
  // A bar, not a dash, between degree and school: CV readers take "Degree — School" for one name
  // (or the school's last word for the field), and the degree would no longer be read as one.
  const out = [`### ${head.length > 0 ? head.join(' | ') : '—'}`];
  const dates = dateLine(e.startDate, e.endDate, false, lang);
  if (dates !== null) out.push(`*${dates}*`);
  out.push('');
  for (const h of e.highlights) out.push(`- ${finishBullet(h, ending)}`);
  if (e.highlights.length > 0) out.push('');
  return out;
}

function projectBlock(
  cv: CvStructure,
  p: CvProject,
  lang: Lang,
  ending: BulletEnding,
  needs: readonly Need[],
): string[] {
  const out = [`### ${projectName(cv, p)}`];
  const dates = dateLine(p.startDate, p.endDate, false, lang);
  if (dates !== null && p.startDate !== null) out.push(`*${dates}*`);
  out.push('');
  if (p.description !== null) out.push(p.description.replace(/\s*\n\s*/g, ' '), '');
  for (const h of leadOrder(p.highlights, needs)) out.push(`- ${finishBullet(h, ending)}`);
  out.push('');
  return out;
}

function certificateLine(c: CvCertificate, lang: Lang): string {
  const date = c.date === null ? null : /^\d{4}-\d{2}$/.test(c.date) ? formatDate(c.date, lang) : c.date;
  // A line kept as written ("…, since 2021") holds its date already.
  const dated = c.date !== null && c.name.includes(c.date.slice(0, 4));
  return `- ${[c.name, c.issuer, dated ? null : date].filter((x) => x !== null && x !== '').join(', ')}`;
}

/** The heading a section gets in the CV's language: one word for it, whatever the author wrote. */
function headingOf(key: SectionKey, lang: Lang): string {
  return key === 'contact' || key === 'notes' ? key : LABELS[lang].headings[key];
}

/** Sections the plan has no slot for (awards, interests, publications...) keep their lines as written. */
function otherSection(section: CvSection & { key: SectionKey }, lang: Lang): string[] {
  const heading = headingOf(section.key, lang);
  const lines = section.lines.map((l) => l.text.replace(/^\s*[•▪◦●‣►▸■□➢✓✔·*]\s+/u, '- '));
  return [`## ${heading}`, '', ...lines, ''];
}

/** Jobs newest first, as a reader expects; an entry without a start date leaves the author's order alone. */
function newestFirst<T extends { startDate: string | null; endDate: string | null; current: boolean }>(
  entries: readonly T[],
): T[] {
  if (entries.some((e) => e.startDate === null)) return [...entries];
  const endKey = (e: T) => (e.current ? '9999' : (e.endDate ?? e.startDate ?? ''));
  return entries
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        endKey(b.e).localeCompare(endKey(a.e)) ||
        (b.e.startDate ?? '').localeCompare(a.e.startDate ?? '') ||
        a.i - b.i,
    )
    .map((x) => x.e);
}

// --- Skills: what the CV's own bullets prove ---------------------------------------------------------

interface Proof {
  /** how many bullets or role descriptions name the skill */
  count: number;
  /** the words of the first one that does */
  wording: string;
  /** position of that first mention, for ties */
  order: number;
}

/**
 * Where the CV shows what it did: role and project bullets and descriptions, and the lines under a
 * degree (a thesis, a course project), which prove what was studied as the match score reads them.
 */
function provingLines(cv: CvStructure): string[] {
  return [
    ...cv.work.flatMap((w) => [...(w.summary === null ? [] : [w.summary]), ...w.highlights]),
    ...cv.volunteer.flatMap((w) => [...(w.summary === null ? [] : [w.summary]), ...w.highlights]),
    ...cv.projects.flatMap((p) => [...(p.description === null ? [] : [p.description]), ...p.highlights]),
    ...cv.education.flatMap((e) => e.highlights),
  ];
}

/** Skills named where the CV shows them used. */
function provenSkills(cv: CvStructure): Map<string, Proof> {
  const proven = new Map<string, Proof>();
  for (const line of provingLines(cv)) {
    for (const h of new Map(findSkills(line).map((x) => [x.id, x])).values()) {
      const seen = proven.get(h.id);
      if (seen !== undefined) seen.count++;
      else proven.set(h.id, { count: 1, wording: h.text, order: proven.size });
    }
  }
  return proven;
}

/**
 * Requirements the vocabulary does not know ("Level I trauma center") that a bullet meets, in the
 * bullet's own words, by requirement id.
 */
function provenPhrases(cv: CvStructure, job: JobProfile): Map<string, string> {
  const lines = provingLines(cv);
  const found = new Map<string, string>();
  for (const r of job.requirements) {
    if (r.kind !== 'skill' || r.alternatives === undefined) continue;
    for (const line of lines) {
      const phrase = phraseIn(line, r.alternatives);
      if (phrase === null) continue;
      found.set(r.id, capitalized(phrase));
      break;
    }
  }
  return found;
}

/**
 * How to name a proven skill in a list: the author's own skills-list item where there is one, else
 * the bullet's own words ("Kaizen", "vital signs"). A bare lower-case word of an English bullet
 * ("quota" in "128% of quota") names no skill on its own; there the vocabulary's name ("Quota
 * attainment") is used. In the other languages the bullet's words always stand: the vocabulary's
 * names are English.
 */
function skillWording(cv: CvStructure, id: string, proof: Proof | undefined, lang: Lang): string {
  const own = cv.skills
    .flatMap((g) => g.keywords)
    .find((k) => {
      const hits = findSkills(k);
      return hits.length > 0 && hits.every((h) => h.id === id);
    });
  const canonical = skillName(id);
  const bare = proof !== undefined && /^\p{Ll}[\p{L}-]*$/u.test(proof.wording);
  const words =
    own ??
    (proof === undefined || proof.wording.length > 40 || (lang === 'en' && bare) ? canonical : proof.wording);
  // Taken from mid-sentence ("stratégie SEO") or a lower-case list, a word starts lower case; leading
  // a list it is capitalized, unless the name itself is written lower case ("pandas").
  return /^\p{Ll}/u.test(words) && /^\p{Lu}/u.test(canonical) ? capitalized(words) : words;
}

interface SkillsPlan {
  forward: string[];
  groups: { name: string; keywords: string[] }[];
}

// A real CV names its core skill a handful of times; one named this often needs no more naming,
// and once more would read as keyword stuffing (the match score takes points for it).
const ENOUGH_MENTIONS = 6;

/** How many times the CV names each skill, notes to its author left out. */
function mentionCounts(cv: CvStructure): Map<string, number> {
  const counts = new Map<string, number>();
  for (const section of cv.meta.sections) {
    if (section.key === 'notes') continue;
    for (const l of section.lines)
      for (const h of findSkills(l.text)) counts.set(h.id, (counts.get(h.id) ?? 0) + 1);
  }
  return counts;
}

function requirementIds(r: JobRequirement): string[] {
  return [...(r.anyOf ?? (r.skillId === undefined ? [] : [r.skillId]))];
}

/**
 * The job's skills that the CV's bullets prove lead the skills section, must-haves first; the
 * author's groups follow without repeats, the groups and their items ordered by what the job asks.
 */
function planSkills(
  cv: CvStructure,
  job: JobProfile,
  proven: ReadonlyMap<string, Proof>,
  phrases: ReadonlyMap<string, string>,
  needs: readonly Need[],
  lang: Lang,
): SkillsPlan {
  const forward: string[] = [];
  const mentions = mentionCounts(cv);
  const forwardIds = new Set<string>();
  const asked = byDescending(
    job.requirements.filter((r) => r.kind === 'skill'),
    (r) => NEED_WEIGHT[r.importance],
  );
  for (const req of asked) {
    const phrase = phrases.get(req.id);
    if (phrase !== undefined && !forward.some((f) => fold(f) === fold(phrase))) forward.push(phrase);
    for (const id of requirementIds(req)) {
      if (!proven.has(id) || forwardIds.has(id) || (mentions.get(id) ?? 0) >= ENOUGH_MENTIONS) continue;
      const words = skillWording(cv, id, proven.get(id), lang);
      forwardIds.add(id);
      if (!forward.some((f) => fold(f) === fold(words))) forward.push(words);
    }
  }
  // An item leaves its group only for its own words in the line above: "Usability testing" stays
  // when "User research", a name of the same skill, is the one put forward.
  const forwarded = new Set(forward.map((f) => fold(f)));
  const groups = cv.skills
    .map((g) => ({
      name: g.name,
      keywords: byDescending(
        g.keywords.filter((k) => !forwarded.has(fold(k))),
        (k) => relevance(k, needs),
      ),
    }))
    .filter((g) => g.keywords.length > 0);
  return {
    forward,
    groups: byDescending(groups, (g) => g.keywords.reduce((n, k) => n + relevance(k, needs), 0)),
  };
}

// --- Summary ------------------------------------------------------------------------------------------

/** The title(s) of the current roles, or of the latest one. */
function recentTitle(work: readonly CvWork[]): string | null {
  const current = work.filter((w) => w.current && w.position !== null).map((w) => w.position!);
  const titles = current.length > 0 ? [...new Set(current)].slice(0, 2) : [work[0]?.position ?? null];
  const shown = titles.filter((t): t is string => t !== null && t.trim() !== '');
  return shown.length === 0 ? null : shown.join(' / ');
}

function listOf(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${LABELS[lang].and} ${items[items.length - 1]}`;
}

/**
 * A summary from the CV's facts for a CV without one: the most recent title, the whole years of
 * work its dates add up to (never rounded up), and the skills its bullets prove most, those the
 * job asks for first.
 */
function composeSummary(
  cv: CvStructure,
  work: readonly CvWork[],
  proven: ReadonlyMap<string, Proof>,
  phrases: ReadonlyMap<string, string>,
  job: JobProfile,
  needs: readonly Need[],
  referenceDate: string | null,
  lang: Lang,
): string | null {
  const S = SUMMARY[lang];
  const title = recentTitle(work);
  const years = Math.floor(experienceYears(cv, referenceDate));
  const weightOf = (id: string) => Math.max(0, ...needs.filter((n) => n.ids.has(id)).map((n) => n.weight));
  const candidates = [
    ...[...proven.entries()].map(([id, proof]) => ({
      words: skillWording(cv, id, proof, lang),
      weight: weightOf(id),
      count: proof.count,
      order: proof.order,
    })),
    ...job.requirements.flatMap((r) => {
      const words = phrases.get(r.id);
      return words === undefined
        ? []
        : [{ words, weight: NEED_WEIGHT[r.importance], count: 1, order: Number.MAX_SAFE_INTEGER }];
    }),
  ];
  const ranked = candidates
    .sort((a, b) => b.weight - a.weight || b.count - a.count || a.order - b.order)
    .map((c) => c.words)
    .filter((w) => title === null || !fold(title).includes(fold(w)));
  const skills = [...new Map(ranked.map((w) => [fold(w), w])).values()].slice(0, 4);
  const sentences: string[] = [];
  if (title !== null && years >= 1) sentences.push(`${S.withTitle(title, years)}.`);
  else if (title !== null) sentences.push(`${title}.`);
  else if (years >= 1) sentences.push(`${capitalized(S.years(years))}.`);
  if (skills.length > 0) sentences.push(`${S.keySkills} ${listOf(skills, lang)}.`);
  return sentences.length === 0 ? null : sentences.join(' ');
}

// --- Suggestions --------------------------------------------------------------------------------------

/**
 * Advice to the author about the CV's own bullets (weak phrasing, no visible result) and, given a
 * job, about its skills that are only listed and its requirements the CV does not mention. Written
 * in the CV's language; it names no skill or number the CV does not already hold.
 */
export function suggestionsFor(
  cv: CvStructure,
  job?: JobProfile | JobInput,
  options: MatchOptions = {},
): CvSuggestion[] {
  const advice = ADVICE[cv.meta.language];
  const out: CvSuggestion[] = [];
  const bullets = [...cv.work, ...cv.volunteer].flatMap((w) => w.highlights);
  for (const h of bullets) {
    const folded = fold(h);
    const weak = WEAK_PHRASE_RE.exec(folded);
    if (weak !== null) {
      out.push({ quote: h, advice: advice.duty(h.slice(0, weak[0].length)) });
    } else if (findNumbers(h).length === 0 && !RESULT_RE.test(folded)) {
      out.push({ quote: h, advice: advice.noResult });
    }
  }
  if (job === undefined) return out;
  const profile = 'requirements' in job ? job : analyzeJob(job);
  const match = scoreMatch(cv, profile, options);
  const shown = shownSkills(cv);
  // Only the alternatives the CV names: "HubSpot or Marketing automation" must not bring in the second.
  const byId = new Map(profile.requirements.map((r) => [r.id, r]));
  const weakNames = match.requirements
    .filter((r) => r.status === 'weak' && r.kind === 'skill')
    .flatMap((r) => {
      const req = byId.get(r.id);
      return (req === undefined ? [] : requirementIds(req))
        .filter((id) => shown.has(id))
        .map((id) => wordingInCv(cv, id) ?? skillName(id));
    });
  const onlyListed = [...new Set(weakNames)].join(', ');
  if (onlyListed !== '') out.push({ quote: onlyListed, advice: advice.onlyListed(onlyListed) });
  const missing = match.requirements.filter((r) => r.status === 'missing' && r.kind === 'skill');
  if (missing.length > 0)
    out.push({ quote: missing.map((r) => r.requirement).join(', '), advice: advice.missing });
  return out;
}

/** Skills the CV names anywhere but in notes to its author. */
function shownSkills(cv: CvStructure): Set<string> {
  return new Set(
    cv.meta.sections
      .filter((s) => s.key !== 'notes')
      .flatMap((s) => s.lines.flatMap((l) => findSkills(l.text).map((h) => h.id))),
  );
}

/** How the CV itself names a skill ("Medikamentengabe" rather than "Medication administration"). */
function wordingInCv(cv: CvStructure, skillId: string): string | null {
  for (const section of cv.meta.sections) {
    for (const l of section.lines) {
      const hit = findSkills(l.text).find((h) => h.id === skillId);
      if (hit !== undefined) return hit.text.length <= 40 ? hit.text : null;
    }
  }
  return null;
}

// --- The improvement ----------------------------------------------------------------------------------

function headerBlock(cv: CvStructure, headline: string | null): string[] {
  const md = [`# ${cv.basics.name ?? 'Curriculum Vitae'}`, ''];
  if (headline !== null) md.push(`**${headline}**`, '');
  const contact = [
    cv.basics.email,
    cv.basics.phone,
    cv.basics.location?.address ?? null,
    cv.basics.url,
    ...cv.basics.profiles.map((p) => p.url),
  ]
    .filter((x) => x !== null && x !== '')
    .join(' · ');
  if (contact !== '') md.push(contact, '');
  return md;
}

function skillsBlock(plan: SkillsPlan, lang: Lang): string[] {
  const block: string[] = [];
  if (plan.forward.length > 0) block.push(`**${LABELS[lang].forward}** ${plan.forward.join(', ')}`, '');
  // The parser names an unlabelled list "Skills"; it stays unlabelled.
  for (const g of plan.groups) {
    block.push(
      g.name === 'Skills' ? `- ${g.keywords.join(', ')}` : `- **${g.name}:** ${g.keywords.join(', ')}`,
    );
  }
  if (plan.groups.length > 0) block.push('');
  return block;
}

function reordered(before: readonly string[], after: readonly string[]): boolean {
  return before.some((b, i) => b !== after[i]);
}

/** Improves a CV for a job without a model: order, emphasis, form and a factual summary, no new facts. */
export function improveCvOffline(input: {
  cvText: string;
  /** The structure as the user corrected it; used instead of reading `cvText` */
  structure?: CvStructure | undefined;
  job: JobInput | JobProfile;
  /** `YYYY-MM` that "Present" means; the API passes the current month, tests a fixed one */
  referenceDate?: string | undefined;
}): OfflineImprovement {
  const cv = input.structure ?? parseCv(input.cvText);
  const job = 'requirements' in input.job ? input.job : analyzeJob(input.job);
  const lang = cv.meta.language;
  // "Present" means what it means to the match score, so the summary's years agree with it.
  const referenceDate =
    input.referenceDate ?? latestDate(cv.meta.sections.flatMap((s) => s.lines.map((l) => l.text)).join('\n'));
  const options = referenceDate === null ? {} : { referenceDate };
  const needs = needsOf(job);
  const proven = provenSkills(cv);
  const phrases = provenPhrases(cv, job);
  const work = newestFirst(cv.work);
  const skills = planSkills(cv, job, proven, phrases, needs, lang);
  const summary =
    cv.basics.summary ?? composeSummary(cv, work, proven, phrases, job, needs, referenceDate, lang);
  const plan: SectionPlan = { cv, lang, work, skills, summary, needs, ending: bulletEnding(cv) };
  const md = headerBlock(cv, headlineFor(cv, job));

  const order = SECTION_ORDER[job.experienceLevel];
  const rendered = new Set<SectionKey>();
  for (const key of order) {
    const block = sectionBlock(key, plan);
    if (block.length > 0) {
      md.push(`## ${headingOf(key, lang)}`, '', ...block);
      rendered.add(key);
    }
  }
  for (const section of cv.meta.sections) {
    if (section.key === 'header' || section.key === 'notes' || section.key === 'contact') continue;
    if (order.includes(section.key) || section.lines.length === 0) continue;
    md.push(...otherSection({ ...section, key: section.key }, lang));
  }
  // Personal details that are no contact detail stay, after the rest: nothing of the CV is lost.
  const details = cv.meta.sections
    .filter((s) => s.key === 'contact')
    .flatMap((s) => s.lines.map((l) => l.text.trim()))
    .filter((t) => t !== '');
  if (details.length > 0)
    md.push(`## ${LABELS[lang].additional}`, '', ...details.map((t) => (isBulletLine(t) ? t : `- ${t}`)), '');

  const suggestions = suggestionsFor(cv, job, options);
  const match = scoreMatch(cv, job, options);
  return {
    markdown: `${md
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()}\n`,
    notes: changeNotes(plan, job, order, rendered, suggestions, match),
    suggestions,
  };
}

/** What the offline improvement writes a CV from: the CV, the job's needs, and what was planned. */
interface SectionPlan {
  cv: CvStructure;
  lang: CvStructure['meta']['language'];
  work: CvStructure['work'];
  skills: ReturnType<typeof planSkills>;
  summary: string | null;
  needs: ReturnType<typeof needsOf>;
  ending: ReturnType<typeof bulletEnding>;
}

/** The lines of one section of the improved CV; empty when the CV has nothing for it. */
function sectionBlock(key: SectionKey, plan: SectionPlan): string[] {
  const { cv, lang, work, skills, summary, needs, ending } = plan;
  const block: string[] = [];
  switch (key) {
    case 'summary':
      if (summary !== null) block.push(summary.replace(/\s*\n\s*/g, ' '), '');
      break;
    case 'skills':
      block.push(...skillsBlock(skills, lang));
      break;
    case 'experience':
      for (const w of work) block.push(...workBlock(w, lang, ending, needs));
      break;
    case 'education':
      for (const e of cv.education) block.push(...educationBlock(cv, e, lang, ending));
      break;
    case 'projects':
      for (const p of cv.projects) block.push(...projectBlock(cv, p, lang, ending, needs));
      break;
    case 'certificates':
      for (const c of cv.certificates) block.push(certificateLine(c, lang));
      if (cv.certificates.length > 0) block.push('');
      break;
    case 'languages':
      if (cv.languages.length > 0) {
        block.push(
          cv.languages
            .map((x) => (x.fluency === null ? x.language : `${x.language} (${x.fluency})`))
            .join(' · '),
          '',
        );
      }
      break;
    case 'volunteer':
      for (const { organization, ...w } of newestFirst(cv.volunteer))
        block.push(...workBlock({ ...w, name: organization }, lang, ending, needs));
      break;
  }
  return block;
}

/** The report's notes: each change made and why, then what the author could add. */
function changeNotes(
  plan: SectionPlan,
  job: JobProfile,
  order: readonly SectionKey[],
  rendered: ReadonlySet<SectionKey>,
  suggestions: readonly unknown[],
  match: ReturnType<typeof scoreMatch>,
): string[] {
  const { cv, summary, needs, skills } = plan;
  const notes: string[] = [];
  const before = cv.meta.sectionOrder.filter((k) => rendered.has(k));
  const after = order.filter((k) => rendered.has(k));
  if (before.join() !== after.join()) {
    notes.push(
      `Sections ordered for a ${job.experienceLevel} years candidate: ${after.map((k) => headingOf(k, 'en')).join(', ')}.`,
    );
  }
  if (cv.basics.summary === null && summary !== null)
    notes.push(
      "Wrote a summary from the CV's own facts: its latest title, the years its dates add up to, and skills its roles show.",
    );
  const moved = [...cv.work, ...cv.volunteer, ...cv.projects].filter((e) =>
    reordered(e.highlights, leadOrder(e.highlights, needs)),
  ).length;
  if (moved > 0)
    notes.push(
      `Ordered the bullets of ${moved} role(s) or project(s) so that what the job asks for comes first; no bullet was reworded.`,
    );
  if (skills.forward.length > 0)
    notes.push(
      `Put forward skills the job asks for that the CV's roles already show: ${skills.forward.join(', ')}.`,
    );
  if (suggestions.length > 0)
    notes.push(`${suggestions.length} suggestion(s) for the author, given apart from the CV.`);
  for (const r of match.requirements.filter((x) => x.status === 'missing' && x.kind === 'skill'))
    notes.push(
      `Add only if true: ${r.requirement} (${r.importance === 'must' ? 'required' : 'nice to have'} for this job).`,
    );
  notes.push('No language model was used; no fact was added.');
  return notes;
}
