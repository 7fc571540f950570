// The improved CV as a JSON Resume document (https://jsonresume.org/schema/), for the tools that
// import that format (resume themes, job boards, other CV builders). Only the standard's fields:
// our reading's line numbers and confidences stay in the API.
import type { CvStructure } from '../analysis/index.ts';

const SCHEMA_URL = 'https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json';

/** Drops null, empty strings and empty lists: a JSON Resume field is absent rather than empty. */
function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[key] = v;
  }
  return out as Partial<T>;
}

export function jsonResumeOf(cv: CvStructure, lastModified: Date): Record<string, unknown> {
  const b = cv.basics;
  const role = (w: CvStructure['work'][number]) =>
    compact({
      position: w.position,
      location: w.location,
      startDate: w.startDate,
      endDate: w.current ? null : w.endDate,
      summary: w.summary,
      highlights: w.highlights,
    });
  return compact({
    $schema: SCHEMA_URL,
    basics: compact({
      name: b.name,
      label: b.label,
      email: b.email,
      phone: b.phone,
      url: b.url,
      summary: b.summary,
      location:
        b.location === null
          ? null
          : compact({
              address: b.location.address,
              city: b.location.city,
              region: b.location.region,
              countryCode: b.location.countryCode,
            }),
      profiles: b.profiles.map((p) => compact({ network: p.network, username: p.username, url: p.url })),
    }),
    work: cv.work.map((w) => compact({ name: w.name, ...role(w) })),
    volunteer: cv.volunteer.map((v) =>
      compact({ organization: v.organization, ...role({ ...v, name: null }) }),
    ),
    education: cv.education.map((e) =>
      compact({
        institution: e.institution,
        area: e.area,
        studyType: e.studyType,
        startDate: e.startDate,
        endDate: e.endDate,
        courses: e.highlights,
      }),
    ),
    awards: cv.awards.map((a) => compact({ title: a.title, date: a.date, awarder: a.awarder })),
    certificates: cv.certificates.map((c) => compact({ name: c.name, date: c.date, issuer: c.issuer })),
    publications: cv.publications.map((p) =>
      compact({ name: p.name, releaseDate: p.releaseDate, publisher: p.publisher }),
    ),
    skills: cv.skills.map((g) => compact({ name: g.name, keywords: g.keywords })),
    languages: cv.languages.map((l) => compact({ language: l.language, fluency: l.fluency })),
    projects: cv.projects.map((p) =>
      compact({
        name: p.name,
        description: p.description,
        highlights: p.highlights,
        startDate: p.startDate,
        endDate: p.endDate,
      }),
    ),
    meta: { version: 'v1.0.0', lastModified: lastModified.toISOString() },
  });
}
