import type { ItemResult } from '@panda/shared';
import { useT } from '../i18n';

/**
 * The two cells a teacher marks an answered item with: its checked status, and the points to
 * give it (the board's test attempts and homework submissions mark the same way).
 */
export function ItemMarkCells({
  result,
  number,
  points,
  error,
  onPoints,
  testId,
}: {
  result: ItemResult;
  /** The item's place in the test, from 1. */
  number: number;
  points: string;
  error: string | undefined;
  onPoints: (points: string) => void;
  testId: string;
}) {
  const t = useT();
  return (
    <>
      <td>
        <span className={`player-feedback-${result.status}`}>{t(`test.status.${result.status}`)}</span>
        {result.marked && <span className="muted"> {t('attempts.markedByHand')}</span>}
      </td>
      <td>
        <input
          className="points-input"
          type="number"
          min={0}
          max={result.maxScore}
          step={0.5}
          value={points}
          aria-label={t('attempts.pointsFor', { number, max: result.maxScore })}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onPoints(event.target.value)}
          data-testid={testId}
        />{' '}
        <span className="muted">/ {result.maxScore}</span>
        {error && <p className="field-error">{error}</p>}
      </td>
    </>
  );
}
