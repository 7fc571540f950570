import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { currentMonth, findDateRanges, findDates, isMonthName, parseDate } from './dates.ts';

function range(text: string): [string, string | null] | null {
  const r = findDateRanges(text)[0];
  return r === undefined ? null : [r.start, r.end];
}

describe('date ranges', () => {
  it('normalizes the formats CVs use', () => {
    assert.deepEqual(range('Jan 2020 – Present'), ['2020-01', null]);
    assert.deepEqual(range('January 2020 – Present'), ['2020-01', null]);
    assert.deepEqual(range('01/2020 - 12/2021'), ['2020-01', '2021-12']);
    assert.deepEqual(range('2020-01 to 2022-03'), ['2020-01', '2022-03']);
    assert.deepEqual(range('03.2019 - 12.2021'), ['2019-03', '2021-12']);
    assert.deepEqual(range('2018 – 2020'), ['2018', '2020']);
    assert.deepEqual(range('2019-2021'), ['2019', '2021']);
    assert.deepEqual(range('Sept 2015 to May 2017'), ['2015-09', '2017-05']);
    assert.deepEqual(range('Jan – Mar 2020'), ['2020-01', '2020-03']);
  });

  it('reads seasons as their year, and school or season years as a range over the new year', () => {
    assert.deepEqual(
      findDates('Summer 2024').map((d) => [d.value, d.length]),
      [['2024', 11]],
    );
    assert.deepEqual(range('Verão 2013 – Inverno 2014'), ['2013', '2014']);
    assert.deepEqual(range('sommaren 2012 – 2014'), ['2012', '2014']);
    assert.deepEqual(range('Wintersaison 2017/18'), ['2017', '2018']);
    assert.deepEqual(range('Schuljahr 2019/2020'), ['2019', '2020']);
    assert.equal(range('2019/21'), null, 'not one year apart: not a school year');
    assert.equal(parseDate('Fall 2021'), '2021');
  });

  it('reads two seasons joined by "and" as a range from the first to the last', () => {
    assert.deepEqual(range('Veranos 2014 y 2015'), ['2014', '2015']);
    assert.deepEqual(range('Summers 2010 and 2011'), ['2010', '2011']);
    assert.deepEqual(range('Sommer 2018 und 2019'), ['2018', '2019']);
    assert.equal(range('awarded in 2014 and 2015'), null, 'no season: two dates, not a span');
  });

  it('reads a span whose end year is cut to two digits, but not an ISO month', () => {
    assert.deepEqual(range('Improver Plumber @ J&R Mechanical | 2014–16'), ['2014', '2016']);
    assert.deepEqual(range('Inkoper Verse Producten (2017 - 21)'), ['2017', '2021']);
    assert.deepEqual(range('1998–02'), ['1998', '2002']);
    assert.deepEqual(range('2019-21'), ['2019', '2021']);
    assert.equal(range('2009-12'), null, 'December 2009');
  });

  it("reads a range whose end a table's cell parts from the dash", () => {
    assert.deepEqual(range('2019-09 - | 2022-03 | Administrativa de Personal'), ['2019-09', '2022-03']);
    assert.deepEqual(range('2022-04 - | actualidad | Técnica'), ['2022-04', null]);
  });

  it('reads "from … to …" words around a range as part of it', () => {
    const [r] = findDateRanges('desde marzo 2015 hasta mayo 2019 (4 años y 3 meses)');
    assert.deepEqual([r?.start, r?.end, r?.index], ['2015-03', '2019-05', 0]);
    assert.equal(findDateRanges('desde marzo 2015 hasta mayo 2019').length, 1);
    assert.deepEqual(range('seit 04/2021'), ['2021-04', null]);
  });

  it('reads Hungarian (the year first), Romanian and Finnish months', () => {
    assert.deepEqual(range('2019. március – jelenleg'), ['2019-03', null]);
    assert.deepEqual(range('2015. szeptember – 2019. február'), ['2015-09', '2019-02']);
    assert.deepEqual(range('2018. 09. – jelenleg'), ['2018-09', null]);
    assert.deepEqual(range('listopad 2012 – travanj 2014'), ['2012-10', '2014-04']);
    assert.deepEqual(range('kovas 2019 – dabar'), ['2019-03', null]);
    assert.deepEqual(range('03/2017 – do sada'), ['2017-03', null]);
    assert.deepEqual(range('2015. 03. – 2018. 08.'), ['2015-03', '2018-08']);
    assert.deepEqual(range('martie 2019 – prezent'), ['2019-03', null]);
    assert.deepEqual(range('maaliskuu 2019 – nyt'), ['2019-03', null]);
  });

  it('reads Arabic and Hebrew months and "present" words', () => {
    assert.deepEqual(range('مارس 2019 – حتى الآن'), ['2019-03', null]);
    assert.deepEqual(range('يوليو 2015 – فبراير 2019'), ['2015-07', '2019-02']);
    assert.deepEqual(range('أيلول 2016 - تشرين الأول 2018'), ['2016-09', '2018-10']);
    assert.deepEqual(range('ספטמבר 2019 – היום'), ['2019-09', null]);
  });

  it('reads German, French and Spanish months and "present" words', () => {
    assert.deepEqual(range('März 2019 – heute'), ['2019-03', null]);
    assert.deepEqual(range('Mai 2019 bis Dezember 2021'), ['2019-05', '2021-12']);
    assert.deepEqual(range("janv. 2021 – aujourd'hui"), ['2021-01', null]);
    assert.deepEqual(range('Mars 2021 – auj.'), ['2021-03', null]);
    assert.deepEqual(range('Juin 2016 à Août 2018'), ['2016-06', '2018-08']);
    assert.deepEqual(range('enero de 2018 - actualidad'), ['2018-01', null]);
    assert.deepEqual(range('marzo 2016 – diciembre 2018'), ['2016-03', '2018-12']);
    assert.deepEqual(range('seit 2020'), ['2020', null]);
  });

  it('finds a range inside an entry header and refuses a backwards one', () => {
    const [r] = findDateRanges('Senior Engineer, Acme (2020-01 to 2022-03)');
    assert.equal(r?.index, 23);
    assert.deepEqual(findDateRanges('2021 – 2019'), []);
  });

  it('does not read R&D or version numbers as dates', () => {
    assert.deepEqual(findDates('Python 3.11, ES6, p95 latency'), []);
    assert.deepEqual(
      findDates('R&D since 2012').map((d) => d.value),
      ['2012'],
    );
  });
});

