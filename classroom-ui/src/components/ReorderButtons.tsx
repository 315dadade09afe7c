import { useLayoutEffect, useRef } from 'react';
import { useT } from '../i18n';

interface ReorderButtonsProps {
  /** The row's place in the list, from 0. */
  index: number;
  count: number;
  /** What the row is, for the buttons' labels: "Move “Present Perfect” up". */
  label: string;
  onMove: (to: number) => void;
}

/**
 * Up and down buttons for a row of an ordered list: the keyboard way to reorder (no dragging).
 * The row must be keyed by something stable, so that this component moves with it; focus then
 * follows the row, and goes to the other button when the row reaches an end of the list.
 */
export function ReorderButtons({ index, count, label, onMove }: ReorderButtonsProps) {
  const t = useT();
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);
  const movedBy = useRef<'up' | 'down' | null>(null);
  const first = index === 0;
  const last = index === count - 1;

  useLayoutEffect(() => {
    const direction = movedBy.current;
    movedBy.current = null;
    if (direction === 'up') (first ? down : up).current?.focus();
    if (direction === 'down') (last ? up : down).current?.focus();
  }, [index, first, last]);

  function move(direction: 'up' | 'down') {
    movedBy.current = direction;
    onMove(direction === 'up' ? index - 1 : index + 1);
  }

  return (
    <span className="reorder" role="group" aria-label={t('reorder.group', { position: index + 1, count })}>
      <button
        ref={up}
        type="button"
        className="btn btn-icon btn-small"
        disabled={first}
        aria-label={t('reorder.up', { label })}
        title={t('reorder.up', { label })}
        onClick={() => move('up')}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        ref={down}
        type="button"
        className="btn btn-icon btn-small"
        disabled={last}
        aria-label={t('reorder.down', { label })}
        title={t('reorder.down', { label })}
        onClick={() => move('down')}
      >
        <span aria-hidden="true">↓</span>
      </button>
    </span>
  );
}
