// Work entries in CV text: an experience-like section split into entries around their dates, each
// entry's header read into title, employer and place, and the entries turned into jobs.

import { COUNTRY_CODES } from './cv-contacts.ts';
import type { CvLine, CvWork } from './cv-types.ts';
import {
  type FoundDate,
  type FoundRange,
  findDateRanges,
  findDates,
  isMonthName,
  parseDate,
  sameDate,
} from './dates.ts';
import {
  classifyHeading,
  findDegree,
  hasTitleWord,
  isDepartment,
  isFieldOfWork,
  isInstitution,
  isLegalEntity,
  isOrganization,
  isPlace,
  isTitle,
  titleLikeness,
} from './lexicon.ts';
import { endsSentence, finishesBrokenLine, fold, isBulletLine, stripBullet } from './text.ts';

const PIECE_SPLIT_RE =
  /\s*[|·•–—]\s*|\s+-\s+|\s*,\s+|\s*\(\s*|\s*\)\s*|\s+@\s+|\s+(?:at|bei|chez|en|in)\s+(?=\p{Lu})/u;

/** Words with a letter or digit: separators and ampersands ("Ltd — Dinners & Travel") are none. */
function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export function isHeaderLike(text: string): boolean {
  if (text === '' || isBulletLine(text)) return false;
  // A note in brackets ("(secondaria di I grado)") makes a header no longer.
  return wordCount(text.replace(/\s*\([^()]*\)/g, '')) <= 14 && !endsSentence(text);
}

/** A list item that is an entry's header: short parts set apart, not a sentence. */
function isBulletedHeader(text: string): boolean {
  if (!isBulletLine(text)) return false;
  const body = stripBullet(text);
  return body.includes(' | ') && body.split(/\s+/).length <= 10 && !endsSentence(body) && !/:\s/.test(body);
}

/** The dates close the line: nothing but brackets and separators after them. */
function endsWithDate(text: string, range: FoundRange): boolean {
  return /^[\s)\]|·•.,–—-]*$/u.test(text.slice(range.index + range.length));
}

/** Dates printed after a line's text in a column of their own, not after a mark (moderncv). */
function hasDatesBeside(text: string, range: FoundRange): boolean {
  return endsWithDate(text, range) && !text.includes('|');
}

