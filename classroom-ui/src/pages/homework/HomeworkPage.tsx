import type { HomeworkSubmissionSummary } from '@panda/shared';
import { Link } from 'react-router';
import { useUser } from '../../auth/session';
import { LoadError } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';
import { homeworkApi } from './homeworkApi';
import { assignHomeworkPath, studentHomeworkPath, submissionPath } from './paths';
import { ProgressView } from './ProgressCharts';
import './homework.css';

/** Homework: the student's own (current, tails, results, progress), or the teacher's students and marking. */
export function HomeworkPage() {
  return useUser().role === 'student' ? <StudentHomework /> : <TeacherHomework />;
}

/** Where a line stands, in words: due, days left in the tails, the score, or closed at 0. */
export function StandingBadge({ line }: { line: HomeworkSubmissionSummary }) {
  const t = useT();
  switch (line.state) {
    case 'open':
      return <span className="badge">{t('homework.state.open')}</span>;
    case 'tail':
      return (
        <span className="badge badge-warn" data-testid="homework-days-left">
          {t('homework.daysLeft', { days: line.daysLeft ?? 0 })}
        </span>
      );
    case 'missed':
      return <span className="badge badge-disabled">{t('homework.state.missed')}</span>;
    default:
      return (
        <span className="badge badge-active">
          {line.state === 'done_late' ? t('homework.state.done_late') : t('homework.state.done')}
        </span>
      );
  }
}

/** The score so far: points, and whether the teacher still has something to mark. */
export function ScoreText({ line }: { line: HomeworkSubmissionSummary }) {
  const t = useT();
  if (line.score === null) return <span className="muted">{line.state === 'missed' ? t('homework.scoreZero') : '—'}</span>;
  return (
    <span data-testid="homework-score">
      {t('test.scoreOf', { score: line.score, max: line.maxScore })}
      {line.awaitingMarking > 0 && <span className="muted"> · {t('homework.awaitingMarking')}</span>}
    </span>
  );
}

function StudentHomework() {
  const t = useT();
  const user = useUser();
  const format = useDateFormat(user.timeZone);
  const list = useQuery((signal) => homeworkApi.mine(signal), []);
  const lines = list.data?.items ?? [];
  const current = lines.filter((line) => line.state === 'open');
  const tails = lines.filter((line) => line.state === 'tail');
  const results = lines.filter((line) => line.state !== 'open' && line.state !== 'tail').reverse();
  const languages = [...new Set(lines.map((line) => line.language))].sort();

  const table = (rows: HomeworkSubmissionSummary[], empty: string, testId: string, when: (line: HomeworkSubmissionSummary) => string) => (
    <DataTable
      rows={rows}
      empty={empty}
      testId={testId}
      columns={[t('homework.titleColumn'), t('homework.when'), t('homework.standing'), t('homework.score')]}
      row={(line) => (
        <tr key={line.id} data-testid="homework-line">
          <td>
            <Link to={submissionPath(line.id)}>{line.title}</Link> <span className="muted">· {t(`language.${line.language}`)}</span>
          </td>
          <td>{when(line)}</td>
          <td>
            <StandingBadge line={line} />
            {line.hasComment && <span className="muted"> · {t('homework.hasComment')}</span>}
          </td>
          <td>
            <ScoreText line={line} />
          </td>
        </tr>
      )}
    />
  );

  return (
    <Page title={t('nav.homework')} testId="homework-page">
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && (
        <>
          <section className="card" aria-labelledby="homework-current">
            <h2 id="homework-current">{t('homework.current')}</h2>
            {table(current, t('homework.noCurrent'), 'homework-current', (line) => t('homework.dueOn', { date: format.dateTime(line.dueAt) }))}
          </section>
          <section className="card" aria-labelledby="homework-tails">
            <h2 id="homework-tails">{t('homework.tails')}</h2>
            <p className="muted">{t('homework.tailsHint')}</p>
            {table(tails, t('homework.noTails'), 'homework-tails', (line) => t('homework.closesOn', { date: format.dateTime(line.closesAt) }))}
          </section>
          <section className="card" aria-labelledby="homework-results">
            <h2 id="homework-results">{t('homework.results')}</h2>
            {table(results, t('homework.noResults'), 'homework-results', (line) =>
              line.submittedAt ? t('homework.handedInOn', { date: format.dateTime(line.submittedAt) }) : t('homework.dueOn', { date: format.dateTime(line.dueAt) }),
            )}
          </section>
          <ProgressView studentId={user.id} languages={languages} />
        </>
      )}
    </Page>
  );
}

function TeacherHomework() {
  const t = useT();
  const user = useUser();
  const format = useDateFormat(user.timeZone);
  const waiting = useQuery((signal) => homeworkApi.submissions({ awaitingMarking: 'true' }, signal), []);
  const students = useQuery((signal) => homeworkApi.students(signal), []);
  return (
    <Page
      title={t('nav.homework')}
      testId="homework-page"
      actions={
        <Link className="btn btn-primary" to={assignHomeworkPath} data-testid="homework-assign">
          {t('homework.assign')}
        </Link>
      }
    >
      <section className="card" aria-labelledby="homework-waiting">
        <h2 id="homework-waiting">{t('homework.waiting')}</h2>
        {waiting.error && <LoadError error={waiting.error} onRetry={waiting.reload} />}
        {waiting.data && (
          <DataTable
            rows={waiting.data.items}
            empty={t('homework.noneWaiting')}
            testId="homework-waiting"
            columns={[t('homework.student'), t('homework.titleColumn'), t('homework.handedIn'), t('homework.score')]}
            row={(line) => (
              <tr key={line.id} data-testid="homework-line">
                <td>{line.student.name}</td>
                <td>
                  <Link to={submissionPath(line.id)}>{line.title}</Link>
                </td>
                <td>{line.submittedAt ? format.dateTime(line.submittedAt) : '—'}</td>
                <td>
                  <ScoreText line={line} />
                </td>
              </tr>
            )}
          />
        )}
      </section>
      <section className="card" aria-labelledby="homework-students">
        <h2 id="homework-students">{t('homework.students')}</h2>
        {students.error && <LoadError error={students.error} onRetry={students.reload} />}
        {students.data && (
          <DataTable
            rows={students.data.items}
            empty={t('homework.noStudents')}
            testId="homework-students"
            columns={[t('homework.student'), t('homework.waitingCount'), t('homework.tails'), t('homework.current'), t('progress.homeworkRating')]}
            row={(entry) => (
              <tr key={entry.student.id}>
                <td>
                  <Link to={studentHomeworkPath(entry.student.id)}>{entry.student.name}</Link>{' '}
                  <span className="muted">{entry.languages.map((language) => t(`language.${language}`)).join(', ')}</span>
                </td>
                <td>{entry.awaitingMarking}</td>
                <td>{entry.tails}</td>
                <td>{entry.open}</td>
                <td>{entry.rating === null ? '—' : `${entry.rating}%`}</td>
              </tr>
            )}
          />
        )}
      </section>
    </Page>
  );
}
