import { useMemo, useState } from 'react';
import { CURATORS, isOneOf, type Language, type LessonJournalQuery, type StudentCard, type StudentLanguageCard } from '@panda/shared';
import { Link, useParams } from 'react-router';
import { api } from '../../api/endpoints';
import { useUser } from '../../auth/session';
import { LoadError } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { SelectField } from '../../components/fields';
import { FilterBar, SearchField } from '../../components/FilterBar';
import { LoadingScreen } from '../../components/LoadingScreen';
import { Modal } from '../../components/Modal';
import { Page } from '../../components/Page';
import { Tabs } from '../../components/Tabs';
import { useCursorList } from '../../hooks/useCursorList';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';
import { sections } from '../../navigation';
import { WordForm } from '../dictionary/WordsTab';
import { homeworkApi } from '../homework/homeworkApi';
import { assignHomeworkPath } from '../homework/paths';
import { ProgressView } from '../homework/ProgressCharts';
import { StudentHomework } from '../homework/StudentProgressPage';
import { OutcomeBadge } from '../lessons/LessonsPage';
import { lessonPath } from '../lessons/paths';
import { BookDialog } from '../schedule/BookDialog';
import { ReassignDialog } from './ReassignDialog';
import { CreditsLeft } from './StudentsPage';

const TABS = ['progress', 'lessons', 'homework', 'dictionary'] as const;
type Tab = (typeof TABS)[number];

type Dialog = { kind: 'book' | 'word' | 'reassign'; line: StudentLanguageCard };

/**
 * A student as their teacher (the languages they teach them) or the methodist sees them: each
 * language's standing with quick actions, then their progress, lessons, homework and dictionary.
 */
export function StudentCardPage() {
  const t = useT();
  const { id = '' } = useParams();
  const card = useQuery((signal) => api.student(id, signal), [id]);
  const [tab, setTab] = useState<Tab>('progress');

  if (card.error) return <LoadError error={card.error} onRetry={card.reload} />;
  if (!card.data) return <LoadingScreen />;
  const { student, languages } = card.data;
  return (
    <Page
      title={student.name}
      testId="student-card"
      actions={
        <Link className="btn btn-secondary" to={sections.students}>
          {t('students.back')}
        </Link>
      }
    >
      <p className="muted">{student.email}</p>
      <LanguageLines card={card.data} onChanged={card.reload} />
      <Tabs tabs={TABS} current={tab} label={(name) => t(`students.tab.${name}`)} onSelect={setTab} testId="student-tab">
        {tab === 'progress' && <ProgressView key={languages.map((line) => line.language).join()} studentId={student.id} languages={languages.map((line) => line.language)} />}
        {tab === 'lessons' && <StudentLessons studentId={student.id} />}
        {tab === 'homework' && <StudentHomeworkTab studentId={student.id} />}
        {tab === 'dictionary' && languages.length > 0 && <StudentDictionary studentId={student.id} languages={languages.map((line) => line.language)} />}
      </Tabs>
    </Page>
  );
}

