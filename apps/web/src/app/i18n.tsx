import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { messages, type Lang, type Messages } from './messages.ts';

const STORAGE_KEY = 'parindex.lang';

interface I18n {
  lang: Lang;
  t: Messages;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n | null>(null);

/** The saved choice, else Vietnamese: the app is for a Vietnamese authority first. */
function initialLang(): Lang {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === 'vi' || saved === 'en') return saved;
  } catch {
    // localStorage can be unavailable (private mode, blocked storage): fall back to the default.
  }
  return 'vi';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembering the choice is acceptable; the switch still works for this visit.
    }
  }, []);

  const t = messages[lang];
  // The page's title and description are set by each page (usePageMeta in page-meta.ts).
  useEffect(() => {
    document.documentElement.lang = t.htmlLang;
  }, [t]);

  const value = useMemo(() => ({ lang, t, setLang }), [lang, t, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language, its dictionary and the switch. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
