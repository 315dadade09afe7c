import { useState, type SubmitEvent } from 'react';
import { UpdateProfileBody } from '@panda/shared';
import { api } from '../api/endpoints';
import { useSession, useUser } from '../auth/session';
import { Alert } from '../components/Alert';
import { LocaleSelect, NameField } from '../components/accountFields';
import { FormFooter } from '../components/FormFooter';
import { Page } from '../components/Page';
import { TimeZoneSelect } from '../components/TimeZoneSelect';
import { NotificationSettingsSection } from './notifications/NotificationSettingsSection';
import { RecordingSection } from './profile/RecordingSection';
import { SessionsSection } from './profile/SessionsSection';
import { useSubmit } from '../hooks/useSubmit';
import { useT } from '../i18n';

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
        <NameField value={name} onChange={setName} error={fieldErrors.name} />
        <TimeZoneSelect
          value={timeZone}
          onChange={setTimeZone}
          hint={t('field.timeZoneHint')}
          error={fieldErrors.timeZone}
        />
        <LocaleSelect value={locale} onChange={setLocale} error={fieldErrors.locale} />
        <FormFooter
          layout="actions"
          error={formError}
          pending={pending}
          canSubmit={dirty}
          submitLabel={t('common.save')}
        >
          {saved && !dirty && <Alert tone="success">{t('profile.saved')}</Alert>}
        </FormFooter>
      </form>
      {user.role === 'student' && <RecordingSection />}
      <NotificationSettingsSection />
      <SessionsSection />
    </Page>
  );
}