function removeRange(text: string, range: FoundRange): string {
  return (text.slice(0, range.index) + ' ' + text.slice(range.index + range.length))
    .replace(/[()[\]]/g, ' ')
    .replace(/\s+[|·•–—,-]\s*$|^\s*[|·•–—,-]\s+/g, '')
    .replace(/\s*[|·•–—,-]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface EntryBlock {
  header: string[];
  range: FoundRange | null;
  body: CvLine[];
  line: number;
  /** The employer a group of roles is printed under ("Acme Ltd" over its roles, LinkedIn-style). */
  group?: string;
}

/** How many of an entry's facts (title, employer, place) a header line holds. */
function countPieces(text: string): number {
  // A place is not one of them: "Pharmacist, Oncology | Toronto, ON" still waits for its employer.
  // A body and its unit after a dash ("Stadt Leipzig – Hort der 16. Schule") are one fact.
  const split = splitParts(text, false, { titled: true }).map((p) => p.trim());
  const all = split.filter(
    (p) => p !== '' && !DURATION_RE.test(p) && !split.some((other) => other !== p && isMonogramOf(p, other)),
  );
  const parts = all.filter((p) => !isWholePlace(p));
  // A line holding only a name-shaped word may be a city no list knows ("Санкт-Петербург"): half.
  if (
    parts.length === 1 &&
    all.length === 1 &&
    looksLikePlaceName(parts[0]!) &&
    titleLikeness(parts[0]!) === 0
  ) {
    return 0.5;
  }
  if (parts.length !== 1) return Math.max(all.length > 0 ? 0 : 1, parts.length);
  // One part holds two facts when a comma sets an employer apart ("Engineer, Acme Corp").
  const pieces = commaPieces(splitTrailingPlace(parts[0]!).text);
  // ("A-levels: Mathematics, Economics, French" is a list, and its school may follow on a line.)
  return pieces.slice(1).some((p) => titleLikeness(p) < 0 || isInstitution(p)) ? 2 : 1;
}

/**
 * A date range broken over two lines ("Sept. 2016 –" over "déc. 2020", in a narrow table cell) is
 * put back on the first line.
 */
/** "aug. 2015–jul.": a range whose end month's year went to the next line of a narrow cell. */
function endsWithYearlessMonth(text: string): boolean {
  const m = /[-–—]\s*(\p{L}+)\.?\s*$/u.exec(text);
  return m !== null && isMonthName(m[1]!) && findDates(text).length > 0 && findDateRanges(text).length === 0;
}

function joinBrokenRanges(lines: CvLine[]): CvLine[] {
  // A date and a dash with nothing after it: "Sept. 2016 –", "2019年4月 〜".
  const isOpenRange = (text: string) =>
    /[-–—‒〜~～]\s*$/.test(text) && findDates(text).length > 0 && findDateRanges(text).length === 0;
  const out: CvLine[] = [];
  // Each line read as a date once, not once as a line and again as the next one's neighbour.
  const alone = lines.map((l) => parseDate(l.text));
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    const next = lines[k + 1];
    // A date cell of two lines with no dash: "janv. 2022" over "aujourd'hui", "mars 2017" over
    // "déc. 2021". Only a later date or "today" below: dates stacked newest first are entries.
    const [start, end] = [alone[k], alone[k + 1]];
    if (start && end !== undefined && (end === null || end > start)) {
      out.push({ n: line.n, text: `${line.text.trim()} – ${next!.text.trim()}` });
      k++;
      continue;
    }
    const open = isOpenRange(line.text);
    if (open && next !== undefined && findDateRanges(`${line.text} ${next.text}`).length > 0) {
      out.push({ n: line.n, text: `${line.text} ${next.text}` });
      k++;
      continue;
    }
    // A date cell beside a two-line entry: "2017.07—" over the employer's line, then "2020.06".
    const after = lines[k + 2];
    if (
      open &&
      next !== undefined &&
      after !== undefined &&
      next.text !== '' &&
      /^\S+$/.test(after.text.trim()) &&
      findDates(after.text).length === 1 &&
      findDateRanges(`${line.text} ${after.text}`).length > 0
    ) {
      out.push({ n: line.n, text: `${line.text} ${after.text.trim()}` }, next);
      k += 2;
      continue;
    }
    // The same in a date column beside the entry: "03/2021 – | Employer" over "actualidad | text",
    // or a hint column too narrow for the month: "Sep | Title, Employer" over "2019–Present | text".
    const [head = '', ...rest] = line.text.split(' | ');
    const [nextHead = '', ...nextRest] = next?.text.split(' | ') ?? [];
    if (
      next !== undefined &&
      rest.length > 0 &&
      (isOpenRange(head) ||
        endsWithYearlessMonth(head) ||
        (isMonthName(head) && findDateRanges(nextHead).length > 0)) &&
      findDateRanges(`${head} ${nextHead}`).length > 0 &&
      nextHead.split(/\s+/).length <= 3
    ) {
      // The text beside the date's second line now starts a line of its own, its bullet glyph with it.
      let beside = nextRest.join(' | ').replace(/^[○◦●▪■•]\s+/u, '- ');
      // Or it is the header's wrapped end, the employer's name going on: "…, Atlas Logistics" over
      // "Polska Sp. z o.o., Szczecin".
      // The name started after the title's comma; a title alone over its employer stays apart.
      const started = commaPieces(rest.join(' | '));
      const wrappedName =
        !isBulletLine(beside) &&
        wordCount(beside) <= 6 &&
        started.length > 1 &&
        !readsAsTitle(started.at(-1)!) &&
        !/[.!?:;,]$/.test(rest.join(' | ').trim()) &&
        isLegalEntity(splitTrailingPlace(beside.trim()).text);
      if (wrappedName) {
        out.push({ n: line.n, text: [`${head} ${nextHead}`, ...rest].join(' | ') + ` ${beside.trim()}` });
        k++;
        continue;
      }
      // A table row whose cells all wrap: "06.2017 – | Hurtownia | Starszy magazynier," over
      // "02.2020 | Farmaceutyczna | operator wózka" over "Medi-Pol S.A. | widłowego". Each line
      // under it with as many cells goes on cell by cell.
      if (rest.length >= 2 && nextRest.length === rest.length && !nextRest.some(isBulletLine)) {
        const cells = rest.map((c, i) => `${c.trim()} ${nextRest[i]!.trim()}`);
        let j = k + 2;
        for (; j < lines.length && j < k + 5; j++) {
          const more = lines[j]!.text.split(' | ');
          if (more.length !== cells.length || isBulletLine(lines[j]!.text) || findDates(more[0]!).length > 0)
            break;
          more.forEach((c, i) => {
            cells[i] = `${cells[i]} ${c.trim()}`;
          });
        }
        out.push({ n: line.n, text: [`${head} ${nextHead}`, ...cells].join(' | ') });
        k = j - 1;
        continue;
      }
      out.push({ n: line.n, text: [`${head} ${nextHead}`, ...rest].join(' | ') });
      // Its wrapped end came out as a line of its own (the cell beside it was empty then).
      const tail = lines[k + 2];
      if (
        nextRest.length > 0 &&
        tail !== undefined &&
        tail.text.trim() !== '' &&
        !tail.text.includes(' | ') &&
        !isBulletLine(tail.text) &&
        !/[.!?:;]$/.test(beside.trim()) &&
        findDates(tail.text).length === 0
      ) {
        beside = `${beside} ${tail.text.trim()}`;
        k++;
      }
      if (nextRest.length > 0) out.push({ n: next.n, text: beside });
      k++;
    } else out.push(line);
  }
  return out;
}

/**
 * A date column that sets an entry's end above its start, newest first: "Current | Research
 * Assistant at …" over "Oct. 2023 | Sorting, identifying …", or "Août 2019 | Premier maître d'hôtel"
 * over "Mars 2016 | Organisation du service …". The start stands alone or before a line of the
 * entry's text (an item, a sentence), a few lines down at most; both go back on the first line as
 * one range. A list of dated entries, newest first ("2023 | Course" over "2022 | Licence"), has a
 * header after each date and is left as it is.
 */
function joinEndOverStart(lines: CvLine[]): CvLine[] {
  const out = [...lines];
  const head = (text: string) => {
    const [first = '', ...rest] = text.split(' | ');
    return { date: parseDate(first), rest: rest.join(' | ') };
  };
  for (let k = 0; k < out.length; k++) {
    const top = out[k]!;
    if (top.text === '' || isBulletLine(top.text) || findDateRanges(top.text).length > 0) continue;
    // "2021" under "aug. 2015–jul.": the year of the range above, no end of its own.
    if (k > 0 && endsWithYearlessMonth(out[k - 1]!.text.split(' | ')[0]!)) continue;
    const end = head(top.text);
    if (end.date === undefined || end.rest === '') continue;
    for (let j = k + 1; j <= k + 3 && j < out.length; j++) {
      const below = out[j]!;
      if (below.text === '' || findDateRanges(below.text).length > 0) break;
      if (isBulletLine(below.text)) continue;
      const start = head(below.text);
      if (start.date === undefined) continue;
      const text = start.rest;
      const entryText =
        text === '' || isBulletLine(text) || endsSentence(text) || text.split(/\s+/).length >= 8;
      if (start.date === null || !entryText || (end.date !== null && start.date >= end.date)) break;
      const [first = ''] = top.text.split(' | ');
      const [startText = ''] = below.text.split(' | ');
      out[k] = { n: top.n, text: `${startText.trim()} – ${first.trim()} | ${end.rest}` };
      out[j] = { n: below.n, text };
      break;
    }
  }
  return out;
}

/** A single date as a range of that one date: a job of one year, or one month. */
function asRange(d: FoundDate): FoundRange {
  return { start: d.value, end: d.value, index: d.index, length: d.length };
}

/** An entry being read: its dated line (`anchor`), the header lines it claimed, where it starts. */
interface EntrySpan {
  start: number;
  headerIdx: number[];
  anchor: number;
  range: FoundRange;
}

/**
 * Splits an experience-like section into entries anchored on their date ranges. The steps: lines
 * made ready, the dated lines found (each opens an entry), the layout read once, each entry claims
 * its header lines, employers set over a group of roles are found, then each entry's block is built.
 */
export function splitEntries(lines: CvLine[], allowSingleDate: boolean): EntryBlock[] {
  const content = entryContent(lines);
  const anchors = findAnchors(content, allowSingleDate);
  addSingleDateAnchors(content, anchors);
  if (anchors.length === 0) return splitByHeaderLines(content);
  const claimed = new Set<number>();
  const dateFirst = readsDateFirst(content, anchors[0]!);
  const entries = anchors.map((_, k) => claimEntry(content, anchors, k, dateFirst, claimed));
  const groups = dateFirst
    ? groupsOverDatedRoles(content, entries, claimed)
    : groupsOverRoles(content, entries, claimed);
  const blocks = entries.flatMap((e, k) =>
    entryBlocks(content, e, entries[k + 1]?.start ?? content.length, claimed, groups),
  );
  // Lines before the first entry (a section intro) stay with the first entry's body.
  const firstStart = entries[0]!.start;
  const intro = content.slice(0, firstStart).filter((l, j) => l.text !== '' && !claimed.has(j));
  if (intro.length > 0) blocks[0]!.body.unshift(...intro);
  return blocks;
}

/** The section's lines made ready to read: broken ranges joined, dates set apart from items. */
function entryContent(lines: CvLine[]): CvLine[] {
  // A table's header row ("Zeitraum | Tätigkeit", "Period | Position") heads no entry.
  const content = splitItemsOffDates(joinBrokenRanges(lines)).map((l) =>
    l.text.includes(' | ') && l.text.split(' | ').every((p) => NOT_A_FACT_RE.test(fold(p.trim())))
      ? { ...l, text: '' }
      : l,
  );
  moveDatesOffItems(content);
  return content;
}

/** The lines with a date range (or a single date, where allowed) that open an entry. */
function findAnchors(content: CvLine[], allowSingleDate: boolean): { i: number; range: FoundRange }[] {
  const anchors: { i: number; range: FoundRange }[] = [];
  content.forEach((l, i) => {
    if (l.text === '') return;
    // A timeline dot before each entry reads as a bullet: "• Employer | 2020 – heden" over
    // "• Title | City" heads an entry all the same.
    if (isBulletedHeader(l.text) && findDateRanges(l.text.split(' | ').at(-1)!).length > 0) {
      content[i] = l = { ...l, text: stripBullet(l.text) };
      const next = content[i + 1];
      if (next !== undefined && isBulletedHeader(next.text) && findDateRanges(next.text).length === 0)
        content[i + 1] = { ...next, text: stripBullet(next.text) };
    }
    const ranges = findDateRanges(l.text);
    // A sentence that mentions years after a small word ("Opzet van een personeelsplanning voor
    // 2022-2026 in Power BI.") is an item, not an entry's dates.
    const r = ranges[0];
    const inSentence =
      r !== undefined &&
      endsSentence(l.text) &&
      l.text.split(/\s+/).length > 8 &&
      /(?:^|\s)\p{Ll}+\s*$/u.test(l.text.slice(0, r.index)) &&
      // Years at its end close a sentence of clauses too: "…; carretillero desde 2010."
      (r.index + r.length < l.text.length - 2 || l.text.slice(0, r.index).includes(';')) &&
      !l.text.includes(' | ');
    if (r !== undefined && !isBulletLine(l.text) && !inSentence) {
      anchors.push({ i, range: r });
      return;
    }
    if (allowSingleDate && !isBulletLine(l.text)) {
      const dates = findDates(l.text);
      if (dates.length === 1) {
        anchors.push({ i, range: asRange(dates[0]!) });
      }
    }
  });
  return anchors;
}

/**
 * Where entries open with their dates ("03/2021 – oggi Senior Designer"), an entry of a single
 * year, season or month ("2016 Stagista grafica") opens the same way; where they close with them
 * ("Student Ambassador | Sep 2023 – Present"), it closes the same way ("Intern | Summer 2024").
 * Adds those lines to `anchors`, kept in line order.
 */
function addSingleDateAnchors(content: CvLine[], anchors: { i: number; range: FoundRange }[]): void {
  const opensWithDates = anchors.some((a) => a.range.index === 0);
  const closesWithDates = anchors.some((a) => endsWithDate(content[a.i]!.text, a.range));
  if (!opensWithDates && !closesWithDates) return;
  content.forEach((l, i) => {
    if (l.text === '' || isBulletLine(l.text) || anchors.some((a) => a.i === i)) return;
    const dates = findDates(l.text);
    const d = dates[0];
    if (dates.length !== 1 || d === undefined) return;
    // The end of the range above, repeated where its label wrapped ("Aug 2018 –" over "Aug 2021").
    // (The line above may have become an anchor in this same pass.)
    const above = anchors.find((a) => a.i === i - 1)?.range.end;
    if (above !== undefined && above !== null && sameDate(above, d.value)) return;
    if (opensOrClosesEntry(l.text, d, opensWithDates, closesWithDates))
      anchors.push({ i, range: asRange(d) });
  });
  anchors.sort((a, b) => a.i - b.i);
}

/** Whether a line with one date `d` opens or closes an entry the way the dated entries around it do. */
function opensOrClosesEntry(
  text: string,
  d: FoundDate,
  opensWithDates: boolean,
  closesWithDates: boolean,
): boolean {
  // A line of its own: "Summer 2015 | Edinburgh", the date (a season is part of it) beside a place.
  const other = removeRange(text, asRange(d))
    .split(' | ')
    .map((p) => p.replace(/^[^\p{L}\p{N}]+/u, '').trim())
    .filter((p) => p !== '');
  if (other.every((p) => isWholePlace(p))) return true;
  if (closesWithDates && d.index > 0 && endsWithDate(text, asRange(d))) {
    const before = removeRange(text, asRange(d));
    return /\p{L}/u.test(before) && isHeaderLike(before) && before.split(/\s+/).length <= 10;
  }
  if (!opensWithDates || d.index !== 0) return false;
  const rest = text
    .slice(d.length)
    .replace(/^[\s|·•,–—-]+/u, '')
    .trim();
  // What follows is a title, not the rest of a range ("2019年4月 〜").
  return /^\p{L}/u.test(rest) && isHeaderLike(rest) && rest.split(/\s+/).length <= 10;
}

/**
 * The layout, decided once per section from its first entry: titles above the date line, or below
 * it (dates first).
 */
function readsDateFirst(content: CvLine[], first: { i: number; range: FoundRange }): boolean {
  const ownFirst = removeRange(content[first.i]!.text, first.range);
  // Markdown puts a blank line between "### Title — Employer" and "_2021 – present_".
  let before = first.i - 1;
  while (before >= 0 && content[before]!.text === '') before--;
  const backFirst =
    before >= 0 && (isHeaderLike(content[before]!.text) || isBulletedHeader(content[before]!.text));
  return !backFirst && (ownFirst === '' ? 0 : countPieces(ownFirst)) < 2;
}

/** The header lines of the entry at `anchors[k]`: those above its dates, then those below. */
function claimEntry(
  content: CvLine[],
  anchors: { i: number; range: FoundRange }[],
  k: number,
  dateFirst: boolean,
  claimed: Set<number>,
): EntrySpan {
  const a = anchors[k]!;
  claimed.add(a.i);
  const own = removeRange(content[a.i]!.text, a.range);
  // Dates first, then only the job's length ("(6 лет 2 месяца)"): the entry's facts follow.
  const ownPieces = own === '' || (dateFirst && DURATION_RE.test(own)) ? 0 : countPieces(own);
  const above =
    dateFirst && !datesWrappedUnder(content, a.i, own, claimed)
      ? { headerIdx: [], pieces: ownPieces }
      : claimLinesAbove(content, a.i, ownPieces, claimed);
  const headerIdx = above.headerIdx;
  const start = headerIdx[0] ?? a.i;
  claimLinesBelow(content, anchors, k, own, above.pieces, dateFirst, claimed, headerIdx);
  return { start, headerIdx, anchor: a.i, range: a.range };
}

/**
 * Dates alone on their line where the section's entries carry them beside their header
 * ("Kock, senare tillförordnad souschef (vikariat) Wärdshuset Gamla Mölndal HB, Mölndal" over
 * "2012 – 2015"): wrapped under a long header, which is the line right above, nothing under them.
 */
function datesWrappedUnder(content: CvLine[], at: number, own: string, claimed: Set<number>): boolean {
  const line = content[at - 1]?.text ?? '';
  if (own.trim() !== '' || line === '' || claimed.has(at - 1) || !isHeaderLike(line)) return false;
  if (findDates(line).length > 0) return false;
  const next = content[at + 1]?.text ?? '';
  return next === '' || isBulletLine(next);
}

/** Titles-above layout: up to two header lines right above the dates, until three facts are read. */
function claimLinesAbove(
  content: CvLine[],
  at: number,
  pieces: number,
  claimed: Set<number>,
): { headerIdx: number[]; pieces: number } {
  const headerIdx: number[] = [];
  let taken = 0;
  for (let j = at - 1; j >= 0 && taken < 2 && pieces < 3; j--) {
    const t = content[j]!.text;
    if (t === '' && j === at - 1) continue;
    // Some templates set each entry as a list item: "• Employer | City" over "Title | dates".
    if (taken === 0 && j === at - 1 && !claimed.has(j) && isBulletedHeader(t)) {
      content[j] = { ...content[j]!, text: stripBullet(t) };
    }
    if (claimed.has(j) || !isHeaderLike(content[j]!.text)) break;
    taken++;
    headerIdx.unshift(j);
    claimed.add(j);
    pieces += countPieces(content[j]!.text);
  }
  return { headerIdx, pieces };
}

/** The header lines under the dates, until two facts are read (an employer may still follow). */
function claimLinesBelow(
  content: CvLine[],
  anchors: { i: number; range: FoundRange }[],
  k: number,
  own: string,
  pieces: number,
  dateFirst: boolean,
  claimed: Set<number>,
  headerIdx: number[],
): void {
  const a = anchors[k]!;
  const nextAnchor = anchors[k + 1]?.i ?? content.length;
  const datesBeside = hasDatesBeside(content[a.i]!.text, a.range);
  const wrapsOn = (t: string) => datesBeside && wrapsIntoNext(own, t);
  const dangling = DANGLING_EMPLOYER_RE.test(own) || wrapsOn(content[a.i + 1]?.text ?? '');
  // "Ejecutiva de Cuentas Clave – Hospitales Privados | 2021 – Actual" over "Distribuidora Médica
  // del Occidente, S.A. de C.V.": two parts and no employer among them, the next line that names
  // one is the entry's too.
  let employed = namesEmployer(own) || headerIdx.some((j) => namesEmployer(content[j]!.text));
  let last = a.i;
  // (Further down, only right before the entry's items: a line before another header line may
  // be that one's.)
  const employerNext = (j: number) =>
    !employed &&
    j === last + 1 &&
    namesEmployer(content[j]?.text ?? '') &&
    (j === a.i + 1 ||
      content[j + 1] === undefined ||
      content[j + 1]!.text === '' ||
      isBulletLine(content[j + 1]!.text));
  // "University of Leeds, School of Biology | Jun 2024 – Aug 2024" over "Summer Research Intern |
  // Leeds": two parts and no title among them, the title on the next line is the entry's too.
  const untitled = !commaPieces(own).some((p) => splitParts(p).some((q) => readsAsTitle(q.trim())));
  const titleNext = (j: number) =>
    untitled &&
    j === a.i + 1 &&
    isHeaderLike(content[j]?.text ?? '') &&
    readsAsTitle(splitParts(content[j]!.text)[0]!.trim()) &&
    !readsAsEmployer(splitParts(content[j]!.text)[0]!.trim());
  for (
    let j = a.i + 1;
    j < nextAnchor && (pieces < 2 || (dangling && j === a.i + 1) || employerNext(j) || titleNext(j));
    j++
  ) {
    const t = content[j]!.text;
    if (t === '') continue;
    // The job's length on a line of its own under its dates ("6 лет 1 месяц") names nothing.
    if (j === a.i + 1 && DURATION_RE.test(t.replace(/[()]/g, '').trim())) {
      headerIdx.push(j);
      claimed.add(j);
      continue;
    }
    // A long title may share its line with a city or its employer: its own words count.
    // (moderncv ends the wrapped part with a full stop: "Ebro Norte S.L., Zaragoza.")
    const wrapped = j === a.i + 1 && wrapsOn(t);
    if ((!isHeaderLike(t) && !wrapped) || Math.max(...splitParts(withoutAddress(t)).map(wordCount)) > 12)
      break;
    // Under titles-above layout, the lines right before the next date belong to the next entry,
    // unless items stand between ("Becaria | 2015" over "Tequilera | Arandas", an item, then
    // "Promotora | 2014").
    const beforeNext = content.slice(j + 1, nextAnchor).every((l) => !isBulletLine(l.text));
    if (
      !dateFirst &&
      j >= nextAnchor - 2 &&
      k + 1 < anchors.length &&
      beforeNext &&
      !(dangling && j === a.i + 1)
    )
      break;
    headerIdx.push(j);
    claimed.add(j);
    pieces += countPieces(t);
    employed ||= namesEmployer(t);
    last = j;
  }
}

/**
 * LinkedIn-style groups: an employer (and a line about it) stands alone, a blank line, then its
 * roles, each a title over its dates. The employer is not any role's header line.
 */
function groupsOverRoles(content: CvLine[], entries: EntrySpan[], claimed: Set<number>): Map<number, string> {
  const groups = new Map<number, string>();
  for (const e of entries) {
    if (e.headerIdx.filter((j) => j < e.anchor).length !== 1 || content[e.start - 1]?.text !== '') continue;
    const lines: number[] = [];
    for (let j = e.start - 2; j >= 0 && lines.length < 2; j--) {
      const t = content[j]!.text;
      if (t === '' || claimed.has(j)) break;
      lines.unshift(j);
    }
    const top = lines[0];
    if (top === undefined || (top > 0 && content[top - 1]!.text !== '')) continue;
    const employer = splitParts(content[top]!.text)[0] ?? '';
    const fits = lines.every((j) => isHeaderLike(content[j]!.text) && !/:\s/.test(content[j]!.text));
    if (!fits || employer === '' || isTitle(employer) || findDates(content[top]!.text).length > 0) continue;
    for (const j of lines) claimed.add(j);
    groups.set(e.anchor, employer);
  }
  return groups;
}

/**
 * Dates first ("Title | dates" over "Employer — City"), but a group of roles has its employer
 * above it, alone after a blank line: "Bitmeccanica S.p.A. — Napoli" over two roles. The entry
 * then starts at the employer's line.
 */
function groupsOverDatedRoles(
  content: CvLine[],
  entries: EntrySpan[],
  claimed: Set<number>,
): Map<number, string> {
  const groups = new Map<number, string>();
  for (const e of entries) {
    const j = e.anchor - 1;
    const line = content[j]?.text ?? '';
    if (e.headerIdx.some((h) => h > e.anchor) || claimed.has(j) || line === '') continue;
    const own = removeRange(content[e.anchor]!.text, e.range);
    const employer = splitParts(line)[0] ?? '';
    // Right after the items of the entry above, only a name that reads as an employer.
    const afterItems = j > 0 && isBulletLine(content[j - 1]!.text) && readsAsEmployer(employer);
    if (j > 0 && content[j - 1]!.text !== '' && !afterItems) continue;
    // Dates alone name no role: the line above is this entry's own header, not a group over it.
    if (
      own.trim() === '' ||
      countPieces(own) !== 1 ||
      !isHeaderLike(line) ||
      /:\s/.test(line) ||
      isTitle(employer)
    )
      continue;
    if (employer === '' || findDates(line).length > 0) continue;
    claimed.add(j);
    e.start = j;
    groups.set(e.anchor, employer);
  }
  return groups;
}

/** An entry's block (its header, dates and body up to `end`), then any undated entries in its body. */
function entryBlocks(
  content: CvLine[],
  e: EntrySpan,
  end: number,
  claimed: Set<number>,
  groups: Map<number, string>,
): EntryBlock[] {
  const header = entryHeader(content, e);
  const body: CvLine[] = [];
  for (let j = e.start; j < end; j++) if (!claimed.has(j) && content[j]!.text !== '') body.push(content[j]!);
  const group = groups.get(e.anchor);
  const undated = undatedEntries(body);
  return [
    { header, range: e.range, body, line: content[e.start]!.n, ...(group ? { group } : {}) },
    ...undated,
  ];
}

/** An entry's header lines in reading order, wrapped lines joined back. */
function entryHeader(content: CvLine[], e: EntrySpan): string[] {
  const header: string[] = [];
  // A header line wrapped in a narrow cell goes on on the next: "… | Becario de" over
  // "Investigación", "Conseillère agronomie et" over "environnement | mars 2018 – aujourd’hui",
  // "… Ústav výpočetní" over "techniky".
  const addLine = (text: string) => {
    const last = header.length - 1;
    const wrapped =
      last >= 0 &&
      !text.includes('|') &&
      (WRAPPED_END_RE.test(header[last]!) || (/^\p{Ll}/u.test(text) && wordCount(text) <= 2));
    if (wrapped && findDates(text).length === 0) header[last] = `${header[last]} ${text}`;
    else header.push(text);
  };
  for (const j of e.headerIdx.filter((j) => j < e.anchor)) addLine(content[j]!.text);
  const own = removeRange(content[e.anchor]!.text, e.range);
  if (own !== '') addLine(own);
  const datesBeside = hasDatesBeside(content[e.anchor]!.text, e.range);
  for (const j of e.headerIdx.filter((j) => j > e.anchor)) {
    const text = content[j]!.text;
    const last = header.length - 1;
    // A school on a line of its own is no employer's name wrapped ("Grado en Turismo" over the dates
    // over "Universitat de les Illes Balears").
    if (
      last >= 0 &&
      ((DANGLING_EMPLOYER_RE.test(header[last]!) && titleLikeness(text) <= 0 && !isInstitution(text)) ||
        (datesBeside && j === e.anchor + 1 && wrapsIntoNext(header[last]!, text)))
    )
      header[last] = `${header[last]} ${text}`;
    else header.push(text);
  }
  return header;
}

/** A title by the lexicon's list, not only by a title word somewhere in it. */
function isKnownTitle(text: string): boolean {
  return titleLikeness(text) > 0 && !readsAsEmployer(text);
}

/**
 * A header line with a part that is surely an employer: a legal form, or a firm's name; or a
 * name and its place, no title among them ("Çırağan Palace Kempinski · İstanbul").
 */
function namesEmployer(text: string): boolean {
  const parts = splitParts(text).map((p) => p.trim());
  if (parts.some((p) => isLegalEntity(p) || titleLikeness(p) < 0)) return true;
  const named = parts.filter((p) => p !== '' && !isWholePlace(p) && findDates(p).length === 0);
  if (named.length !== 1) return false;
  const { text: name, place } = splitTrailingPlace(named[0]!);
  // "Alstom Transport", "Harbour Lane Home Store": a short name with a business word, no title.
  if (
    parts.length === 1 &&
    namesBusiness(name) &&
    !readsAsTitle(name) &&
    /^\p{Lu}/u.test(name) &&
    wordCount(name) <= 5
  )
    return true;
  // "Sumol+Compal, Carnaxide": a name, then a town no list knows, after a comma.
  const [, firm, town] = /^([^,]+),\s*([^,]+)$/.exec(named[0]!) ?? [];
  if (
    place === null &&
    firm !== undefined &&
    looksLikePlaceName(town!) &&
    /^\p{Lu}/u.test(firm) &&
    !isLegalForm(firm) &&
    !readsAsTitle(firm) &&
    !isFieldOfWork(firm) &&
    !isWholePlace(firm)
  )
    return true;
  return (
    (place !== null || named.length < parts.length) &&
    !readsAsTitle(name) &&
    !name.includes(',') &&
    !isWholePlace(name) &&
    !isPlace(name.split(/\s+/)[0]!) &&
    /^\p{Lu}/u.test(name) &&
    name.split(/\s+/).length >= 2
  );
}

/**
 * An entry printed without dates among dated ones ("Electricista en prácticas" over "Montajes
 * Eléctricos Aragón, S.L." and its items): after the items above it, a title line and an employer
 * line, then items of its own. Taken out of `body` (the entry above) as entries of their own.
 */
function undatedEntries(body: CvLine[]): EntryBlock[] {
  const out: EntryBlock[] = [];
  // Its items may be bullets or sentences ("Üniversite son sınıfta … verdim."), or none at the end.
  const item = (l: CvLine | undefined) => l !== undefined && (isBulletLine(l.text) || endsSentence(l.text));
  const titleLike = (t: string) => titleLikeness(t) > 0 || hasTitleWord(t);
  // The header lines at `p` and the items after them become an entry of their own.
  const take = (p: number, headerLines: number) => {
    let end = p + headerLines;
    while (end < body.length && item(body[end])) end++;
    const header = body.slice(p, p + headerLines).map((l) => l.text);
    out.unshift({ header, range: null, body: body.slice(p + headerLines, end), line: body[p]!.n });
    body.splice(p, end - p);
  };
  for (let p = body.length - 2; p >= 1; p--) {
    const [before, a, b, after] = [body[p - 1]!, body[p]!, body[p + 1]!, body[p + 2]];
    if (!isBulletLine(before.text) || !(after === undefined || item(after))) continue;
    if (![a, b].every((l) => isHeaderLike(l.text) && findDates(l.text).length === 0)) continue;
    const [first, second] = [splitParts(a.text)[0] ?? '', splitParts(b.text)[0] ?? ''];
    // A known title over a name no title could be ("Doruk Eğitim Kurumları – Buca/İzmir") is one too.
    const employerAfter = readsAsEmployer(second) || (isKnownTitle(first) && !titleLike(second));
    if ((titleLike(first) && employerAfter) || (readsAsEmployer(first) && titleLike(second))) take(p, 2);
  }
  // One line naming both ("Electricista en prácticas — Montajes Eléctricos Aragón, S.L."), as a
  // CV written in markdown heads an entry whose dates it does not know.
  for (let p = body.length - 2; p >= 1; p--) {
    const [before, a, b] = [body[p - 1]!, body[p]!, body[p + 1]!];
    if (!isBulletLine(before.text) || !isBulletLine(b.text)) continue;
    if (!isHeaderLike(a.text) || findDates(a.text).length > 0) continue;
    const [first, second] = splitParts(a.text).map((t) => splitTrailingPlace(t.trim()).text);
    if (second === undefined) continue;
    if ((titleLike(first!) && readsAsEmployer(second)) || (readsAsEmployer(first!) && titleLike(second)))
      take(p, 1);
  }
  return out;
}

/**
 * A date column whose dates share a line with the entry's first item (RenderCV's moderncv theme:
 * "Jan 2021 – present | • Lead engineer for …"): the dates on a line of their own, the item after.
 */
function splitItemsOffDates(lines: CvLine[]): CvLine[] {
  return lines.flatMap((l) => {
    const parts = l.text.split(' | ');
    const k = parts.findIndex((p, i) => i > 0 && isBulletLine(p));
    if (k < 1 || isBulletLine(l.text)) return [l];
    const dates = parts.slice(0, k).join(' | ');
    if (findDateRanges(dates).length === 0) return [l];
    // "01/2018 - 02/2020 | • Deventer": a place after a pin drawn as a dot is the job's place.
    const rest = stripBullet(parts.slice(k).join(' | '));
    if (isPlaceShaped(rest.trim()) && wordCount(rest) <= 4) return [{ n: l.n, text: `${dates} | ${rest}` }];
    return [
      { n: l.n, text: dates },
      { n: l.n, text: `- ${stripBullet(parts.slice(k).join(' | '))}` },
    ];
  });
}

/**
 * A date column set beside an entry's first item rather than its header (RenderCV: "Employer,
 * Title | City" over "- Led the modelling … | June 2021 – present"): the dates go to the header.
 */
function moveDatesOffItems(content: CvLine[]): void {
  content.forEach((l, i) => {
    if (!isBulletLine(l.text) || !l.text.includes(' | ')) return;
    const parts = l.text.split(' | ');
    const last = parts.at(-1)!.trim();
    const range = findDateRanges(last)[0];
    if (range === undefined || removeRange(last, range) !== '') return;
    let h = i - 1;
    while (h >= 0 && content[h]!.text === '') h--;
    const header = content[h];
    if (header === undefined || isBulletLine(header.text) || findDateRanges(header.text).length > 0) return;
    content[h] = { ...header, text: `${header.text} | ${last}` };
    content[i] = { ...l, text: parts.slice(0, -1).join(' | ') };
  });
}

// A header line cut short by a wrap: "… bei Autohaus" over "Brenner GmbH, Kassel", "…, University of"
// over "Southampton, UK".
const DANGLING_EMPLOYER_RE =
  /\s(?:(?:at|bei|chez|en|presso|в|w)\s+\p{Lu}[\p{L}&.-]*|of|de|du|des|am|an|der|für|und|and|for|the|di|del|della|van|von|zu|&)$/iu;

/**
 * moderncv wraps "Title, Employer, City." at its column's edge, the dates beside the first line
 * (callers check that):
 * "Coordinador de Logística, Transportes" over "Ebro Norte S.L., Zaragoza.". The line under goes on
 * with the name when this one ends in a capitalised name after a comma and that one in a place.
 */
function wrapsIntoNext(own: string, next: string): boolean {
  const pieces = commaPieces(own.trim());
  const tail = pieces.at(-1) ?? '';
  if (
    pieces.length < 2 ||
    !/^\p{Lu}[\p{L}&'’.-]*(?:\s\p{Lu}[\p{L}&'’.-]*)?$/u.test(tail) ||
    readsAsTitle(tail) ||
    isFieldOfWork(tail) ||
    isWholePlace(tail)
  )
    return false;
  const rest = commaPieces(next.trim().replace(/\.$/, ''));
  return (
    rest.length >= 2 &&
    /^\p{Lu}/u.test(next.trim()) &&
    !isBulletLine(next) &&
    wordCount(next) <= 8 &&
    findDates(next).length === 0 &&
    !readsAsTitle(rest[0]!) &&
    isPlaceShaped(rest.at(-1)!)
  );
}

