// Contact details in CV text: e-mail, phone, profiles, web site, place and a name or title set
// among them. Sidebars and page headers put them anywhere, so every section's lines are searched.

import type { CvLocation, CvProfile, WorkingSection } from './cv-types.ts';
import { findDateRanges, findDates } from './dates.ts';
import { isLanguageLine, isPlace, isTitle } from './lexicon.ts';
import { findSkills } from './skills.ts';
import { fold } from './text.ts';

// The lookbehinds keep these linear on a long run of letters (no retry at every position).
const EMAIL_RE = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
// International and trunk-prefixed numbers, US numbers, Chinese mobiles (138 1234 5678) and
// Spanish-style nine digits in groups (612 48 39 05), Brazilian numbers after their area code
// ((11) 98765-4321).
const PHONE_RE =
  /(?:\+|\b0)\d[\d\s()./-]{6,}\d\b|\(\d{2}\)\s?\d{4,5}-\d{4}\b|(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b|\b1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}\b|\b[6-9]\d{2}(?:[\s.]\d{2}){3}\b|\b[6-9]\d{2}[\s.]\d{3}[\s.]\d{3}\b/;
// A number after its label ("Tlf. 28 41 67 03", "telefoon: 06 – 41 87 22 93", "TEL：080‑3391‑2275"),
// whatever the country's way of grouping its digits.
const LABELLED_PHONE_RE =
  /(?:^|[\s|·•,(])(?:tel|tlf|telefon|telefoon|telephone|telefono|teléfono|téléphone|tél|phone|mobil|mobile|mob|cell|handy|gsm|móvil|movil|celular)\.?\s*[:：]?\s*(\+?[\d(][\d\s()./‑–-]{6,}\d)/iu;
const PROFILE_RE =
  /(?:https?:\/\/)?(?:www\.)?(linkedin\.com|github\.com|gitlab\.com|behance\.net|dribbble\.com|xing\.com|twitter\.com|x\.com|medium\.com|kaggle\.com)\/[^\s|,;)]+/i;
const URL_RE =
  /(?:https?:\/\/\S+|www\.[^\s|,;]+|\b[a-z0-9-]+\.(?:dev|io|me|design|com|net|org|portfolio|site)(?:\/[^\s|,;]*)?\b)/i;
const CONTACT_LABEL_RE =
  /^(?:e-?mail|mail|phone|tel|telephone|telefon|telefono|mobile|mobil|handy|movil|portable|address|adresse|direccion|anschrift|linkedin|github|website|web|portfolio)\s*:\s*/i;
const ADDRESS_RE =
  /\b\d{4,5}\s+\p{Lu}[\p{L}-]+|(?<![\p{L}-])[\p{L}-]*(?:straße|strasse|str\.|weg|platz|allee|gasse)\s+\d+|\b\d+\s*,?\s+(?:rue|avenue|boulevard|chemin|allée)\b|\b(?:calle|avenida|c\/)\s+\p{L}|\b\d+\s+[\p{L} ]+\s(?:street|road|avenue|lane|drive)\b/u;
// The small words a surname may start with ("von Stetten", "de la Fuente", "van der Meulen").
const NAME_PARTICLES = 'de|da|das|do|dos|del|della|di|du|la|le|van|von|der|den|ter|ten|zu|af|al|el|bin|ibn';
export const NAME_PARTICLE_RE = new RegExp(`^(?:${NAME_PARTICLES})$`, 'i');
// Two to four capitalised words, the particles of a surname between them.
export const NAME_RE = new RegExp(
  String.raw`^[\p{Lu}][\p{L}'’.-]+(?:\s+(?:(?:${NAME_PARTICLES})\s+){0,3}[\p{Lu}][\p{L}'’.-]*){1,4}$`,
  'u',
);

export const COUNTRY_CODES: Record<string, string> = {
  germany: 'DE',
  deutschland: 'DE',
  france: 'FR',
  spain: 'ES',
  espana: 'ES',
  italy: 'IT',
  italia: 'IT',
  netherlands: 'NL',
  belgium: 'BE',
  austria: 'AT',
  osterreich: 'AT',
  switzerland: 'CH',
  schweiz: 'CH',
  suisse: 'CH',
  uk: 'GB',
  'united kingdom': 'GB',
  england: 'GB',
  ireland: 'IE',
  usa: 'US',
  us: 'US',
  'united states': 'US',
  canada: 'CA',
  mexico: 'MX',
  portugal: 'PT',
  poland: 'PL',
  'czech republic': 'CZ',
  czechia: 'CZ',
  'ceska republika': 'CZ',
  cesko: 'CZ',
  slovensko: 'SK',
  'slovenska republika': 'SK',
  slovakia: 'SK',
  magyarorszag: 'HU',
  hungary: 'HU',
  romania: 'RO',
  hrvatska: 'HR',
  croatia: 'HR',
  sweden: 'SE',
  denmark: 'DK',
  norway: 'NO',
  finland: 'FI',
  australia: 'AU',
  india: 'IN',
  argentina: 'AR',
  colombia: 'CO',
  brasil: 'BR',
  brazil: 'BR',
  polska: 'PL',
  sverige: 'SE',
  norge: 'NO',
  danmark: 'DK',
  nederland: 'NL',
  belgique: 'BE',
  belgie: 'BE',
  greece: 'GR',
  ellada: 'GR',
  ελλαδα: 'GR',
  russia: 'RU',
  россия: 'RU',
  china: 'CN',
  中国: 'CN',
  japan: 'JP',
  日本: 'JP',
  wales: 'GB',
  scotland: 'GB',
};

/** "Berlin, Germany" → city Berlin, country DE; "Austin, TX" → city Austin, region TX. */
export function readLocation(address: string): CvLocation {
  const parts = address
    .replace(/^.*\b\d{4,5}\s+/, '')
    .split(/\s*,\s*/)
    .map((p) => p.trim())
    .filter((p) => p !== '' && !/\d/.test(p));
  const last = parts.length > 1 ? parts[parts.length - 1]! : null;
  const countryCode = last === null ? null : (COUNTRY_CODES[fold(last)] ?? null);
  const region = last !== null && countryCode === null && /^[A-Z]{2}$/.test(last) ? last : null;
  return { address, city: parts[0] ?? null, region, countryCode };
}

export function looksLikeName(text: string): boolean {
  const bare = text.replace(/,\s*[A-Z]{2,5}(?:,\s*[A-Z]{2,5})*$/, '');
  return (
    NAME_RE.test(bare) &&
    !isTitle(bare) &&
    !isPlace(bare) &&
    !isLanguageLine(bare) &&
    findSkills(bare).length === 0 &&
    findDates(bare).length === 0
  );
}

export interface Contacts {
  email: string | null;
  phone: string | null;
  url: string | null;
  profiles: CvProfile[];
  location: string | null;
  /** a job title written on the contact line ("Product Designer · Prague · ...") */
  label: string | null;
  /** a name written on a contact line ("Mads Nielsen | +45 28 74 19 03", a Word page header) */
  name: string | null;
}

/** A phone number in a line: one of the known shapes, else the digits after a phone label. */
function findPhone(line: string): { text: string; index: number } | null {
  // "Boston, MA 02108 (617) 555-0163": a US ZIP code before the area code is no part of the number.
  const shaped = PHONE_RE.exec(line.replace(/\b(\d{5})\s+(?=\(\d{3}\)\s?\d{3}[\s.-]\d{4}\b)/g, '$1, '));
  if (shaped !== null) return { text: shaped[0], index: shaped.index };
  const labelled = LABELLED_PHONE_RE.exec(line);
  if (labelled === null) return null;
  return { text: labelled[1]!, index: labelled.index + labelled[0].length - labelled[1]!.length };
}

/**
 * Takes contact details out of every section: sidebars put them anywhere. A line that held one
 * (or any line of the contact section) leaves its section; the first of each detail is kept.
 */
export function extractContacts(sections: WorkingSection[]): Contacts {
  const contacts: Contacts = {
    email: null,
    phone: null,
    url: null,
    profiles: [],
    location: null,
    label: null,
    name: null,
  };
  for (const section of sections) {
    section.lines = section.lines.filter((line) => !takeContactLine(contacts, section.key, line.text));
  }
  return contacts;
}

/** Reads a line's contact details into `contacts`; true when the line was a contact line. */
function takeContactLine(contacts: Contacts, key: WorkingSection['key'], text: string): boolean {
  const taken = takeEmailAndProfiles(contacts, text);
  let rest = taken.rest;
  let found = taken.found;
  const phone = contactPhone(rest);
  if (phone !== null) {
    contacts.phone ??= phone.trim();
    rest = rest.replace(phone, ' ');
    found = true;
  }
  const inContactArea = key === 'header' || key === 'contact';
  if (inContactArea && !found && rest.length < 120 && (ADDRESS_RE.test(rest) || isPlace(rest))) {
    contacts.location ??= rest.replace(CONTACT_LABEL_RE, '').trim();
    return true;
  }
  if (found || inContactArea) {
    const url = URL_RE.exec(rest);
    if (url !== null && !/\.js\b/i.test(url[0])) {
      contacts.url ??= url[0];
      rest = rest.replace(url[0], ' ');
      found = true;
    }
  }
  if (found) {
    takeContactPieces(contacts, rest, inContactArea);
    return true;
  }
  // A personal-details line with nothing of the kind ("Carné de conducir B, vehículo propio",
  // "Disponibilidad inmediata") stays in its section: it is the person's, not to be lost.
  if (key === 'contact') return takeContactPieces(contacts, rest, inContactArea);
  return false;
}

/** The e-mail address and profile links of a line; `rest` is the line without them. */
function takeEmailAndProfiles(contacts: Contacts, text: string): { rest: string; found: boolean } {
  let rest = text;
  let found = false;
  const email = EMAIL_RE.exec(rest);
  if (email !== null) {
    contacts.email ??= email[0];
    rest = rest.replace(email[0], ' ');
    found = true;
  }
  for (let p = PROFILE_RE.exec(rest); p !== null; p = PROFILE_RE.exec(rest)) {
    const network = p[1]!.split('.')[0]!;
    const url = p[0].replace(/[.,]$/, '');
    if (!contacts.profiles.some((x) => x.url === url)) {
      contacts.profiles.push({
        network: network.charAt(0).toUpperCase() + network.slice(1),
        username: url.replace(/\/+$/, '').split('/').pop() ?? '',
        url,
      });
    }
    rest = rest.replace(p[0], ' ');
    found = true;
  }
  return { rest, found };
}

/** A line's phone number as written, or null when its digits are a date or too few. */
function contactPhone(rest: string): string | null {
  const phone = findPhone(rest);
  if (phone === null) return null;
  // Digits inside a date range ("2014-09 - 2019-02") are no phone number.
  const inRange = findDateRanges(rest).some(
    (r) => phone.index < r.index + r.length && r.index < phone.index + phone.text.length,
  );
  const isNumber =
    !inRange &&
    phone.text.replace(/\D/g, '').length >= 8 &&
    findDateRanges(phone.text).length === 0 &&
    // "01/09/2019" is a date, however many digits it has.
    !/^\s*\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2}\s*$/.test(phone.text);
  return isNumber ? phone.text : null;
}

/**
 * What a contact line holds besides its details: a place, the name (in the contact area), a title.
 * True when every piece of it was one of those (or a label alone): nothing else is left to keep.
 */
function takeContactPieces(contacts: Contacts, rest: string, inContactArea: boolean): boolean {
  let whole = true;
  for (const piece of rest.replace(CONTACT_LABEL_RE, '').split(/\s*[|·•;]\s*|\s{2,}/)) {
    const p = piece.replace(CONTACT_LABEL_RE, '').trim();
    if (p === '' || /^[\p{P}\p{S}\s]*$/u.test(p)) continue;
    if (isPlace(p)) contacts.location ??= p;
    else if (inContactArea && looksLikeName(p)) {
      // "Miriam Oberländer Köln": a city set right after the name, no mark between.
      const words = p.split(/\s+/);
      const last = words.at(-1) ?? '';
      contacts.name ??= words.length > 2 && isPlace(last) ? words.slice(0, -1).join(' ') : p;
    } else if (isTitle(p) && p.split(/\s+/).length <= 6) contacts.label ??= p;
    else whole = false;
  }
  return whole;
}
