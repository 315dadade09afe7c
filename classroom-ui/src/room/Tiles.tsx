import type { Participant } from '@panda/shared';
import { useCallback, useState, type ReactNode } from 'react';
import { useT } from '../i18n';
import { useLocalMedia, useRoomState } from './context';
import { Icon } from './icons';
import { VideoView } from './MediaElements';
import type { RemoteMedia } from './roomState';

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase())
    .join('');
}

/** The server reports loudness in dBov (−127 silent … 0 loudest), and nothing below −70. */
function voiceLevel(volume: number | undefined): number {
  return volume === undefined ? 0 : Math.min(1, Math.max(0, (volume + 70) / 50));
}

interface TileProps {
  participant: Participant;
  label: string;
  /** No picture to show: camera off, or none yet. A paused video stays underneath, frozen. */
  covered: boolean;
  micOff: boolean;
  /** Instead of the initials: what is wrong with a camera that is on. */
  notice?: ReactNode;
  /** This person's own picture (kept small beside another's face). */
  self?: boolean;
  children?: ReactNode;
}

function Tile({ participant, label, covered, micOff, notice, self, children }: TileProps) {
  const t = useT();
  const { activeSpeakerId, levels } = useRoomState();
  const level = micOff ? 0 : voiceLevel(levels[participant.id]);
  return (
    <figure
      className="tile"
      data-testid={`tile-${participant.id}`}
      data-self={self || undefined}
      data-speaking={activeSpeakerId === participant.id || undefined}
      data-reconnecting={participant.presence === 'reconnecting' || undefined}
    >
      {children}
      {notice ? (
        <div className="tile-cover">{notice}</div>
      ) : covered && (
        <div className="tile-cover">
          <span className="avatar" aria-hidden="true">
            {initials(participant.name)}
          </span>
          <span className="visually-hidden">{t('room.cameraOff')}</span>
        </div>
      )}
      {participant.presence === 'reconnecting' && <span className="tile-status">{t('room.participantReconnecting')}</span>}
      <figcaption className="tile-caption">
        {micOff && (
          <span className="tile-mic-off" title={t('room.micOff')}>
            <Icon name="micOff" />
            <span className="visually-hidden">{t('room.micOff')}</span>
          </span>
        )}
        {!micOff && (
          <span className="tile-voice" aria-hidden="true">
            <span style={{ height: `${Math.round(level * 100)}%` }} />
          </span>
        )}
        <span className="tile-name">{label}</span>
        {participant.handRaised && (
          <span className="tile-hand" title={t('room.handRaised')} data-testid={`hand-${participant.id}`}>
            <Icon name="hand" />
            <span className="visually-hidden">{t('room.handRaised')}</span>
          </span>
        )}
      </figcaption>
    </figure>
  );
}

/** This person, from the local camera: mirrored, as people expect to see themselves. */
export function SelfTile({ self }: { self: Participant }) {
  const t = useT();
  const local = useLocalMedia();
  return (
    <Tile
      participant={self}
      label={t('room.youSuffix', { name: self.name })}
      covered={!local.camera || !local.on.camera}
      micOff={!local.on.microphone}
      self
    >
      {local.camera && <VideoView track={local.camera} testId="self-video" mirrored />}
    </Tile>
  );
}

export function ParticipantTile({ participant, camera }: { participant: Participant; camera: RemoteMedia | undefined }) {
  const t = useT();
  const { reception } = useRoomState();
  const cameraOn = participant.media.camera === 'on';
  // A camera that is on but shows nothing says so, rather than looking as if it were off.
  const trouble = cameraOn ? reception[participant.id] : undefined;
  // The first picture shows at once; the reception catches up within a second.
  const [pictureOf, setPictureOf] = useState<MediaStreamTrack | null>(null);
  const track = camera?.track ?? null;
  const onPicture = useCallback(() => setPictureOf(track), [track]);
  const waiting = trouble === 'waiting' && (track === null || pictureOf !== track);
  return (
    <Tile
      participant={participant}
      label={participant.name}
      covered={!cameraOn || !camera || camera.paused}
      micOff={participant.media.microphone !== 'on'}
      notice={
        trouble === 'stalled' ? (
          <span className="tile-notice" data-testid={`no-video-${participant.id}`}>
            {t('room.noVideo', { name: participant.name })}
          </span>
        ) : waiting ? (
          <span className="tile-notice tile-notice-quiet">{t('room.videoConnecting')}</span>
        ) : undefined
      }
    >
      {camera && (
        <VideoView
          track={camera.track}
          testId={`video-${participant.id}-camera`}
          consumerId={camera.stale ? undefined : camera.consumerId}
          onPicture={onPicture}
        />
      )}
    </Tile>
  );
}

export function ScreenTile({ media, name }: { media: RemoteMedia; name: string }) {
  const t = useT();
  return (
    <figure className="tile tile-screen">
      <VideoView
        track={media.track}
        testId={`video-${media.participantId}-screen`}
        consumerId={media.stale ? undefined : media.consumerId}
      />
      <figcaption className="tile-caption">
        <span className="tile-name">{t('room.screenOf', { name })}</span>
      </figcaption>
    </figure>
  );
}

/** Instead of the person's own screen, which would show itself endlessly. */
export function OwnScreenNotice({ onStop }: { onStop: () => void }) {
  const t = useT();
  return (
    <div className="own-screen">
      <Icon name="screen" />
      <p>{t('room.yourScreen')}</p>
      <button type="button" className="btn btn-secondary" onClick={onStop}>
        {t('room.stopSharing')}
      </button>
    </div>
  );
}
