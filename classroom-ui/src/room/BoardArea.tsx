import { lazy, Suspense } from 'react';
import { useT } from '../i18n';
import { useRoomState } from './context';
import { Icon } from './icons';

// tldraw is most of the room's code: it loads when the board is first shown.
const LessonBoard = lazy(() => import('../board/LessonBoard'));

/**
 * The shared whiteboard in the room's main space. It has no header of its own, to leave the board
 * every pixel: the control bar's Board button hides and shows it.
 */
export function BoardArea() {
  const t = useT();
  // The first picture and voice come first: the board (most of the room's code) loads once they are up.
  const { mediaSettled } = useRoomState();
  const placeholder = (
    <div className="board-placeholder">
      <Icon name="board" />
      <p>{t('room.board.placeholder')}</p>
    </div>
  );
  return (
    <section className="board-area" data-testid="board-area" aria-label={t('room.board.title')}>
      {mediaSettled ? (
        <Suspense fallback={placeholder}>
          <LessonBoard />
        </Suspense>
      ) : (
        placeholder
      )}
    </section>
  );
}
