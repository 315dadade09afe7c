import { useState } from 'react';
import { Language, type StudentCard } from '@panda/shared';
import { Link } from 'react-router';
import { api } from '../../api/endpoints';
import { useUser } from '../../auth/session';
import { LoadError } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { SelectField } from '../../components/fields';
import { FilterBar, SearchField } from '../../components/FilterBar';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useQuery } from '../../hooks/useQuery';
import { activeFilters, useUrlFilters } from '../../hooks/useUrlFilters';
import { useT } from '../../i18n';
import { percent } from '../homework/ProgressCharts';
import { studentPath } from './paths';

const FILTERS = ['q', 'language', 'teacherId'] as const;
const PAGE = 20;

/** Lessons left and until when, as the card and the list show them. */
export function CreditsLeft({ credits }: { credits: StudentCard['credits'] }) {
  const t = useT();
  const format = useDateFormat(useUser().timeZone);
  return (
    <span data-testid="student-credits">
      {credits.available}
      {credits.held > 0 && <span className="muted"> {t('students.held', { held: credits.held })}</span>}
      {credits.expiresAt && <div className="muted">{t('students.until', { date: format.date(credits.expiresAt) })}</div>}
    </span>
  );
}

/** A teacher's students, or every student for a methodist and an admin: a line per language with where they stand. */
export function StudentsPage() {
  const t = useT();
  const user = useUser();
  const format = useDateFormat(user.timeZone);
  const { filters, setFilters } = useUrlFilters(FILTERS);
  const [offset, setOffset] = useState(0);
  const settled = useDebouncedValue(filters);
  const students = useQuery((signal) => api.students({ ...activeFilters(settled), offset, limit: PAGE }, signal), [settled, offset]);
  const teachers = useQuery((signal) => (user.role === 'teacher' ? Promise.resolve(undefined) : api.teachers(signal)), [user.role]);
  const filter = (change: Partial<Record<(typeof FILTERS)[number], string>>) => {
    setOffset(0);
    setFilters(change);
  };

  const rows = (card: StudentCard) => {
    const name = (
      <Link to={studentPath(card.student.id)} data-testid="student-open">
        {card.student.name}
      </Link>
    );
    if (card.languages.length === 0) {
      return [
        <tr key={card.student.id} data-testid="student-line">
          <td>{name}</td>
          <td colSpan={6} className="muted">
            {t('students.notPlaced')}
          </td>
          <td>
            <CreditsLeft credits={card.credits} />
          </td>
        </tr>,
      ];
    }
    return card.languages.map((line, index) => (
      <tr key={line.enrollmentId} data-testid="student-line" data-language={line.language}>
        <td>{index === 0 && name}</td>
        <td>
          {t(`language.${line.language}`)} <span className="muted">· {line.level ?? '—'}</span>
          {user.role !== 'teacher' && <div className="muted">{line.teacher?.name ?? t('students.noTeacher')}</div>}
        </td>
        <td>{line.nextLesson ? <time dateTime={line.nextLesson.startsAt}>{format.dateTime(line.nextLesson.startsAt)}</time> : '—'}</td>
        <td>{percent(line.summary.attendance.rate)}</td>
        <td data-testid="student-rating">
          {percent(line.summary.homework.rating)}
          {line.summary.homework.tails > 0 && <span className="badge badge-warn">{t('students.tails', { count: line.summary.homework.tails })}</span>}
        </td>
        <td>{percent(line.summary.tests.average)}</td>
        <td data-testid="student-words">
          {line.dictionary.words}
          {line.dictionary.due > 0 && <span className="muted"> {t('students.due', { count: line.dictionary.due })}</span>}
        </td>
        <td>{index === 0 && <CreditsLeft credits={card.credits} />}</td>
      </tr>
    ));
  };

  return (
    <Page title={t('nav.students')} testId="students-page">
      <FilterBar wide>
        <SearchField label={t('students.search')} value={filters.q} data-testid="students-search" onChange={(q) => filter({ q })} />
        <SelectField label={t('lessons.language')} value={filters.language} data-testid="students-language" onChange={(event) => filter({ language: event.target.value })}>
          <option value="">{t('lessons.any')}</option>
          {Language.options.map((language) => (
            <option key={language} value={language}>
              {t(`language.${language}`)}
            </option>
          ))}
        </SelectField>
        {teachers.data && (
          <SelectField label={t('lessons.teacher')} value={filters.teacherId} onChange={(event) => filter({ teacherId: event.target.value })}>
            <option value="">{t('lessons.any')}</option>
            {teachers.data.items.map((teacher) => (
              <option key={teacher.id} value={teacher.id}>
                {teacher.name}
              </option>
            ))}
          </SelectField>
        )}
      </FilterBar>
      {students.error && <LoadError error={students.error} onRetry={students.reload} />}
      {students.data && (
        <>
          <DataTable
            rows={students.data.items}
            empty={t(user.role === 'teacher' ? 'students.noneOwn' : 'students.none')}
            testId="students-list"
            busy={students.loading}
            columns={[
              t('lessons.student'),
              t('students.language'),
              t('students.nextLesson'),
              t('progress.attendanceRate'),
              t('progress.homeworkRating'),
              t('progress.testsAverage'),
              t('students.words'),
              t('students.lessonsLeft'),
            ]}
            row={rows}
          />
          <Pager offset={offset} limit={PAGE} total={students.data.total} onChange={setOffset} />
        </>
      )}
    </Page>
  );
}
