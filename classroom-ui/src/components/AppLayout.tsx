import { Suspense, useEffect, useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useSession, useUser } from '../auth/session';
import { useMeta } from '../hooks/useMeta';
import { useT } from '../i18n';
import { menus, sections } from '../navigation';
import { NotificationBell } from '../pages/notifications/NotificationBell';
import { NotificationsProvider } from '../pages/notifications/NotificationsProvider';
import { Brand } from './Brand';
import { LoadingScreen } from './LoadingScreen';
import { LocaleSwitch } from './LocaleSwitch';

/** The signed-in frame: side menu (a drawer on narrow screens), top bar and the page. */
export function AppLayout() {
  const t = useT();
  const user = useUser();
  const [menuOpen, setMenuOpen] = useState(false);
  const closeMenu = () => setMenuOpen(false);

  useEffect(() => {
    if (!menuOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMenuOpen(false);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [menuOpen]);

  return (
    <NotificationsProvider userId={user.id}>
      <div className="app" data-menu-open={menuOpen || undefined}>
        <a className="skip-link" href="#main">
          {t('common.skipToContent')}
        </a>
        <SideMenu onNavigate={closeMenu} />
        <button type="button" className="backdrop" tabIndex={-1} aria-hidden="true" onClick={closeMenu} />
        <div className="app-main">
          <TopBar menuOpen={menuOpen} onToggleMenu={() => setMenuOpen((open) => !open)} />
          <main id="main" className="content" tabIndex={-1}>
            {/* Most pages load with their route (App.tsx); moving between them keeps the last one on screen meanwhile. */}
            <Suspense fallback={<LoadingScreen />}>
              <Outlet />
            </Suspense>
          </main>
        </div>
      </div>
    </NotificationsProvider>
  );
}

function SideMenu({ onNavigate }: { onNavigate: () => void }) {
  const t = useT();
  const user = useUser();
  const meta = useMeta();
  return (
    <aside className="sidebar" id="side-menu">
      <div className="sidebar-brand">
        <Brand />
      </div>
      <nav aria-label={t('nav.label')}>
        <ul>
          {menus[user.role].map((id) => (
            <li key={id}>
              <NavLink to={sections[id]} onClick={onNavigate}>
                {t(`nav.${id}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {meta && <p className="sidebar-footer">{t('app.version', { version: meta.version })}</p>}
    </aside>
  );
}

function TopBar({ menuOpen, onToggleMenu }: { menuOpen: boolean; onToggleMenu: () => void }) {
  const t = useT();
  const user = useUser();
  const { signOut } = useSession();
  return (
    <header className="topbar">
      <button
        type="button"
        className="btn btn-icon menu-toggle"
        aria-controls="side-menu"
        aria-expanded={menuOpen}
        aria-label={t('nav.toggle')}
        onClick={onToggleMenu}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path d="M4 6h16M4 12h16M4 18h16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
      <span className="topbar-brand">
        <Brand />
      </span>
      <div className="topbar-user">
        <span className="user-name" data-testid="current-user-name">
          {user.name}
        </span>
        <span className="badge">{t(`role.${user.role}`)}</span>
      </div>
      <NotificationBell />
      <LocaleSwitch />
      <button type="button" className="btn btn-secondary" data-testid="logout" onClick={() => void signOut()}>
        {t('nav.logout')}
      </button>
    </header>
  );
}
