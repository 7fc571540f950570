import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CvStructure, parseCv } from './cv-structure.ts';
import { comparable, readBackScore } from './read-back.ts';

const CV = `# Zoë Müller-Łukasiewicz

zoe@example.com · +48 600 123 456 · Kraków

## Experience

### Staff Engineer — Ångström Logistics
*03/2021 – Present*

- Led the migration to PostgreSQL

### Software Engineer — Dvořák Payments
*01/2017 – 02/2021*

- Built the settlement pipeline

## Education

### M.Sc. Computer Science — AGH University of Science and Technology
*2013 – 2015*

## Skills

- **Languages:** TypeScript, Go, SQL
- **Data:** PostgreSQL, Redis
`;

const intended = parseCv(CV);
const copy = (): CvStructure => structuredClone(intended);

describe('readBackScore', () => {
  it('reads the fixture as expected, so the checks below test the comparison', () => {
    assert.equal(intended.basics.name, 'Zoë Müller-Łukasiewicz');
    assert.equal(intended.work.length, 2);
    assert.ok(intended.work.every((job) => job.name && job.position && job.startDate));
    assert.equal(intended.work[0]?.name, 'Ångström Logistics');
    assert.equal(intended.education[0]?.institution, 'AGH University of Science and Technology');
    assert.deepEqual(
      intended.skills.flatMap((group) => group.keywords),
      ['TypeScript', 'Go', 'SQL', 'PostgreSQL', 'Redis'],
    );
  });

  it('scores a perfect reading 1 over name, email, phone, four fields a job, institutions and skills', () => {
    const result = readBackScore(intended, copy());
    // 3 contact fields + 2 jobs × 4 + 1 institution + 5 skills.
    assert.deepEqual(result, { score: 1, checked: 17, missed: [] });
  });

  it('forgives case, punctuation, white space and the kind of dash', () => {
    const read = copy();
    read.basics.name = 'ZOË  MÜLLER–ŁUKASIEWICZ';
    read.basics.phone = '+48 (600) 123-456';
    read.work[0]!.name = 'Ångström Logistics.';
    read.education[0]!.institution = 'AGH University of Science & Technology'.replace('&', 'and');
    read.skills = [{ name: 'Skills', keywords: ['typescript', 'GO', 'sql', 'PostgreSQL', 'Redis'] }];
    assert.equal(readBackScore(intended, read).score, 1);
    assert.equal(comparable('Senior—Engineer'), comparable('senior - engineer'));
  });

  it('does not forgive lost accents, other dates or other words', () => {
    const read = copy();
    read.basics.name = 'Zoe Muller-Lukasiewicz';
    read.work[1]!.endDate = '2021-01';
    read.work[1]!.position = 'Engineer';
    const result = readBackScore(intended, read);
    assert.equal(result.checked, 17);
    assert.equal(result.score, 14 / 17);
    assert.deepEqual(result.missed, [
      'name: meant "Zoë Müller-Łukasiewicz", read "Zoe Muller-Lukasiewicz"',
      `job 2 title: meant "${intended.work[1]?.position}", read "Engineer"`,
      'job 2 end date: meant "2021-02", read "2021-01"',
    ]);
  });

  it('tells C++ from C and C# from C', () => {
    const meant = copy();
    meant.skills = [{ name: 'Languages', keywords: ['C++', 'C#'] }];
    const read = copy();
    read.skills = [{ name: 'Languages', keywords: ['C', 'C'] }];
    assert.equal(readBackScore(meant, read).score, (17 - 5) / (17 - 5 + 2));
  });

  it('pairs each job with its best reading, whatever the order it was read in', () => {
    const read = copy();
    read.work.reverse();
    assert.equal(readBackScore(intended, read).score, 1);
  });

  it('counts every field of a job that was not read as missed', () => {
    const read = copy();
    read.work.pop();
    const result = readBackScore(intended, read);
    assert.equal(result.score, 13 / 17);
    assert.equal(result.missed.length, 4);
    assert.equal(result.missed[0], `job 2 employer: meant "${intended.work[1]?.name}", read nothing`);
  });

  it('keeps an ongoing job ongoing: an end date read for it is a miss', () => {
    const read = copy();
    read.work[0]!.current = false;
    read.work[0]!.endDate = '2024-05';
    assert.deepEqual(readBackScore(intended, read).missed, [
      'job 1 end date: meant "present", read "2024-05"',
    ]);
  });

  it('uses each read value once: one institution read back does not answer two', () => {
    const meant = copy();
    meant.education.push({ ...meant.education[0]! });
    const result = readBackScore(meant, copy());
    assert.equal(result.checked, 18);
    assert.deepEqual(result.missed, ['institution "AGH University of Science and Technology" not read back']);
  });

  it('checks nothing the intended structure leaves empty', () => {
    const empty = parseCv('');
    assert.deepEqual(readBackScore(empty, intended), { score: 1, checked: 0, missed: [] });
    const noPhone = copy();
    noPhone.basics.phone = null;
    assert.equal(readBackScore(noPhone, copy()).checked, 16);
  });
});
