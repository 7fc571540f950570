// Personal data the model does not need to improve a CV is replaced by placeholders before the text
// leaves the machine. The worker keeps `redactions` and puts the real values back in the answer.
//
// Detection is pattern-based and errs on the side of the CV's content: dates ranges, years and
// figures ("2019 - 2021", "1,200,000") must survive, so a phone number is only taken when it has
// 8 to 15 digits and is not shaped like a date.

export type RedactionKind = 'email' | 'phone' | 'date_of_birth' | 'address';

export interface Redaction {
  kind: RedactionKind;
  placeholder: string;
  value: string;
}

export const PLACEHOLDERS: Readonly<Record<RedactionKind, string>> = {
  email: '[email]',
  phone: '[phone]',
  date_of_birth: '[date of birth]',
  address: '[address]',
};

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

const DOB_LABEL =
  /\b(date\s+of\s+birth|birth\s*date|birthday|d\.?o\.?b\.?|born(?:\s+on)?|geburtsdatum|geboren(?:\s+am)?|n[ée]e?\s+le|date\s+de\s+naissance|fecha\s+de\s+nacimiento)(\s*[:\-–]?\s*)([^\n|;•]{1,40}?)(?=\s*(?:[\n|;•]|$|,\s*[A-Z][a-z]+\s*:))/gi;

const ADDRESS_LABEL =
  /\b(address|home\s+address|adresse|anschrift|dirección)(\s*[:\-–]\s*)([^\n|•]{3,120}?)(?=\s*(?:[\n|•]|$))/gi;

const STREET_TYPES =
  'Street|St\\.|Avenue|Ave\\.?|Road|Rd\\.?|Boulevard|Blvd\\.?|Lane|Ln\\.?|Drive|Dr\\.|Court|Ct\\.|Way|Place|Pl\\.|Terrace|Close|Crescent|Square|Sq\\.|Parkway|Pkwy\\.?|Highway|Hwy\\.?';
const STREET_EN = new RegExp(
  `\\b\\d{1,5}[A-Za-z]?\\s+(?:[A-Z][A-Za-z'-]*\\s+){1,3}(?:${STREET_TYPES})(?=[\\s,.;|]|$)(?:,?\\s*(?:Apt|Suite|Unit|Flat)\\.?\\s*\\w+)?`,
  'g',
);
const STREET_EU =
  /\b[A-ZÄÖÜ][a-zäöüß-]+(?:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm)\s+\d{1,4}[a-z]?\b/g;
const STREET_FR =
  /\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|place|chemin|allée|impasse)\s+[^\n,|•]{2,40}/gi;

const PHONE_CANDIDATE = /(?<![\w.])(?:\+|00)?\(?\d[\d\s().-]{6,}\d(?![\w])/g;
const DATE_SHAPED = [
  /^\d{4}\s*[-–/.]\s*\d{2,4}$/, // 2019-2021, 2019/20
  /^\d{4}\s*[-–]\s*\d{1,2}\s*[-–]\s*\d{1,2}$/, // 2021-05-01
  /^\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{2,4}$/, // 01.02.1990
  /^\d{1,2}[./]\d{4}\s*[-–]\s*\d{1,2}[./]\d{4}$/, // 01/2019 - 03/2021
  /^\(?\d{4}\)?\s*[-–]\s*\(?\d{4}\)?$/,
];

export function redactPersonalData(input: string): { text: string; redactions: Redaction[] } {
  const redactions: Redaction[] = [];
  const take = (kind: RedactionKind, value: string): string => {
    redactions.push({ kind, placeholder: PLACEHOLDERS[kind], value });
    return PLACEHOLDERS[kind];
  };

  let text = input.replace(EMAIL, (match) => take('email', match));

  text = text.replace(DOB_LABEL, (_match, label: string, sep: string, value: string) => {
    return `${label}${sep}${take('date_of_birth', value.trim())}`;
  });

  text = text.replace(ADDRESS_LABEL, (match, label: string, sep: string, value: string) => {
    if (value.includes('[')) return match; // already a placeholder, e.g. "Address: [email]"
    return `${label}${sep}${take('address', value.trim())}`;
  });
  text = text.replace(STREET_EN, (match) => take('address', match));
  text = text.replace(STREET_EU, (match) => take('address', match));
  text = text.replace(STREET_FR, (match) => take('address', match.trim()));

  text = text.replace(PHONE_CANDIDATE, (match) => {
    const trimmed = match.trim();
    const digits = trimmed.replace(/\D/g, '').length;
    if (digits < 8 || digits > 15) return match;
    if (DATE_SHAPED.some((shape) => shape.test(trimmed))) return match;
    // A run of years ("2018 2019 2020") has only 4-digit groups starting with 19 or 20.
    const groups = trimmed.split(/[\s().-]+/).filter(Boolean);
    if (groups.length > 1 && groups.every((g) => /^(19|20)\d{2}$/.test(g))) return match;
    return take('phone', trimmed);
  });

  return { text, redactions };
}

/** Puts the redacted values back, in order, wherever the model kept the placeholders. */
export function restorePersonalData(text: string, redactions: ReadonlyArray<Redaction>): string {
  let out = text;
  for (const kind of Object.keys(PLACEHOLDERS) as RedactionKind[]) {
    const values = redactions.filter((r) => r.kind === kind).map((r) => r.value);
    if (values.length === 0) continue;
    let index = 0;
    out = out.split(PLACEHOLDERS[kind]).reduce((acc, piece, i) => {
      if (i === 0) return piece;
      // Extra placeholders the model invented repeat the last value rather than show a bracket.
      const value = values[Math.min(index, values.length - 1)] ?? PLACEHOLDERS[kind];
      index++;
      return acc + value + piece;
    }, '');
  }
  return out;
}
