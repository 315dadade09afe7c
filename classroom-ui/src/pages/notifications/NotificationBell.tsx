import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../components/Alert';
import { useT } from '../../i18n';
import { NotificationItem } from './NotificationItem';
import { useNotifications } from './NotificationsProvider';
import { notificationsPath } from './paths';
import './notifications.css';

/** The top bar's bell: the unread count, and a panel with the latest notifications. */
export function NotificationBell() {
  const t = useT();
  const { latest, unread, markAllRead, error } = useNotifications();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = () => setOpen(false);

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      // Focus would otherwise fall to the page's start, far from where the person was.
      buttonRef.current?.focus();
    };
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, [open]);

  return (
    <div className="bell" ref={rootRef}>
      <button
        type="button"
        ref={buttonRef}
        className="btn btn-icon bell-button"
        aria-label={t('notifications.bell', { count: unread })}
        aria-expanded={open}
        aria-controls="bell-panel"
        data-testid="notification-bell"
        onClick={() => setOpen((current) => !current)}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path
            d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4l2-2zM10 20a2 2 0 0 0 4 0"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinejoin="round"
          />
        </svg>
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true" data-testid="notification-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <section className="bell-panel" id="bell-panel" aria-label={t('notifications.title')}>
          <header className="bell-header">
            <h2>{t('notifications.title')}</h2>
            {unread > 0 && (
              <button type="button" className="btn btn-link btn-small" onClick={() => void markAllRead()}>
                {t('notifications.markAllRead')}
              </button>
            )}
          </header>
          {error && <Alert tone="error">{t(`error.${error.code}`)}</Alert>}
          {latest?.length === 0 && <p className="muted">{t('notifications.empty')}</p>}
          <ul className="notification-list">
            {latest?.map((notification) => (
              <NotificationItem key={notification.id} notification={notification} onFollow={close} />
            ))}
          </ul>
          <Link className="bell-all" to={notificationsPath} onClick={close}>
            {t('notifications.all')}
          </Link>
        </section>
      )}
    </div>
  );
}
