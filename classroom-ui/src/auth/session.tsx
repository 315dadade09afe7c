import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Session, User } from '@panda/shared';
import { onSessionLost, refreshSession, setAccessToken } from '../api/client';
import { api } from '../api/endpoints';
import { useLocale } from '../i18n';

export type SessionState =
  | { status: 'loading' }
  /** `signedOut`: the person chose to leave, so login shouldn't send them back where they were. */
  | { status: 'anonymous'; signedOut: boolean }
  | { status: 'authenticated'; user: User };

interface SessionValue {
  state: SessionState;
  signIn: (session: Session) => void;
  updateUser: (user: User) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { setLocale } = useLocale();
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const updateUser = useCallback(
    (user: User) => {
      setState({ status: 'authenticated', user });
      // The interface language is stored per person on the server.
      setLocale(user.locale);
    },
    [setLocale],
  );

  const signIn = useCallback(
    (session: Session) => {
      setAccessToken(session.accessToken);
      updateUser(session.user);
    },
    [updateUser],
  );

  const signOut = useCallback(async () => {
    // Leaving locally is what the person asked for, even if the server can't be reached right now.
    await api.logout().catch(() => undefined);
    setAccessToken(null);
    setState({ status: 'anonymous', signedOut: true });
  }, []);

  // Restore the session from the refresh cookie when the app starts.
  useEffect(() => {
    onSessionLost(() => setState({ status: 'anonymous', signedOut: false }));
    refreshSession().then(
      (session) => updateUser(session.user),
      () => setState({ status: 'anonymous', signedOut: false }),
    );
  }, [updateUser]);

  const value = useMemo(() => ({ state, signIn, updateUser, signOut }), [state, signIn, updateUser, signOut]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in person; only for components under <RequireSession>. */
export function useUser(): User {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useUser must be used on a signed-in route');
  return state.user;
}
