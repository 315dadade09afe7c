import type { Participant } from '@panda/shared';
import { useT } from '../i18n';
import { useRoomClient, useRoomState } from './context';
import { Icon } from './icons';
import { initials } from './Tiles';

export function ParticipantsPanel() {
  const { participants, selfId } = useRoomState();
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
        />
      ))}
    </ul>
  );
}

function ParticipantRow({
  participant,
  isSelf,
  moderated,
}: {
  participant: Participant;
  isSelf: boolean;
  /** Show the teacher's buttons for this person. */
  moderated: boolean;
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
        </p>
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
