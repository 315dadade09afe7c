import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Locale } from '@panda/shared';
import { en, type MessageKey, type Messages } from './en';
import { ru } from './ru';

export type { MessageKey } from './en';
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const dictionaries: Record<Locale, Messages> = { en, ru };
const STORAGE_KEY = 'panda.locale';

/** Each language is named in itself, so a person finds theirs whatever the current language is. */
export const localeNames: Record<Locale, string> = { en: 'English', ru: 'Русский' };

/** Before sign-in the choice lives in this browser; afterwards the server's copy wins. */
function initialLocale(): Locale {
  const stored = Locale.safeParse(localStorage.getItem(STORAGE_KEY));
  if (stored.success) return stored.data;
  return navigator.language.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState(initialLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
    localStorage.setItem(STORAGE_KEY, locale);
  }, [locale]);

  const t = useCallback<Translate>(
    (key, params) =>
      dictionaries[locale][key].replace(/\{(\w+)\}/g, (match, name: string) =>
        params?.[name] === undefined ? match : String(params[name]),
      ),
    [locale],
  );

  const value = useMemo(() => ({ locale, setLocale, t }), [locale, t]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}

export function useLocale(): Pick<I18nValue, 'locale' | 'setLocale'> {
  const { locale, setLocale } = useI18n();
  return { locale, setLocale };
}
