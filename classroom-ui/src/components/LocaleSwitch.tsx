import { Locale } from '@panda/shared';
import { api } from '../api/endpoints';
import { useSession } from '../auth/session';
import { localeNames, useLocale, useT } from '../i18n';

/** EN/RU buttons. Signed in, the choice is saved to the person's profile. */
export function LocaleSwitch() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const { state, updateUser } = useSession();

  async function choose(next: Locale) {
    if (next === locale) return;
    setLocale(next);
    if (state.status !== 'authenticated') return;
    try {
      updateUser(await api.updateMe({ locale: next }));
    } catch {
      // The profile is the source of truth once signed in: show the language it still holds.
      setLocale(state.user.locale);
    }
  }

  return (
    <div className="locale-switch" role="group" aria-label={t('locale.switch')}>
      {Locale.options.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          title={localeNames[option]}
          aria-pressed={option === locale}
          data-testid={`locale-${option}`}
          onClick={() => void choose(option)}
        >
          {option.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
