import { useMemo } from 'react';
import type { Locale } from '@panda/shared';
import { useLocale } from '../i18n';

/** The browser's own variant of the interface language (en-GB or en-US), so dates look familiar. */
function intlLocale(locale: Locale): string {
  return navigator.languages.find((tag) => tag.toLowerCase().startsWith(locale)) ?? locale;
}

/** Date formatters in the interface language and the given time zone (the browser's when omitted). */
export function useDateFormat(timeZone?: string) {
  const { locale } = useLocale();
  return useMemo(() => {
    const tag = intlLocale(locale);
    const date = new Intl.DateTimeFormat(tag, { timeZone, dateStyle: 'long' });
    const dateTime = new Intl.DateTimeFormat(tag, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    const time = new Intl.DateTimeFormat(tag, { timeZone, timeStyle: 'short' });
    const range = new Intl.DateTimeFormat(tag, {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    return {
      date: (iso: string) => date.format(new Date(iso)),
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      time: (iso: string) => time.format(new Date(iso)),
      range: (startIso: string, endIso: string) => range.formatRange(new Date(startIso), new Date(endIso)),
    };
  }, [locale, timeZone]);
}
