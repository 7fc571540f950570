import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Block, parseCvMarkdown, runsText } from './cv-markdown.ts';
import { applyCuts, cutOrder, fitToPages } from './page-budget.ts';
import { type CvOutline, outlineCv } from './templates/cv-outline.ts';
import type { Density } from './templates/theme.ts';

const MARKDOWN = `# Ana Pérez

**Nurse** · ana@example.com · +34 612 48 39 05

## Summary

Registered nurse with eight years on surgical wards.

## Experience

### Charge Nurse — Hospital del Mar
*2020 – Present*

- Led a team of twelve nurses
- Cut handover time by a third
- Trained new staff

**Staff Nurse** | Clínica Sagrada Familia | 2016 – 2020
- Cared for twenty post-operative patients a shift
- Ran the wound-care clinic

Night shifts only, by choice.

## Education

### Grado en Enfermería — Universidad de Barcelona
*2012 – 2016*

- Final project on pressure ulcers

## Skills

**Relevant to this role:** Wound care, Triage

- **Clinical:** Wound care, Triage, IV therapy

## Volunteering

### Volunteer — Red Cross
*2015 – 2018*

- First aid at events
- Blood drives

## Languages

Spanish (native), English (C1)

## Interests

Climbing.
`;

const outline = outlineCv(parseCvMarkdown(MARKDOWN));
const bullets = (o: CvOutline) =>
  o.sections.flatMap((section) =>
    section.entries.flatMap((entry) =>
      entry.body.flatMap((block) =>
        block.kind === 'list' ? block.items.map((item) => `${section.title}: ${firstText(item.blocks)}`) : [],
      ),
    ),
  );
function firstText(blocks: readonly Block[]): string {
  const [first] = blocks;
  return first?.kind === 'paragraph' ? runsText(first.runs) : '';
}

describe('outlineCv', () => {
  it('groups name, header lines, sections and their entries', () => {
    assert.equal(runsText(outline.name?.runs ?? []), 'Ana Pérez');
    assert.equal(outline.header.length, 1);
    assert.deepEqual(
      outline.sections.map((section) => [section.title, section.key, section.entries.length]),
      [
        ['Summary', 'summary', 0],
        ['Experience', 'experience', 2],
        ['Education', 'education', 1],
        ['Skills', 'skills', 0],
        ['Volunteering', 'volunteer', 1],
        ['Languages', 'languages', 0],
        ['Interests', 'interests', 0],
      ],
    );
    const [charge, staff] = outline.sections[1]!.entries;
    assert.equal(charge?.meta.length, 1, 'the italic date line is the entry’s meta');
    assert.equal(charge?.body.length, 1);
    // A bold-led line in an experience section opens an entry; its list and note are its body.
    assert.equal(staff?.heading.kind, 'paragraph');
    assert.deepEqual(
      staff?.body.map((block) => block.kind),
      ['list', 'paragraph'],
    );
    // In skills, "**Relevant to this role:**" is a label, not an entry.
    assert.equal(outline.sections[3]!.lead.length, 2);
  });

  it('loses no block', () => {
    const count = (o: CvOutline) =>
      (o.name === null ? 0 : 1) +
      o.header.length +
      o.sections.reduce(
        (sum, s) =>
          sum + 1 + s.lead.length + s.entries.reduce((n, e) => n + 1 + e.meta.length + e.body.length, 0),
        0,
      );
    assert.equal(count(outline), parseCvMarkdown(MARKDOWN).length);
    const odd = parseCvMarkdown(
      'text before\n\n## A\n\n### B\n\n#### C\n\n# Late title\n\n| x |\n| - |\n| 1 |',
    );
    assert.equal(count(outlineCv(odd)), odd.length);
  });
});