/** A line per language: level, goal, teacher, next lesson, dictionary; and what the viewer may do there. */
function LanguageLines({ card, onChanged }: { card: StudentCard; onChanged: () => void }) {
  const t = useT();
  const user = useUser();
  const format = useDateFormat(user.timeZone);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const teachers = useQuery((signal) => (isOneOf(CURATORS, user.role) ? api.teachers(signal) : Promise.resolve(undefined)), [user.role]);
  const bookFor = useMemo(
    () => (dialog?.kind === 'book' ? { id: card.student.id, name: card.student.name, language: dialog.line.language } : undefined),
    [dialog, card.student],
  );
  const close = () => setDialog(null);

  return (
    <section className="card" aria-labelledby="student-languages">
      <h2 id="student-languages">{t('student.enrollments')}</h2>
      <p>
        {t('students.lessonsLeft')}: <CreditsLeft credits={card.credits} />
      </p>
      <DataTable
        rows={card.languages}
        empty={t('student.noEnrollments')}
        testId="student-languages"
        columns={[t('students.language'), t('placement.goal'), t('placement.teacher'), t('students.nextLesson'), t('students.words')]}
        actions
        row={(line) => {
          const mine = line.teacher?.id === user.id;
          return (
            <tr key={line.enrollmentId} data-testid="student-language" data-language={line.language}>
              <td>
                {t(`language.${line.language}`)} <span className="muted">· {line.level ?? '—'}</span>
              </td>
              <td>{line.goal ?? '—'}</td>
              <td>{line.teacher?.name ?? t('students.noTeacher')}</td>
              <td>
                {line.nextLesson ? (
                  <Link to={lessonPath(line.nextLesson.id)}>
                    <time dateTime={line.nextLesson.startsAt}>{format.dateTime(line.nextLesson.startsAt)}</time>
                  </Link>
                ) : (
                  '—'
                )}
              </td>
              <td>
                {line.dictionary.words}
                {line.dictionary.due > 0 && <span className="muted"> {t('students.due', { count: line.dictionary.due })}</span>}
              </td>
              <td>
                <div className="row-actions">
                  {mine && (
                    <>
                      <button type="button" className="btn btn-small btn-primary" data-testid="student-book" onClick={() => setDialog({ kind: 'book', line })}>
                        {t('students.book')}
                      </button>
                      <button type="button" className="btn btn-small btn-secondary" data-testid="student-add-word" onClick={() => setDialog({ kind: 'word', line })}>
                        {t('students.addWord')}
                      </button>
                      <Link className="btn btn-small btn-secondary" to={assignHomeworkPath}>
                        {t('students.setHomework')}
                      </Link>
                    </>
                  )}
                  {teachers.data && (
                    <button type="button" className="btn btn-small btn-secondary" data-testid="student-reassign" onClick={() => setDialog({ kind: 'reassign', line })}>
                      {t('student.reassign')}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          );
        }}
      />
      {bookFor && (
        <BookDialog
          student={bookFor}
          onClose={close}
          onBooked={onChanged}
        />
      )}
      {dialog?.kind === 'word' && (
        <Modal title={t('students.addWordTitle', { language: t(`language.${dialog.line.language}`) })} onClose={close}>
          <WordForm
            entry={null}
            addTo={{ studentId: card.student.id, language: dialog.line.language }}
            onSaved={() => {
              close();
              onChanged();
            }}
            onCancel={close}
          />
        </Modal>
      )}
      {dialog?.kind === 'reassign' && teachers.data && (
        <ReassignDialog
          enrollment={{ id: dialog.line.enrollmentId, language: dialog.line.language, teacher: dialog.line.teacher }}
          teachers={teachers.data}
          onClose={close}
          onSaved={() => {
            close();
            onChanged();
          }}
        />
      )}
    </section>
  );
}

/** The student's lessons the viewer may see, to come or gone by. */
function StudentLessons({ studentId }: { studentId: string }) {
  const t = useT();
  const format = useDateFormat(useUser().timeZone);
  const [when, setWhen] = useState<LessonJournalQuery['when']>('past');
  const lessons = useCursorList((cursor, signal) => api.lessonJournal({ studentId, when, ...(cursor ? { cursor } : {}) }, signal), [studentId, when]);
  return (
    <section className="card">
      <FilterBar>
        <SelectField label={t('lessons.when')} value={when} data-testid="student-lessons-when" onChange={(event) => setWhen(event.target.value === 'upcoming' ? 'upcoming' : 'past')}>
          <option value="past">{t('lessons.tab.past')}</option>
          <option value="upcoming">{t('lessons.tab.upcoming')}</option>
        </SelectField>
      </FilterBar>
      {lessons.error && <LoadError error={lessons.error} onRetry={lessons.reload} />}
      {lessons.items && (
        <DataTable
          rows={lessons.items}
          empty={t(when === 'upcoming' ? 'lessons.noneUpcoming' : 'lessons.nonePast')}
          testId="student-lessons"
          busy={lessons.loading}
          columns={[t('lessons.when'), t('lessons.lesson'), t('lessons.teacher'), t('lessons.outcome')]}
          row={(lesson) => (
            <tr key={lesson.id} data-testid="lesson-line">
              <td>
                <time dateTime={lesson.startsAt}>{format.range(lesson.startsAt, lesson.endsAt)}</time>
              </td>
              <td>
                <Link to={lessonPath(lesson.id)}>{lesson.title ?? t(`kind.${lesson.kind}`)}</Link> <span className="muted">· {t(`language.${lesson.language}`)}</span>
              </td>
              <td>{lesson.teacher.name}</td>
              <td>
                <OutcomeBadge outcome={lesson.outcome} />
              </td>
            </tr>
          )}
        />
      )}
      {lessons.hasMore && (
        <button type="button" className="btn btn-secondary" onClick={lessons.loadMore}>
          {t('common.showMore')}
        </button>
      )}
    </section>
  );
}

function StudentHomeworkTab({ studentId }: { studentId: string }) {
  const lines = useQuery((signal) => homeworkApi.submissions({ studentId }, signal), [studentId]);
  return <StudentHomework lines={lines} />;
}

/** The student's words in a language, searchable, with when each is next due. */
function StudentDictionary({ studentId, languages }: { studentId: string; languages: readonly Language[] }) {
  const t = useT();
  const format = useDateFormat(useUser().timeZone);
  const [language, setLanguage] = useState<Language>(languages[0] ?? 'en');
  const [q, setQ] = useState('');
  const search = useDebouncedValue(q.trim());
  const words = useCursorList(
    (cursor, signal) => api.studentDictionary(studentId, { language, ...(search ? { q: search } : {}) }, cursor, signal),
    [studentId, language, search],
  );
  return (
    <section className="card">
      <FilterBar>
        <SearchField label={t('students.searchWords')} value={q} onChange={setQ} />
        {languages.length > 1 && (
          <SelectField label={t('lessons.language')} value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
            {languages.map((option) => (
              <option key={option} value={option}>
                {t(`language.${option}`)}
              </option>
            ))}
          </SelectField>
        )}
      </FilterBar>
      {words.error && <LoadError error={words.error} onRetry={words.reload} />}
      {words.items && (
        <DataTable
          rows={words.items}
          empty={t('students.noWords')}
          testId="student-dictionary"
          busy={words.loading}
          columns={[t('students.word'), t('students.translation'), t('students.nextReview')]}
          row={(entry) => (
            <tr key={entry.id} data-testid="student-word">
              <td>
                {entry.word} {entry.transcription && <span className="muted">[{entry.transcription}]</span>}
              </td>
              <td>{entry.translation}</td>
              <td>{new Date(entry.schedule.due) <= new Date() ? <span className="badge badge-warn">{t('students.dueNow')}</span> : format.date(entry.schedule.due)}</td>
            </tr>
          )}
        />
      )}
      {words.hasMore && (
        <button type="button" className="btn btn-secondary" onClick={words.loadMore}>
          {t('common.showMore')}
        </button>
      )}
    </section>
  );
}
