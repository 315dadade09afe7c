import { useId } from 'react';
import { useT } from '../i18n';
import { Icon } from './icons';

/**
 * WHITEBOARD SLOT: the shared board arrives as a later capability and replaces the placeholder
 * below. The layout already gives this panel the main space; the person can hide it when unused.
 */
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
      <div className="board-placeholder">
        <Icon name="board" />
        <p>{t('room.board.placeholder')}</p>
      </div>
    </section>
  );
}
