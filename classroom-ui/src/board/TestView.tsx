import type { BoardMaterial, BoardTestFeedback, PublicTestItem, TestAnswers } from '@panda/shared';
import { useEffect, useState } from 'react';
import { stopEventPropagation } from 'tldraw';
import { describeAnswer, TestPlayer } from '../components/TestPlayer';
import { useT } from '../i18n';
import { useRoomState } from '../room/context';
import type { RoomClient } from '../room/RoomClient';
import { asRoomError } from '../room/signaling';
import { useBoard } from './context';
import type { MaterialViewProps } from './shapes';

type TestMaterial = Extract<BoardMaterial, { kind: 'test' }>;

/**
 * A test on the board: students answer in place and get their score; the teacher sees each
 * student's answers and score as they arrive.
 */
export function TestMaterialView({ material }: MaterialViewProps) {
  const { isTeacher, isStudent, room } = useBoard();
  const test = material as TestMaterial;
  if (room && isTeacher) return <TestResults test={test} room={room} />;
  if (room && isStudent) return <TestAnswerSheet test={test} room={room} />;
  return <TestItems items={test.content.items} />;
}

function TestItems({ items }: { items: PublicTestItem[] }) {
  return (
    <ol className="test-items">
      {items.map((item) => (
        <li key={item.id}>{item.prompt}</li>
      ))}
    </ol>
  );
}

function TestAnswerSheet({ test, room }: { test: TestMaterial; room: RoomClient }) {
  const t = useT();
  const [answers, setAnswers] = useState<TestAnswers>({});
  const [feedback, setFeedback] = useState<BoardTestFeedback | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async () => {
    setSending(true);
    setError(null);
    try {
      setFeedback(await room.answerTest(test.materialId, answers));
    } catch (failure) {
      setError(asRoomError(failure).code);
    } finally {
      setSending(false);
    }
  };

  return (
    <form
      className="test-sheet"
      data-testid="test-sheet"
      onPointerDown={stopEventPropagation}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {test.content.instructions && <p>{test.content.instructions}</p>}
      <TestPlayer items={test.content.items} answers={answers} onChange={setAnswers} result={feedback ?? undefined} />
      <footer className="test-footer">
        <button type="submit" className="btn btn-small" disabled={sending} data-testid="test-submit">
          {feedback ? t('board.test.resubmit') : t('board.test.submit')}
        </button>
        {feedback && <strong data-testid="test-score">{t('board.test.score', { score: feedback.score, max: feedback.maxScore })}</strong>}
        {error && <span className="error-text">{t(`error.${error}` as 'error.unexpected')}</span>}
      </footer>
    </form>
  );
}

function TestResults({ test, room }: { test: TestMaterial; room: RoomClient }) {
  const t = useT();
  const attempts = useRoomState().testAttempts[test.materialId] ?? [];
  useEffect(() => {
    room.loadTestAttempts(test.materialId).catch(() => undefined);
  }, [room, test.materialId]);
  return (
    <div className="test-results" onPointerDown={stopEventPropagation}>
      <TestItems items={test.content.items} />
      <table data-testid="test-results">
        <thead>
          <tr>
            <th>{t('board.test.student')}</th>
            <th>{t('board.test.scoreColumn')}</th>
            <th>{t('board.test.answers')}</th>
          </tr>
        </thead>
        <tbody>
          {attempts.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                {t('board.test.noAnswers')}
              </td>
            </tr>
          )}
          {attempts.map((attempt) => (
            <tr key={attempt.studentId} data-student={attempt.studentId}>
              <td>{attempt.name}</td>
              <td data-testid="attempt-score">
                {attempt.result.score} / {attempt.result.maxScore}
              </td>
              <td>
                {attempt.result.items.map((scored, index) => {
                  const item = test.content.items.find((candidate) => candidate.id === scored.itemId);
                  return (
                    <span key={scored.itemId} className={`test-status test-status-${scored.status}`} title={item ? describeAnswer(item, attempt.answers[scored.itemId]) : ''}>
                      {index + 1}
                    </span>
                  );
                })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
