import { type ComponentChildren, createContext } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { type Lang, type MessageKey, type Params, pickLanguage, translate } from './i18n.ts';

const STORAGE_KEY = 'cvimprover.lang';

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, params?: Params) => string;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n>({
  lang: 'en',
  t: (key, params) => translate('en', key, params),
  setLang: () => {},
});

function initialLanguage(): Lang {
  try {
    const chosen = localStorage.getItem(STORAGE_KEY);
    if (chosen) return pickLanguage([chosen]);
  } catch {
    // No storage: the browser's languages decide.
  }
  return pickLanguage(navigator.languages ?? [navigator.language]);
}

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLangState] = useState<Lang>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // The choice lasts for this page only.
    }
  }, []);
  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
