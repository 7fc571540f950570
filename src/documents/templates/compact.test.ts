import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCvMarkdown, runsText } from '../cv-markdown.ts';
import { sideDates } from './compact.ts';
import { outlineCv } from './cv-outline.ts';
import { splitRuns, splitRunsBy } from './runs.ts';

function sides(markdown: string): ([string, string] | null)[] {
  const [section] = outlineCv(parseCvMarkdown(`## Experience\n\n${markdown}`)).sections;
  return (section?.entries ?? []).map((entry) => {
    const side = sideDates(entry);
    return side === null ? null : [runsText(side.title), runsText(side.dates)];
  });
}

describe('sideDates', () => {
  it('takes an italic date line under the heading', () => {
    assert.deepEqual(sides('### Staff Engineer — Acme\n*Kraków · 2021 – present*\n\n- Led'), [
      ['Staff Engineer — Acme', 'Kraków · 2021 – present'],
    ]);
  });

  it('takes the dates at the end of a heading line, the whole range and only the range', () => {
    assert.deepEqual(
      sides(
        [
          '**Data Analyst** | Dvořák Retail s.r.o. | Prague | July 2022 – Present',
          '**M.Sc. Data Science**, Jagiellonian University (2020–2022)',
          "**Nurse**, St Mary's, 2019 – 2022",
          '**Engineer** — Acme — 03/2020 – настоящее время',
        ].join('\n\n'),
      ),
      [
        ['Data Analyst | Dvořák Retail s.r.o. | Prague', 'July 2022 – Present'],
        ['M.Sc. Data Science, Jagiellonian University', '2020–2022'],
        ["Nurse, St Mary's", '2019 – 2022'],
        ['Engineer — Acme', '03/2020 – настоящее время'],
      ],
    );
  });

  it('leaves a heading without dates, or whose last part is a name with a year in it, as it is', () => {
    assert.deepEqual(
      sides(
        [
          '### Volunteer — Red Cross',
          '**Engineer** — Acme — Berlin University of the Arts Class of 2019',
          '### Analyst — Acme\n*2019 – 2021, with a break for a master’s degree in Lisbon*',
          '### Analyst — Acme\n_Lisbon · 2013 – 2015_ — thesis on queues',
        ].join('\n\n'),
      ),
      [null, null, null, null],
    );
  });
});

describe('splitRuns', () => {
  it('splits inside a run and keeps each side’s emphasis', () => {
    const runs = [{ text: 'Nurse', bold: true as const }, { text: ', Leeds (2019)' }];
    const [before, after] = splitRuns(runs, 7);
    assert.deepEqual(before, [{ text: 'Nurse', bold: true }, { text: ', ' }]);
    assert.deepEqual(after, [{ text: 'Leeds (2019)' }]);
  });

  it('splits at separators, links kept on their piece', () => {
    const runs = [
      { text: 'Nurse', bold: true as const },
      { text: ' · Leeds · ' },
      { text: 'ana@example.com', href: 'mailto:ana@example.com' },
    ];
    assert.deepEqual(splitRunsBy(runs, /\s·\s/g), [
      [{ text: 'Nurse', bold: true }],
      [{ text: 'Leeds' }],
      [{ text: 'ana@example.com', href: 'mailto:ana@example.com' }],
    ]);
  });
});
