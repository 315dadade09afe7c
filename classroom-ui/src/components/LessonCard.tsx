import type { Lesson } from '@panda/shared';
import { Link } from 'react-router';
import { useUser } from '../auth/session';
import { useDateFormat } from '../hooks/useDateFormat';
import { useT } from '../i18n';
import { LessonPlanControl } from './LessonPlanControl';

export function LessonCard({ lesson }: { lesson: Lesson }) {
  const t = useT();
  const user = useUser();
  const format = useDateFormat(user.timeZone);
  const when = format.range(lesson.startsAt, lesson.endsAt);
  const students = lesson.students.map((student) => student.name).join(', ');
  const studentsLine =
    lesson.students.length === 1 ? t('lesson.student', { name: students }) : t('lesson.students', { names: students });

  return (
    <li className="lesson">
      <time className="lesson-when" dateTime={lesson.startsAt}>
        {when}
      </time>
      <div className="lesson-what">
        <p className="lesson-title">
          {lesson.title ?? t(`kind.${lesson.kind}`)}
          <span className="badge">{t(`language.${lesson.language}`)}</span>
          {lesson.title && <span className="badge">{t(`kind.${lesson.kind}`)}</span>}
          {lesson.status !== 'scheduled' && <span className="badge badge-warn">{t(`status.${lesson.status}`)}</span>}
        </p>
        <p className="muted">
          {t('lesson.teacher', { name: lesson.teacher.name })}
          {students && ` · ${studentsLine}`}
        </p>
        {lesson.teacher.id === user.id && (
          <>
            <LessonPlanControl lesson={lesson} />
            <Link className="lesson-tests-link" to={`/lessons/${lesson.id}/tests`} data-testid="lesson-tests">
              {t('attempts.link')}
            </Link>
          </>
        )}
      </div>
      {lesson.status === 'scheduled' && (
        <Link className="btn btn-primary" to={`/lessons/${lesson.id}/room`} aria-label={t('lesson.joinLabel', { when })}>
          {t('lesson.join')}
        </Link>
      )}
    </li>
  );
}
