import type { ComponentProps } from 'react';
import { Locale } from '@panda/shared';
import { localeNames, useT } from '../i18n';
import { SelectField, TextField, type ValueFieldProps } from './fields';

type TextValueFieldProps = ValueFieldProps<ComponentProps<typeof TextField>, string>;

/**
 * An e-mail address, the person's own by default (the browser offers theirs).
 * For someone else's address, e.g. an admin adding staff, pass `autoComplete={undefined}`.
 */
export function EmailField({ label, onChange, ...input }: TextValueFieldProps) {
  const t = useT();
  return (
    <TextField
      label={label ?? t('field.email')}
      type="email"
      autoComplete="email"
      required
      {...input}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

type PasswordFieldProps = TextValueFieldProps & { autoComplete: 'current-password' | 'new-password' };

/** A password; a new one shows the rules it must meet unless given another hint. */
export function PasswordField({ label, hint, autoComplete, onChange, ...input }: PasswordFieldProps) {
  const t = useT();
  return (
    <TextField
      label={label ?? t('field.password')}
      type="password"
      autoComplete={autoComplete}
      required
      hint={hint ?? (autoComplete === 'new-password' ? t('field.passwordHint') : undefined)}
      {...input}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** A person's name, their own by default; for someone else's pass `autoComplete={undefined}`. */
export function NameField({ label, onChange, ...input }: TextValueFieldProps) {
  const t = useT();
  return (
    <TextField
      label={label ?? t('field.name')}
      autoComplete="name"
      required
      {...input}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** The digits of an e-mailed code, as the shared `EmailCodeValue` rule expects them. */
const CODE_LENGTH = 6;

/** The code from an e-mail: digits only, at most `CODE_LENGTH` of them, whatever is typed or pasted. */
export function CodeField({ label, onChange, ...input }: TextValueFieldProps) {
  const t = useT();
  return (
    <TextField
      label={label ?? t('field.code')}
      className="code-input"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={CODE_LENGTH}
      required
      {...input}
      onChange={(event) => onChange(event.target.value.replace(/\D/g, '').slice(0, CODE_LENGTH))}
    />
  );
}

type LocaleSelectProps = ValueFieldProps<Omit<ComponentProps<typeof SelectField>, 'children'>, Locale>;

/** The interface language, each name written in its own language. */
export function LocaleSelect({ label, onChange, ...select }: LocaleSelectProps) {
  const t = useT();
  return (
    <SelectField
      label={label ?? t('field.locale')}
      {...select}
      onChange={(event) => onChange(Locale.parse(event.target.value))}
    >
      {Locale.options.map((option) => (
        <option key={option} value={option} lang={option}>
          {localeNames[option]}
        </option>
      ))}
    </SelectField>
  );
}
