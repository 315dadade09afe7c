import type { MediaHealth, Participant } from '@panda/shared';
import { useT } from '../i18n';
import { useRoomClient, useRoomState } from './context';
import { Icon } from './icons';
import { initials } from './Tiles';

export function ParticipantsPanel() {
  const { participants, selfId, health } = useRoomState();
  const client = useRoomClient();
  const teaches = client.self?.role === 'teacher';
  return (
    <ul className="people">
      {participants.map((participant) => (
        <ParticipantRow
          key={participant.id}
          participant={participant}
          isSelf={participant.id === selfId}
          moderated={teaches && participant.role === 'student'}
          health={teaches && participant.role !== 'observer' ? (health[participant.id] ?? null) : undefined}
        />
      ))}
    </ul>
  );
}

function ParticipantRow({
  participant,
  isSelf,
  moderated,
  health,
}: {
  participant: Participant;
  isSelf: boolean;
  /** Show the teacher's buttons for this person. */
  moderated: boolean;
  /** For the teacher: this person's media as their browser reports it (null: no report yet). */
  health: MediaHealth | null | undefined;
}) {
  const t = useT();
  const client = useRoomClient();
  const { id, name } = participant;
  const micOn = participant.media.microphone === 'on';
  return (
    <li className="person" data-testid={`participant-${id}`}>
      <span className="avatar avatar-small" aria-hidden="true">
        {initials(name)}
      </span>
      <div className="person-about">
        <p className="person-name">
          {isSelf ? t('room.youSuffix', { name }) : name}
          {participant.handRaised && (
            <span className="person-hand" title={t('room.handRaised')}>
              <Icon name="hand" />
              <span className="visually-hidden">{t('room.handRaised')}</span>
            </span>
          )}
        </p>
        <p className="person-facts">
          <span className="badge">{t(`room.role.${participant.role}`)}</span>
          {participant.presence === 'reconnecting' && (
            <span className="badge badge-warn">{t('room.participantReconnecting')}</span>
          )}
          {participant.microphoneHeld && (
            <span className="badge" data-testid={`held-${id}`}>
              {t('room.people.held')}
            </span>
          )}
        </p>
        {health !== undefined && <HealthLine name={name} health={health} testId={`health-${id}`} />}
      </div>
      <span className="person-mic" title={micOn ? t('room.micOn') : t('room.micOff')}>
        <Icon name={micOn ? 'mic' : 'micOff'} />
        <span className="visually-hidden">{micOn ? t('room.micOn') : t('room.micOff')}</span>
      </span>
      {moderated && (
        <div className="person-actions">
          <button
            type="button"
            className="btn btn-small btn-secondary"
            data-testid={`mute-${id}`}
            aria-label={t('room.people.muteLabel', { name })}
            disabled={!micOn}
            onClick={() => void client.mute(id)}
          >
            {t('room.people.mute')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-secondary"
            data-testid={`ask-unmute-${id}`}
            aria-label={t('room.people.askUnmuteLabel', { name })}
            disabled={micOn}
            onClick={() => void client.askToUnmute(id)}
          >
            {t('room.people.askUnmute')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-secondary"
            data-testid={`remove-${id}`}
            aria-label={t('room.people.removeLabel', { name })}
            onClick={() => void client.remove(id)}
          >
            {t('room.people.remove')}
          </button>
        </div>
      )}
    </li>
  );
}

type Connection = 'connected' | 'connecting' | 'down';

function connectionOf(health: MediaHealth): Connection {
  const states = [health.send, health.recv].filter((state) => state !== null);
  if (states.some((state) => state === 'failed' || state === 'disconnected' || state === 'closed')) return 'down';
  return states.length > 0 && states.every((state) => state === 'connected') ? 'connected' : 'connecting';
}

/** Loss and delay above these make a lesson hard to follow. */
const LOSS_WARN_PERCENT = 5;
const RTT_WARN_MS = 300;

/** One line of a person's media health: connection, what they send and receive, loss and delay. */
function HealthLine({ name, health, testId }: { name: string; health: MediaHealth | null; testId: string }) {
  const t = useT();
  if (!health) {
    return (
      <p className="person-health" data-testid={testId} data-state="unknown">
        {t('room.health.unknown')}
      </p>
    );
  }
  const connection = connectionOf(health);
  const { flowing, expected } = health.receiving;
  const state =
    connection === 'down' || flowing < expected
      ? 'bad'
      : connection === 'connecting' ||
          (health.lossPercent ?? 0) > LOSS_WARN_PERCENT ||
          (health.roundTripMs ?? 0) > RTT_WARN_MS
        ? 'warn'
        : 'ok';
  const parts = [
    t(`room.health.${connection}`),
    health.sending.length > 0
      ? t('room.health.sending', { sources: health.sending.map((source) => t(`room.source.${source}`)).join(', ') })
      : t('room.health.sendingNothing'),
    t('room.health.receiving', { flowing: String(flowing), expected: String(expected) }),
    ...(health.lossPercent !== null ? [t('room.health.loss', { percent: String(health.lossPercent) })] : []),
    ...(health.roundTripMs !== null ? [t('room.health.rtt', { ms: String(health.roundTripMs) })] : []),
  ];
  return (
    <p
      className="person-health"
      data-testid={testId}
      data-state={state}
      data-receiving={`${flowing}/${expected}`}
      data-sending={[...health.sending].sort().join(',')}
      aria-label={t('room.health.label', { name })}
    >
      {parts.join(' · ')}
    </p>
  );
}