// A line that stops on a word that joins two others ("Conseillère agronomie et") goes on on the next.
const WRAPPED_END_RE =
  /\s(?:of|de|du|des|der|für|und|and|for|the|di|del|della|dei|degli|delle|do|da|dos|das|van|von|zu|zum|zur|et|y|och|og|&)$/iu;

/** Without dates: each non-bullet short line followed by bullets opens an entry. */
export function splitByHeaderLines(lines: CvLine[]): EntryBlock[] {
  const blocks: EntryBlock[] = [];
  let current: EntryBlock | null = null;
  for (const l of lines) {
    if (l.text === '') continue;
    if (isHeaderLike(l.text) && (current === null || current.body.length > 0)) {
      current = { header: [l.text], range: null, body: [], line: l.n };
      blocks.push(current);
    } else if (current === null) {
      current = { header: [], range: null, body: [l], line: l.n };
      blocks.push(current);
    } else if (isHeaderLike(l.text) && current.body.length === 0 && current.header.length < 2) {
      current.header.push(l.text);
    } else {
      current.body.push(l);
    }
  }
  return blocks;
}

export function headerPieces(header: string[]): string[] {
  const pieces: string[] = [];
  for (const h of header) {
    for (const p of h.split(PIECE_SPLIT_RE)) {
      const t = p.replace(/^[\s:,;|-]+|[\s:,;|-]+$/g, '').trim();
      if (t === '' || /^\d+$/.test(t)) continue;
      // "Houston, TX": a state or country code belongs to the place before it.
      if (/^[A-Z]{2}$/.test(t) && pieces.length > 0) pieces[pieces.length - 1] += `, ${t}`;
      else pieces.push(t);
    }
  }
  return pieces;
}

