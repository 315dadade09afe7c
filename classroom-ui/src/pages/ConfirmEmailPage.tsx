import { useState, type SubmitEvent } from 'react';
import { ChangeUnconfirmedEmailBody, ConfirmEmailBody, ResendCodeBody, type SignUpResult } from '@panda/shared';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import { useSession } from '../auth/session';
import { Alert } from '../components/Alert';
import { DevOutboxHint } from '../components/DevOutboxHint';
import { CodeField, EmailField, PasswordField } from '../components/accountFields';
import { FormFooter } from '../components/FormFooter';
import { useCountdown } from '../hooks/useCountdown';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useSubmit } from '../hooks/useSubmit';
import { useT } from '../i18n';
import { confirmPath, type AuthState } from '../navigation';

/** The address comes from the URL, so the page survives a reload. */
export function ConfirmEmailPage() {
  const [params] = useSearchParams();
  const email = params.get('email');
  if (!email) return <Navigate to="/signup" replace />;
  // A new address starts over: fresh code field, cooldown and notices.
  return <ConfirmEmail key={email} email={email} />;
}

function ConfirmEmail({ email }: { email: string }) {
  const t = useT();
  useDocumentTitle(t('confirm.title'));
  const navigate = useNavigate();
  const state = useLocation().state as AuthState | null;
  const { signIn } = useSession();
  const [code, setCode] = useState('');
  const [resent, setResent] = useState(false);
  const [changingEmail, setChangingEmail] = useState(false);
  const cooldown = useCountdown(state?.resendAfterSeconds ?? 0);
  const confirm = useSubmit();
  const resend = useSubmit();

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    // Signed in, the guest-only route moves on to the app by itself.
    void confirm.submit(ConfirmEmailBody, { email, code }, async (body) => signIn(await api.confirmEmail(body)));
  }

  function onResend() {
    setResent(false);
    void resend.submit(ResendCodeBody, { email }, async (body) => {
      try {
        cooldown.start((await api.resendCode(body)).resendAfterSeconds);
        setResent(true);
      } catch (error) {
        // Asked too early: the countdown on the button says when it's possible.
        if (error instanceof ApiError && error.code === 'resend_cooldown' && error.retryAfterSeconds) {
          cooldown.start(error.retryAfterSeconds);
          return;
        }
        throw error;
      }
    });
  }

  async function onEmailChanged(result: SignUpResult) {
    const next: AuthState = { resendAfterSeconds: result.resendAfterSeconds, emailChanged: true };
    await navigate(confirmPath(result.email), { replace: true, state: next });
  }

  return (
    <>
      <h1>{t('confirm.title')}</h1>
      <p className="muted">{t('confirm.lead', { email })}</p>
      {state?.emailChanged && <Alert tone="success">{t('confirm.emailChanged', { email })}</Alert>}
      <DevOutboxHint />

      <form className="form" noValidate onSubmit={onSubmit}>
        <CodeField value={code} onChange={setCode} error={confirm.fieldErrors.code} data-testid="confirm-code" />
        <FormFooter
          layout="block"
          error={confirm.formError}
          pending={confirm.pending}
          submitLabel={t('confirm.submit')}
          submitTestId="confirm-submit"
        />
      </form>

      <div className="resend">
        <button
          type="button"
          className="btn btn-secondary"
          disabled={cooldown.remaining > 0 || resend.pending}
          onClick={onResend}
          data-testid="confirm-resend"
        >
          {cooldown.remaining > 0 ? t('confirm.resendIn', { seconds: cooldown.remaining }) : t('confirm.resend')}
        </button>
        {resent && <Alert tone="success">{t('confirm.resent')}</Alert>}
        {resend.formError && <Alert tone="error">{resend.formError}</Alert>}
      </div>

      <div className="auth-links">
        {changingEmail ? (
          <ChangeEmailForm email={email} onChanged={onEmailChanged} onCancel={() => setChangingEmail(false)} />
        ) : (
          <button type="button" className="btn btn-link" onClick={() => setChangingEmail(true)}>
            {t('confirm.mistyped')}
          </button>
        )}
        <p>
          <Link to="/login">{t('confirm.backToLogin')}</Link>
        </p>
      </div>
    </>
  );
}

interface ChangeEmailFormProps {
  email: string;
  onChanged: (result: SignUpResult) => Promise<void>;
  onCancel: () => void;
}

/** The password proves it's the same person who signed up with the mistyped address. */
function ChangeEmailForm({ email, onChanged, onCancel }: ChangeEmailFormProps) {
  const t = useT();
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');
  const { fieldErrors, formError, pending, submit } = useSubmit();

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(ChangeUnconfirmedEmailBody, { email, password, newEmail }, async (body) =>
      onChanged(await api.changeEmail(body)),
    );
  }

  return (
    <form className="form subform" noValidate onSubmit={onSubmit}>
      <h2>{t('confirm.changeTitle')}</h2>
      <EmailField label={t('confirm.newEmail')} value={newEmail} onChange={setNewEmail} error={fieldErrors.newEmail} />
      <PasswordField
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        hint={t('confirm.passwordHint')}
        error={fieldErrors.password}
      />
      <FormFooter
        layout="actions"
        error={formError}
        pending={pending}
        submitLabel={t('confirm.changeSubmit')}
        onCancel={onCancel}
      />
    </form>
  );
}
