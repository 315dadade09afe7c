import { Language, LessonKind, LessonOutcome, type LessonJournalEntry } from '@panda/shared';
import { Link } from 'react-router';
import { api } from '../../api/endpoints';
import { useUser } from '../../auth/session';
import { LoadError } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { SelectField } from '../../components/fields';
import { FilterBar } from '../../components/FilterBar';
import { Page } from '../../components/Page';
import { Tabs } from '../../components/Tabs';
import { useCursorList } from '../../hooks/useCursorList';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useQuery } from '../../hooks/useQuery';
import { activeFilters, useUrlFilters } from '../../hooks/useUrlFilters';
import { useT } from '../../i18n';
import { lessonPath } from './paths';

const FILTERS = ['when', 'language', 'teacherId', 'outcome', 'kind'] as const;
const TABS = ['upcoming', 'past'] as const;
type Tab = (typeof TABS)[number];

/** How a lesson went, as a badge: trouble stands out, a lesson to come stays plain. */
export function OutcomeBadge({ outcome }: { outcome: LessonOutcome }) {
  const t = useT();
  const tone = { booked: 'badge', held: 'badge badge-active', cancelled: 'badge badge-disabled', no_show: 'badge badge-warn', burned: 'badge badge-warn' }[outcome];
  return (
    <span className={tone} data-testid="lesson-outcome" data-outcome={outcome}>
      {t(`outcome.${outcome}`)}
    </span>
  );
}

/** Everyone's lessons to come and gone by: a student's, a teacher's own, a methodist's placement lessons too. */
export function LessonsPage() {
  const t = useT();
  const user = useUser();
  const format = useDateFormat(user.timeZone);
  const { filters, setFilters } = useUrlFilters(FILTERS);
  const tab: Tab = TABS.find((name) => name === filters.when) ?? 'upcoming';
  const request = { ...activeFilters(filters), when: tab } as Parameters<typeof api.lessonJournal>[0];
  const lessons = useCursorList(
    (cursor, signal) => api.lessonJournal({ ...request, ...(cursor ? { cursor } : {}) }, signal),
    [tab, filters.language, filters.teacherId, filters.outcome, filters.kind],
  );
  // A student filters by their teachers; staff see their own lessons (a methodist: every placement lesson).
  const teachers = useQuery((signal) => (user.role === 'student' ? api.myTeachers(signal) : Promise.resolve(undefined)), [user.role]);

  const row = (lesson: LessonJournalEntry) => {
    const others = lesson.students.map((student) => student.name).join(', ');
    return (
      <tr key={lesson.id} data-testid="lesson-line" data-lesson-id={lesson.id}>
        <td>
          <time dateTime={lesson.startsAt}>{format.range(lesson.startsAt, lesson.endsAt)}</time>
        </td>
        <td>
          <Link to={lessonPath(lesson.id)} data-testid="lesson-open">
            {lesson.title ?? t(`kind.${lesson.kind}`)}
          </Link>{' '}
          <span className="muted">
            · {t(`language.${lesson.language}`)}
            {lesson.kind === 'placement' && lesson.title && ` · ${t('kind.placement')}`}
          </span>
          {lesson.planTitle && <div className="muted">{t('lessons.plan', { title: lesson.planTitle })}</div>}
        </td>
        <td>{user.role === 'student' ? lesson.teacher.name : others}</td>
        <td>
          <OutcomeBadge outcome={lesson.outcome} />
        </td>
        <td>
          {tab === 'upcoming' && lesson.status === 'scheduled' && (
            <Link className="btn btn-small btn-primary" to={`/lessons/${lesson.id}/room`}>
              {t('lesson.join')}
            </Link>
          )}
        </td>
      </tr>
    );
  };

  return (
    <Page title={t('nav.lessons')} testId="lessons-page">
      <Tabs tabs={TABS} current={tab} label={(name) => t(`lessons.tab.${name}`)} onSelect={(name) => setFilters({ when: name === 'upcoming' ? '' : name })} testId="lessons-tab">
        <FilterBar wide>
          <SelectField label={t('lessons.language')} value={filters.language} data-testid="lessons-language" onChange={(event) => setFilters({ language: event.target.value })}>
            <option value="">{t('lessons.any')}</option>
            {Language.options.map((language) => (
              <option key={language} value={language}>
                {t(`language.${language}`)}
              </option>
            ))}
          </SelectField>
          {teachers.data && (
            <SelectField label={t('lessons.teacher')} value={filters.teacherId} onChange={(event) => setFilters({ teacherId: event.target.value })}>
              <option value="">{t('lessons.any')}</option>
              {teachers.data.items.map(({ language, teacher }) => (
                <option key={`${language}-${teacher.id}`} value={teacher.id}>
                  {teacher.name}
                </option>
              ))}
            </SelectField>
          )}
          <SelectField label={t('lessons.outcome')} value={filters.outcome} data-testid="lessons-outcome" onChange={(event) => setFilters({ outcome: event.target.value })}>
            <option value="">{t('lessons.any')}</option>
            {LessonOutcome.options.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`outcome.${outcome}`)}
              </option>
            ))}
          </SelectField>
          {user.role !== 'student' && (
            <SelectField label={t('lessons.kind')} value={filters.kind} data-testid="lessons-kind" onChange={(event) => setFilters({ kind: event.target.value })}>
              <option value="">{t('lessons.any')}</option>
              {LessonKind.options.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kind.${kind}`)}
                </option>
              ))}
            </SelectField>
          )}
        </FilterBar>
        {lessons.error && <LoadError error={lessons.error} onRetry={lessons.reload} />}
        {lessons.items && (
          <DataTable
            rows={lessons.items}
            empty={t(tab === 'upcoming' ? 'lessons.noneUpcoming' : 'lessons.nonePast')}
            testId="lessons-list"
            busy={lessons.loading}
            columns={[t('lessons.when'), t('lessons.lesson'), user.role === 'student' ? t('lessons.teacher') : t('lessons.students'), t('lessons.outcome'), '']}
            row={row}
          />
        )}
        {lessons.hasMore && (
          <button type="button" className="btn btn-secondary" onClick={lessons.loadMore}>
            {t('common.showMore')}
          </button>
        )}
      </Tabs>
    </Page>
  );
}
