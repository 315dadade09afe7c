import { useState, type SubmitEvent } from 'react';
import { PasswordResetBody, PasswordResetRequestBody } from '@panda/shared';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/endpoints';
import { Alert } from '../components/Alert';
import { DevOutboxHint } from '../components/DevOutboxHint';
import { CodeField, EmailField, PasswordField } from '../components/accountFields';
import { FormFooter } from '../components/FormFooter';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useSubmit } from '../hooks/useSubmit';
import { useT } from '../i18n';
import type { AuthState } from '../navigation';

/**
 * Two steps: ask for a code, then enter it with a new password. Staff created by an admin
 * already have a code in their mail and go straight to the second step.
 */
export function PasswordResetPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [step, setStep] = useState<'request' | 'reset'>('request');
  const [codeSent, setCodeSent] = useState(false);
  const [code, setCode] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const request = useSubmit();
  const reset = useSubmit();
  useDocumentTitle(step === 'request' ? t('reset.requestTitle') : t('reset.title'));

  function requestCode() {
    void request.submit(PasswordResetRequestBody, { email }, async (body) => {
      await api.requestPasswordReset(body);
      setCodeSent(true);
      setStep('reset');
    });
  }

  function onRequest(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    requestCode();
  }

  function onReset(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    void reset.submit(PasswordResetBody, { email, code, newPassword }, async (body) => {
      await api.resetPassword(body);
      const state: AuthState = { passwordChanged: true, email: body.email };
      await navigate('/login', { state });
    });
  }

  const emailField = (
    <EmailField
      value={email}
      onChange={setEmail}
      error={request.fieldErrors.email ?? reset.fieldErrors.email}
      data-testid="reset-email"
    />
  );

  if (step === 'request') {
    return (
      <>
        <h1>{t('reset.requestTitle')}</h1>
        <p className="muted">{t('reset.requestLead')}</p>
        <form className="form" noValidate onSubmit={onRequest}>
          {emailField}
          <FormFooter
            layout="block"
            error={request.formError}
            pending={request.pending}
            submitLabel={t('reset.requestSubmit')}
            submitTestId="reset-request"
          />
        </form>
        <div className="auth-links">
          <button type="button" className="btn btn-link" onClick={() => setStep('reset')}>
            {t('reset.haveCode')}
          </button>
          <p>
            <Link to="/login">{t('reset.backToLogin')}</Link>
          </p>
        </div>
      </>
    );
  }

  return (
    <>
      <h1>{t('reset.title')}</h1>
      <p className="muted">{t('reset.lead')}</p>
      {codeSent && <Alert tone="success">{t('reset.codeSent', { email: email.trim() })}</Alert>}
      <DevOutboxHint />
      <form className="form" noValidate onSubmit={onReset}>
        {emailField}
        <CodeField value={code} onChange={setCode} error={reset.fieldErrors.code} data-testid="reset-code" />
        <PasswordField
          label={t('field.newPassword')}
          autoComplete="new-password"
          value={newPassword}
          onChange={setNewPassword}
          error={reset.fieldErrors.newPassword}
          data-testid="reset-password"
        />
        <FormFooter
          layout="block"
          error={reset.formError ?? request.formError}
          pending={reset.pending}
          submitLabel={t('reset.submit')}
          submitTestId="reset-submit"
        />
      </form>
      <div className="auth-links">
        <button type="button" className="btn btn-link" disabled={request.pending} onClick={requestCode}>
          {t('reset.resend')}
        </button>
        <p>
          <Link to="/login">{t('reset.backToLogin')}</Link>
        </p>
      </div>
    </>
  );
}
