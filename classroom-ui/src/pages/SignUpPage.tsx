import { useState, type SubmitEvent } from 'react';
import { SignUpBody, type Agreement } from '@panda/shared';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import { LoadError } from '../components/Alert';
import { EmailField, LocaleSelect, NameField, PasswordField } from '../components/accountFields';
import { Checkbox } from '../components/fields';
import { FormFooter } from '../components/FormFooter';
import { Modal } from '../components/Modal';
import { TimeZoneSelect } from '../components/TimeZoneSelect';
import { useDateFormat } from '../hooks/useDateFormat';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useQuery } from '../hooks/useQuery';
import { useSubmit } from '../hooks/useSubmit';
import { useLocale, useT } from '../i18n';
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
        <EmailField value={email} onChange={setEmail} error={fieldErrors.email} data-testid="signup-email" />
        <PasswordField
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          error={fieldErrors.password}
          data-testid="signup-password"
        />
        <NameField value={name} onChange={setName} error={fieldErrors.name} data-testid="signup-name" />
        <TimeZoneSelect
          value={timeZone}
          onChange={setTimeZone}
          hint={t('field.timeZoneHint')}
          error={fieldErrors.timeZone}
          data-testid="signup-timezone"
        />
        <LocaleSelect value={locale} onChange={setLocale} error={fieldErrors.locale} data-testid="signup-locale" />

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

        <FormFooter
          layout="block"
          error={formError}
          pending={pending}
          submitLabel={t('signup.submit')}
          submitTestId="signup-submit"
        />
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
