import { BOARD_PLAYBACK, playbackPosition, type BoardMaterial, type PlaybackState } from '@panda/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { stopEventPropagation } from 'tldraw';
import { useT } from '../i18n';
import { useFileUrl } from '../hooks/useFileUrl';
import { useBoard, useBoardEntry } from './context';
import type { MaterialViewProps } from './shapes';

/** Players drift; beyond this many seconds a follower jumps to where the teacher is. */
const MAX_DRIFT_SECONDS = 0.4;
const ALIGN_INTERVAL_MS = 2000;

/**
 * One shared player: the teacher's play, pause and seek are written to the board, and everyone's
 * player follows — jumping when it drifts, and starting muted when the browser refuses sound
 * without a click (the person then unmutes with one click).
 */
export function MediaMaterialView({ shapeId, material }: MaterialViewProps) {
  const t = useT();
  const { connection, isTeacher, serverNow } = useBoard();
  const content = material.content as Extract<BoardMaterial, { kind: 'video' | 'audio' }>['content'];
  const fileUrl = useFileUrl('fileId' in content.source ? content.source.fileId : undefined).url;
  const url = 'url' in content.source ? content.source.url : fileUrl;
  const state = useBoardEntry<PlaybackState>(BOARD_PLAYBACK, shapeId);
  const element = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  /** Set while this page moves its own player to the shared state, so that it isn't echoed back. */
  const following = useRef(false);
  const [mutedForAutoplay, setMutedForAutoplay] = useState(false);

  const align = useCallback(() => {
    const player = element.current;
    if (!player || !state) return;
    following.current = true;
    const target = playbackPosition(state, serverNow());
    if (Math.abs(player.currentTime - target) > MAX_DRIFT_SECONDS) player.currentTime = target;
    if (state.playing && player.paused) {
      player.play().catch(() => {
        player.muted = true;
        setMutedForAutoplay(true);
        return player.play();
      }).catch(() => undefined);
    } else if (!state.playing && !player.paused) player.pause();
    queueMicrotask(() => (following.current = false));
  }, [state, serverNow]);

  useEffect(() => {
    align();
    const timer = setInterval(align, ALIGN_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [align, url]);

  const publish = () => {
    const player = element.current;
    if (!isTeacher || !player || following.current) return;
    const next: PlaybackState = { playing: !player.paused, position: player.currentTime, at: serverNow() };
    connection.playback.set(shapeId, next);
  };

  if (!url) return <p className="muted">{t('board.media.loading')}</p>;
  const Player = material.kind === 'video' ? 'video' : 'audio';
  return (
    <div className="material-media">
      <Player
        ref={element}
        src={url}
        preload="auto"
        playsInline
        controls={isTeacher}
        data-testid="board-player"
        onPointerDown={stopEventPropagation}
        onPlay={publish}
        onPause={publish}
        onSeeked={publish}
        onLoadedMetadata={align}
      />
      {!isTeacher && mutedForAutoplay && (
        <button
          type="button"
          className="btn btn-small"
          onPointerDown={stopEventPropagation}
          onClick={() => {
            if (element.current) element.current.muted = false;
            setMutedForAutoplay(false);
          }}
        >
          {t('board.media.unmute')}
        </button>
      )}
    </div>
  );
}
