import { useState, type SubmitEvent } from 'react';
import { Locale, SignUpBody, type Agreement } from '@panda/shared';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import { Alert, LoadError } from '../components/Alert';
import { Checkbox, SelectField, TextField } from '../components/fields';
import { Modal } from '../components/Modal';
import { TimeZoneSelect } from '../components/TimeZoneSelect';
import { useDateFormat } from '../hooks/useDateFormat';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useQuery } from '../hooks/useQuery';
import { useSubmit } from '../hooks/useSubmit';
import { localeNames, useLocale, useT } from '../i18n';
import { browserTimeZone } from '../lib/timeZones';
import { confirmPath, type AuthState } from '../navigation';

export function SignUpPage() {
  const t = useT();
  useDocumentTitle(t('signup.title'));
  const navigate = useNavigate();
  // The interface language field drives the page itself, so the agreement is read in the language chosen.
  const { locale, setLocale } = useLocale();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [accepted, setAccepted] = useState(false);
  const [readingAgreement, setReadingAgreement] = useState(false);
  const agreement = useQuery((signal) => api.agreement(locale, signal), [locale]);
  const { fieldErrors, formError, pending, submit } = useSubmit();

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const acceptError = !agreement.data
      ? t('signup.agreementMissing')
      : accepted
        ? undefined
        : t('signup.acceptRequired');
    const input = { email, password, name, timeZone, locale, agreementVersion: agreement.data?.version };
    void submit(
      SignUpBody,
      input,
      async (body) => {
        try {
          const result = await api.signUp(body);
          const state: AuthState = { resendAfterSeconds: result.resendAfterSeconds };
          await navigate(confirmPath(result.email), { state });
        } catch (error) {
          // A newer agreement was published meanwhile: it must be read and accepted again.
          if (error instanceof ApiError && error.code === 'agreement_outdated') {
            setAccepted(false);
            agreement.reload();
          }
          throw error;
        }
      },
      acceptError ? { accept: acceptError } : {},
    );
  }

  return (
    <>
      <h1>{t('signup.title')}</h1>
      <p className="muted">{t('signup.lead')}</p>
      <form className="form" noValidate onSubmit={onSubmit}>
        <TextField
          label={t('field.email')}
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldErrors.email}
          data-testid="signup-email"
        />
        <TextField
          label={t('field.password')}
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          hint={t('field.passwordHint')}
          error={fieldErrors.password}
          data-testid="signup-password"
        />
        <TextField
          label={t('field.name')}
          autoComplete="name"
          required
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={fieldErrors.name}
          data-testid="signup-name"
        />
        <TimeZoneSelect
          label={t('field.timeZone')}
          value={timeZone}
          onChange={(event) => setTimeZone(event.target.value)}
          hint={t('field.timeZoneHint')}
          error={fieldErrors.timeZone}
          data-testid="signup-timezone"
        />
        <SelectField
          label={t('field.locale')}
          value={locale}
          onChange={(event) => setLocale(Locale.parse(event.target.value))}
          error={fieldErrors.locale}
          data-testid="signup-locale"
        >
          {Locale.options.map((option) => (
            <option key={option} value={option} lang={option}>
              {localeNames[option]}
            </option>
          ))}
        </SelectField>

        <div className="agreement">
          <Checkbox
            label={t('signup.accept')}
            checked={accepted}
            disabled={!agreement.data}
            onChange={(event) => setAccepted(event.target.checked)}
            error={fieldErrors.accept}
            data-testid="signup-accept"
          />
          <button
            type="button"
            className="btn btn-link"
            disabled={!agreement.data}
            onClick={() => setReadingAgreement(true)}
          >
            {t('signup.readAgreement')}
          </button>
        </div>
        {agreement.error && <LoadError error={agreement.error} onRetry={agreement.reload} />}

        {formError && <Alert tone="error">{formError}</Alert>}
        <button type="submit" className="btn btn-primary btn-block" disabled={pending} data-testid="signup-submit">
          {t('signup.submit')}
        </button>
      </form>
      <div className="auth-links">
        <p>
          {t('signup.haveAccount')} <Link to="/login">{t('signup.signIn')}</Link>
        </p>
      </div>

      {readingAgreement && agreement.data && (
        <AgreementDialog
          agreement={agreement.data}
          onAccept={() => {
            setAccepted(true);
            setReadingAgreement(false);
          }}
          onClose={() => setReadingAgreement(false)}
        />
      )}
    </>
  );
}

interface AgreementDialogProps {
  agreement: Agreement;
  onAccept: () => void;
  onClose: () => void;
}

function AgreementDialog({ agreement, onAccept, onClose }: AgreementDialogProps) {
  const t = useT();
  const format = useDateFormat();
  return (
    <Modal title={t('signup.agreementTitle')} onClose={onClose}>
      <p className="muted">
        {t('signup.agreementVersion', { version: agreement.version, date: format.date(agreement.publishedAt) })}
      </p>
      <div className="agreement-text" tabIndex={0}>
        {agreement.text}
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          {t('common.close')}
        </button>
        <button type="button" className="btn btn-primary" onClick={onAccept}>
          {t('signup.acceptAndClose')}
        </button>
      </div>
    </Modal>
  );
}