describe('single dates', () => {
  it('parses a date written alone, and present words as null', () => {
    assert.equal(parseDate('Jan 2020'), '2020-01');
    assert.equal(parseDate('12/2021'), '2021-12');
    assert.equal(parseDate('Present'), null);
    assert.equal(parseDate('actualidad'), null);
    assert.equal(parseDate('not a date'), undefined);
  });
});

describe('month names', () => {
  it('knows a month written alone, abbreviated or not, in several languages, and nothing else', () => {
    for (const m of ['Sep', 'Sept.', 'September', 'März', 'janv.', 'dic.']) assert.ok(isMonthName(m), m);
    for (const w of ['Sep 2019', '2019', 'Head', 'Present', '']) assert.ok(!isMonthName(w), w);
  });

  it('gives the current month, by UTC, as what "Present" means by default', () => {
    assert.equal(currentMonth(new Date('2026-03-31T23:30:00Z')), '2026-03');
    assert.equal(currentMonth(new Date('2026-12-01T00:00:00Z')), '2026-12');
    assert.match(currentMonth(), /^\d{4}-\d{2}$/);
  });
  it('reads "present" in more wordings as an open end', () => {
    for (const text of [
      'set. 2021 – atualidade',
      '03.2019 – do dziś',
      '2018 – trenutno',
      'März 2020 – laufend',
      'юни 2020 – до момента',
    ]) {
      assert.equal(findDateRanges(text)[0]?.end, null, text);
      assert.ok(findDateRanges(text)[0]?.start, text);
    }
  });
});
