import type { Participant } from '@panda/shared';
import { useState } from 'react';
import { useUser } from '../auth/session';
import { Brand } from '../components/Brand';
import { useDateFormat } from '../hooks/useDateFormat';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useT } from '../i18n';
import { BoardArea } from './BoardArea';
import { ConnectionQuality } from './ConnectionQuality';
import { useLocalMedia, useRoomClient, useRoomState } from './context';
import { ControlBar } from './ControlBar';
import { RemoteAudio } from './MediaElements';
import { RoomNotices } from './RoomNotices';
import { SidePanel } from './SidePanel';
import { OwnScreenNotice, ParticipantTile, ScreenTile, SelfTile } from './Tiles';

/** The teacher first, then everyone else in the order they came. */
function byRole(a: Participant, b: Participant): number {
  return Number(b.role === 'teacher') - Number(a.role === 'teacher');
}

/**
 * How the tiles beside the board are laid out: one other person's face large with one's own small
 * over its corner (lips readable in a 1-on-1), a group in a grid.
 */
function stripLayout(others: number): 'alone' | 'pair' | 'group' {
  if (others === 0) return 'alone';
  return others === 1 ? 'pair' : 'group';
}

/**
 * The lesson room: the board (or a shared screen) takes the main space with the controls under it;
 * the video tiles, chat and the participant list sit beside it (on a phone: the tiles above it,
 * chat and the list over it on demand). With the board hidden and nothing shared, the tiles fill
 * the stage instead.
 */
export function RoomView() {
  const t = useT();
  const client = useRoomClient();
  const { participants, selfId, remote } = useRoomState();
  const local = useLocalMedia();
  const [boardOpen, setBoardOpen] = useState(true);
  // On a phone chat and the participant list open over the room; beside it, they are always shown.
  const [sideOpen, setSideOpen] = useState(false);

  const self = participants.find((participant) => participant.id === selfId);
  const others = participants.filter((p) => p.id !== selfId && p.role !== 'observer').sort(byRole);
  const screens = remote.filter((media) => media.kind === 'video' && media.source === 'screen');
  const stageInUse = boardOpen || screens.length > 0 || local.screen !== null;

  const tiles = (
    <>
      {self && self.role !== 'observer' && <SelfTile self={self} />}
      {others.map((participant) => (
        <ParticipantTile
          key={participant.id}
          participant={participant}
          camera={remote.find((media) => media.participantId === participant.id && media.source === 'camera')}
        />
      ))}
      {others.length === 0 && <p className="tile tile-waiting">{t('room.waiting')}</p>}
    </>
  );

  return (
    <div className="room" data-testid="lesson-room" data-side-open={sideOpen || undefined}>
      <RoomHeader />
      <div className="room-main">
        <RoomNotices />
        <div className="room-stage" data-layout={stageInUse ? 'stage' : 'grid'}>
          {screens.map((media) => (
            <ScreenTile
              key={media.consumerId}
              media={media}
              name={participants.find((p) => p.id === media.participantId)?.name ?? ''}
            />
          ))}
          {local.screen && <OwnScreenNotice onStop={() => void client.toggleScreen()} />}
          {boardOpen && <BoardArea />}
          {!stageInUse && <div className="tile-grid">{tiles}</div>}
        </div>
        <ControlBar
          boardOpen={boardOpen}
          onToggleBoard={() => setBoardOpen((open) => !open)}
          sideOpen={sideOpen}
          onToggleSide={() => setSideOpen((open) => !open)}
        />
      </div>
      <aside className="room-side">
        {stageInUse && (
          <div className="tile-strip" data-testid="tile-strip" data-layout={stripLayout(others.length)}>
            {tiles}
          </div>
        )}
        <SidePanel />
      </aside>
      <div hidden>
        {remote
          .filter((media) => media.kind === 'audio')
          .map((media) => (
            <RemoteAudio key={media.consumerId} media={media} />
          ))}
      </div>
    </div>
  );
}

function RoomHeader() {
  const t = useT();
  const user = useUser();
  const format = useDateFormat(user.timeZone);
  const { room } = useRoomState();
  const title = room?.title ?? t('room.title');
  useDocumentTitle(title);
  return (
    <header className="room-header">
      <Brand />
      <div className="room-heading">
        <h1>{title}</h1>
        {room && (
          <p className="muted">
            <time dateTime={room.startsAt}>{format.range(room.startsAt, room.endsAt)}</time>
          </p>
        )}
      </div>
      {room?.recording && (
        <span className="badge badge-danger" data-testid="room-recording" role="status">
          ● {t('room.recording')}
        </span>
      )}
      {room?.locked && (
        <span className="badge badge-warn" data-testid="room-locked">
          {t('room.locked')}
        </span>
      )}
      <ConnectionQuality />
    </header>
  );
}
