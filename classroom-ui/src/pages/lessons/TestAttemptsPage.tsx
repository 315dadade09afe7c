import { useMemo, useState, type SubmitEvent } from 'react';
import {
  MarkTestAttemptBody,
  toPublicItems,
  type PublicTestItem,
  type TestAttempt,
} from '@panda/shared';
import { Link, useParams } from 'react-router';
import { api } from '../../api/endpoints';
import { useUser } from '../../auth/session';
import { LoadError } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { FormFooter } from '../../components/FormFooter';
import { ItemMarkCells } from '../../components/ItemMarkCells';
import { Page } from '../../components/Page';
import { describeAnswer } from '../../components/TestPlayer';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useQuery } from '../../hooks/useQuery';
import { useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n';
import { replaceAt } from '../../lib/lists';
import { sections } from '../../navigation';

/** The tests taken in a lesson, per material: scores, answers, and the teacher's marks for free text. */
export function TestAttemptsPage() {
  const t = useT();
  const { id = '' } = useParams();
  const lesson = useQuery((signal) => api.lesson(id, signal), [id]);
  const loaded = useQuery((signal) => api.testAttempts(id, signal), [id]);
  // Marked attempts replace the loaded ones until the next load.
  const [marked, setMarked] = useState<TestAttempt[]>([]);
  const attempts = loaded.data?.items.map((attempt) => marked.find((other) => other.id === attempt.id) ?? attempt);
  const byMaterial = new Map<string, TestAttempt[]>();
  for (const attempt of attempts ?? []) byMaterial.set(attempt.materialId, [...(byMaterial.get(attempt.materialId) ?? []), attempt]);
  const title = lesson.data ? (lesson.data.title ?? t(`kind.${lesson.data.kind}`)) : t('attempts.title');

  return (
    <Page
      title={t('attempts.titleOf', { lesson: title })}
      testId="test-attempts-page"
      actions={
        <Link className="btn btn-secondary" to={sections.dashboard}>
          {t('attempts.back')}
        </Link>
      }
    >
      {loaded.error && <LoadError error={loaded.error} onRetry={loaded.reload} />}
      {attempts?.length === 0 && <p className="empty">{t('attempts.empty')}</p>}
      {[...byMaterial].map(([materialId, group]) => (
        <MaterialAttempts
          key={materialId}
          lessonId={id}
          materialId={materialId}
          attempts={group}
          onMarked={(attempt) => setMarked((current) => [...current.filter((other) => other.id !== attempt.id), attempt])}
        />
      ))}
    </Page>
  );
}

interface MaterialAttemptsProps {
  lessonId: string;
  materialId: string;
  attempts: TestAttempt[];
  onMarked: (attempt: TestAttempt) => void;
}

function MaterialAttempts({ lessonId, materialId, attempts, onMarked }: MaterialAttemptsProps) {
  const material = useQuery((signal) => api.material(materialId, signal), [materialId]);
  // The items' wording comes from the test itself; without access to it, answers still show by number.
  const items = useMemo(
    () => (material.data?.kind === 'test' ? toPublicItems(material.data.content.items, materialId) : []),
    [material.data, materialId],
  );
  return (
    <section className="card attempts" aria-labelledby={`attempts-${materialId}`}>
      <h2 id={`attempts-${materialId}`}>{attempts[0]?.materialTitle}</h2>
      <ul className="card-list">
        {attempts.map((attempt) => (
          <AttemptItem key={attempt.id} lessonId={lessonId} attempt={attempt} items={items} onMarked={onMarked} />
        ))}
      </ul>
    </section>
  );
}

interface AttemptItemProps {
  lessonId: string;
  attempt: TestAttempt;
  items: PublicTestItem[];
  onMarked: (attempt: TestAttempt) => void;
}

function AttemptItem({ lessonId, attempt, items, onMarked }: AttemptItemProps) {
  const t = useT();
  const format = useDateFormat(useUser().timeZone);
  const results = attempt.result.items;
  const [scores, setScores] = useState(() => results.map((item) => String(item.score)));
  const { fieldErrors, formError, pending, submit } = useSubmit();
  const waiting = results.filter((item) => item.status === 'needs_marking').length;
  // Only the scores the teacher changed are sent; errors come back by their place in that list.
  const changed = results.flatMap((item, index) => (scores[index] !== String(item.score) ? [item.itemId] : []));

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const marks = results
      .map((item, index) => ({ itemId: item.itemId, score: Number(scores[index]) }))
      .filter((mark) => changed.includes(mark.itemId));
    void submit(MarkTestAttemptBody, { marks }, async (body) => {
      const updated = await api.markTestAttempt(lessonId, attempt.id, body);
      setScores(updated.result.items.map((item) => String(item.score)));
      onMarked(updated);
    });
  }

  return (
    <li className="attempt" data-testid="test-attempt">
      <header className="attempt-header">
        <strong>{attempt.student.name}</strong>
        <span className="attempt-score" data-testid="attempt-total">
          {t('test.scoreOf', { score: attempt.result.score, max: attempt.result.maxScore })}
        </span>
        {waiting > 0 && <span className="badge badge-warn">{t('attempts.waiting', { count: waiting })}</span>}
        <time className="muted" dateTime={attempt.submittedAt}>
          {format.dateTime(attempt.submittedAt)}
        </time>
      </header>
      <form className="form" noValidate onSubmit={onSubmit}>
        <DataTable
          rows={results}
          columns={[t('attempts.item'), t('attempts.answer'), t('attempts.status'), t('attempts.points')]}
          row={(result, index) => {
            const item = items.find((candidate) => candidate.id === result.itemId);
            const answer = attempt.answers[result.itemId];
            const error = fieldErrors[`marks.${changed.indexOf(result.itemId)}.score`];
            return (
              <tr key={result.itemId} data-status={result.status}>
                <td>{item?.prompt ?? t('test.itemN', { number: index + 1 })}</td>
                <td className="attempt-answer">{(item ? describeAnswer(item, answer) : typeof answer === 'string' && answer) || '—'}</td>
                <ItemMarkCells
                  result={result}
                  number={index + 1}
                  points={scores[index] ?? ''}
                  error={error}
                  onPoints={(points) => setScores(replaceAt(scores, index, points))}
                  testId="attempt-points"
                />
              </tr>
            );
          }}
        />
        <FormFooter
          layout="actions"
          error={formError}
          pending={pending}
          canSubmit={changed.length > 0}
          submitLabel={t('attempts.saveMarks')}
          submitTestId="attempt-save"
        />
      </form>
    </li>
  );
}
