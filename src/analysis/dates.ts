// Dates as CVs write them, in English, German, French and Spanish, normalized to `YYYY-MM` or
// `YYYY`. Ranges carry `end: null` when the role is current ("Present", "heute", "aujourd'hui",
// "actualidad"...). All regexes run on folded text (lower case, no accents, same length).
import { fold } from './text.ts';

const MONTH_NAMES: Record<string, number> = {};
const MONTH_LISTS: readonly (readonly string[])[] = [
  ['january', 'jan', 'januar', 'janner', 'janvier', 'janv', 'enero', 'ene'],
  ['february', 'feb', 'februar', 'fevrier', 'fevr', 'fev', 'febrero'],
  ['march', 'mar', 'marz', 'maerz', 'mrz', 'mars', 'marzo'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr'],
  ['may', 'mai', 'mayo'],
  ['june', 'jun', 'juni', 'juin', 'junio'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio'],
  ['august', 'aug', 'aout', 'agosto', 'ago'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre'],
  ['november', 'nov', 'novembre', 'noviembre'],
  ['december', 'dec', 'dezember', 'dez', 'decembre', 'diciembre', 'dic'],
];
// Russian and Ukrainian (nominative and genitive), Bulgarian and Greek month names, folded (no accents, lower
// case).
const MONTH_LISTS_MORE: readonly (readonly string[])[] = [
  ['януари', 'яну', 'январь', 'января', 'янв', 'ιανουαριος', 'ιανουαριου', 'ιαν', 'січень', 'січня', 'січ'],
  [
    'февруари',
    'февраль',
    'февраля',
    'фев',
    'февр',
    'φεβρουαριος',
    'φεβρουαριου',
    'φεβ',
    'лютии',
    'лютого',
    'лют',
  ],
  ['март', 'марта', 'мар', 'μαρτιος', 'μαρτιου', 'μαρ', 'березень', 'березня', 'бер'],
  ['април', 'апрель', 'апреля', 'апр', 'απριλιος', 'απριλιου', 'απρ', 'квітень', 'квітня', 'квіт', 'кві'],
  ['маи', 'мая', 'μαιος', 'μαιου', 'μαι', 'травень', 'травня', 'трав', 'тра'],
  ['юни', 'июнь', 'июня', 'июн', 'ιουνιος', 'ιουνιου', 'ιουν', 'червень', 'червня', 'черв', 'чер'],
  ['юли', 'июль', 'июля', 'июл', 'ιουλιος', 'ιουλιου', 'ιουλ', 'липень', 'липня', 'лип'],
  ['август', 'августа', 'авг', 'αυγουστος', 'αυγουστου', 'αυγ', 'серпень', 'серпня', 'серп', 'сер'],
  [
    'септември',
    'септ',
    'сеп',
    'сентябрь',
    'сентября',
    'сен',
    'сент',
    'σεπτεμβριος',
    'σεπτεμβριου',
    'σεπ',
    'вересень',
    'вересня',
    'вер',
  ],
  [
    'октомври',
    'октябрь',
    'октября',
    'окт',
    'οκτωβριος',
    'οκτωβριου',
    'οκτ',
    'жовтень',
    'жовтня',
    'жовт',
    'жов',
  ],
  [
    'ноември',
    'ное',
    'ноябрь',
    'ноября',
    'ноя',
    'нояб',
    'νοεμβριος',
    'νοεμβριου',
    'νοε',
    'листопад',
    'листопада',
    'лист',
    'лис',
  ],
  [
    'декември',
    'декабрь',
    'декабря',
    'дек',
    'δεκεμβριος',
    'δεκεμβριου',
    'δεκ',
    'грудень',
    'грудня',
    'груд',
    'гру',
  ],
];
// Dutch, Italian, Portuguese, Polish, Czech and Turkish, folded (Turkish ı has no accent to drop).
const MONTH_LISTS_EUROPE: readonly (readonly string[])[] = [
  ['januari', 'gennaio', 'gen', 'janeiro', 'styczen', 'stycznia', 'sty', 'leden', 'ledna', 'ocak'],
  ['februari', 'febbraio', 'fevereiro', 'luty', 'lutego', 'lut', 'unor', 'unora', 'subat'],
  ['maart', 'mrt', 'marco', 'marzec', 'marca', 'brezen', 'brezna', 'mart'],
  ['aprile', 'kwiecien', 'kwietnia', 'kwi', 'duben', 'dubna', 'nisan'],
  ['mei', 'maggio', 'mag', 'maio', 'maj', 'maja', 'kveten', 'kvetna', 'mayıs', 'mayis'],
  ['giugno', 'giu', 'junho', 'czerwiec', 'czerwca', 'cze', 'cerven', 'cervna', 'haziran'],
  ['luglio', 'lug', 'julho', 'lipiec', 'lipca', 'lip', 'cervenec', 'cervence', 'temmuz'],
  ['augustus', 'sierpien', 'sierpnia', 'sie', 'srpen', 'srpna', 'agustos'],
  ['settembre', 'set', 'setembro', 'wrzesien', 'wrzesnia', 'wrz', 'zari', 'eylul'],
  ['ottobre', 'ott', 'outubro', 'out', 'pazdziernik', 'pazdziernika', 'paz', 'rijen', 'rijna', 'ekim'],
  ['novembre', 'novembro', 'listopad', 'listopada', 'lis', 'listopadu', 'kasım', 'kasim'],
  ['dicembre', 'dezembro', 'grudzien', 'grudnia', 'gru', 'prosinec', 'prosince', 'aralık', 'aralik'],
];
// Hungarian, Romanian and Finnish, folded.
const MONTH_LISTS_MORE_EUROPE: readonly (readonly string[])[] = [
  ['januar', 'ianuarie', 'ian', 'tammikuu', 'tammikuuta', 'tammi'],
  ['februar', 'februarie', 'helmikuu', 'helmikuuta', 'helmi'],
  ['marcius', 'martie', 'maaliskuu', 'maaliskuuta', 'maalis'],
  ['aprilis', 'aprilie', 'huhtikuu', 'huhtikuuta', 'huhti'],
  ['majus', 'mai', 'toukokuu', 'toukokuuta', 'touko'],
  ['junius', 'iunie', 'kesakuu', 'kesakuuta', 'kesa'],
  ['julius', 'iulie', 'heinakuu', 'heinakuuta', 'heina'],
  ['augusztus', 'aug', 'elokuu', 'elokuuta', 'elo'],
  ['szeptember', 'septembrie', 'syyskuu', 'syyskuuta', 'syys'],
  ['oktober', 'octombrie', 'lokakuu', 'lokakuuta', 'loka'],
  ['november', 'noiembrie', 'marraskuu', 'marraskuuta', 'marras'],
  ['december', 'decembrie', 'joulukuu', 'joulukuuta', 'joulu'],
];
// Swedish, Norwegian and Danish names not shared with the lists above.
const MONTH_LISTS_NORDIC: readonly (readonly string[])[] = [
  [],
  [],
  ['marts'],
  [],
  [],
  [],
  [],
  ['augusti'],
  [],
  [],
  [],
  ['desember', 'des'],
];
// Croatian, Slovenian, Slovak, Lithuanian, Latvian and Estonian names not in the lists above.
const MONTH_LISTS_SLAVIC_BALTIC: readonly (readonly string[])[] = [
  ['sijecanj', 'sijecnja', 'januar', 'januara', 'januarja', 'sausis', 'sausio', 'janvaris', 'jaanuar'],
  ['veljaca', 'veljace', 'februar', 'februara', 'februarja', 'vasaris', 'vasario', 'februaris', 'veebruar'],
  ['ozujak', 'ozujka', 'marec', 'marca', 'kovas', 'kovo', 'marts'],
  ['travanj', 'travnja', 'april', 'aprila', 'balandis', 'balandzio', 'aprilis', 'aprill'],
  ['svibanj', 'svibnja', 'maj', 'maja', 'geguze', 'geguzes', 'maijs'],
  ['lipanj', 'lipnja', 'junij', 'junija', 'birzelis', 'birzelio', 'junijs', 'juuni'],
  ['srpanj', 'srpnja', 'julij', 'julija', 'liepa', 'liepos', 'julijs', 'juuli'],
  ['kolovoz', 'kolovoza', 'avgust', 'avgusta', 'rugpjutis', 'rugpjucio', 'augusts'],
  ['rujan', 'rujna', 'september', 'septembra', 'rugsejis', 'rugsejo', 'septembris'],
  ['listopad', 'listopada', 'oktober', 'oktobra', 'spalis', 'spalio', 'oktobris', 'oktoober'],
  ['studeni', 'studenog', 'studenoga', 'november', 'novembra', 'lapkritis', 'lapkricio', 'novembris'],
  ['prosinac', 'prosinca', 'december', 'decembra', 'gruodis', 'gruodzio', 'decembris', 'detsember'],
];
// Arabic (as written in the Gulf and Egypt, in the Levant, in the Maghreb) and Hebrew, as written:
// folded below (hamza and marks dropped).
const MONTH_LISTS_RTL: readonly (readonly string[])[] = [
  ['يناير', 'كانون الثاني', 'جانفي', 'ינואר'],
  ['فبراير', 'شباط', 'فيفري', 'פברואר'],
  ['مارس', 'آذار', 'מרץ'],
  ['أبريل', 'إبريل', 'نيسان', 'أفريل', 'אפריל'],
  ['مايو', 'أيار', 'ماي', 'מאי'],
  ['يونيو', 'يونيه', 'حزيران', 'جوان', 'יוני'],
  ['يوليو', 'يوليه', 'تموز', 'جويلية', 'יולי'],
  ['أغسطس', 'آب', 'أوت', 'אוגוסט'],
  ['سبتمبر', 'أيلول', 'ספטמבר'],
  ['أكتوبر', 'تشرين الأول', 'אוקטובר'],
  ['نوفمبر', 'تشرين الثاني', 'נובמבר'],
  ['ديسمبر', 'كانون الأول', 'דצמבר'],
].map((names) => names.map((n) => fold(n)));
for (const lists of [
  MONTH_LISTS,
  MONTH_LISTS_MORE,
  MONTH_LISTS_EUROPE,
  MONTH_LISTS_MORE_EUROPE,
  MONTH_LISTS_NORDIC,
  MONTH_LISTS_SLAVIC_BALTIC,
  MONTH_LISTS_RTL,
]) {
  lists.forEach((names, i) => {
    for (const n of names) MONTH_NAMES[n] = i + 1;
  });
}

const MONTH_ALT = Object.keys(MONTH_NAMES)
  .sort((a, b) => b.length - a.length)
  .join('|');
const PRESENT_ALT =
  "to date|till date|until now|till now|to the present|until present|present|current|currently|now|today|ongoing|heute|aktuell|derzeit|jetzt|dato|aujourd'hui|aujourd’hui|aujourd hui|auj\\.|a ce jour|ce jour|actuel|actuellement|en cours|actualidad|presente|actualmente|hoy|la fecha|" +
  'heden|huidig|nu|nuvarande|o momento|ate o momento|pagaende|idag|i dag|dags dato|na|oggi|attuale|in corso|atual|atualmente|atualidade|actualidade|hoje|presentemente|vigente|do dzis|dzis|do chwili obecnej|trenutno|do danas|danas|sada|sekarang|gunumuze|laufend|fortlaufend|obecnie|nadal|teraz|dosud|dodnes|soucasnost|nyni|gunumuz|halen|devam ediyor|' +
  fold('حتى الآن|الآن|حاليا|حالياً|الحاضر|حتى تاريخه|لغاية الآن|حتى اليوم|עד היום|היום|כיום|הווה') +
  '|jelenleg|napjainkig|mostanaig|prezent|in prezent|pana in prezent|nykyaan|nyt|jatkuu|sucasnost|doteraz|dabar|iki dabar|sobrid|lidz sim|praegu|tanaseni|do sada|do danes|' +
  'до момента|понастоящем|досега|по настоящее время|настоящее время|настоящее|наст\\. время|н\\.\\s?в\\.|сейчас|по сей день|σημερα|μεχρι σημερα|παρον|至今|今|现在|現在|在职|在職中|現職|현재|재직중|재직 중|дотепер|по теперішнии час|теперішнии час|сьогодні|зараз|actual|d\\.\\s?d\\.|nuværende|naværende|obecnie|nyni|alla data attuale|data attuale|ad oggi|a oggi|attualmente';

// Seasons before a year ("Summer 2024", "Verão 2013", "sommaren 2012", "Wintersaison 2017"):
// the year is the date, as a reader writes it down. Folded.
const SEASON_ALT =
  'summers?|winter|spring|autumn|fall|sommer|sommersaison|wintersaison|sommersemester|wintersemester|' +
  'fruhjahr|fruhling|herbst|ete|hiver|printemps|automne|veranos?|invierno|primavera|otono|estate|' +
  'inverno|autunno|verao|outono|zomer|lente|voorjaar|herfst|najaar|sommaren|sommar|somrarna|vintern|' +
  'vinter|varen|hosten|lato|latem|zima|wiosna|jesien|yaz|kis|kıs|ilkbahar|sonbahar';
const SEASON_SRC = `(?:(?:${SEASON_ALT})(?:\\s+(?:semester|term|season|saison|quarter))?\\s+(?:(?:de|of|di|del)\\s+)?)?`;

// One date: "Jan 2020", "January 2020", "enero de 2020", "01/2020", "03.2019", "2020-01", "2020".
const DATE_SRC =
  `(?:(?<cy>(?:19|20)\\d{2})\\s*年\\s*(?:(?<cm>0?[1-9]|1[0-2])\\s*月)?` +
  `|(?<da>\\d{1,2})[./](?<db>\\d{1,2})[./](?<dy>(?:19|20)\\d{2})` +
  `|(?<fy>(?:19|20)\\d{2})-(?<fm>0?[1-9]|1[0-2])-(?:[0-2]?\\d|3[01])(?![\\d])` +
  `|(?<mn>${MONTH_ALT})\\.?(?:,|\\/)?\\s*(?:de\\s+)?(?<my>(?:19|20)\\d{2})(?:\\s*(?:г\\.?|года?))?` +
  // Hungarian order, the year first: "2019. március".
  `|(?<hy>(?:19|20)\\d{2})\\.\\s*(?<hm>${MONTH_ALT})(?![\\p{L}])` +
  `|(?<nm>0?[1-9]|1[0-2])\\s*[./]\\s*(?<ny>(?:19|20)\\d{2})` +
  // Hungarian numeric order puts a dot and a space after each part: "2018. 09.".
  `|(?<iy>(?:19|20)\\d{2})(?:[-/.]|\\.\\s)(?<im>0?[1-9]|1[0-2])(?![\\d])(?:(?<=\\.\\s\\d+)\\.)?` +
  `|${SEASON_SRC}(?<y>(?:19|20)\\d{2}))`;
const SEP_SRC = `\\s*(?:-{1,2}|–|—|−|‒|―|‐|‑|→|>|~|〜|～|－|至|to|until|till|bis|au|a|ad|à|hasta|al|tot|ate|do|по|εως|έως|الى|حتى|עד)\\s*`;

const one = (suffix: string) => DATE_SRC.replace(/\?<(\w+)>/g, `?<$1${suffix}>`);
// A year may end in a dot, as Croatian, Serbian and Hungarian write it: "03/2017. – danas".
const RANGE_RE = new RegExp(
  `(?<![\\p{L}\\d])(?:(?:von|vom|from|since|seit|depuis|desde|sinds|vanaf|de|del|du|van|dal|dalla|da|od|fran|fra|от)\\s+)?(?:(?<sm>${MONTH_ALT})\\.?\\s*(?=(?:[-–—]|a|à|au|bis|to|al|hasta)\\s*(?:${MONTH_ALT})\\.?\\s+(?:19|20)\\d{2})|${one('1')})\\.?` +
    // A table's cell may part the dash from the end: "2019-09 - | 2022-03".
    `${SEP_SRC}(?:\\|\\s*)?(?:${one('2')}|(?<pr>${PRESENT_ALT}))(?![\\p{L}\\d])`,
  'gu',
);
// A range left open, its end not written, before the entry's next part: "3/2019 – | Sairaanhoitaja".
// (At a line's end the range may go on on the next line.)
const OPEN_RANGE_RE = new RegExp(`(?<![\\p{L}\\d])(?:${one('1')})\\s*(?:–|—|-)(?=\\s*\\|)`, 'gu');
// A school or season year, "2017/18" or "2019/2020": a range over the turn of the year.
const ACADEMIC_YEAR_RE = new RegExp(
  `(?<![\\p{L}\\d/.])${SEASON_SRC}(?<ay>(?:19|20)\\d{2})\\s?/\\s?(?<az>(?:19|20)?\\d{2})(?![\\p{L}\\d]|[./]\\d)`,
  'gu',
);
// Two seasons' years joined by "and", "Summers 2014 and 2015", "Veranos 2014 y 2015": a job held
// each of those seasons, dated as a reader would, first year to last. The season word is required:
// "in 2014 and 2015" in running text is two dates, not a job's span.
const SEASON_PAIR_RE = new RegExp(
  `(?<![\\p{L}\\d])(?:${SEASON_ALT})\\s+(?:(?:de|of|di|del)\\s+)?(?<py>(?:19|20)\\d{2})\\s*(?:,|&|and|y|e|und|et|en|og|och|i|a)\\s*(?<pz>(?:19|20)\\d{2})(?![\\p{L}\\d])`,
  'gu',
);
// A span whose end year is cut to two digits, "2014–16", "2019 - 21", "1998–02". Written with a bare
// hyphen and a month-like end ("2014-05") it is the ISO month, not a span.
const SHORT_END_RE =
  /(?<![\p{L}\d/.-])(?<sy>(?:19|20)\d{2})(?<sep>\s*[–—]\s*|\s+-\s+|-)(?<sz>\d{2})(?![\p{L}\d]|[./-]\d)/gu;
const SINCE_RE = new RegExp(
  `(?<![\\p{L}\\d])(?:since|seit|depuis|desde|sinds|dal|od|с|απο)\\s+(?:${one('1')})(?![\\p{L}\\d])`,
  'gu',
);
const SINGLE_RE = new RegExp(`(?<![\\p{L}\\d/.])${DATE_SRC}(?![\\p{L}\\d]|[./]\\d)`, 'gu');
const PRESENT_RE = new RegExp(`^(?:${PRESENT_ALT})$`, 'u');

export interface FoundDate {
  /** normalized `YYYY-MM` or `YYYY` */
  readonly value: string;
  readonly index: number;
  readonly length: number;
}

export interface FoundRange {
  readonly start: string;
  /** null: the role is current */
  readonly end: string | null;
  readonly index: number;
  readonly length: number;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function readDate(g: Record<string, string | undefined>, s: string): string | null {
  const cy = g[`cy${s}`];
  if (cy !== undefined) {
    const cm = g[`cm${s}`];
    return cm === undefined ? cy : `${cy}-${pad(Number(cm))}`;
  }
  // A full date, "01/03/2019" (Europass) or "03/14/2019": the month is the part that can be one,
  // the second when both can (day first, as most of the world writes it).
  const da = g[`da${s}`];
  if (da !== undefined) {
    const a = Number(da);
    const b = Number(g[`db${s}`]);
    const month = b >= 1 && b <= 12 ? b : a >= 1 && a <= 12 ? a : null;
    return month === null ? null : `${g[`dy${s}`]}-${pad(month)}`;
  }
  const fy = g[`fy${s}`];
  if (fy !== undefined) return `${fy}-${pad(Number(g[`fm${s}`]))}`;
  const mn = g[`mn${s}`];
  if (mn !== undefined) return `${g[`my${s}`]}-${pad(MONTH_NAMES[mn.replace(/\.$/, '')] ?? 1)}`;
  const hy = g[`hy${s}`];
  if (hy !== undefined) return `${hy}-${pad(MONTH_NAMES[g[`hm${s}`]!] ?? 1)}`;
  const nm = g[`nm${s}`];
  if (nm !== undefined) return `${g[`ny${s}`]}-${pad(Number(nm))}`;
  const iy = g[`iy${s}`];
  if (iy !== undefined) return `${iy}-${pad(Number(g[`im${s}`]))}`;
  const y = g[`y${s}`];
  return y ?? null;
}

/** Date ranges in a line, in order; "since 2020" counts as a range with a current end. */
export function findDateRanges(line: string): FoundRange[] {
  const folded = fold(line);
  const found: FoundRange[] = [];
  RANGE_RE.lastIndex = 0;
  for (let m = RANGE_RE.exec(folded); m !== null; m = RANGE_RE.exec(folded)) {
    const g = m.groups ?? {};
    const end = g.pr !== undefined ? null : readDate(g, '2');
    let start = readDate(g, '1');
    if (start === null && g.sm !== undefined && end !== null) {
      // "Jan – Mar 2020": the start month borrows the end's year.
      start = `${end.slice(0, 4)}-${pad(MONTH_NAMES[g.sm] ?? 1)}`;
    }
    if (start === null) continue;
    if (end !== null && end < start) continue;
    found.push({ start, end, index: m.index, length: m[0].length });
  }
  ACADEMIC_YEAR_RE.lastIndex = 0;
  for (let m = ACADEMIC_YEAR_RE.exec(folded); m !== null; m = ACADEMIC_YEAR_RE.exec(folded)) {
    const start = Number(m.groups?.ay);
    const written = m.groups?.az ?? '';
    const end = written.length === 4 ? Number(written) : Math.floor(start / 100) * 100 + Number(written);
    const at = m.index;
    if (end === start + 1 && !found.some((f) => at >= f.index && at < f.index + f.length))
      found.push({ start: String(start), end: String(end), index: at, length: m[0].length });
  }
  SHORT_END_RE.lastIndex = 0;
  for (let m = SHORT_END_RE.exec(folded); m !== null; m = SHORT_END_RE.exec(folded)) {
    const start = Number(m.groups?.sy);
    const cut = Number(m.groups?.sz);
    let end = Math.floor(start / 100) * 100 + cut;
    if (end <= start) end += 100;
    const at = m.index;
    const isoMonth = m.groups?.sep === '-' && cut >= 1 && cut <= 12;
    if (
      !isoMonth &&
      end - start <= 40 &&
      !found.some((f) => at < f.index + f.length && f.index < at + m[0].length)
    )
      found.push({ start: String(start), end: String(end), index: at, length: m[0].length });
  }
  SEASON_PAIR_RE.lastIndex = 0;
  for (let m = SEASON_PAIR_RE.exec(folded); m !== null; m = SEASON_PAIR_RE.exec(folded)) {
    const start = m.groups?.py ?? '';
    const end = m.groups?.pz ?? '';
    const at = m.index;
    if (end > start && !found.some((f) => at < f.index + f.length && f.index < at + m[0].length))
      found.push({ start, end, index: at, length: m[0].length });
  }
  for (const re of [SINCE_RE, OPEN_RANGE_RE]) {
    re.lastIndex = 0;
    for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
      const start = readDate(m.groups ?? {}, '1');
      const at = m.index;
      const to = at + m[0].length;
      // "desde marzo 2015 hasta mayo 2019": a closed range that starts inside is the one meant.
      if (start !== null && !found.some((f) => at < f.index + f.length && f.index < to))
        found.push({ start, end: null, index: at, length: m[0].length });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Single dates in a line, including the ends of ranges. */
export function findDates(line: string): FoundDate[] {
  const folded = fold(line);
  const found: FoundDate[] = [];
  SINGLE_RE.lastIndex = 0;
  for (let m = SINGLE_RE.exec(folded); m !== null; m = SINGLE_RE.exec(folded)) {
    const value = readDate(m.groups ?? {}, '');
    if (value !== null) found.push({ value, index: m.index, length: m[0].length });
  }
  return found;
}

/** Normalizes one date written on its own ("Jan 2020", "heute"); null end words give null. */
export function parseDate(text: string): string | null | undefined {
  const t = fold(text.trim());
  if (PRESENT_RE.test(t)) return null;
  const ds = findDates(t);
  return ds.length === 1 && ds[0]!.length >= t.replace(/[.,]$/, '').length - 1 ? ds[0]!.value : undefined;
}

/** A month's name alone, with no year: "Sep", "Sept.", "März" (a date column's first line). */
export function isMonthName(text: string): boolean {
  return Object.hasOwn(MONTH_NAMES, fold(text.trim()).replace(/\.$/, ''));
}

/** Months between two normalized dates, a year-only date counting from its middle. */
export function monthIndex(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = date.length >= 7 ? Number(date.slice(5, 7)) : 6;
  return year * 12 + month - 1;
}

/**
 * The month "Present" stands for when no reference date is given: today, by the clock (UTC). A
 * CV's own latest date is no stand-in: a career from 2014 to present with no other date would
 * count one month.
 */
export function currentMonth(now: Date = new Date()): string {
  return now.toISOString().slice(0, 7);
}

/** The latest date written anywhere in a text. */
export function latestDate(text: string): string | null {
  let latest: string | null = null;
  for (const line of text.split('\n')) {
    for (const d of findDates(line)) if (latest === null || d.value > latest) latest = d.value;
  }
  return latest;
}

/** Same date, or the same year where one side only gives the year. */
export function sameDate(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === 4 || b.length === 4) return a.slice(0, 4) === b.slice(0, 4);
  return false;
}
