import { useState } from 'react';
import {
  NotificationChannel,
  type NotificationKind,
  type NotificationSettings,
  type TelegramLinkCode,
} from '@panda/shared';
import { asApiError, type ApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { useUser } from '../../auth/session';
import { Alert, LoadError } from '../../components/Alert';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';
import './notifications.css';

/**
 * The profile's notification settings: a checkbox per kind (those of the person's role, as the
 * API lists them) and channel, each saved as it is ticked, and linking the school's Telegram bot.
 */
export function NotificationSettingsSection() {
  const t = useT();
  const format = useDateFormat(useUser().timeZone);
  const loaded = useQuery((signal) => api.notificationSettings(signal), []);
  // The server's answer to the last change, newer than what was loaded.
  const [changed, setChanged] = useState<NotificationSettings>();
  const [code, setCode] = useState<TelegramLinkCode>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);
  const settings = changed ?? loaded.data;

  async function act(action: () => Promise<void>) {
    setPending(true);
    setError(undefined);
    setSaved(false);
    try {
      await action();
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setPending(false);
    }
  }

  if (!settings) return loaded.error ? <LoadError error={loaded.error} onRetry={loaded.reload} /> : null;

  const { telegram } = settings;
  // Without a bot the Telegram column would offer what can never arrive.
  const channels = NotificationChannel.options.filter((channel) => channel !== 'telegram' || telegram.available);

  const toggle = (kind: NotificationKind, chosen: NotificationChannel[], channel: NotificationChannel, on: boolean) => {
    const next = on ? [...chosen, channel] : chosen.filter((c) => c !== channel);
    const before = settings;
    // Ticked at once, like any checkbox; put back if the server refuses.
    setChanged({ ...before, preferences: before.preferences.map((p) => (p.kind === kind ? { kind, channels: next } : p)) });
    return act(async () => {
      try {
        setChanged(await api.saveNotificationSettings({ preferences: [{ kind, channels: next }] }));
        setSaved(true);
      } catch (failure) {
        setChanged(before);
        throw failure;
      }
    });
  };

  // After the person sent the code to the bot: the link is made on the server, when Telegram delivers it.
  const checkLink = () =>
    act(async () => {
      const answer = await api.notificationSettings();
      setChanged(answer);
      if (answer.telegram.linked) setCode(undefined);
    });

  const unlink = () =>
    act(async () => {
      await api.unlinkTelegram();
      setChanged({ ...settings, telegram: { ...telegram, linked: false } });
    });

  const newCode = () => act(async () => setCode(await api.newTelegramLinkCode()));

  return (
    <section className="card notification-settings" aria-labelledby="notification-settings-title" data-testid="notification-settings">
      <h2 id="notification-settings-title">{t('notifications.settings')}</h2>
      <p className="muted">{t('notifications.settingsHint')}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('notifications.kind')}</th>
              {channels.map((channel) => (
                <th key={channel} scope="col">
                  {t(`notifications.channel.${channel}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {settings.preferences.map(({ kind, channels: chosen }) => (
              <tr key={kind}>
                <th scope="row">{t(`notifications.kind.${kind}`)}</th>
                {channels.map((channel) => (
                  <td key={channel}>
                    <input
                      type="checkbox"
                      aria-label={t('notifications.choice', {
                        kind: t(`notifications.kind.${kind}`),
                        channel: t(`notifications.channel.${channel}`),
                      })}
                      checked={chosen.includes(channel)}
                      disabled={pending}
                      onChange={(event) => void toggle(kind, chosen, channel, event.target.checked)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && <Alert tone="error">{t(`error.${error.code}`)}</Alert>}
      {saved && <Alert tone="success">{t('notifications.saved')}</Alert>}

      {telegram.available && (
        <div className="telegram" data-testid="telegram">
          <h3>{t('telegram.title')}</h3>
          <p data-testid="telegram-status">{t(telegram.linked ? 'telegram.linked' : 'telegram.unlinked')}</p>
          {!telegram.linked && <p className="muted">{t('notifications.telegramFirst')}</p>}
          {!telegram.linked && code && (
            <div className="telegram-code">
              <p>{t('telegram.send', { time: format.dateTime(code.expiresAt) })}</p>
              <code data-testid="telegram-command">{code.command}</code>
              {code.url && (
                <a href={code.url} target="_blank" rel="noreferrer">
                  {t('telegram.open')}
                </a>
              )}
            </div>
          )}
          <div className="form-actions">
            {telegram.linked ? (
              <button type="button" className="btn btn-secondary" disabled={pending} onClick={() => void unlink()}>
                {t('telegram.unlink')}
              </button>
            ) : (
              <>
                <button type="button" className="btn btn-secondary" disabled={pending} onClick={() => void newCode()}>
                  {t(code ? 'telegram.newCode' : 'telegram.link')}
                </button>
                {code && (
                  <button type="button" className="btn btn-primary" disabled={pending} onClick={() => void checkLink()}>
                    {t('telegram.check')}
                  </button>
                )}
              </>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
