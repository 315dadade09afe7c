import type { ReactNode } from 'react';
import type { Role } from '@panda/shared';
import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadingScreen } from '../components/LoadingScreen';
import { useT } from '../i18n';
import { useSession, useUser } from './session';

/** Where to go after signing in: the page that sent the person to login, if any. */
function destination(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') {
    return state.from;
  }
  return '/dashboard';
}

export function RequireSession() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <LoadingScreen />;
  if (state.status === 'anonymous') {
    const from = state.signedOut ? undefined : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={from} />;
  }
  return <Outlet />;
}

/** Login and sign-up pages: a signed-in person goes on to the app. */
export function GuestOnly() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <LoadingScreen />;
  if (state.status === 'authenticated') return <Navigate to={destination(location.state)} replace />;
  return <Outlet />;
}

export function RoleGate({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const t = useT();
  const user = useUser();
  if (roles.includes(user.role)) return children;
  return (
    <section className="page">
      <h1>{t('forbidden.title')}</h1>
      <p className="muted">{t('forbidden.text')}</p>
    </section>
  );
}
