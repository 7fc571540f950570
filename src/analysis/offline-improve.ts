// The improvement the `offline` provider offers: no model, no network, no invented content. It
// rebuilds the CV as clean markdown from its structure, orders sections for the candidate's level,
// puts forward the job's requirements that the CV already proves, and lists weak phrasing and
// bullets without results as suggestions instead of rewriting them into claims. Every fact of the
// output comes from the input, which the tests check with the fact guard on every fixture.
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
import { analyzeJob, type ExperienceLevel, type JobInput, type JobProfile, skillName } from './job.ts';
import { scoreMatch } from './match-score.ts';
import { findNumbers } from './numbers.ts';
import { findSkills } from './skills.ts';
import { fold } from './text.ts';

export interface OfflineImprovement {
  markdown: string;
  /** what was done and what the author should consider, for the report and the API */
  notes: string[];
}

type Lang = CvStructure['meta']['language'];

const LABELS: Record<Lang, Record<string, string>> = {
  en: {
    summary: 'Summary',
    skills: 'Skills',
    experience: 'Experience',
    education: 'Education',
    projects: 'Projects',
    certificates: 'Certifications',
    languages: 'Languages',
    volunteer: 'Volunteering',
    present: 'Present',
    forward: 'Relevant to this role',
    suggestions: 'Suggestions',
  },
  de: {
    summary: 'Profil',
    skills: 'Kenntnisse',
    experience: 'Berufserfahrung',
    education: 'Ausbildung',
    projects: 'Projekte',
    certificates: 'Zertifikate',
    languages: 'Sprachen',
    volunteer: 'Ehrenamt',
    present: 'heute',
    forward: 'Relevant für diese Stelle',
    suggestions: 'Hinweise',
  },
  fr: {
    summary: 'Profil',
    skills: 'Compétences',
    experience: 'Expérience professionnelle',
    education: 'Formation',
    projects: 'Projets',
    certificates: 'Certifications',
    languages: 'Langues',
    volunteer: 'Bénévolat',
    present: "aujourd'hui",
    forward: 'Pertinent pour ce poste',
    suggestions: 'Suggestions',
  },
  es: {
    summary: 'Perfil',
    skills: 'Habilidades',
    experience: 'Experiencia laboral',
    education: 'Educación',
    projects: 'Proyectos',
    certificates: 'Certificaciones',
    languages: 'Idiomas',
    volunteer: 'Voluntariado',
    present: 'actualidad',
    forward: 'Relevante para este puesto',
    suggestions: 'Sugerencias',
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

function formatDate(date: string | null, lang: Lang): string {
  if (date === null) return LABELS[lang].present!;
  return date.length === 7 ? `${date.slice(5, 7)}/${date.slice(0, 4)}` : date;
}

function dateLine(start: string | null, end: string | null, current: boolean, lang: Lang): string | null {
  if (start === null && end === null) return null;
  if (start === null) return formatDate(end, lang);
  return `${formatDate(start, lang)} – ${current || end === null ? LABELS[lang].present : formatDate(end, lang)}`;
}

function workBlock(w: CvWork, lang: Lang): string[] {
  const head = [w.position, [w.name, w.location].filter((x) => x !== null).join(', ')].filter(
    (x) => x !== null && x !== '',
  );
  const out = [`### ${head.length > 0 ? head.join(' — ') : '—'}`];
  const dates = dateLine(w.startDate, w.endDate, w.current, lang);
  if (dates !== null) out.push(`*${dates}*`);
  out.push('');
  if (w.summary !== null) out.push(w.summary, '');
  for (const h of w.highlights) out.push(`- ${h}`);
  out.push('');
  return out;
}

function educationBlock(e: CvEducation, lang: Lang): string[] {
  const degree = [e.studyType, e.area].filter((x) => x !== null).join(' ');
  const head = [degree, e.institution].filter((x) => x !== null && x !== '');
  const out = [`### ${head.length > 0 ? head.join(' — ') : '—'}`];
  const dates = dateLine(e.startDate, e.endDate, false, lang);
  if (dates !== null) out.push(`*${dates}*`);
  out.push('');
  for (const h of e.highlights) out.push(`- ${h}`);
  if (e.highlights.length > 0) out.push('');
  return out;
}

function projectBlock(p: CvProject, lang: Lang): string[] {
  const out = [`### ${p.name}`];
  const dates = dateLine(p.startDate, p.endDate, false, lang);
  if (dates !== null && p.startDate !== null) out.push(`*${dates}*`);
  out.push('');
  if (p.description !== null) out.push(p.description, '');
  for (const h of p.highlights) out.push(`- ${h}`);
  out.push('');
  return out;
}

function certificateLine(c: CvCertificate): string {
  const extra = [c.issuer, c.date].filter((x) => x !== null).join(', ');
  return `- ${c.name}${extra === '' ? '' : ` (${extra})`}`;
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

interface SkillsPlan {
  forward: string[];
  groups: { name: string; keywords: string[] }[];
}

/** The job's skills the CV already shows, first; then the CV's own skill groups without repeats. */
function planSkills(cv: CvStructure, job: JobProfile, shownIds: ReadonlySet<string>): SkillsPlan {
  const forward: string[] = [];
  const forwardIds = new Set<string>();
  for (const req of job.requirements) {
    if (req.kind !== 'skill') continue;
    for (const id of req.anyOf ?? (req.skillId === undefined ? [] : [req.skillId])) {
      if (!shownIds.has(id) || forwardIds.has(id)) continue;
      // Use the CV's own spelling of the skill where it has one, so the words stay the author's.
      const own = cv.skills.flatMap((g) => g.keywords).find((k) => findSkills(k).some((h) => h.id === id));
      const words = own ?? wordingInCv(cv, id) ?? skillName(id);
      // Taken from mid-sentence ("stratégie SEO"), a word starts lower case; in a list it leads.
      forward.push(words.charAt(0).toUpperCase() + words.slice(1));
      forwardIds.add(id);
    }
  }
  const groups = cv.skills
    .map((g) => ({
      name: g.name,
      keywords: g.keywords.filter((k) => {
        const hits = findSkills(k);
        return hits.length === 0 || !hits.every((h) => forwardIds.has(h.id));
      }),
    }))
    .filter((g) => g.keywords.length > 0);
  return { forward, groups };
}

// Advice written in the CV's language. None of it may name a skill or a number: the output has to
// pass the fact guard against the input, and these lines are part of the output.
const ADVICE: Record<
  Lang,
  {
    header: string;
    duty: (phrase: string) => string;
    noResult: string;
    onlyListed: (skills: string) => string;
    missing: string;
  }
> = {
  en: {
    header:
      'Restructured automatically without a language model: the content is your own, reordered and formatted for the target role. Nothing was added; see the suggestions at the end.',
    duty: (p) =>
      `starts with "${p}", which describes a duty. Say what you did and what changed because of it: start with a verb such as built, led, improved or automated.`,
    noResult: 'shows no result. If you know it, add the outcome: how much, how many, how fast, or for whom.',
    onlyListed: (s) =>
      `Some skills the job asks for appear only in your skills list or summary (${s}). If you used them in a role or project, say where and what for.`,
    missing:
      'The job asks for things this CV does not mention; the report lists them. Add one only if it is true.',
  },
  de: {
    header:
      'Automatisch neu gegliedert, ohne Sprachmodell: Der Inhalt ist Ihrer, für die Zielstelle geordnet und formatiert. Nichts wurde hinzugefügt; Hinweise stehen am Ende.',
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
    header:
      "Restructuré automatiquement, sans modèle de langage : le contenu est le vôtre, réordonné et mis en forme pour le poste visé. Rien n'a été ajouté ; voir les suggestions à la fin.",
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
    header:
      'Reestructurado automáticamente, sin modelo de lenguaje: el contenido es suyo, reordenado y con formato para el puesto. No se ha añadido nada; vea las sugerencias al final.',
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

interface Suggestion {
  quote: string;
  advice: string;
}

function suggestionsFor(cv: CvStructure): Suggestion[] {
  const advice = ADVICE[cv.meta.language];
  const out: Suggestion[] = [];
  const bullets = [...cv.work, ...cv.volunteer].flatMap((w) => w.highlights);
  for (const h of bullets) {
    const folded = fold(h);
    const weak = WEAK_PHRASE_RE.exec(folded);
    if (weak !== null) {
      out.push({
        quote: h,
        advice: advice.duty(h.slice(0, weak[0].length)),
      });
    } else if (findNumbers(h).length === 0 && !RESULT_RE.test(folded)) {
      out.push({
        quote: h,
        advice: advice.noResult,
      });
    }
  }
  return out;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3).trimEnd()}...`;
}

function otherSection(section: CvSection): string[] {
  return [`## ${section.heading ?? section.key}`, '', ...section.lines.map((l) => l.text), ''];
}

/** Improves a CV for a job without a model: structure, order, emphasis and suggestions, no new facts. */
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
  const L = LABELS[lang];
  const match = scoreMatch(
    cv,
    job,
    input.referenceDate === undefined ? {} : { referenceDate: input.referenceDate },
  );
  const shown = new Set(
    cv.meta.sections
      .filter((s) => s.key !== 'notes')
      .flatMap((s) => s.lines.flatMap((l) => findSkills(l.text).map((h) => h.id))),
  );
  const notes: string[] = [];
  const md: string[] = [];

  md.push(`# ${cv.basics.name ?? 'Curriculum Vitae'}`, '');
  if (cv.basics.label !== null) md.push(`**${cv.basics.label}**`, '');
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
  md.push(`> ${ADVICE[lang].header}`, '');

  const skills = planSkills(cv, job, shown);
  const order = SECTION_ORDER[job.experienceLevel];
  const rendered = new Set<SectionKey>();
  for (const key of order) {
    const block: string[] = [];
    switch (key) {
      case 'summary':
        if (cv.basics.summary !== null) block.push(cv.basics.summary, '');
        break;
      case 'skills':
        if (skills.forward.length > 0) block.push(`**${L.forward}:** ${skills.forward.join(', ')}`, '');
        // The parser names an unlabelled list "Skills"; it stays unlabelled.
        for (const g of skills.groups) {
          block.push(
            g.name === 'Skills' ? `- ${g.keywords.join(', ')}` : `- **${g.name}:** ${g.keywords.join(', ')}`,
          );
        }
        if (skills.groups.length > 0) block.push('');
        break;
      case 'experience':
        for (const w of cv.work) block.push(...workBlock(w, lang));
        break;
      case 'education':
        for (const e of cv.education) block.push(...educationBlock(e, lang));
        break;
      case 'projects':
        for (const p of cv.projects) block.push(...projectBlock(p, lang));
        break;
      case 'certificates':
        for (const c of cv.certificates) block.push(certificateLine(c));
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
        for (const { organization, ...w } of cv.volunteer)
          block.push(...workBlock({ ...w, name: organization }, lang));
        break;
    }
    if (block.length > 0) {
      md.push(`## ${L[key]}`, '', ...block);
      rendered.add(key);
    }
  }
  // Sections the plan has no slot for (awards, interests, publications...) keep their text as written.
  for (const section of cv.meta.sections) {
    if (section.key === 'header' || section.key === 'notes' || section.key === 'contact') continue;
    if (order.includes(section.key) || section.lines.length === 0) continue;
    md.push(...otherSection(section));
  }

  const suggestions = suggestionsFor(cv);
  const missing = match.requirements.filter((r) => r.status === 'missing' && r.kind === 'skill');
  // Only the alternatives the CV names: "HubSpot or Marketing automation" must not bring in the second.
  const byId = new Map(job.requirements.map((r) => [r.id, r]));
  const weakNames = match.requirements
    .filter((r) => r.status === 'weak' && r.kind === 'skill')
    .flatMap((r) => {
      const req = byId.get(r.id);
      const ids = req?.anyOf ?? (req?.skillId === undefined ? [] : [req.skillId]);
      return ids.filter((id) => shown.has(id)).map((id) => wordingInCv(cv, id) ?? skillName(id));
    });
  const weakReqs = [...new Set(weakNames)];
  if (suggestions.length > 0 || missing.length > 0 || weakReqs.length > 0) {
    md.push(`## ${L.suggestions}`, '');
    for (const s of suggestions) md.push(`- "${truncate(s.quote, 90)}" ${s.advice}`);
    if (weakReqs.length > 0) {
      md.push(`- ${ADVICE[lang].onlyListed(weakReqs.join(', '))}`);
    }
    if (missing.length > 0) {
      md.push(`- ${ADVICE[lang].missing}`);
    }
    md.push('');
  }

  const before = cv.meta.sectionOrder.filter((k) => rendered.has(k));
  const after = order.filter((k) => rendered.has(k));
  if (before.join() !== after.join()) {
    notes.push(
      `Sections ordered for a ${job.experienceLevel} years candidate: ${after.map((k) => LABELS.en[k]).join(', ')}.`,
    );
  }
  if (skills.forward.length > 0)
    notes.push(
      `Put forward skills the job asks for that the CV already shows: ${skills.forward.join(', ')}.`,
    );
  if (suggestions.length > 0)
    notes.push(
      `${suggestions.length} bullet(s) with weak phrasing or no visible result are listed under Suggestions.`,
    );
  for (const r of missing)
    notes.push(
      `Add only if true: ${r.requirement} (${r.importance === 'must' ? 'required' : 'nice to have'} for this job).`,
    );
  notes.push('No language model was used; no fact was added.');

  return {
    markdown: `${md
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()}\n`,
    notes,
  };
}
