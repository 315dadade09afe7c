import { lazy, Suspense, useId } from 'react';
import { useT } from '../i18n';
import { useRoomState } from './context';
import { Icon } from './icons';

// tldraw is most of the room's code: it loads when the board is first shown.
const LessonBoard = lazy(() => import('../board/LessonBoard'));

/** The shared whiteboard in the room's main space; the person can hide it when unused. */
export function BoardArea({ onCollapse }: { onCollapse: () => void }) {
  const t = useT();
  const titleId = useId();
  // The first picture and voice come first: the board (most of the room's code) loads once they are up.
  const { mediaSettled } = useRoomState();
  const placeholder = (
    <div className="board-placeholder">
      <Icon name="board" />
      <p>{t('room.board.placeholder')}</p>
    </div>
  );
  return (
    <section className="board-area" data-testid="board-area" aria-labelledby={titleId}>
      <header className="board-header">
        <h2 id={titleId}>{t('room.board.title')}</h2>
        <button type="button" className="btn btn-small btn-secondary" data-testid="collapse-board" onClick={onCollapse}>
          {t('room.board.collapse')}
        </button>
      </header>
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
