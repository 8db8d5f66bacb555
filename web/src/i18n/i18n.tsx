import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { catalogues, type Locale, type Messages } from './messages';

/** The chosen language (German unless the visitor switched), remembered in this browser. */
interface I18n {
  locale: Locale;
  t: Messages;
  setLocale(locale: Locale): void;
  /** A date as people of the locale write it. */
  formatDate(iso: string): string;
}

const I18nContext = createContext<I18n | null>(null);

const STORAGE_KEY = 'ig-locale';

function initialLocale(): Locale {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return stored === 'en' || stored === 'de' ? stored : 'de';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = catalogues[locale].appName;
  }, [locale]);
  const value = useMemo<I18n>(
    () => ({
      locale,
      t: catalogues[locale],
      setLocale(next) {
        localStorage.setItem(STORAGE_KEY, next);
        setLocaleState(next);
      },
      formatDate: (iso) => new Date(iso).toLocaleDateString(locale === 'de' ? 'de-DE' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' }),
    }),
    [locale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