describe('cutOrder', () => {
  const units = cutOrder(outline);
  const labels = (count: number) => applyCuts(outline, units.slice(0, count)).cut;

  it('cuts the extra bullets of the oldest entries first, the last bullet first', () => {
    assert.deepEqual(labels(1), [
      { section: 'Volunteering', item: 'Volunteer — Red Cross', what: '1 bullet' },
    ]);
    assert.deepEqual(labels(3), [
      { section: 'Experience', item: 'Charge Nurse — Hospital del Mar', what: '1 bullet' },
      {
        section: 'Experience',
        item: 'Staff Nurse | Clínica Sagrada Familia | 2016 – 2020',
        what: '1 bullet',
      },
      { section: 'Volunteering', item: 'Volunteer — Red Cross', what: '1 bullet' },
    ]);
    const afterExtras = applyCuts(outline, units.slice(0, 4)).outline;
    // Every entry keeps its first bullet until the optional sections have gone.
    assert.deepEqual(bullets(afterExtras), [
      'Experience: Led a team of twelve nurses',
      'Experience: Cared for twenty post-operative patients a shift',
      'Education: Final project on pressure ulcers',
      'Volunteering: First aid at events',
    ]);
  });

  it('then optional sections whole, the last first; then the remaining bullets and notes; then the rest', () => {
    const kinds = units.map((unit) =>
      unit.kind === 'section' ? `section ${outline.sections[unit.section]!.title}` : unit.kind,
    );
    assert.deepEqual(kinds, [
      'item',
      'item',
      'item',
      'item',
      'section Interests',
      'section Volunteering',
      'item',
      'block',
      'item',
      'item',
      'section Languages',
    ]);
    const everything = applyCuts(outline, units);
    assert.deepEqual(bullets(everything.outline), []);
    // Name, header, summary, skills, the entries' headings and dates stay.
    assert.equal(everything.outline.header.length, 1);
    assert.deepEqual(
      everything.outline.sections.map((section) => section.title),
      ['Summary', 'Experience', 'Education', 'Skills'],
    );
    assert.equal(everything.outline.sections[1]!.entries.length, 2);
    assert.equal(everything.outline.sections[1]!.entries[0]!.meta.length, 1);
    assert.deepEqual(everything.cut, [
      { section: 'Experience', item: 'Charge Nurse — Hospital del Mar', what: '3 bullets' },
      {
        section: 'Experience',
        item: 'Staff Nurse | Clínica Sagrada Familia | 2016 – 2020',
        what: '2 bullets, 1 paragraph',
      },
      { section: 'Education', item: 'Grado en Enfermería — Universidad de Barcelona', what: '1 bullet' },
      { section: 'Volunteering', item: null, what: 'whole section' },
      { section: 'Languages', item: null, what: 'whole section' },
      { section: 'Interests', item: null, what: 'whole section' },
    ]);
  });
});

describe('fitToPages', () => {
  // A stand-in for the renderer: a page holds ten blocks at normal density, more when condensed.
  const size = (o: CvOutline) =>
    o.header.length +
    o.sections.reduce(
      (sum, s) =>
        sum +
        1 +
        s.lead.length +
        s.entries.reduce(
          (n, e) =>
            n + 1 + e.meta.length + e.body.reduce((k, b) => k + (b.kind === 'list' ? b.items.length : 1), 0),
          0,
        ),
      0,
    );
  const fake = (perPage: number) => {
    const densities: Density[] = [];
    const render = async (o: CvOutline, density: Density) => {
      densities.push(density);
      return { pages: Math.ceil((size(o) * density.spacing) / perPage), output: size(o) };
    };
    return { render, densities };
  };

  it('renders once when the CV fits', async () => {
    const { render, densities } = fake(100);
    const fitted = await fitToPages(outline, 1, render);
    assert.deepEqual([fitted.pages, fitted.cut, densities.length], [1, [], 1]);
  });

  it('condenses before it cuts anything', async () => {
    const { render, densities } = fake(size(outline) * 0.8);
    const fitted = await fitToPages(outline, 1, render);
    assert.equal(fitted.pages, 1);
    assert.deepEqual(fitted.cut, []);
    assert.equal(fitted.density.spacing, 0.75);
    assert.equal(densities.length, 2);
  });

  it('cuts the shortest run of least relevant content that fits', async () => {
    const full = size(outline);
    const { render } = fake((full - 3) * 0.5);
    const fitted = await fitToPages(outline, 1, render);
    assert.equal(fitted.pages, 1);
    assert.equal(fitted.output, full - 3);
    assert.equal(
      fitted.cut.reduce((n, item) => n + Number.parseInt(item.what, 10), 0),
      3,
    );
  });

  it('keeps every allowed cut and says how many pages it took when the CV cannot fit', async () => {
    const { render } = fake(2);
    const fitted = await fitToPages(outline, 1, render);
    assert.ok(fitted.pages > 1);
    assert.equal(fitted.cut.length, applyCuts(outline, cutOrder(outline)).cut.length);
  });
});
