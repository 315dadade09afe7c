import type { ReactNode } from 'react';
import type { Role } from '@panda/shared';
import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadingScreen } from '../components/LoadingScreen';
import { Page } from '../components/Page';
import { useT } from '../i18n';
import type { AuthState } from '../navigation';
import { useSession, useUser } from './session';

export function RequireSession() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <LoadingScreen />;
  if (state.status === 'anonymous') {
    const next: AuthState | undefined = state.signedOut ? undefined : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={next} />;
  }
  return <Outlet />;
}

/** Login, sign-up and confirmation: once signed in, the person goes where they were heading. */
export function GuestOnly() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <LoadingScreen />;
  if (state.status === 'authenticated') {
    return <Navigate to={(location.state as AuthState | null)?.from ?? '/dashboard'} replace />;
  }
  return <Outlet />;
}

export function RoleGate({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const t = useT();
  const user = useUser();
  if (roles.includes(user.role)) return children;
  return (
    <Page title={t('forbidden.title')}>
      <p className="muted">{t('forbidden.text')}</p>
    </Page>
  );
}
