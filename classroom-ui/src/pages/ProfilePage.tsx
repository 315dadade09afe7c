import { useState, type SubmitEvent } from 'react';
import { Locale, UpdateProfileBody } from '@panda/shared';
import { api } from '../api/endpoints';
import { useSession, useUser } from '../auth/session';
import { Alert } from '../components/Alert';
import { SelectField, TextField } from '../components/fields';
import { Page } from '../components/Page';
import { TimeZoneSelect } from '../components/TimeZoneSelect';
import { useSubmit } from '../hooks/useSubmit';
import { localeNames, useT } from '../i18n';

export function ProfilePage() {
  const t = useT();
  const user = useUser();
  const { updateUser } = useSession();
  const [name, setName] = useState(user.name);
  const [timeZone, setTimeZone] = useState(user.timeZone);
  const [locale, setLocale] = useState(user.locale);
  const [saved, setSaved] = useState(false);
  const { fieldErrors, formError, pending, submit } = useSubmit();

  // Only what changed is sent, so saving one field never overwrites another edited elsewhere.
  const changes: UpdateProfileBody = {
    ...(name !== user.name && { name }),
    ...(timeZone !== user.timeZone && { timeZone }),
    ...(locale !== user.locale && { locale }),
  };
  const dirty = Object.keys(changes).length > 0;

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(UpdateProfileBody, changes, async (body) => {
      updateUser(await api.updateMe(body));
      setSaved(true);
    });
  }

  return (
    <Page title={t('nav.profile')}>
      <form className="form card narrow" noValidate onSubmit={onSubmit}>
        <dl className="facts">
          <dt>{t('field.email')}</dt>
          <dd>{user.email}</dd>
          <dt>{t('field.role')}</dt>
          <dd>{t(`role.${user.role}`)}</dd>
        </dl>
        <TextField
          label={t('field.name')}
          autoComplete="name"
          required
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={fieldErrors.name}
        />
        <TimeZoneSelect
          label={t('field.timeZone')}
          value={timeZone}
          onChange={(event) => setTimeZone(event.target.value)}
          hint={t('field.timeZoneHint')}
          error={fieldErrors.timeZone}
        />
        <SelectField
          label={t('field.locale')}
          value={locale}
          onChange={(event) => setLocale(Locale.parse(event.target.value))}
          error={fieldErrors.locale}
        >
          {Locale.options.map((option) => (
            <option key={option} value={option} lang={option}>
              {localeNames[option]}
            </option>
          ))}
        </SelectField>
        {formError && <Alert tone="error">{formError}</Alert>}
        {saved && !dirty && <Alert tone="success">{t('profile.saved')}</Alert>}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={!dirty || pending}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Page>
  );
}
