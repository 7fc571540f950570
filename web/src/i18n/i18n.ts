// Looking up the interface text. Pure, so it is unit-tested in Node; the Preact side is context.tsx.
import { catalogues, type Lang, type MessageKey } from './messages.ts';

export type { Lang, MessageKey };
export type Params = Record<string, string | number>;

export const LANGUAGES = Object.keys(catalogues) as Lang[];
export const DEFAULT_LANG: Lang = 'en';

/** The first of the browser's languages the app has ("de-AT" → de), else English. */
export function pickLanguage(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    if ((LANGUAGES as string[]).includes(base)) return base as Lang;
  }
  return DEFAULT_LANG;
}

/** The message in the language, `{name}` replaced by its parameter; English where one is missing. */
export function translate(lang: Lang, key: MessageKey, params: Params = {}): string {
  const text: string = catalogues[lang][key] ?? catalogues[DEFAULT_LANG][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}
