import { useState, type SubmitEvent } from 'react';
import { LoginBody } from '@panda/shared';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import { useSession } from '../auth/session';
import { Alert } from '../components/Alert';
import { TextField } from '../components/fields';
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
        <TextField
          label={t('field.email')}
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldErrors.email}
          data-testid="login-email"
        />
        <TextField
          label={t('field.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldErrors.password}
          data-testid="login-password"
        />
        {formError && <Alert tone="error">{formError}</Alert>}
        <button type="submit" className="btn btn-primary btn-block" disabled={pending} data-testid="login-submit">
          {t('login.submit')}
        </button>
      </form>
      <div className="auth-links">
        <Link to={passwordResetPath(email.trim())}>{t('login.forgot')}</Link>
        <p>
          {t('login.noAccount')} <Link to="/signup">{t('login.signUp')}</Link>
        </p>
      </div>
    </>
  );
}
