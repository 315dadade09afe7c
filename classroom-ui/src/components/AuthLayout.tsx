import { Outlet } from 'react-router';
import { Brand } from './Brand';
import { LocaleSwitch } from './LocaleSwitch';

/** The frame of the pages before sign-in: one card in the middle. */
export function AuthLayout() {
  return (
    <div className="auth-layout">
      <header className="auth-header">
        <Brand />
        <LocaleSwitch />
      </header>
      <main className="auth-card">
        <Outlet />
      </main>
    </div>
  );
}
