import { Link, useParams } from 'react-router';
import { useUser } from '../../auth/session';
import { LoadError } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useQuery, type Query } from '../../hooks/useQuery';
import { useT } from '../../i18n';
import { sections } from '../../navigation';
import { ScoreText, StandingBadge } from './HomeworkPage';
import { homeworkApi } from './homeworkApi';
import { submissionPath } from './paths';
import { ProgressView } from './ProgressCharts';
import './homework.css';

type SubmissionLines = Query<Awaited<ReturnType<typeof homeworkApi.submissions>>>;

/** Every homework set for a student, with its standing and score, newest deadline first. */
export function StudentHomework({ lines }: { lines: SubmissionLines }) {
  const t = useT();
  const format = useDateFormat(useUser().timeZone);
  return (
    <section className="card" aria-labelledby="student-homework">
      <h2 id="student-homework">{t('nav.homework')}</h2>
      {lines.error && <LoadError error={lines.error} onRetry={lines.reload} />}
      {lines.data && (
        <DataTable
          rows={lines.data.items}
          empty={t('homework.noResults')}
          testId="student-homework"
          columns={[t('homework.titleColumn'), t('homework.due'), t('homework.standing'), t('homework.score')]}
          row={(line) => (
            <tr key={line.id} data-testid="homework-line">
              <td>
                <Link to={submissionPath(line.id)}>{line.title}</Link> <span className="muted">· {t(`language.${line.language}`)}</span>
              </td>
              <td>{format.dateTime(line.dueAt)}</td>
              <td>
                <StandingBadge line={line} />
              </td>
              <td>
                <ScoreText line={line} />
              </td>
            </tr>
          )}
        />
      )}
    </section>
  );
}

/** The teacher's view of a student: every homework set for them, with its standing and score, and their progress. */
export function StudentProgressPage() {
  const t = useT();
  const { id = '' } = useParams();
  const lines = useQuery((signal) => homeworkApi.submissions({ studentId: id }, signal), [id]);
  const students = useQuery((signal) => homeworkApi.students(signal), []);
  const entry = students.data?.items.find((candidate) => candidate.student.id === id);
  const name = entry?.student.name ?? lines.data?.items[0]?.student.name ?? '';
  const languages = entry?.languages ?? [...new Set(lines.data?.items.map((line) => line.language))].sort();
  return (
    <Page
      title={name || t('homework.students')}
      testId="homework-student-page"
      actions={
        <Link className="btn btn-secondary" to={sections.homework}>
          {t('homework.back')}
        </Link>
      }
    >
      <StudentHomework lines={lines} />
      {students.data && lines.data && <ProgressView key={`${id}:${languages.join()}`} studentId={id} languages={languages} />}
    </Page>
  );
}
