import { lazy, Suspense, useId } from 'react';
import { useT } from '../i18n';
import { Icon } from './icons';

// tldraw is most of the room's code: it loads when the board is first shown.
const LessonBoard = lazy(() => import('../board/LessonBoard'));

/** The shared whiteboard in the room's main space; the person can hide it when unused. */
export function BoardArea({ onCollapse }: { onCollapse: () => void }) {
  const t = useT();
  const titleId = useId();
  return (
    <section className="board-area" data-testid="board-area" aria-labelledby={titleId}>
      <header className="board-header">
        <h2 id={titleId}>{t('room.board.title')}</h2>
        <button type="button" className="btn btn-small btn-secondary" data-testid="collapse-board" onClick={onCollapse}>
          {t('room.board.collapse')}
        </button>
      </header>
      <Suspense
        fallback={
          <div className="board-placeholder">
            <Icon name="board" />
            <p>{t('room.board.placeholder')}</p>
          </div>
        }
      >
        <LessonBoard />
      </Suspense>
    </section>
  );
}
