import type { AppNotification } from '@panda/shared';
import { Link } from 'react-router';
import { useUser } from '../../auth/session';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useT } from '../../i18n';
import { useNotifications } from './NotificationsProvider';

/** One notification in the bell or on the page; following its link marks it read. */
export function NotificationItem({ notification, onFollow }: { notification: AppNotification; onFollow?: () => void }) {
  const t = useT();
  const format = useDateFormat(useUser().timeZone);
  const { isRead, markRead } = useNotifications();
  const read = isRead(notification);
  const follow = () => {
    void markRead(notification);
    onFollow?.();
  };
  return (
    <li className="notification" data-unread={!read || undefined} data-testid="notification">
      <div className="notification-text">
        <p className="notification-title">
          {!read && <span className="visually-hidden">{t('notifications.unread')}: </span>}
          {notification.link ? (
            <Link to={notification.link} onClick={follow}>
              {notification.title}
            </Link>
          ) : (
            notification.title
          )}
        </p>
        <p className="notification-body">{notification.body}</p>
        <time className="muted" dateTime={notification.createdAt}>
          {format.dateTime(notification.createdAt)}
        </time>
      </div>
      {!read && (
        <button
          type="button"
          className="btn btn-link btn-small"
          aria-label={t('notifications.markReadLabel', { title: notification.title })}
          onClick={() => void markRead(notification)}
        >
          {t('notifications.markRead')}
        </button>
      )}
    </li>
  );
}
