import { useState, type ReactNode } from 'react';
import { useT } from '../i18n';
import { useLocalMedia, useRoomClient, useRoomState } from './context';
import { RecordingNotice, useRecordingPolicy } from './RecordingNotice';

function Notice({ tone, testId, children }: { tone: 'info' | 'warn' | 'error'; testId?: string; children: ReactNode }) {
  return (
    <div className={`room-notice room-notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}

/** What the room has to tell the person, above the stage: connection, the teacher's requests, failures. */
export function RoomNotices() {
  const t = useT();
  const client = useRoomClient();
  const { room, reconnecting, mutedByTeacher, unmuteRequested, actionError } = useRoomState();
  const { failure } = useLocalMedia();
  const recording = useRecordingPolicy();
  const [recordingNoticeSeen, setRecordingNoticeSeen] = useState(false);
  const deviceFailures = [
    ...(['microphone', 'camera'] as const).flatMap((kind) => {
      const reason = failure[kind];
      return reason ? [{ kind, label: t(`room.${kind}`), reason }] : [];
    }),
    // Cancelling the screen picker counts as a denial, and is no error.
    ...(failure.screen && failure.screen !== 'denied'
      ? [{ kind: 'screen', label: t('room.control.screen'), reason: failure.screen }]
      : []),
  ];

  return (
    <div className="room-notices">
      {recording && (room?.recording || recording.automatic) && !recordingNoticeSeen && (
        <Notice tone="info">
          <RecordingNotice recorded={recording.recorded} />
          <button type="button" className="btn btn-link" onClick={() => setRecordingNoticeSeen(true)}>
            {t('common.close')}
          </button>
        </Notice>
      )}
      {reconnecting && (
        <Notice tone="warn" testId="reconnecting-banner">
          <span className="spinner" aria-hidden="true" />
          {t('room.reconnecting')}
        </Notice>
      )}
      {unmuteRequested && (
        <Notice tone="info" testId="unmute-request">
          <span>{t('room.notice.unmuteRequested')}</span>
          <button
            type="button"
            className="btn btn-small btn-primary"
            data-testid="unmute-accept"
            onClick={() => void client.setDevice('microphone', true)}
          >
            {t('room.notice.unmute')}
          </button>
          <button type="button" className="btn btn-small btn-secondary" onClick={() => client.dismissNotices()}>
            {t('room.notice.notNow')}
          </button>
        </Notice>
      )}
      {mutedByTeacher && (
        <Notice tone="info" testId="muted-notice">
          <span>{t('room.notice.muted')}</span>
          <button type="button" className="btn btn-link" onClick={() => client.dismissNotices()}>
            {t('common.close')}
          </button>
        </Notice>
      )}
      {deviceFailures.map(({ kind, label, reason }) => (
        <Notice key={kind} tone="error">
          <span>
            {label}: {t(`room.media.${reason}`)}
          </span>
        </Notice>
      ))}
      {actionError && (
        <Notice tone="error" testId="room-error">
          <span>{t(`error.${actionError}`)}</span>
          <button type="button" className="btn btn-link" onClick={() => client.dismissError()}>
            {t('common.close')}
          </button>
        </Notice>
      )}
    </div>
  );
}
