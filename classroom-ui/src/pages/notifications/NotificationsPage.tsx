import { Alert, LoadError } from '../../components/Alert';
import { MoreButton } from '../../components/MoreButton';
import { Page } from '../../components/Page';
import { api } from '../../api/endpoints';
import { useCursorList } from '../../hooks/useCursorList';
import { useT } from '../../i18n';
import { NotificationItem } from './NotificationItem';
import { useNotifications } from './NotificationsProvider';
import './notifications.css';

const PAGE_SIZE = 20;

/** All of the person's notifications, newest first, a page at a time. */
export function NotificationsPage() {
  const t = useT();
  const { latest, unread, markAllRead, error } = useNotifications();
  // A new notification arriving live reloads the first page, so it shows at the top.
  const newestId = latest?.[0]?.id;
  const list = useCursorList(
    (before, signal) =>
      api.notifications({ limit: PAGE_SIZE, before }, signal).then(({ items }) => ({
        items,
        // The API pages by time: the next page is what came before the last one shown.
        nextCursor: items.length === PAGE_SIZE ? (items.at(-1)?.createdAt ?? null) : null,
      })),
    [newestId],
  );

  return (
    <Page
      title={t('notifications.title')}
      testId="notifications-page"
      actions={
        <button type="button" className="btn btn-secondary" disabled={unread === 0} onClick={() => void markAllRead()}>
          {t('notifications.markAllRead')}
        </button>
      }
    >
      {error && <Alert tone="error">{t(`error.${error.code}`)}</Alert>}
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      {list.items?.length === 0 && <p className="empty">{t('notifications.empty')}</p>}
      {list.items && list.items.length > 0 && (
        <ul className="notification-list card" aria-busy={list.loading}>
          {list.items.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} />
          ))}
        </ul>
      )}
      <MoreButton list={list} />
    </Page>
  );
}
