// V8 compiles a regex on its first use and optimizes functions once they run hot, so the first
// analysis in a process costs about twice a warm one. A service calls this once at start-up (as it
// warms PDF extraction) so the first user request runs at warm speed.
import { checkFacts } from './fact-guard.ts';
import { improveCvOffline } from './offline-improve.ts';
import { analyzeCv } from './report.ts';

// One short CV per language, so every month name, heading and present word pattern gets compiled.
const SAMPLES = [
  'Jane Doe\njane@example.com | +44 7700 900123 | London, UK\nSummary\nEngineer with 5 years of experience.\nExperience\nSenior Engineer, Acme Ltd\nJan 2020 – Present\n- Led a team of 5 engineers; cut latency by 40% and costs by €120k\nEducation\nB.Sc. Computer Science, University of Leeds, 2014 – 2017\nSkills\nPython, SQL, Kubernetes\nLanguages\nEnglish (native)',
  'Anna Schmidt\nBerufserfahrung\n03.2019 - heute\nPflegefachkraft, Klinikum Köln\n- Versorgung von drei Patienten, Senkung um 15 %\nAusbildung\nStaatsexamen, Pflegeschule Bonn, 2016\nKenntnisse\nWundversorgung',
  "Camille Durand\nExpérience professionnelle\nChargée de marketing – Atelier Vert SARL\njanv. 2021 – aujourd'hui\n• Budget de 450 000 € par an\nFormation\nMaster Marketing, IAE Lyon, 2018\nCompétences\nSEO",
  'Javier Morales\nExperiencia laboral\nAnalista Financiero — Banco Meridiano\nenero 2018 – actualidad\n- Presupuesto de 85 millones de euros\nEducación\nGrado en Economía, Universidad de Valencia, 2014\nHabilidades\nExcel',
];

export function warmUpAnalysis(): void {
  const job = {
    position: 'Senior Engineer',
    industry: 'Software',
    experience_level: '3-5' as const,
    job_description:
      'Requirements:\n- 3+ years of experience with Python or Go\n- Fluent English\nNice to have:\n- Kubernetes is a plus',
  };
  for (const cvText of SAMPLES) {
    analyzeCv({ cvText, job });
    const { markdown } = improveCvOffline({ cvText, job });
    checkFacts(cvText, markdown);
  }
}