// Europass prints the employer's line of business under each job's items: a fact about the
// employer, not one of the job's achievements.
const SECTOR_LABEL_RE =
  /^(?:(?:type of )?business or sector|επιχειρηση η κλαδος|tatigkeitsbereich(?: oder branche)?|branche|secteur d['’]activite|(?:tipo de )?actividad o sector|sector de actividad|attivita o settore|settore|set(?:c)?or de a(?:c)?tividade|branza(?: lub sektor)?|obor cinnosti|typ podnikani nebo odvetvi|obor nebo odvetvi|typ podnikania alebo odvetvie|rodzaj dzialalnosci lub sektor|vrsta djelatnosti ili sektor|tipul activitatii sau sectorul|sector)(?!\p{L})/u;

/** A short label ending in a colon over what it names: "Zakres obowiązków:", "Utstyr og systemer:". */
function isColonLabel(text: string): boolean {
  return /^[^:|\d]{3,40}:$/u.test(text.trim()) && wordCount(text) <= 4;
}

export function readBody(body: CvLine[]): { summary: string | null; highlights: string[] } {
  const highlights: string[] = [];
  const summary: string[] = [];
  let lastWasBullet = false;
  // "Utstyr og systemer:" over "Eaton xComfort, Schneider KNX, …" after the items: a labelled note
  // of the job, no item of it.
  let label: string | null = null;
  for (const l of body) {
    const bullet = isBulletLine(l.text);
    const text = bullet ? stripBullet(l.text) : l.text.trim();
    if (text === '') continue;
    if (label !== null) {
      const pending = label;
      label = null;
      if (!bullet) {
        summary.push(`${pending} ${text}`);
        lastWasBullet = false;
        continue;
      }
      if (highlights.length === 0) summary.push(pending);
    }
    if (!bullet && highlights.length > 0 && isColonLabel(text)) {
      label = text;
      continue;
    }
    if (!bullet && SECTOR_LABEL_RE.test(fold(text))) {
      summary.push(text);
      continue;
    }
    // A wrapped item goes on: its next line starts small, or the item stopped mid-phrase (a comma,
    // a small word: "…, attributing" over "38 GWh of shifted peak load.").
    const midPhrase = finishesBrokenLine(highlights.at(-1) ?? '', text);
    if (!bullet && lastWasBullet && (/^[\p{Ll}(]/u.test(text) || midPhrase) && highlights.length > 0) {
      highlights[highlights.length - 1] += ` ${text}`;
      continue;
    }
    if (bullet || highlights.length > 0) {
      highlights.push(text);
      lastWasBullet = true;
    } else {
      summary.push(text);
      lastWasBullet = false;
    }
  }
  if (label !== null) summary.push(label);
  // Items drawn without a marker: two or more lines, each a sentence of its own (the reader has
  // joined wrapped lines already, so every line starting with a capital is a block of its own).
  if (
    highlights.length === 0 &&
    summary.length >= 2 &&
    summary.every(
      (t) =>
        /^[\p{Lu}\d]/u.test(t) &&
        t.length <= 300 &&
        // Ends a sentence, or at least not mid-phrase (a comma, "auf", "the").
        (endsSentence(t) || (t.split(/\s+/).length >= 5 && !/(?:,|\s\p{Ll}{1,4})$/u.test(t))),
    )
  ) {
    return { summary: null, highlights: summary };
  }
  return { summary: summary.length > 0 ? summary.join(' ') : null, highlights };
}

// Parts of an entry header printed apart: " | " (the readers' mark for a gap), dashes and dots
// between spaces, "at"/"bei"/"chez" before a capital. Commas are not among them: "Senior Nurse,
// Cardiac ICU" is one title and "Ridgeline Builders, Inc." one employer.
const PART_SPLIT_RE = /\s+[|·•–—]\s+|\s*\|\s*|\s+-\s+|\s+@\s+|\t+|\s{3,}/u;
// "Praticante avvocato presso lo Studio Legale Benedetti", "Sygeplejerske hos Region Midt", "Kock på Liseberg AB",
// "Stagiair bij Philips", "Lærer ved Skovbakkeskolen", "Sjuksköterska vid Karolinska": the word for
// "at" between a title and its employer.
const AT_SPLIT_RE =
  /\s+(?:at|bei|chez|в|hos|på|bij|ved|vid|presso(?:\s+(?:lo|la|il|i|gli|le|l'))?)\s+(?=[\p{Lu}«"]|\d+\p{Lu})/u;

/**
 * Parts of a header line. "Title at Employer" splits at "at", but "University of Texas at Austin"
 * is one name: no split after an institution's or firm's name.
 */
const PART_SPLIT_KEEP_RE = new RegExp(`(${PART_SPLIT_RE.source})`, 'u');
const SUBUNIT_RE =
  /^(?:oficina|servicio|seccion|delegacion|sucursal|dipartimento|department|dept\.?|faculty|fakultat|faculte|facultad|faculdade|school of|centre|center|centro|laboratorio|laboratoire|laboratory|institut|instituto|istituto|settore|servizio|division|abteilung|lehrstuhl|chair of|unidad|unite|universite|university|universidad|universita|universitat|universidade|uniwersytet)\b/;
// Stands for a space that must not split parts: a word joiner, which \s does not match (a
// no-break space would, and the dash would split after all).
const KEEP = '\u2060';

/**
 * Parts that are both job titles are one title ("Ingegnera ambientale senior – Project manager
 * bonifiche", "Architetta senior | Project Architect"); so is a body and its unit after a dash.
 * The one place header parts are joined again, before places, roles or pieces are counted.
 */
function joinTitlePairs(line: string, context: HeaderContext): string[] {
  const { titled, employed, alone } = context;
  const pieces = line.split(PART_SPLIT_KEEP_RE);
  // A header of one line in two parts, no comma after the mark, names the title and the employer:
  // the second, with a title word in its name ("Analista de Microbiologia Sênior — EMS
  // Farmacêutica"), is not a second title ("Senior Paralegal – Commercial Property, Hartley
  // Greaves LLP" is one with its field).
  const pairs = !(alone && pieces.length === 3 && !pieces[2]!.includes(','));
  const out: string[] = [pieces[0] ?? ''];
  for (let k = 1; k + 1 < pieces.length; k += 2) {
    const separator = pieces[k]!;
    const next = pieces[k + 1]!;
    const previous = out[out.length - 1]!;
    const dash = /^\s+[–—-]\s+$/.test(separator);
    // "IAE Grenoble – Université Grenoble Alpes", "UFMG – Laboratório de Computação Móvel": a
    // school or body and the unit of it, one name.
    const unit =
      dash && SUBUNIT_RE.test(fold(next.trim())) && !isTitle(previous) && findDates(previous).length === 0;
    // "Pielęgniarka odcinkowa – Oddział Chirurgii", "Enfermera de planta - Medicina Interna": a
    // title and the unit or field it works in, one title.
    const field =
      dash &&
      titleLikeness(previous) > 0 &&
      findDates(next).length === 0 &&
      (isDepartment(next) ||
        (isFieldOfWork(next) &&
          next.trim().split(/\s+/).length <= 3 &&
          titleLikeness(next) === 0 &&
          !isTitle(next) &&
          !isOrganization(next) &&
          !namesBusiness(next)));
    // "Stadt Leipzig – Hort der 16. Schule", "Tribunale di Milano – Sezione Lavoro" beside a title
    // printed apart: a body and its unit, neither a title, one employer.
    // ("Canarias Aero Services S.L. – Las Palmas de Gran Canaria": after a legal form, the town.)
    const town = isLegalEntity(previous.trim()) && isTownAfterFirm(next.trim());
    const body =
      dash && titled && !town && (isBodyAndUnit(previous, next) || isNameAndBranch(previous, next));
    // "Socia – Responsabile del dipartimento…", "Ejecutiva de Cuentas Clave – Hospitales Privados"
    // over a line that names the employer: a title in two parts, the employer being elsewhere.
    // "Maintenance Electrician – Estates Team | Severn 24/7 Facilities Ltd": the same holds when
    // another part of this line surely names the employer.
    const firmBeside = pieces.some((p, j) => {
      const firm = splitTrailingPlace(p.trim()).text;
      return j % 2 === 0 && j !== k - 1 && j !== k + 1 && (isLegalEntity(firm) || titleLikeness(firm) < 0);
    });
    const role = dash && (employed || firmBeside) && isTitleInTwo(previous, next);
    // "Designation: Trainee – Software Testing": what a title's label names is the title whole.
    const labelled = dash && TITLE_LABEL_RE.test(fold(previous.trim())) && findDates(next).length === 0;
    // "Studio Tecnico Ferrari & Bassi S.r.l., Reggio Emilia": a firm whose name holds a title's
    // word ("Tecnico") is no second title, its town and dates after it or not.
    const firmNext = isLegalEntity(commaPieces(next)[0] ?? next);
    const titles = pairs && titleLikeness(previous) > 0 && titleLikeness(next) > 0 && !firmNext;
    if (unit || field || body || role || labelled || (dash && titles)) {
      out[out.length - 1] = `${previous}${separator.replace(/\s+/g, KEEP)}${next}`;
    } else if (titles) {
      // Two titles apart by any other mark ("Architetta senior | Project Architect") are one too.
      out[out.length - 1] = `${previous}${KEEP}–${KEEP}${next}`;
    } else out.push(next);
  }
  return out;
}

// The kind of post in brackets after a title, in the languages of the corpus ("Saisonstelle",
// "sommarjobb", "bijbaan", "temporada").
const WORK_KIND_RE =
  /^(?:part|full)[- ]?time|co-?op|contract|freelance|intern|temporary|interim|seasonal|volunteer|saison|minijob|aushilf|nebenjob|ferienjob|werkstudent|zwischenjahr|sommarjobb|extrajobb|helger|deltid|heltid|vikariat|bijbaan|vakantiewerk|uitzend|temporada|temporal|media jornada|tiempo parcial|stagional|cdd|cdi|alternance|stage/i;

function readsAsTitle(text: string): boolean {
  return titleLikeness(text) > 0 || isTitle(text) || hasTitleWord(text);
}

/**
 * Two header pieces apart by a dash that name a body and a unit of it ("Catena – Farmacia nr. 214",
 * "Volkssolidarität Leipzig e.V. – Kita „Sonnenblume“"): neither a title, a date, a place or a kind
 * of work, and the second a unit or a workplace by its words.
 */
function isBodyAndUnit(previous: string, next: string): boolean {
  const name = splitTrailingPlace(next.trim()).text;
  if (readsAsTitle(previous) || readsAsTitle(name)) return false;
  if (findDates(previous).length > 0 || findDates(next).length > 0) return false;
  if (WORK_KIND_RE.test(name) || isWholePlace(name) || isWholePlace(next.trim())) return false;
  return (
    isDepartment(name) ||
    SUBUNIT_RE.test(fold(name)) ||
    namesBusiness(name) ||
    isOrganization(name) ||
    isLegalEntity(name) ||
    titleLikeness(name) < 0
  );
}

/**
 * "NH Hotel Group – NH Madrid Zurbano", "Meadowbank Care Homes Ltd – The Larches" beside a title
 * printed apart: a firm and its branch, two names, neither a title, a date, a place or a kind of work.
 */
function isNameAndBranch(previous: string, next: string): boolean {
  const branch = splitTrailingPlace(next.trim()).text;
  const words = branch.split(/\s+/);
  if (readsAsTitle(previous) || readsAsTitle(branch) || WORK_KIND_RE.test(branch)) return false;
  if (findDates(previous).length > 0 || findDates(next).length > 0 || words.length < 2) return false;
  if (isWholePlace(branch) || isWholePlace(previous.trim()) || words.some((w) => isPlace(w))) return false;
  return words.every((w) => /^(?:\p{Lu}|\d|\p{Ll}{1,3}$)/u.test(w));
}

/** Two header pieces apart by a dash that make one title: one of them a title, neither a firm or a place. */
function isTitleInTwo(previous: string, next: string): boolean {
  const both = [previous, next].map((p) => p.trim());
  // "Tecnica di laboratorio senior": a title may hold a business word; a firm holds no title.
  if (
    !both.some(readsAsTitle) ||
    both.some((p) => (readsAsEmployer(p) && !readsAsTitle(p)) || isWholePlace(p))
  )
    return false;
  return both.every((p) => findDates(p).length === 0);
}

// "Analista de Negocio en Telefónica España", "Gerente de Loja na Zara": words for "at" that also
// join a title to its field ("Especialista en Marketing Digital"). Portuguese "em" is left out: it
// names the field far more often than the employer ("Estagiária em Farmácia Hospitalar").
const WEAK_AT_SPLIT_RE = /\s+(?:en|na|no)\s+(?=\p{Lu})/gu;

/**
 * A title and its employer joined by a word that also means "in": split only after a known title,
 * before a name that reads as an organisation (or one no field, title or place could be).
 */
function splitAtWeakWord(part: string): string[] | null {
  for (const m of [...part.matchAll(WEAK_AT_SPLIT_RE)].reverse()) {
    const before = part.slice(0, m.index);
    // The employer's place may follow it: "Jefe de almacén en Ochoa Logística, S.A., Zaragoza",
    // "… na Continental Mabor, Lousado" (a town no list knows, after the comma).
    const rest = part.slice(m.index + m[0].length).trim();
    const pieces = commaPieces(rest);
    const trailing = splitTrailingPlace(rest).text;
    const after =
      trailing === rest && pieces.length === 2 && looksLikePlaceName(pieces[1]!) ? pieces[0]! : trailing;
    if (titleLikeness(before) <= 0 || isInstitution(before) || findDegree(before) !== null) continue;
    const words = after.split(/\s+/);
    // A business word alone or joined to another field is the trade the title names ("Técnico en
    // Farmacia y Parafarmacia"); a firm names itself further ("Farmacia López", "Hospital La Paz").
    const organisation =
      isLegalEntity(after) ||
      ((isOrganization(after) || namesBusiness(after)) &&
        words.length >= 2 &&
        !/\s(?:y|e|i|and)\s/.test(after) &&
        !isFieldOfWork(after));
    const nameShaped =
      // A field after a title runs long ("Cuidados Auxiliares de Enfermería"); a firm's name is
      // short ("BBVA", "Mercadona", "Telefónica España").
      words.length <= 2 &&
      words.every((w) => /^\p{Lu}/u.test(w)) &&
      !isFieldOfWork(after) &&
      !hasTitleWord(after) &&
      !isPlace(after) &&
      findDegree(after) === null &&
      classifyHeading(after) === null;
    // "Sonae Arauco Portugal", "Decathlon España": a firm's name with the country it trades in.
    const national =
      words.length >= 2 &&
      words.length <= 4 &&
      words.every((w) => /^\p{Lu}/u.test(w)) &&
      isPlace(words.at(-1)!) &&
      !isPlace(words.slice(0, -1).join(' ')) &&
      !hasTitleWord(after) &&
      !isFieldOfWork(after) &&
      findDegree(after) === null;
    if (organisation || nameShaped || national) return [before, rest];
  }
  return null;
}

/** What the rest of a job's header tells about one of its lines. */
interface HeaderContext {
  /** The header holds a title elsewhere, so a body and its unit after a dash are one name. */
  titled?: boolean;
  /** Another line of the header names the employer, so a title and its unit are one title. */
  employed?: boolean;
  /** This is the header's only line that names anything but places. */
  alone?: boolean;
}

/** `weakAt`: also split at "en", "na", "no" (a job's header, not a degree's: "Máster en Big Data"). */
export function splitParts(line: string, weakAt = false, context: HeaderContext = {}): string[] {
  // "Cariste – préparateur de commandes": after a dash a small letter goes on with the same part.
  // Not after a place: "AS „Latvijas Finieris“ (Rīga) – galvenā grāmatvede" is two parts.
  const kept = line.replace(/(\S+)\s+([–—-])\s+(?=\p{Ll})/gu, (m, before: string, dash: string) =>
    before.endsWith(')') || isPlace(before.replace(/[(),]/g, '')) ? m : `${before}${KEEP}${dash}${KEEP}`,
  );
  return joinTitlePairs(kept, context).flatMap((raw) => {
    const part = raw.replaceAll(KEEP, ' ');
    const m = AT_SPLIT_RE.exec(part);
    if (m === null) return (weakAt ? splitAtWeakWord(part) : null) ?? [part];
    const before = part.slice(0, m.index);
    // "ved" and "vid" also join a school to its university ("Handelshögskolan vid Göteborgs
    // universitet"): they split only after a title.
    const likeness = titleLikeness(before);
    const afterTitleOnly = /^\s+v[ei]d\s+$/u.test(m[0]);
    return isInstitution(before) || likeness < 0 || (afterTitleOnly && likeness === 0)
      ? [part]
      : [before, part.slice(m.index + m[0].length)];
  });
}

// Legal forms written after a comma ("Climent & Roig Abogados, S.L.P."), compared without dots.
const LEGAL_FORMS = new Set(
  (
    'inc ltd llc llp plc corp co gmbh ag kg mbh ug se sa sas sarl eurl sl slp slu sau srl spa bv nv oy ab as aps ltda sro sadecv partgmbb gmbhcokg kgaa ev snc ' +
    'lda sasu selarl scp sca scs sprl srls sapa scarl coop oyj abp asa hb kb is doo dd ad ood eood kft zrt nyrt bt spzoo sc spj spk sj ' +
    'aş as kk ptyltd pvtltd ltdsti bvba cvba vof ohg ek gbr og eireli me sae sal sanv'
  ).split(' '),
);

function isLegalForm(piece: string): boolean {
  return LEGAL_FORMS.has(piece.replace(/[.\s&]/g, '').toLowerCase());
}
// Seasons beside dates ("Summers 2014–2016") and the header row of a table of jobs ("Zeitraum |
// Tätigkeit") name no employer or title.
const NOT_A_FACT_RE =
  /^(?:summers?|winters?|springs?|autumns?|falls?|sommer|ete|verano|invierno|zeitraum|tatigkeit|taetigkeit|period|periode|periodo|dates?|datum|position|employer|company|role|arbeitgeber|funktion|empresa|puesto|poste|employeur|datore di lavoro|ruolo)$/;

// A job's length printed beside it ("4 года", "2 years 3 months", "3 años y 6 meses", "8 Monate").
// On a line of its own any word may be the unit; inside a line only a unit of time is.
const duration = (unit: string) =>
  String.raw`\d+\s+${unit}\.?(?:,?\s+(?:(?:y|e|et|und|and|i|og|och|en|ve)\s+)?\d+\s+${unit}\.?)?`;
const DURATION_RE = new RegExp(`^${duration(String.raw`\p{L}{1,8}`)}$`, 'u');
const TIME_UNIT = String.raw`(?:years?|yrs?|months?|mos?|jahre?|monate?|ans?|mois|años?|meses?|anni|anno|mesi|mese|anos?|jaar|maanden?|maand|lat|lata|rok|miesi\p{L}*|år|månad\p{L}*|ay|yıl|года?|лет|месяц\p{L}*)`;
const DURATION_IN_BRACKETS_RE = new RegExp(String.raw`\s*\(${duration(TIME_UNIT)}\)`, 'giu');

/**
 * LinkedIn's "Save to PDF" prints the time at each employer under its name ("6 years 4 months")
 * and each role's length after its dates ("January 2022 - Present (3 years 6 months) Warrington"):
 * lengths the dates already tell, which would stand between an employer and its title or join a
 * place. They go before the entries are read.
 */
function withoutTenures(lines: CvLine[]): CvLine[] {
  return lines.flatMap((l) => {
    if (isBulletLine(l.text)) return [l];
    if (DURATION_RE.test(l.text.replace(/[()]/g, '').trim())) return [];
    if (findDates(l.text).length === 0) return [l];
    return [{ ...l, text: l.text.replace(DURATION_IN_BRACKETS_RE, '') }];
  });
}
// US and Canadian states (two letters) and Australian states, after a city.
const REGION_CODE_RE = /^(?:[A-Z]{2}|NSW|VIC|QLD|TAS|ACT)$/;

// Words that name a business wherever they stand in its name ("Taberna El Cabildo"), to tell an
// employer from a city when both are capitalised words no list knows.
const ORG_WORD_RE =
  /\b(?:kommune|kommun|gemeinde|stadtverwaltung|landkreis|municipality|council|gmina|mairie|ayuntamiento|concello|ajuntament|comune|gemeente|prefeitura|municipio|kunta|hotel|hostel|trust|council|authority|groupe|hospital|hopital|ospedale|krankenhaus|klinikum|klinik|ziekenhuis|szpital|sjukhus|sygehus|sykehus|nemocnice|policlinica|residencia|colegio|escuela|scuola|liceo|lycee|college|kita|kindergarten|restaurant|restaurante|ristorante|taberna|bar|cafe|bistro|brasserie|distributie|distribucion|transport|transportes|cargo|logistics|logistik|logistiek|foods|farm|pharmacy|apotheke|farmacia|bakery|boulangerie|studio|agency|clinic|clinica|school|bank|banco|store|shop|market|mercado|group|grupo|services|solutions|systems|partners|consulting|center|centre|centro|media|labs|werk|werke|bau|haus|cabinet|despacho|gabinete|atelier|agence|agencia|ufficio|officina|etude|relais|auberge|maison|domaine|chateau|bodega|trattoria|osteria|biuro|kancelaria|praxis|kanzlei|usine|fabrik|werkstatt|laboratoire|laboratorio|institut|instituto|istituto)\b/;

function namesBusiness(text: string): boolean {
  return ORG_WORD_RE.test(fold(text));
}

/** A header piece that reads as an employer: a legal form, an organisation or a business word. */
function readsAsEmployer(text: string): boolean {
  return titleLikeness(text) < 0 || isOrganization(text) || isLegalEntity(text) || namesBusiness(text);
}

/**
 * A city no list knows, by its shape: one to four capitalised words ("Esslingen am Neckar",
 * "Москва"), nothing that reads as a title or an employer.
 */
function looksLikePlaceName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length > 4 || /[\d@«»"&]/.test(text)) return false;
  if (
    !words.every(
      (w, k) =>
        // "’s-Hertogenbosch"; never a brand in camel case ("PostNL", "GitHub").
        (/^(?:['’]s-)?\p{Lu}[\p{L}'’.-]*$/u.test(w) && !/\p{Ll}\p{Lu}/u.test(w)) ||
        (k > 0 && /^(?:am|an|der|de|la|le|del|sur|upon|on|im|in|bei|di|do|da|nad|pod|na|u)$/.test(w)),
    )
  ) {
    return false;
  }
  return (
    titleLikeness(text) === 0 &&
    !isOrganization(text) &&
    !isDepartment(text) &&
    classifyHeading(text) === null
  );
}

/**
 * `text` cut at the characters `isSeparator` names, never inside brackets. The separator is
 * dropped; pieces are returned as found.
 */
export function splitOutsideBrackets(
  text: string,
  isSeparator: (ch: string, next: string, previous: string, rest: string) => boolean,
): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let current = '';
  for (let k = 0; k < text.length; k++) {
    const ch = text[k]!;
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    if (depth === 0 && isSeparator(ch, text[k + 1] ?? '', text[k - 1] ?? '', text.slice(k, k + 3))) {
      pieces.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  pieces.push(current);
  return pieces;
}

/** Splits at commas outside brackets: "Assistant (fixed-term, part-time), Museum" has two pieces. */
export function commaPieces(text: string): string[] {
  return splitOutsideBrackets(text, (ch, next) => ch === ',' && /\s/.test(next))
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

// "Sykepleier, medisinsk sengepost", "Stażystka, a następnie referent", "Élève-avocate, stage final
// en cabinet": after a comma, two small words go on with the title; a name starts with a capital
// ("eBay" and "de Volksbank" are one word, or one word before the capital).
const GOES_ON_RE = /^\p{Ll}+\s+\p{Ll}/u;

/** Comma pieces of a header part, a piece that goes on with the one before it joined back to it. */
function rolePieces(text: string): string[] {
  return commaPieces(text).reduce<string[]>((out, piece) => {
    if (out.length > 0 && GOES_ON_RE.test(piece)) out[out.length - 1] += `, ${piece}`;
    else out.push(piece);
    return out;
  }, []);
}

/**
 * Splits a header part into what it names and the place printed after it: "Beacon Hill Medical
 * Center, Boston, MA" → the center and "Boston, MA".
 */
export function splitTrailingPlace(part: string): { text: string; place: string | null } {
  const pieces = commaPieces(part);
  // moderncv ends an entry with a full stop ("…, Redmond, WA."): a place's, not an abbreviation's.
  const end = pieces.length - 1;
  if (end > 0) pieces[end] = pieces[end]!.replace(/(?<=\p{L}{2})\.$/u, '');
  let k = pieces.length;
  while (k > 1) {
    const last = pieces[k - 1]!;
    // "Austin, TX": a state's code takes its city along, but no school ("Bangor University, UK":
    // "UK" is a country there).
    const city = pieces[k - 2] ?? '';
    if (REGION_CODE_RE.test(last) && k > 2 && !isInstitution(city)) {
      k -= 2;
      continue;
    }
    if (isWholePlace(last)) {
      k--;
      continue;
    }
    break;
  }
  // "Hallberg Antriebstechnik GmbH, Esslingen am Neckar": after a clear employer or title, a
  // place-shaped last piece is its city even when no list knows it.
  // Before a country or state ("Infosys, Bengaluru, India"), a place-shaped piece after a title and
  // an employer is the city.
  const city = pieces[k - 1]!;
  if (
    k < pieces.length &&
    k >= 3 &&
    looksLikePlaceName(city) &&
    !namesBusiness(city) &&
    !isLegalEntity(city)
  ) {
    k--;
  } else if (
    k === pieces.length &&
    k >= 2 &&
    looksLikePlaceName(pieces[k - 1]!) &&
    // "…, Surgical ICU, Riverside Mercy Medical Center": a name with a business word is the employer.
    !namesBusiness(pieces[k - 1]!)
  ) {
    const before = pieces.slice(0, k - 1).join(', ');
    // After a title it would be the employer ("Nurse, Universitätsklinikum Köln"); after an
    // employer, or after a title and an employer ("Partnerin, Vogel PartG, Frankfurt"), the city.
    if (k >= 3 || titleLikeness(before) < 0 || isLegalEntity(before) || namesBusiness(before)) k--;
  }
  if (k === pieces.length) return { text: part, place: null };
  return { text: pieces.slice(0, k).join(', '), place: pieces.slice(k).join(', ') };
}

// "Weston-super-Mare", "Stratford-upon-Avon", "Boulogne-sur-Mer": a town's name linked by the
// small words only place names are made of.
const LINKED_TOWN_RE =
  /^\p{Lu}\p{Ll}+(?:-(?:super|upon|on|under|in|by|sur|les|lès|en|le|la|am|an|im|de|del)-\p{Lu}\p{Ll}+)+$/u;

/**
 * A town or region before its country: place-shaped words, maybe joined ("Castilla y León"), or a
 * known town and words about it ("Valladolid y alrededores").
 */
function isRegionName(text: string): boolean {
  if (namesBusiness(text)) return false;
  const joined = text.replace(/\s+(?:y|e|et|and|und|i|og|och|en)\s+/g, ' ');
  return looksLikePlaceName(joined) || isPlace(text.split(/\s+/)[0]!);
}

/**
 * A place and nothing else: "Boston, MA", "Berlin, Germany", "Lyon". "Initech, Manchester" is an
 * employer and its city, which the place pattern alone would take whole.
 */
export function isWholePlace(text: string, districts = true): boolean {
  // "Belo Horizonte/MG": a city and its state's code.
  if (/^\p{Lu}[\p{L} .'-]+\/[A-Z]{2}$/u.test(text.trim())) return true;
  // "Lyon 3", "Paris 15e", "Wien 7": a known city and its district's number.
  const numbered = /^(\p{Lu}[\p{L}'’ -]+?)\s+\d{1,2}(?:e|er|ème|\.)?$/u.exec(text.trim());
  if (numbered !== null && isPlace(numbered[1]!)) return true;
  // "Lyon Part-Dieu", "Paris La Défense": a known city and its district.
  const district = /^(\p{Lu}[\p{L}'’-]+)\s+((?:\p{Lu}[\p{L}'’-]*\s?){1,2})$/u.exec(text.trim());
  // A country has no districts: "UK Operations" is a unit.
  if (
    districts &&
    district !== null &&
    isPlace(district[1]!) &&
    COUNTRY_CODES[fold(district[1]!)] === undefined &&
    !namesBusiness(district[2]!) &&
    titleLikeness(district[2]!) === 0 &&
    !hasTitleWord(district[2]!)
  )
    return true;
  // "Belo Horizonte, MG (remoto)", its brackets maybe gone with the dates: a place and how the job
  // was worked from it.
  const mode =
    /^(.+?)\s*\(?(?:remote|remoto|remota|hybrid|hybride|híbrido|híbrida|ibrido|teletravail|télétravail)\)?$/iu.exec(
      text.trim(),
    );
  if (mode !== null && isWholePlace(mode[1]!, districts)) return true;
  if (LINKED_TOWN_RE.test(text.trim())) return true;
  // "Üsküdar/İstanbul", "Erciş / Van": a district and its province, one of them a known place;
  // "Leeds and Harrogate": two towns a job covered.
  const slashed = text.trim().split(/\s*\/\s*|\s+(?:and|und|et|y|e|en|og|och|i)\s+/);
  if (
    slashed.length === 2 &&
    slashed.every((p) => looksLikePlaceName(p) && !namesBusiness(p)) &&
    slashed.some((p) => isPlace(p))
  )
    return true;
  // "Corbas (69)": a French town and its département, as job sites print them.
  const departement = /^(\p{Lu}[\p{L}'’. -]+?)\s+\(?(?:\d{2}|2[AB]|97\d)\)?$/u.exec(text.trim());
  if (departement !== null && looksLikePlaceName(departement[1]!) && !namesBusiness(departement[1]!))
    return true;
  // "Přerov (Česká republika)": Europass sets the country in brackets after the town.
  const bracketed = /^(\p{Lu}[\p{L}'’. -]+?)\s*\(([^()]+)\)$/u.exec(text.trim());
  if (bracketed !== null && COUNTRY_CODES[fold(bracketed[2]!)] !== undefined && isRegionName(bracketed[1]!))
    return true;
  // "Halle (Saale), Deutschland": a town told apart by its river or region in brackets.
  const pieces = text.split(/\s*,\s+/).map((p, k) => (k === 0 ? p.replace(/\s*\([^()]+\)$/, '') : p));
  // "Geelong, VIC": a place-shaped name before a state code.
  if (pieces.length === 2 && REGION_CODE_RE.test(pieces[1]!) && looksLikePlaceName(pieces[0]!)) return true;
  // "Torino, Italia": a place-shaped name before a known country or region; "Warrington, England,
  // United Kingdom" (LinkedIn): a town and its region before the country.
  if (
    (pieces.length === 2 || pieces.length === 3) &&
    COUNTRY_CODES[fold(pieces[pieces.length - 1]!)] !== undefined &&
    pieces.slice(0, -1).every(isRegionName)
  ) {
    return true;
  }
  if (!isPlace(text)) return false;
  if (pieces.length === 1) return true;
  if (pieces.length === 2 && REGION_CODE_RE.test(pieces[1]!)) return true;
  return pieces.every((p) => isPlace(p) || REGION_CODE_RE.test(p));
}

/**
 * An entry header's parts (title, employer, …) and the job's place. The steps: the header lines
 * cut into parts with places set apart, then a place-shaped part beside a title and an employer
 * taken as the city, then a lone part holding both title and employer cut in two.
 */
function headerParts(header: string[]): { parts: string[]; location: string | null } {
  const read = readHeaderParts(header);
  const parts = read.parts;
  const at = read.location === null ? cityAmongParts(parts) : -1;
  const location = at >= 0 ? parts.splice(at, 1)[0]! : read.location;
  if (parts.length === 1)
    return gluedHeader(parts[0]!, location) ?? { parts: titleAndEmployer(parts[0]!), location };
  return { parts, location };
}

/**
 * "Köksmästare Restaurang Sjöboden AB, Göteborg", "Kock, senare tillförordnad souschef (vikariat)
 * Wärdshuset Gamla Mölndal HB": a description list's title run into the employer with nothing
 * between them once the bold is gone. Its title and employer, the place after them the location.
 */
function gluedHeader(
  part: string,
  location: string | null,
): { parts: string[]; location: string | null } | null {
  // A legal form after a comma stays with its name ("… SANITAS MAYORES, S.L.").
  const pieces = rolePieces(part).reduce<string[]>((out, piece) => {
    if (out.length > 0 && isLegalForm(piece)) out[out.length - 1] += `, ${piece}`;
    else out.push(piece);
    return out;
  }, []);
  for (let k = 0; k < pieces.length; k++) {
    const glued = gluedTitleAndEmployer(pieces[k]!);
    const after = pieces.slice(k + 1);
    if (glued === null || !after.every((p) => isWholePlace(p) || looksLikePlaceName(p))) continue;
    const title = [...pieces.slice(0, k), glued[0]].join(', ');
    return { parts: [title, glued[1]], location: location ?? (after.length > 0 ? after.join(', ') : null) };
  }
  return null;
}

/**
 * A title in sentence case ends before the first capitalised word after its first; the employer
 * from there is a name ending in a legal form ("Restaurang Sjöboden AB", "Liseberg AB"). The title
 * reads as one, or runs on in small words ("Diskare och kallskänka (sommarjobb)"): a firm's own
 * name never splits ("Deutsche Bahn AG", "Compagnie de Saint-Gobain SA"), nor does a title case
 * title ("Senior Software Engineer Acme Ltd": a title word after the cut).
 */
function gluedTitleAndEmployer(piece: string): [string, string] | null {
  const words = piece.trim().split(/\s+/);
  if (inCapitals(piece) && words.length >= 3) return gluedInCapitals(words);
  if (!isLegalEntity(piece) && !isLegalForm(words.at(-1)!)) return null;
  const m = /^(\p{Lu}[\p{Ll}'’-]*(?:,?\s+(?:\p{Ll}[\p{L}'’-]*|\([^()]*\)))*)\s+(\p{Lu}.*)$/u.exec(
    piece.trim(),
  );
  if (m === null) return null;
  const [title, employer] = [m[1]!, m[2]!];
  if (employer.split(/\s+/).length < 2 || hasTitleWord(employer) || readsAsEmployer(title)) return null;
  const runsOn = title.split(/\s+/).length >= 2 && !WRAPPED_END_RE.test(title);
  return readsAsTitle(title) || runsOn ? [title, employer] : null;
}

/**
 * Europass sets the title in bold and the employer after it in capitals, one space between:
 * "FISIOTERAPEUTA HOSPITAL UNIVERSITARIO LA PAZ". The cut: a title before it, and after it a name
 * that opens with a workplace word ("HOSPITAL", "CENTRO") or, failing that, the first name that
 * reads as an employer, neither side opening or closing on a small word ("AUXILIAR DE
 * FISIOTERAPIA | SANITAS MAYORES, S.L.").
 */
function gluedInCapitals(words: string[]): [string, string] | null {
  const cuts: [string, string][] = [];
  // A title runs a few words: cuts further on are not tried (and a long line costs no more).
  for (let k = 1; k < Math.min(words.length - 1, 9); k++) {
    const [title, employer] = [words.slice(0, k).join(' '), words.slice(k).join(' ')];
    const small = (w: string) => w.length <= 3 && !/[.&]/.test(w) && !isLegalForm(w);
    if (small(words[k - 1]!) || small(words[k]!) || !readsAsTitle(title) || readsAsEmployer(title)) continue;
    cuts.push([title, employer]);
  }
  const opensWithWorkplace = cuts.find(([, employer]) => namesBusiness(employer.split(/\s+/)[0]!));
  return opensWithWorkplace ?? cuts.find(([, employer]) => readsAsEmployer(employer)) ?? null;
}

/** The header lines' parts in order, without durations and labels; places found on the way are the location. */
// A street and its number, or a postcode before its town: the address a Europass CV writes after
// the employer ("…, Plaza del Pilar 18, 50003 Zaragoza"). Folded.
const ADDRESS_PIECE_RE =
  /^(?:(?:plaza|calle|c\/|avenida|avda\.?|paseo|via|viale|piazza|corso|rue|avenue|boulevard|bd|place|chemin|rua|praca|travessa|str\.?|strasse|ul\.?|ulica|street|road|lane|drive)\s.*\d|.*(?:strasse|str\.|weg|platz|gasse|laan|straat|plein|gatan|vagen|gade|vej)\s+\d+\w?|\d{4,5}\s+\p{L}.*|\d{3}\s\d{2}\s+\p{L}.*|\d{2}-\d{3}\s+\p{L}.*)$/u;
// A street and its number with no word for "street" ("Rybníček 12", "Tyršova 1184/22"): an address
// only before a postcode ("Station 4B", "Farmacia Comunale 12" are names).
const NUMBERED_STREET_RE = /^\p{L}[\p{L}.-]+(?:\s\p{L}[\p{L}.-]+)?\s\d{1,4}(?:\/\d{1,4})?\p{Ll}?$/u;

/**
 * An employer without the address written after it: its pieces from the first street or postcode
 * on ("Ringstraße 4", "Rybníček 12", "664 91 Ivančice", "00-950 Warszawa").
 */
function withoutAddress(part: string): string {
  const pieces = commaPieces(part);
  const isAddress = (k: number) => ADDRESS_PIECE_RE.test(fold(pieces[k]?.trim() ?? ''));
  const at = pieces.findIndex(
    (p, k) => k > 0 && (isAddress(k) || (NUMBERED_STREET_RE.test(fold(p.trim())) && isAddress(k + 1))),
  );
  return at === -1 ? part : pieces.slice(0, at).join(',').trim();
}

function readHeaderParts(header: string[]): { parts: string[]; location: string | null } {
  let location: string | null = null;
  const parts: string[] = [];
  const trim = (raw: string) => raw.replace(/^[\s:,;|-]+|[\s:,;|-]+$/g, '').trim();
  // A job has one place: beside a part that is a place by itself ("Springfield, OH"), a known city
  // followed by other words ("MIAMI VALLEY MECHANICAL") names the employer, not a district.
  const districts = !header.some((h) => splitParts(h, true).some((raw) => isWholePlace(trim(raw), false)));
  const titled = header.some((h) => splitParts(h, true).some((raw) => readsAsTitle(trim(raw))));
  // The one header line that names anything but places ("mar. 2020 – atual · Hortolândia, SP").
  const placesOnly = (h: string) =>
    splitParts(h, true).every((raw) => trim(raw) === '' || isWholePlace(trim(raw)));
  const alone = header.filter((h) => !placesOnly(h)).length === 1;
  for (const h of header) {
    const employed = header.some((other) => other !== h && namesEmployer(other));
    const raws = splitParts(h, true, { titled, employed, alone });
    for (const raw of raws) {
      let t = trim(raw);
      // A logo's letters beside the name they stand for ("LT | École élémentaire Les Tilleuls").
      if (raws.some((other) => other !== raw && isMonogramOf(t, other))) continue;
      // A dot left of a date written with one ("05/2012. – 02/2017.") names nothing.
      if (!/[\p{L}\p{N}]/u.test(t) || /^\d+$/.test(t) || DURATION_RE.test(t) || NOT_A_FACT_RE.test(fold(t)))
        continue;
      const bracketed = bracketedPlace(t);
      if (bracketed !== null) {
        location ??= bracketed.place;
        t = bracketed.text;
      }
      if (isWholePlace(t, districts) || (REGION_CODE_RE.test(t) && location !== null)) {
        location = location === null ? t : `${location}, ${t}`;
        continue;
      }
      const { text, place } = splitTrailingPlace(withoutAddress(t));
      if (place !== null) location ??= place;
      if (text !== '') parts.push(text);
    }
  }
  return { parts, location };
}

/** Two or three capitals that are a name's capitals in order: "MB" of "Mairie de Bron". */
function isMonogramOf(letters: string, name: string): boolean {
  if (!/^\p{Lu}{2,3}$/u.test(letters)) return false;
  const capitals = fold(name.replace(/[^\p{Lu}]/gu, ''));
  let at = 0;
  for (const c of fold(letters)) {
    at = capitals.indexOf(c, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** "Despacho Ortolà Advocats (Gandia)": a place in brackets after a name, set apart from it. */
function bracketedPlace(t: string): { text: string; place: string } | null {
  const bracketed = /^(.+?)\s*\(([^()]+)\)$/.exec(t);
  if (bracketed === null) return null;
  const inBrackets = bracketed[2]!;
  // After a title, a name-shaped word in brackets is the kind of post ("Vendeuse (CDD)",
  // "Aushilfe im Verkauf (Minijob)"), not its place.
  const place =
    !WORK_KIND_RE.test(inBrackets) &&
    (isWholePlace(inBrackets) ||
      (looksLikePlaceName(inBrackets) && !inBrackets.includes('-') && !readsAsTitle(bracketed[1]!)));
  return place ? { text: bracketed[1]!, place: inBrackets } : null;
}

/**
 * A place-shaped part beside parts that name the title and the employer is their city: its index,
 * or -1.
 */
function cityAmongParts(parts: string[]): number {
  if (parts.length < 2) return -1;
  // An employer may be place-shaped too ("Van Gelder Distributie"): a known place first, then
  // the shortest, then the last.
  let at = -1;
  parts.forEach((p, k) => {
    if (!looksLikePlaceName(p)) return;
    const rank = (q: string) =>
      [isWholePlace(q) ? 0 : 1, (namesBusiness(q) ? 1 : 0) + q.split(/\s+/).length / 10] as const;
    if (at === -1) {
      at = k;
      return;
    }
    const [a1, a2] = rank(parts[at]!);
    const [b1, b2] = rank(p);
    if (b1 < a1 || (b1 === a1 && b2 <= a2)) at = k;
  });
  const others = parts.filter((_, k) => k !== at);
  // Only beside both a title and an employer: two parts alone may be exactly those two.
  const both = others.length >= 2 || (others.length === 1 && rolePieces(others[0]!).length > 1);
  return at >= 0 && both && others.some((p) => titleLikeness(p) !== 0 || isTitle(p) || isLegalEntity(p))
    ? at
    : -1;
}

/**
 * One part holding both: "Senior Engineer, Acme Corp", or moderncv's "Charge Nurse, Surgical
 * Unit, Riverbend Medical Center" (a legal form after a comma stays with its name). The title and
 * the employer, or the part alone when it is one.
 */
function titleAndEmployer(part: string): string[] {
  const pieces = rolePieces(part).reduce<string[]>((out, piece) => {
    if (out.length > 0 && (isLegalForm(piece) || namesPartnersAfter(out, piece))) {
      out[out.length - 1] += `, ${piece}`;
    } else out.push(piece);
    return out;
  }, []);
  // "Senior Manager, Demand & Supply Planning" is one title: a field of work after the comma,
  // with nothing in it that names an employer and no title of its own ("…, Engineering Intern").
  if (
    pieces.length === 2 &&
    titleLikeness(pieces[1]!) >= 0 &&
    isFieldOfWork(pieces[1]!) &&
    !isTitle(pieces[1]!) &&
    // "Research Assistant, Centre for Marine Ecosystems Research" names a workplace.
    !namesBusiness(pieces[1]!) &&
    pieces[1]!.trim().split(/\s+/).length <= 4
  ) {
    return [part];
  }
  if (pieces.length === 2) return pieces;
  if (pieces.length < 2) return [part];
  // The employer starts at the first piece that reads as one, else it is the last piece.
  let at = pieces.findIndex(
    (p, k) => k > 0 && (titleLikeness(p) < 0 || (namesBusiness(p) && !hasTitleWord(p))),
  );
  // Else it is the last piece, or the one before a unit of it ("Studentermedhjælper,
  // Justitsministeriet, Lovafdelingen").
  if (at === -1) at = isDepartment(pieces.at(-1)!) ? pieces.length - 2 : pieces.length - 1;
  return [pieces.slice(0, at).join(', '), pieces.slice(at).join(', ')];
}

/**
 * "Lefèvre, Morel & Associés", "Studio Legale Associato Ferrante, Galli & Partners": a firm named
 * after its partners lists them with commas before the "&". The piece before is a name's end (after
 * a title, or the firm's own words), not a title, a field of work or a place.
 */
function namesPartnersAfter(before: readonly string[], piece: string): boolean {
  if (!/\s&\s/.test(piece) || titleLikeness(piece) >= 0) return false;
  const previous = before.at(-1)!.trim();
  return (
    (before.length >= 2 || namesBusiness(previous)) &&
    /(?:^|\s)\p{Lu}[\p{Ll}'’-]+$/u.test(previous) &&
    !readsAsTitle(previous) &&
    !isFieldOfWork(previous) &&
    !isWholePlace(previous) &&
    !isPlace(previous)
  );
}

/**
 * Written in capitals ("LE GRAND RÉFECTOIRE"), a small-caps font's lower "i" among capitals
 * ("BRASSERiE") too: a CV that sets its employers (or its titles) in capitals does so throughout.
 */
function inCapitals(text: string): boolean {
  const letters = text.replace(/(?<=\p{Lu})i(?=\p{Lu})/gu, 'I').replace(/\P{L}/gu, '');
  return letters.length >= 3 && /^\p{Lu}+$/u.test(letters);
}

/**
 * Employer and title among the header's parts: the most title-like part is the title. When nothing
 * tells two parts apart, the case this CV sets its employers in (`capsEmployer`: in capitals, or
 * its titles are) decides, else `titleFirst` (how it orders the entries it is sure of).
 */
function assignRoles(
  parts: string[],
  titleFirst: boolean | null = null,
  capsEmployer: boolean | null = null,
): { name: string | null; position: string | null; rest: string[]; sure: boolean } {
  if (parts.length === 0) return { name: null, position: null, rest: [], sure: false };
  if (parts.length === 1) {
    const only = parts[0]!;
    // "Stagista sviluppo software": a title word makes it a title, even with a field that also
    // ends firms' names.
    return titleLikeness(only) > 0 || (hasTitleWord(only) && !isLegalEntity(only))
      ? { name: null, position: only, rest: [], sure: false }
      : { name: only, position: null, rest: [], sure: false };
  }
  const scores = parts.map(titleLikeness);
  let titleAt = 0;
  for (let k = 1; k < parts.length; k++) if (scores[k]! > scores[titleAt]!) titleAt = k;
  let nameAt = -1;
  for (let k = 0; k < parts.length; k++) {
    if (k === titleAt) continue;
    if (nameAt === -1 || scores[k]! < scores[nameAt]!) nameAt = k;
  }
  // Nothing tells them apart: the first part is the title when it is a known title or the other
  // names a business, else the employer.
  const sure = scores[titleAt] !== scores[nameAt];
  if (!sure) {
    // A body with its unit after a comma ("Justitsministeriet, Lovafdelingen") is a workplace too.
    const business = (p: string) => namesBusiness(p) || isDepartment(commaPieces(p).at(-1) ?? '');
    const firstTitleLike = (isTitle(parts[0]!) || titleLikeness(parts[0]!) > 0) && !isLegalEntity(parts[0]!);
    // "PwC UK | Director, Technology Consulting": a title before its field, the field a word firms
    // use too, still makes the second part the title.
    const secondIsTitle = !firstTitleLike && titleLikeness(commaPieces(parts[1] ?? '')[0] ?? '') > 0;
    const caps = [inCapitals(parts[0]!), inCapitals(parts[1] ?? '')];
    const firstIsTitle =
      capsEmployer !== null && caps[0] !== caps[1]
        ? caps[1] === capsEmployer
        : firstTitleLike ||
          (!secondIsTitle && !business(parts[0]!) && business(parts[1] ?? '')) ||
          (!secondIsTitle && titleFirst === true && !business(parts[0]!));
    titleAt = firstIsTitle ? 0 : 1;
    nameAt = firstIsTitle ? 1 : 0;
  }
  const rest = parts.filter((_, k) => k !== titleAt && k !== nameAt);
  return { name: parts[nameAt] ?? null, position: parts[titleAt] ?? null, rest, sure };
}

// Fields labelled in a form-like CV ("Cargo: Nutricionista", "Empresa: Nutrir Ltda.", "Período:").
const TITLE_LABEL_RE =
  /^(?:cargo|puesto|position|job title|title|designation|role|funcao|funcion|poste|fonction|ruolo|funktion|stelle|functie|stanowisko)\s*:\s*/;
const EMPLOYER_LABEL_RE =
  /^(?:empresa|employer|company|company name|organisation|organization|entreprise|employeur|azienda|datore di lavoro|arbeitgeber|firma|unternehmen|werkgever|bedrijf|pracodawca)\s*:\s*/;
const DATE_LABEL_RE = /^(?:periodo|period|duration|tenure|dates?|datum|zeitraum|fechas?|data|okres)\s*:?\s*$/;
const ITEMS_LABEL_RE =
  /^(?:attivita|mansioni|responsabilita|tasks|duties|responsibilities|activities|aufgaben|tatigkeiten|taches|missions|funciones|tareas|actividades|atividades|responsabilidades|obowiazki|zadania|taken|werkzaamheden)$/;

// The labels of the Europass CV of 2004–2012, still everywhere in Europe: each entry is a form of
// "label | value" rows. Folded, in the languages it was published in most.
const FORM_LABELS: ReadonlyArray<[RegExp, FormKind]> = [
  [
    /^(?:dates? \((?:from|da|de|von|desde|van)\b[^)]*\)|dates?|fechas|datas|zeitraum|data|daty|datum|perioada|obdobi|obdobie|ajanjakso|idoszak|periodo)$/,
    'dates',
  ],
  [
    /^(?:name and address of (?:the )?employer|nome e indirizzo del datore di lavoro|nom et adresse de l'employeur|name und adresse des arbeitgebers|nombre y direccion de(?:l| la) (?:empresa o )?empleador|nome e (?:endereco|morada) do empregador|naam en adres van de werkgever|nazwa i adres pracodawcy|numele si adresa angajatorului|nazev a adresa zamestnavatele|a munkaltato neve es cime)$/,
    'employer',
  ],
  [
    /^(?:occupation or position held|tipo di impiego|lavoro o posizione ricoperti|fonction ou poste occupe|beruf oder funktion|puesto o cargo ocupados?|funcao ou cargo ocupado|functie of positie|zajmowane stanowisko|functia sau postul ocupat|zastavana pozice|betoltott munkakor vagy beosztas)$/,
    'title',
  ],
  [
    /^(?:(?:type of )?business or sector|tipo di (?:azienda|attivita) o settore|type ou secteur d['’]activite|tatigkeitsbereich oder branche|tipo de empresa o sector|tipo de empresa ou sector|tipul activitatii sau sectorul de activitate|discipline principale studiate \/ competente profesionale dobandite|nivelul in clasificarea nationala sau internationala|soort onderneming of sector|rodzaj dzialalnosci lub sektor|level in (?:the )?national (?:or international )?classification|livello nella classificazione nazionale(?: \(se pertinente\))?|niveau dans la classification nationale|principal subjects\/occupational skills covered|principali materie \/ abilita professionali oggetto dello studio|hauptfacher \/ berufliche fahigkeiten|principales matieres\/competences professionnelles couvertes|principales materias o capacidades profesionales aplicadas|principais disciplinas\/competencias profissionais|stufe der nationalen oder internationalen klassifikation|niveau dans la classification nationale ou internationale|nivel en la clasificacion nacional o internacional|nivel segundo a classificacao nacional ou internacional)$/,
    'drop',
  ],
  // A job board's profile (InfoJobs): what it files the job under, and where (the CV's own place
  // stands in its header).
  [/^(?:categoria|nivel|nivel profesional|personas a cargo|ubicacion)$/, 'drop'],
  [
    /^(?:main activities and responsibilities|principali (?:mansioni|attivita) e responsabilita|principales activites et responsabilites|wichtigste tatigkeiten und zustandigkeiten|principales actividades y responsabilidades|principais a(?:c)?tividades e responsabilidades|belangrijkste activiteiten en verantwoordelijkheden|glowne czynnosci i obowiazki|activitati si responsabilitati principale|hlavni pracovni cinnosti a odpovednost|fobb tevekenysegek es feladatkorok)$/,
    'items',
  ],
  [
    /^(?:name and type of organisation providing education and training|nome e tipo di istituto di istruzione o formazione|nom et type de l'etablissement d'enseignement ou de formation|name und art der bildungs- oder ausbildungseinrichtung|nombre y tipo del centro de estudios|nome e tipo da organizacao de ensino(?: ou formacao)?|title of qualification awarded|qualifica conseguita|titolo della qualifica rilasciata|nome e tipo d'organizzazione erogatrice(?: dell'istruzione e formazione)?|intitule du certificat ou diplome delivre|bezeichnung der erworbenen qualifikation|titulo de la cualificacion obtenida|designacao da qualificacao atribuida|numele si tipul institutiei de invatamant|calificarea \/ diploma obtinuta|calificarea\/diploma obtinuta)$/,
    'plain',
  ],
];

/**
 * Europass form rows rewritten as a plain entry: the dates alone on a line, the employer and the
 * position labelled the way form-like CVs label them, the activities as items, the rest dropped.
 */
export function unlabelFormRows(lines: CvLine[]): CvLine[] {
  const out: CvLine[] = [];
  // Where the current entry's header lines end (after its dates, title and employer).
  let headerEnd = 0;
  let lastKind: FormKind | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const text = isBulletLine(l.text) ? stripBullet(l.text) : l.text;
    if (isTableHeaderRow(text) || DESCRIPTION_LABEL_RE.test(fold(text.trim()))) continue;
    // "Zakres obowiązków:", "Key achievements:" over a job's list: a label of its items, no part
    // of the entry's header or text.
    if (isColonLabel(text) && isBulletLine(lines[i + 1]?.text ?? '')) continue;
    const read = readFormRow(lines, i);
    i += read.skip;
    const kind = read.matched ? formKind(read.label, !/^[^|:]{4,90}?\s*:/.test(text)) : undefined;
    if (kind === undefined) {
      if (joinsWrappedValue(out, l, lastKind)) continue;
      lastKind = undefined;
      out.push(l);
      continue;
    }
    lastKind = kind;
    // Activities whose first sentence sits in the value cell and the rest as a list under it: the
    // first is an item like the others.
    const listed = kind === 'items' && isBulletLine(lines[i + 1]?.text ?? '') && !isBulletLine(read.value);
    // "Company | …" over "Designation | …": an employer row before a title row opens the next
    // entry (Europass names the employer after its entry's title and activities).
    const next = i + 1 < lines.length ? readFormRow(lines, i + 1) : null;
    const opens =
      kind === 'employer' &&
      next !== null &&
      next.matched &&
      formKind(next.label, !/^[^|:]{4,90}?\s*:/.test(lines[i + 1]!.text)) === 'title';
    headerEnd = placeFormRow(out, l, kind, listed ? `- ${read.value}` : read.value, opens ? 0 : headerEnd);
  }
  return out;
}

type FormKind = 'dates' | 'employer' | 'title' | 'drop' | 'items' | 'plain';

// The cells of a table's header row over jobs or schools, folded: they name columns, no entry.
const TABLE_HEADER_CELL_RE =
  /^(?:zeitraum|datum|jahr|period|periode|periodo|dates?|years?|arbeitgeber|firma|unternehmen|employer|company|organisation|organization|taetigkeit|tatigkeit|position|funktion|role|title|job title|schule|einrichtung|schule \/ einrichtung|hochschule|institution|school|university|abschluss|degree|qualification|diploma|diplome|etablissement|ecole|poste|entreprise|employeur|fonction|empresa|cargo|puesto|centro|institucion|titulo|titulacion|azienda|ruolo|istituto|titolo|instituicao|curso|werkgever|functie|opleiding|instelling|location|place|city|ort|lieu|ubicacion|luogo|local)$/;

// A job board's label over a job's description ("Descripción" under InfoJobs' rows), no text of it.
const DESCRIPTION_LABEL_RE =
  /^(?:descripcion|description|beschreibung|descrizione|descricao|omschrijving|opis)$/;

/** "Zeitraum | Schule / Einrichtung | Abschluss": a header row, every cell a column's name. */
function isTableHeaderRow(text: string): boolean {
  const cells = text.split(' | ').map((c) => fold(c.trim()));
  // A cell may name two columns in one: "Employer & Location", "Firma / Ort".
  const names = (c: string) =>
    TABLE_HEADER_CELL_RE.test(c) ||
    c.split(/\s*(?:&|\/|,|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*/).every((p) => TABLE_HEADER_CELL_RE.test(p));
  return cells.length >= 2 && cells.every(names);
}

/** A "label | value" or "label: value" row: the label and the value, or null. */
function formRow(text: string): RegExpExecArray | null {
  // "Designation | : Senior Accountant": a colon may stand in the value's cell too.
  return /^([^|:]{4,90}?)\s*(?:\|\s*:|\||:)\s*(.*)$/.exec(isBulletLine(text) ? stripBullet(text) : text);
}

/** What a form label stands for; `table` when it sits in a label column rather than the text. */
function formKind(label: string, table = true): FormKind | undefined {
  const folded = fold(label.trim());
  const known = FORM_LABELS.find(([re]) => re.test(folded))?.[1];
  if (known !== undefined || !table) return known;
  // Shorter labels in a table's label column ("Ruolo | …", "Datore di lavoro | …", "Attività |
  // …"); written "Ruolo: …" in the text they are read where the entry's header is.
  if (TITLE_LABEL_RE.test(`${folded}: `)) return 'title';
  if (EMPLOYER_LABEL_RE.test(`${folded}: `)) return 'employer';
  if (DATE_LABEL_RE.test(folded)) return 'dates';
  return ITEMS_LABEL_RE.test(folded) ? 'items' : undefined;
}

/**
 * The row at `lines[i]`: its label (joined back when wrapped) and value; `skip` counts the lines
 * after it that the row took.
 */
function readFormRow(
  lines: CvLine[],
  i: number,
): { matched: boolean; label: string; value: string; skip: number } {
  const m = formRow(lines[i]!.text);
  let label = m?.[1] ?? '';
  let value = (m?.[2] ?? '').trim();
  // A label wrapped in its column ("Wichtigste Tätigkeiten und" over "Zuständigkeiten"), each
  // half beside a line of the value: one row.
  const following = lines[i + 1]?.text.trim() ?? '';
  const next = following === '' ? null : formRow(following);
  let skip = 0;
  if (m !== null && formKind(label) === undefined) {
    // The label's wrapped end set on the same row as its value ("del datore di | lavoro | …").
    const [head, ...tail] = value.split(' | ');
    if (tail.length > 0 && formKind(`${label} ${head}`) !== undefined) {
      label = `${label} ${head}`;
      value = tail.join(' | ');
    } else if (next !== null && formKind(`${label} ${next[1]}`) !== undefined) {
      label = `${label} ${next[1]}`;
      value = `${value} ${next[2]}`.trim();
      skip = 1;
    } else if (next === null && following !== '' && formKind(`${label} ${following}`) !== undefined) {
      // The label's second half alone on the next line, beside no value ("Qualifikation").
      label = `${label} ${following}`;
      skip = 1;
    }
  }
  return { matched: m !== null, label, value, skip };
}

/**
 * A value wrapped onto a line of its own: the rest of an employer's address names nothing new
 * (the line goes); the rest of a title is the title's. True when the line was taken so.
 */
function joinsWrappedValue(out: CvLine[], l: CvLine, lastKind: FormKind | undefined): boolean {
  if (lastKind === 'employer' && l.text.trim() !== '' && !isBulletLine(l.text)) return true;
  // An activity wrapped in its cell: "– Direção de empreitadas … até 38" over "MC (Linha do Minho)."
  const last = out.at(-1)?.text ?? '';
  const wrapped = lastKind === 'items' && isBulletLine(last) && !/[.;:!?]$/.test(last.trim());
  if ((lastKind === 'title' || wrapped) && l.text.trim() !== '' && !isBulletLine(l.text) && out.length > 0) {
    const last = out[out.length - 1]!;
    out[out.length - 1] = { ...last, text: `${last.text} ${l.text.trim()}` };
    return true;
  }
  return false;
}

/** Writes a form row's value to `out` as its kind asks; returns where the entry's header lines now end. */
function placeFormRow(out: CvLine[], l: CvLine, kind: FormKind, value: string, headerEnd: number): number {
  // "Zeitraum | Tätigkeit" is a table's header row, no dates.
  if (kind === 'dates' && !/\d/.test(value)) {
    out.push(l);
    return headerEnd;
  }
  if (kind === 'drop' || value === '') return headerEnd;
  if (kind === 'dates') {
    out.push({ n: l.n, text: value });
    return out.length;
  }
  if (kind === 'title') {
    out.push({ n: l.n, text: `Position: ${value}` });
    return out.length;
  }
  if (kind === 'employer') {
    // Europass names the employer after the activities: it joins its entry's header lines.
    // The name before the address, its legal form kept ("Mota-Engil …, S.A., Porto").
    // The address may follow a dash instead ("Trasporti Bertolini S.r.l. – Verona").
    const dashed = /^(.+?)\s+[–—-]\s+([^–—]+)$/u.exec(value);
    const named =
      dashed !== null &&
      (isLegalEntity(dashed[1]!) || isTownAfterFirm(dashed[2]!.replace(/\s*\([^()]*\)$/, '')))
        ? dashed[1]!
        : value;
    const [name = '', ...rest] = commaPieces(named).map((p) => p.trim());
    const form = rest.findIndex((p) => !isLegalForm(p));
    const firm = [name, ...rest.slice(0, form < 0 ? rest.length : form)].join(', ');
    const line = { n: l.n, text: `Employer: ${firm}` };
    if (headerEnd > 0 && headerEnd < out.length) out.splice(headerEnd, 0, line);
    else out.push(line);
    return out.length;
  }
  // 'plain', and 'items': activities listed with their marks are items; written as a paragraph,
  // a description.
  out.push({ n: l.n, text: value });
  return headerEnd;
}

/** Title and employer given by labels, the other parts left as they were. */
function labelledRoles(parts: string[]): { parts: string[]; name: string | null; position: string | null } {
  let name: string | null = null;
  let position: string | null = null;
  const rest: string[] = [];
  for (const part of parts) {
    const folded = fold(part);
    const title = TITLE_LABEL_RE.exec(folded);
    const employer = EMPLOYER_LABEL_RE.exec(folded);
    if (title !== null) position ??= part.slice(title[0].length).trim();
    else if (employer !== null) name ??= part.slice(employer[0].length).trim();
    else if (!DATE_LABEL_RE.test(folded)) rest.push(part);
  }
  return { parts: rest, name, position };
}

/** What a label names is certain; the first other part fills the role left open. */
function labelledEntryRoles(
  parts: string[],
  name: string | null,
  position: string | null,
): { name: string | null; position: string | null; rest: string[] } {
  if (name !== null && position !== null) return { name, position, rest: parts };
  const [first = null, ...others] = parts;
  return name !== null ? { name, position: first, rest: others } : { name: first, position, rest: others };
}

// A Japanese résumé form (履歴書) lists its work history as rows of one event each, the year and
// the month in columns of their own: "2010 | 4 | 医療法人緑風会 千里中央病院 入職" (joined), the post
// on the line under it ("外科病棟にて看護師として勤務": worked as a nurse on the surgical ward),
// "2016 | 3 | 一身上の都合により退職" (left), "現在に至る" (to this day).
const FORM_ROW_RE = /^((?:19|20)\d{2})\s*\|?\s*(\d{1,2})\s*(?:\||\s)\s*(\S.*)$/u;
const JOINED_RE = /\s*(?:に)?(?:入社|入職|入所|入行|入庁|入局)$/u;
const LEFT_RE = /(?:退社|退職|退所|退行|退庁|退局|退任)$/u;
const TO_THIS_DAY_RE = /^現在に至る$/u;
// "…にて看護師として勤務", "訪問看護師として…に従事": the post is what one worked "as" (として).
const WORKED_AS_RE = /([^、。\s]+?)として/u;

/**
 * The rows of a 履歴書's work history as entries, each joining row with the lines under it up to
 * the leaving row; the other lines as they were.
 */
function formHistoryRows(lines: CvLine[]): { blocks: EntryBlock[]; rest: CvLine[] } {
  const joinedAt = (l: CvLine) => {
    const m = FORM_ROW_RE.exec(l.text);
    return m !== null && JOINED_RE.test(m[3]!) ? m : null;
  };
  const blocks: EntryBlock[] = [];
  const rest: CvLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const joined = joinedAt(lines[i]!);
    if (joined === null) {
      rest.push(lines[i]!);
      continue;
    }
    const start = `${joined[1]}年${joined[2]}月`;
    let end = start;
    let title: string | null = null;
    const body: CvLine[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      const row = FORM_ROW_RE.exec(l.text);
      if (row !== null && LEFT_RE.test(row[3]!)) {
        end = `${row[1]}年${row[2]}月`;
        j++;
        break;
      }
      if (TO_THIS_DAY_RE.test(l.text)) {
        end = '現在';
        j++;
        break;
      }
      if (row !== null) break;
      if (l.text === '') continue;
      // The last place before the post is where it was held ("外科病棟にて").
      title ??= WORKED_AS_RE.exec(l.text)?.[1]?.split('にて').at(-1) ?? null;
      body.push(l);
    }
    const range = findDateRanges(`${start} – ${end}`)[0] ?? null;
    const header = [title, joined[3]!.replace(JOINED_RE, '')].filter((x) => x !== null);
    blocks.push({ header: [header.join(' | ')], range, body, line: lines[i]!.n });
    i = j - 1;
  }
  return { blocks, rest };
}

export function parseWork(lines: CvLine[]): CvWork[] {
  const form = formHistoryRows(lines);
  // Beside a 履歴書's history, its other rows are events (licences, a leaving) and "以上" ends the
  // list: only dated lines before it that are no such row may still be jobs.
  const end = form.rest.findIndex((l) => l.text === '以上');
  const rest =
    form.blocks.length === 0
      ? lines
      : form.rest.slice(0, end === -1 ? undefined : end).filter((l) => !FORM_ROW_RE.test(l.text));
  const dated = form.blocks.length === 0 || rest.some((l) => findDates(l.text).length > 0);
  const entries = [
    ...form.blocks,
    ...(dated ? splitEntries(joinEndOverStart(unlabelFormRows(withoutTenures(rest))), false) : []),
  ];
  const blocks = entries.map((block) => {
    const { parts: all, location } = headerParts(block.header);
    const labelled = labelledRoles(all);
    return { block, location, labelled, guess: assignRoles(labelled.parts) };
  });
  // A CV writes its entries one way: the entries whose title and employer are known tell the order
  // of the others ("Acme | Data Analyst" throughout, or "Data Analyst | Acme").
  let votes = 0;
  for (const { labelled, guess } of blocks) {
    if (!guess.sure || guess.name === null || guess.position === null) continue;
    votes += labelled.parts.indexOf(guess.position) < labelled.parts.indexOf(guess.name) ? 1 : -1;
  }
  const titleFirst = votes === 0 ? null : votes > 0;
  // The same entries tell whether this CV sets its employers or its titles in capitals.
  let capsVotes = 0;
  for (const { guess } of blocks) {
    if (!guess.sure || guess.name === null || guess.position === null) continue;
    if (inCapitals(guess.name) !== inCapitals(guess.position)) capsVotes += inCapitals(guess.name) ? 1 : -1;
  }
  const capsEmployer = capsVotes === 0 ? null : capsVotes > 0;
  const jobs = blocks.map(({ block, location, labelled, guess }) => {
    const { parts, name: labelledName, position: labelledTitle } = labelled;
    const roles =
      labelledName !== null || labelledTitle !== null
        ? labelledEntryRoles(parts, labelledName, labelledTitle)
        : guess.sure || (titleFirst === null && capsEmployer === null)
          ? guess
          : assignRoles(parts, titleFirst, capsEmployer);
    const { name, position, rest: unused } = roles;
    const body = readBody(block.body);
    // Header pieces that are neither employer, title nor place ("Full-time") stay with the entry.
    const summary =
      unused.length > 0
        ? [unused.join(' · '), body.summary].filter((x) => x !== null).join(' ')
        : body.summary;
    const highlights = body.highlights;
    const found = [name, position, block.range].filter((x) => x !== null).length;
    return {
      name,
      position,
      location,
      startDate: block.range?.start ?? null,
      endDate: block.range?.end ?? null,
      current: block.range !== null && block.range.end === null,
      summary,
      highlights,
      confidence: Math.round((found / 3) * (isTitle(position ?? '') ? 1 : 0.8) * 100) / 100,
      line: block.line,
    };
  });
  // A second role at the same employer is often printed under it without the employer again.
  for (let k = 0; k < jobs.length; k++) {
    const job = jobs[k]!;
    const group = blocks[k]!.block.group;
    if (group !== undefined && job.name === null) job.name = group;
    const before = jobs[k - 1];
    if (group === undefined && job.name === null && job.position !== null && before?.name)
      job.name = before.name;
    else if (group === undefined && before && isRoleUnderEmployer(blocks[k]!, blocks[k - 1]!, before)) {
      // "Policy Adviser, Rail Reform" is one title there, its field after the comma.
      job.position = blocks[k]!.labelled.parts.join(', ');
      job.name = before.name;
    }
  }
  return withoutDatedGroups(
    jobs,
    blocks.map((b) => b.block),
  );
}

/**
 * Employer alone on a line over "Title | dates" ("Corvane Robotics" / "Mechanical Engineer | Jul
 * 2022 – Present"), then a line "Mechanical Engineering Co-op | Jan 2021 – Aug 2021" alone: in a CV
 * that prints each employer over its roles, a lone dated name right after such an entry is a
 * further role there, not a new employer without a title.
 */
function isRoleUnderEmployer(
  here: { block: EntryBlock; labelled: { parts: string[] } },
  above: { block: EntryBlock },
  before: CvWork,
): boolean {
  const [employerLine, titleLine, ...more] = above.block.header;
  if (!isLoneRoleLine(here) || more.length > 0) return false;
  if (before.name === null || before.position === null || titleLine === undefined) return false;
  // The employer's line may carry its place ("Department for Transport | London", "HARVEST MARKET
  // LTD · Galway and Athlone").
  const names = splitParts(employerLine ?? '').filter((p, k) => k === 0 || !isPlaceShaped(p.trim()));
  // Every name on it is the employer read ("HARVEST – Bistronomie SAS, Lyon": one name in two parts).
  const employer = fold(before.name);
  return (
    names.every((n) =>
      employer.includes(fold(splitTrailingPlace(n.trim()).text.replace(/\s*\([^()]*\)$/, ''))),
    ) &&
    fold(employerLine ?? '').startsWith(employer) &&
    fold(titleLine).includes(fold(before.position))
  );
}

/**
 * A town written after a firm's legal form and a dash ("– Las Palmas de Gran Canaria", "– BOSCH EN
 * DUIN"), not its branch or unit ("– The Larches", "– Hotel Palma Bay", "– Biuro Rachunkowe").
 */
function isTownAfterFirm(text: string): boolean {
  // "Nilssons Åkeri i Värnamo AB – Distributionschaufför": a title after the firm.
  if (namesBusiness(text) || /^the\s/i.test(text) || isDepartment(text) || titleLikeness(text) > 0)
    return false;
  const name = titleCase(text);
  return (
    isPlaceShaped(name) ||
    looksLikePlaceName(name.replace(/\s(?:de|del|la|las|los|di|da|do|en|y|am|an|sur)(?=\s)/gu, ''))
  );
}

/** "BOSCH EN DUIN" as "Bosch En Duin": capitals set as a name is, for the place-name shape. */
function titleCase(text: string): string {
  return inCapitals(text)
    ? text.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase())
    : text;
}

/** A place, or place-shaped names joined as places are ("Galway and Athlone", "Lyon / Grenoble"). */
function isPlaceShaped(text: string): boolean {
  return (
    isWholePlace(text) ||
    text.split(/\s+(?:and|und|et|y|e|en|og|och|i)\s+|\s*\/\s*/).every(looksLikePlaceName)
  );
}

/** An entry whose header is one line naming no employer: a title, perhaps with its field. */
function isLoneRoleLine(here: { block: EntryBlock; labelled: { parts: string[] } }): boolean {
  const parts = here.labelled.parts;
  return (
    here.block.header.length === 1 &&
    (parts.length === 1 || (parts.length === 2 && readsAsTitle(parts[0]!))) &&
    parts.every((part) => !readsAsEmployer(part) && !isLegalEntity(part))
  );
}

/** Whether `inner`'s dates lie within `outer`'s ("2014 – Present" holds "Apr 2021 – Present"). */
function within(inner: CvWork, outer: CvWork): boolean {
  if (inner.startDate === null || outer.startDate === null) return false;
  const startsAfter = inner.startDate.slice(0, outer.startDate.length) >= outer.startDate;
  const endsBefore =
    outer.endDate === null ||
    (inner.endDate !== null && inner.endDate.slice(0, outer.endDate.length) <= outer.endDate);
  return startsAfter && endsBefore;
}

/**
 * An employer printed with its own dates over the roles held there ("Marlowe Hotels Group |
 * Manchester · 2014 – Present", then "Operations Director, North | Apr 2021 – Present", …) is no
 * job of its own: its roles take its name, and each role's header is its title whole.
 */
function withoutDatedGroups(jobs: CvWork[], blocks: EntryBlock[]): CvWork[] {
  const out: CvWork[] = [];
  for (let k = 0; k < jobs.length; k++) {
    const head = jobs[k]!;
    const roles: number[] = [];
    for (let j = k + 1; j < jobs.length && within(jobs[j]!, head); j++) roles.push(j);
    const employer = head.name ?? head.position;
    // A line about the firm may stand under its name ("FTSE 250 consumer goods group; revenue
    // £1.4bn"): it goes with the first role, items do not.
    if (head.highlights.length > 0 || roles.length < 2 || employer === null) {
      out.push(head);
      continue;
    }
    if (head.summary !== null) {
      const first = jobs[roles[0]!]!;
      first.summary = first.summary === null ? head.summary : `${head.summary} ${first.summary}`;
    }
    for (const j of roles) {
      const role = jobs[j]!;
      const header = blocks[j]!.header;
      const parts = header.length === 1 ? splitParts(header[0]!).filter((p) => !isWholePlace(p)) : [];
      if (parts.length === 1) role.position = parts[0]!.trim();
      role.name = employer;
      role.location ??= head.location;
      out.push(role);
    }
    k += roles.length;
  }
  return out;
}
