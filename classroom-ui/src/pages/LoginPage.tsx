import { useState, type SubmitEvent } from 'react';
import { LoginBody } from '@panda/shared';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import { useSession } from '../auth/session';
import { Alert } from '../components/Alert';
import { EmailField, PasswordField } from '../components/accountFields';
import { FormFooter } from '../components/FormFooter';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useSubmit } from '../hooks/useSubmit';
import { useT } from '../i18n';
import { confirmPath, passwordResetPath, type AuthState } from '../navigation';

export function LoginPage() {
  const t = useT();
  useDocumentTitle(t('login.title'));
  const navigate = useNavigate();
  const { signIn } = useSession();
  const state = useLocation().state as AuthState | null;
  const [email, setEmail] = useState(state?.email ?? '');
  const [password, setPassword] = useState('');
  const { fieldErrors, formError, pending, submit } = useSubmit();

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(LoginBody, { email, password }, async (body) => {
      try {
        // Signed in, the guest-only route moves on to the app by itself.
        signIn(await api.login(body));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'email_not_confirmed') {
          await navigate(confirmPath(body.email));
          return;
        }
        throw error;
      }
    });
  }

  return (
    <>
      <h1>{t('login.title')}</h1>
      {state?.passwordChanged && <Alert tone="success">{t('login.passwordChanged')}</Alert>}
      <form className="form" noValidate onSubmit={onSubmit}>
        <EmailField value={email} onChange={setEmail} error={fieldErrors.email} data-testid="login-email" />
        <PasswordField
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={fieldErrors.password}
          data-testid="login-password"
        />
        <FormFooter
          layout="block"
          error={formError}
          pending={pending}
          submitLabel={t('login.submit')}
          submitTestId="login-submit"
        />
      </form>
      <div className="auth-links">
        <Link to={passwordResetPath(email.trim())}>{t('login.forgot')}</Link>
        <p>
          {t('login.noAccount')} <Link to="/signup">{t('login.signUp')}</Link>
        </p>
        <Link to="/free-lesson">{t('login.freeLesson')}</Link>
      </div>
    </>
  );
}
