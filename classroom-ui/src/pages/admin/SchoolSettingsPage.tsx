import { useState, type SubmitEvent } from 'react';
import { RecordingConsent, SchoolSettings, type RecordingStorage } from '@panda/shared';
import { api } from '../../api/endpoints';
import { useUser } from '../../auth/session';
import { Alert, LoadError } from '../../components/Alert';
import { Checkbox, RadioGroup, TextField } from '../../components/fields';
import { FormFooter } from '../../components/FormFooter';
import { Page } from '../../components/Page';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useQuery } from '../../hooks/useQuery';
import { useSubmit } from '../../hooks/useSubmit';
import { useLocale, useT } from '../../i18n';

/** The school's recording policy, and what its recordings take on disk. */
export function SchoolSettingsPage() {
  const t = useT();
  const settings = useQuery((signal) => api.schoolSettings(signal), []);
  const storage = useQuery((signal) => api.recordingStorage(signal), []);
  return (
    <Page title={t('nav.settings')} testId="school-settings">
      <p className="muted">{t('settings.lead')}</p>
      {settings.error && <LoadError error={settings.error} onRetry={settings.reload} />}
      {settings.data && <RecordingPolicyForm saved={settings.data} />}
      {storage.error && <LoadError error={storage.error} onRetry={storage.reload} />}
      {storage.data && <StorageCard storage={storage.data} />}
    </Page>
  );
}

function RecordingPolicyForm({ saved: loaded }: { saved: SchoolSettings }) {
  const t = useT();
  const [saved, setSaved] = useState(loaded);
  const [automatic, setAutomatic] = useState(loaded.recordLessonsAutomatically);
  const [consent, setConsent] = useState(loaded.recordingConsent);
  // Empty: recordings are kept.
  const [retention, setRetention] = useState(loaded.recordingRetentionDays?.toString() ?? '');
  const [done, setDone] = useState(false);
  const { fieldErrors, formError, pending, submit } = useSubmit();
  const input = {
    recordLessonsAutomatically: automatic,
    recordingConsent: consent,
    recordingRetentionDays: retention.trim() === '' ? null : Number(retention),
  };
  const dirty =
    input.recordLessonsAutomatically !== saved.recordLessonsAutomatically ||
    input.recordingConsent !== saved.recordingConsent ||
    input.recordingRetentionDays !== saved.recordingRetentionDays;

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(SchoolSettings, input, async (body) => {
      setSaved(await api.saveSchoolSettings(body));
      setDone(true);
    });
  }

  return (
    <form className="form card narrow" noValidate onSubmit={onSubmit} aria-labelledby="recording-policy-title">
      <h2 id="recording-policy-title">{t('settings.recording')}</h2>
      <Checkbox
        label={t('settings.automatic')}
        checked={automatic}
        onChange={(event) => setAutomatic(event.target.checked)}
        error={fieldErrors.recordLessonsAutomatically}
      />
      <RadioGroup
        legend={t('settings.consent')}
        options={RecordingConsent.options.map((value) => ({ value, label: t(`settings.consent.${value}`) }))}
        value={consent}
        onChange={setConsent}
      />
      <TextField
        type="number"
        min={1}
        step={1}
        label={t('settings.retention')}
        hint={t('settings.retentionHint')}
        value={retention}
        onChange={(event) => setRetention(event.target.value)}
        error={fieldErrors.recordingRetentionDays}
      />
      <FormFooter layout="actions" error={formError} pending={pending} canSubmit={dirty} submitLabel={t('common.save')}>
        {done && !dirty && <Alert tone="success">{t('profile.saved')}</Alert>}
      </FormFooter>
    </form>
  );
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

function StorageCard({ storage }: { storage: RecordingStorage }) {
  const t = useT();
  const { locale } = useLocale();
  const format = useDateFormat(useUser().timeZone);
  const power = storage.bytes > 0 ? Math.min(Math.floor(Math.log(storage.bytes) / Math.log(1024)), UNITS.length - 1) : 0;
  const size = new Intl.NumberFormat(locale, { style: 'unit', unit: UNITS[power], maximumFractionDigits: 1 }).format(storage.bytes / 1024 ** power);
  return (
    <section className="card narrow" aria-labelledby="recording-storage-title" data-testid="recording-storage">
      <h2 id="recording-storage-title">{t('settings.storage')}</h2>
      <dl className="facts">
        <dt>{t('settings.storage.size')}</dt>
        <dd>{size}</dd>
        <dt>{t('settings.storage.files')}</dt>
        <dd>{storage.files}</dd>
        <dt>{t('settings.storage.oldest')}</dt>
        <dd>{storage.oldestAt ? format.date(storage.oldestAt) : t('settings.storage.none')}</dd>
      </dl>
    </section>
  );
}
