import { useState } from 'react';
import type { ActiveSession } from '@panda/shared';
import { asApiError, type ApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { useUser } from '../../auth/session';
import { Alert, LoadError } from '../../components/Alert';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useQuery } from '../../hooks/useQuery';
import { type Translate, useT } from '../../i18n';
import { describeUserAgent } from '../../lib/userAgent';
import './sessions.css';

function deviceName(t: Translate, session: ActiveSession): string {
  if (!session.userAgent) return t('sessions.unknownDevice');
  const { browser, system } = describeUserAgent(session.userAgent);
  if (browser && system) return t('sessions.deviceOn', { browser, system });
  return browser ?? system ?? session.userAgent;
}

/** The profile's list of signed-in browsers and devices, each of which can be signed out. */
export function SessionsSection() {
  const t = useT();
  const format = useDateFormat(useUser().timeZone);
  const sessions = useQuery((signal) => api.mySessions(signal), []);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [othersEnded, setOthersEnded] = useState(false);

  async function act(action: () => Promise<void>, done?: () => void) {
    setPending(true);
    setError(undefined);
    setOthersEnded(false);
    try {
      await action();
      done?.();
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setPending(false);
      sessions.reload();
    }
  }

  const items = sessions.data?.items;
  if (!items) return sessions.error ? <LoadError error={sessions.error} onRetry={sessions.reload} /> : null;
  const hasOthers = items.some((session) => !session.current);

  return (
    <section className="card sessions" aria-labelledby="sessions-title" data-testid="sessions">
      <h2 id="sessions-title">{t('sessions.title')}</h2>
      <p className="muted">{t('sessions.hint')}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('sessions.device')}</th>
              <th scope="col">{t('sessions.signedIn')}</th>
              <th scope="col">{t('sessions.lastUsed')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('sessions.signOut')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((session) => {
              const device = deviceName(t, session);
              return (
                <tr key={session.id} data-testid="session">
                  <th scope="row" title={session.userAgent ?? undefined}>
                    {device}
                    {session.ipAddress && <span className="muted session-address">{t('sessions.address', { address: session.ipAddress })}</span>}
                  </th>
                  <td>{format.dateTime(session.createdAt)}</td>
                  <td>{format.dateTime(session.lastUsedAt)}</td>
                  <td>
                    {session.current ? (
                      <span className="badge badge-active">{t('sessions.current')}</span>
                    ) : (
                      <button
                        type="button"
                        className="btn btn-secondary btn-small"
                        aria-label={t('sessions.signOutLabel', { device, time: format.dateTime(session.lastUsedAt) })}
                        disabled={pending}
                        onClick={() => void act(() => api.endSession(session.id))}
                      >
                        {t('sessions.signOut')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {error && <Alert tone="error">{t(`error.${error.code}`)}</Alert>}
      {othersEnded && <Alert tone="success">{t('sessions.othersEnded')}</Alert>}
      {hasOthers && (
        <div className="form-actions">
          <button
            type="button"
            className="btn btn-secondary"
            disabled={pending}
            onClick={() => void act(() => api.endOtherSessions(), () => setOthersEnded(true))}
          >
            {t('sessions.signOutOthers')}
          </button>
        </div>
      )}
    </section>
  );
}
