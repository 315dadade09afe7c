import { useState } from 'react';
import { Language, type StudentProgress } from '@panda/shared';
import { LoadError } from '../../components/Alert';
import { SelectField } from '../../components/fields';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';
import { homeworkApi } from './homeworkApi';

const WIDTH = 560;
const HEIGHT = 180;
const PAD = { left: 36, right: 12, top: 12, bottom: 24 };

interface Point {
  at: string;
  /** 0–100. */
  value: number;
  label: string;
  tone: 'good' | 'bad';
}

/** Percentages over time as a line with dots: no chart library, an SVG the screen reader gets a table of. */
function PercentChart({ title, points, testId }: { title: string; points: Point[]; testId: string }) {
  const t = useT();
  const format = useDateFormat();
  if (points.length === 0) {
    return (
      <figure className="progress-chart" data-testid={testId}>
        <figcaption>{title}</figcaption>
        <p className="empty">{t('progress.nothingYet')}</p>
      </figure>
    );
  }
  const times = points.map((point) => new Date(point.at).getTime());
  const [first, last] = [Math.min(...times), Math.max(...times)];
  const x = (time: number) => PAD.left + (last === first ? 0.5 : (time - first) / (last - first)) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => PAD.top + (1 - value / 100) * (HEIGHT - PAD.top - PAD.bottom);
  const line = points.map((point, index) => `${x(times[index] as number).toFixed(1)},${y(point.value).toFixed(1)}`).join(' ');
  return (
    <figure className="progress-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title}>
        {[0, 50, 100].map((value) => (
          <g key={value} className="progress-grid">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(value)} y2={y(value)} />
            <text x={PAD.left - 6} y={y(value) + 4} textAnchor="end">
              {value}%
            </text>
          </g>
        ))}
        <text className="progress-axis" x={PAD.left} y={HEIGHT - 6}>
          {format.date(new Date(first).toISOString())}
        </text>
        {last !== first && (
          <text className="progress-axis" x={WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end">
            {format.date(new Date(last).toISOString())}
          </text>
        )}
        <polyline className="progress-line" points={line} fill="none" />
        {points.map((point, index) => (
          <circle key={index} className={`progress-dot progress-dot-${point.tone}`} cx={x(times[index] as number)} cy={y(point.value)} r={4.5}>
            <title>{`${point.label}: ${point.value}%`}</title>
          </circle>
        ))}
      </svg>
      <table className="visually-hidden">
        <tbody>
          {points.map((point, index) => (
            <tr key={index}>
              <td>{format.date(point.at)}</td>
              <td>{point.label}</td>
              <td>{point.value}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** One square per past lesson: present, absent or not marked. */
function AttendanceStrip({ progress }: { progress: StudentProgress }) {
  const t = useT();
  const format = useDateFormat();
  const size = 18;
  const perRow = Math.floor(WIDTH / (size + 4));
  const rows = Math.max(1, Math.ceil(progress.attendance.length / perRow));
  return (
    <figure className="progress-chart" data-testid="progress-attendance">
      <figcaption>{t('progress.attendance')}</figcaption>
      {progress.attendance.length === 0 ? (
        <p className="empty">{t('progress.nothingYet')}</p>
      ) : (
        <svg viewBox={`0 0 ${WIDTH} ${rows * (size + 4)}`} role="img" aria-label={t('progress.attendance')}>
          {progress.attendance.map((entry, index) => (
            <rect
              key={entry.lessonId}
              className={`progress-attendance-${entry.mark}`}
              x={(index % perRow) * (size + 4)}
              y={Math.floor(index / perRow) * (size + 4)}
              width={size}
              height={size}
              rx={3}
            >
              <title>{`${format.date(entry.startsAt)}: ${t(`progress.mark.${entry.mark}`)}`}</title>
            </rect>
          ))}
        </svg>
      )}
    </figure>
  );
}

export const percent = (value: number | null) => (value === null ? '—' : `${value}%`);

/** The numbers of a student's progress: homework rating, attendance, tests, tails. */
export function ProgressFacts({ summary }: { summary: StudentProgress['summary'] }) {
  const t = useT();
  return (
    <dl className="facts progress-facts">
      <div>
        <dt>{t('progress.homeworkRating')}</dt>
        <dd data-testid="progress-rating">{percent(summary.homework.rating)}</dd>
      </div>
      <div>
        <dt>{t('progress.attendanceRate')}</dt>
        <dd data-testid="progress-attendance-rate">
          {percent(summary.attendance.rate)}{' '}
          <span className="muted">{t('progress.presentOf', { present: summary.attendance.present, total: summary.attendance.present + summary.attendance.absent })}</span>
        </dd>
      </div>
      <div>
        <dt>{t('progress.testsAverage')}</dt>
        <dd data-testid="progress-tests">{percent(summary.tests.average)}</dd>
      </div>
      <div>
        <dt>{t('progress.tails')}</dt>
        <dd>{summary.homework.tails}</dd>
      </div>
    </dl>
  );
}

/** A student's rating and progress in a language: the numbers, then attendance, homework and tests over time. */
export function ProgressView({ studentId, languages }: { studentId: string; languages?: readonly Language[] }) {
  const t = useT();
  const offered = languages && languages.length > 0 ? languages : Language.options;
  const [language, setLanguage] = useState<Language>(offered[0] ?? 'en');
  const progress = useQuery((signal) => homeworkApi.progress(studentId, language, signal), [studentId, language]);
  const data = progress.data;
  return (
    <section className="card progress" aria-labelledby="progress-title" data-testid="progress">
      <header className="progress-header">
        <h2 id="progress-title">{t('progress.title')}</h2>
        {offered.length > 1 && (
          <SelectField label={t('progress.language')} value={language} onChange={(event) => setLanguage(Language.parse(event.target.value))}>
            {offered.map((option) => (
              <option key={option} value={option}>
                {t(`language.${option}`)}
              </option>
            ))}
          </SelectField>
        )}
      </header>
      {progress.error && <LoadError error={progress.error} onRetry={progress.reload} />}
      {data && (
        <>
          <ProgressFacts summary={data.summary} />
          <AttendanceStrip progress={data} />
          <PercentChart
            title={t('progress.homework')}
            testId="progress-homework"
            points={data.homework.flatMap((entry) =>
              entry.rating === null ? [] : [{ at: entry.dueAt, value: entry.rating, label: entry.title, tone: entry.state === 'done' || entry.state === 'done_late' ? 'good' : 'bad' }],
            )}
          />
          <PercentChart
            title={t('progress.tests')}
            testId="progress-tests-chart"
            points={data.tests.map((entry) => ({ at: entry.submittedAt, value: entry.percent, label: entry.title, tone: 'good' }))}
          />
        </>
      )}
    </section>
  );
}
