import { type Lesson, MINUTE_MS } from '@panda/shared';
import { useEffect } from 'react';
import { Link } from 'react-router';
import type { ClientErrorCode } from '../api/client';
import { useUser } from '../auth/session';
import { Alert } from '../components/Alert';
import { useDateFormat } from '../hooks/useDateFormat';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useMeta } from '../hooks/useMeta';
import { useT } from '../i18n';
import { useLocalMedia, useRoomClient, useRoomState } from './context';
import { DeviceSelect } from './DeviceSelect';
import { Icon } from './icons';
import type { DeviceKind } from './LocalMedia';
import { VideoView } from './MediaElements';
import { RecordingNotice, useRecordingPolicy } from './RecordingNotice';
import { RoomFrame } from './RoomFrame';
import { useAudioLevel } from './useAudioLevel';

/**
 * How long before the start the room opens: the server's default. The refusal only carries the
 * time in its message, and messages are not for parsing.
 */

/** The camera preview, a microphone meter and device choice, then "Join". */
export function PreJoin({ lesson }: { lesson: Lesson | undefined }) {
  const t = useT();
  const client = useRoomClient();
  const local = useLocalMedia();
  const { phase } = useRoomState();
  const recording = useRecordingPolicy();
  const title = lesson ? (lesson.title ?? t(`kind.${lesson.kind}`)) : t('room.title');
  useDocumentTitle(title);

  // Open what the person has on, for the preview; the room then sends these very tracks.
  useEffect(() => {
    client.prepare();
    for (const kind of ['microphone', 'camera'] as const) {
      if (client.local.getState().on[kind]) void client.local.preview(kind, true);
    }
  }, [client]);

  return (
    <RoomFrame>
      <section className="prejoin card" data-testid="prejoin">
        <div className="prejoin-preview">
          <div className="tile prejoin-video">
            {local.camera && local.on.camera ? (
              <VideoView track={local.camera} testId="prejoin-video" mirrored />
            ) : (
              <div className="tile-cover">
                <Icon name="cameraOff" />
                <span>{t('room.cameraOff')}</span>
              </div>
            )}
          </div>
          <div className="prejoin-toggles">
            <PreviewToggle kind="microphone" />
            <PreviewToggle kind="camera" />
            <LevelMeter track={local.on.microphone ? local.microphone : null} />
          </div>
        </div>
        <div className="prejoin-side">
          <h1>{title}</h1>
          {lesson && <LessonTime lesson={lesson} />}
          <p className="muted">{t('room.prejoin.lead')}</p>
          {/* Before joining, the room's own state is unknown: an automatic recording is what can be told. */}
          {recording?.automatic && (
            <Alert tone="info">
              <RecordingNotice recorded={recording.recorded} />
            </Alert>
          )}
          <DeviceSelect kind="microphone" onChange={(id) => void client.switchDevice('microphone', id)} />
          <DeviceSelect kind="camera" onChange={(id) => void client.switchDevice('camera', id)} />
          {(['microphone', 'camera'] as const).map((kind) => {
            const failure = local.failure[kind];
            return (
              failure && (
                <Alert key={kind} tone="error">
                  {t(`room.${kind}`)}: {t(`room.media.${failure}`)}
                </Alert>
              )
            );
          })}
          {phase.name === 'failed' && (
            <Alert tone="error">
              <span data-testid="join-error" data-code={phase.code}>
                <JoinError code={phase.code} lesson={lesson} />
              </span>
            </Alert>
          )}
          <button
            type="button"
            className="btn btn-primary btn-block"
            data-testid="prejoin-join"
            disabled={phase.name === 'joining'}
            onClick={() => void client.join()}
          >
            {phase.name === 'joining' ? t('room.joining') : t('room.join')}
          </button>
          <Link to="/dashboard">{t('room.back')}</Link>
        </div>
      </section>
    </RoomFrame>
  );
}

function LessonTime({ lesson }: { lesson: Lesson }) {
  const user = useUser();
  const format = useDateFormat(user.timeZone);
  return (
    <p className="prejoin-time">
      <time dateTime={lesson.startsAt}>{format.range(lesson.startsAt, lesson.endsAt)}</time>
    </p>
  );
}

function JoinError({ code, lesson }: { code: ClientErrorCode; lesson: Lesson | undefined }) {
  const t = useT();
  const user = useUser();
  const format = useDateFormat(user.timeZone);
  const meta = useMeta();
  if (code === 'room_not_open' && lesson && meta) {
    const opensAt = new Date(new Date(lesson.startsAt).getTime() - meta.roomOpensBeforeMinutes * MINUTE_MS).toISOString();
    return <>{t('room.opensAt', { time: format.dateTime(opensAt) })}</>;
  }
  return <>{t(`error.${code}`)}</>;
}

function PreviewToggle({ kind }: { kind: DeviceKind }) {
  const t = useT();
  const client = useRoomClient();
  const local = useLocalMedia();
  const on = local.on[kind];
  const icon = kind === 'microphone' ? (on ? 'mic' : 'micOff') : on ? 'camera' : 'cameraOff';
  return (
    <button
      type="button"
      className="control"
      data-testid={`prejoin-toggle-${kind === 'microphone' ? 'mic' : 'camera'}`}
      aria-pressed={on}
      onClick={() => void client.local.preview(kind, !on)}
    >
      <Icon name={icon} />
      <span className="control-label">{t(`room.${kind}`)}</span>
    </button>
  );
}

function LevelMeter({ track }: { track: MediaStreamTrack | null }) {
  const t = useT();
  const level = useAudioLevel(track);
  const percent = Math.round(level * 100);
  return (
    <div
      className="level-meter"
      role="meter"
      aria-label={t('room.micLevel')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid="mic-level"
    >
      <span style={{ width: `${percent}%` }} />
    </div>
  );
}
