import { useState, type SubmitEvent } from 'react';
import { PasswordResetBody, PasswordResetRequestBody } from '@panda/shared';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/endpoints';
import { Alert } from '../components/Alert';
import { DevOutboxHint } from '../components/DevOutboxHint';
import { TextField } from '../components/fields';
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
    <TextField
      label={t('field.email')}
      type="email"
      autoComplete="email"
      required
      value={email}
      onChange={(event) => setEmail(event.target.value)}
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
          {request.formError && <Alert tone="error">{request.formError}</Alert>}
          <button type="submit" className="btn btn-primary btn-block" disabled={request.pending} data-testid="reset-request">
            {t('reset.requestSubmit')}
          </button>
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
        <TextField
          label={t('field.code')}
          className="code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          value={code}
          onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, 6))}
          error={reset.fieldErrors.code}
          data-testid="reset-code"
        />
        <TextField
          label={t('field.newPassword')}
          type="password"
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
          hint={t('field.passwordHint')}
          error={reset.fieldErrors.newPassword}
          data-testid="reset-password"
        />
        {(reset.formError ?? request.formError) && <Alert tone="error">{reset.formError ?? request.formError}</Alert>}
        <button type="submit" className="btn btn-primary btn-block" disabled={reset.pending} data-testid="reset-submit">
          {t('reset.submit')}
        </button>
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
