import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AppNotification, NotificationList } from '@panda/shared';
import { asApiError, type ApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { openSocket } from '../../api/socket';

/** How many of the latest notifications the bell shows. */
const BELL_SIZE = 8;

interface NotificationsValue {
  /** The newest few, for the bell; undefined until loaded. */
  latest: AppNotification[] | undefined;
  unread: number;
  /** Read on the server, or marked read here since it was loaded (lists keep what they fetched). */
  isRead: (notification: AppNotification) => boolean;
  markRead: (notification: AppNotification) => Promise<void>;
  markAllRead: () => Promise<void>;
  /** The last mark-as-read that failed. */
  error: ApiError | undefined;
}

const NotificationsContext = createContext<NotificationsValue | null>(null);

/**
 * The signed-in person's notifications: the latest few and the unread count, kept live by a
 * Socket.IO connection (the server puts every connection in its user's channel and sends
 * `notification:new` there), shared by the bell and the notifications page.
 */
export function NotificationsProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const [list, setList] = useState<NotificationList>();
  const [readHere, setReadHere] = useState<ReadonlySet<string>>(new Set());
  // "Mark all read" marks everything up to the newest notification known then.
  const [allReadUpTo, setAllReadUpTo] = useState<string | null>(null);
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    let active = true;
    // The bell is an extra: when it can't load or connect it keeps what it has, and pages report the errors.
    const load = () =>
      void api.notifications({ limit: BELL_SIZE }).then(
        (loaded) => active && setList(loaded),
        () => undefined,
      );
    const socket = openSocket(null, () => undefined);
    socket.on('connect', () => {
      // What was sent before the socket joined the user's channel, or while it was away and the
      // server could not bridge the gap, never comes over it.
      if (!socket.recovered) load();
    });
    socket.on('notification:new', ({ notification, unread }) =>
      setList((current) => ({
        items: [notification, ...(current?.items ?? []).filter((item) => item.id !== notification.id)].slice(0, BELL_SIZE),
        unread,
      })),
    );
    // Also without the socket: the count shows even when the real-time server can't be reached.
    load();
    socket.connect();
    return () => {
      active = false;
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [userId]);

  const isRead = useCallback(
    (notification: AppNotification) =>
      notification.readAt !== null ||
      readHere.has(notification.id) ||
      (allReadUpTo !== null && notification.createdAt <= allReadUpTo),
    [readHere, allReadUpTo],
  );

  const markRead = useCallback(
    async (notification: AppNotification) => {
      if (isRead(notification)) return;
      setError(undefined);
      try {
        const { unread } = await api.markNotificationRead(notification.id);
        setReadHere((current) => new Set(current).add(notification.id));
        setList((current) => current && { ...current, unread });
      } catch (failure) {
        setError(asApiError(failure));
      }
    },
    [isRead],
  );

  const newest = list?.items[0]?.createdAt ?? null;
  const markAllRead = useCallback(async () => {
    setError(undefined);
    try {
      const { unread } = await api.markAllNotificationsRead();
      setAllReadUpTo(newest);
      setList((current) => current && { ...current, unread });
    } catch (failure) {
      setError(asApiError(failure));
    }
  }, [newest]);

  const value = useMemo(
    () => ({ latest: list?.items, unread: list?.unread ?? 0, isRead, markRead, markAllRead, error }),
    [list, isRead, markRead, markAllRead, error],
  );
  return <NotificationsContext value={value}>{children}</NotificationsContext>;
}

export function useNotifications(): NotificationsValue {
  const value = useContext(NotificationsContext);
  if (!value) throw new Error('useNotifications must be used inside <NotificationsProvider>');
  return value;
}
