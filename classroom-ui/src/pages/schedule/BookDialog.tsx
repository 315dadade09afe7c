import { useMemo, useState } from 'react';
import { type Language, WEEK_MS } from '@panda/shared';
import { api } from '../../api/endpoints';
import { asApiError } from '../../api/client';
import { useUser } from '../../auth/session';
import { Alert, LoadError } from '../../components/Alert';
import { SelectField } from '../../components/fields';
import { Modal } from '../../components/Modal';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useMeta } from '../../hooks/useMeta';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';
import { addDays, dayInZone } from './calendarDates';

interface BookDialogProps {
  onClose: () => void;
  onBooked: () => void;
  /** Staff book one of their free times for this student, in this language; a student books for themselves. */
  student?: { id: string; name: string; language: Language };
}

/**
 * A student picks one of their teacher's free times, a week at a time, shown in their own time
 * zone; a teacher picks one of their own for a student.
 */
export function BookDialog({ onClose, onBooked, student }: BookDialogProps) {
  const t = useT();
  const user = useUser();
  const meta = useMeta();
  const format = useDateFormat(user.timeZone);
  const teachers = useQuery((signal) => (student ? Promise.resolve({ items: [{ language: student.language, teacher: { id: user.id, name: user.name } }] }) : api.myTeachers(signal)), [student, user]);
  const [language, setLanguage] = useState<Language | null>(null);
  const [duration, setDuration] = useState(60);
  const [week, setWeek] = useState(0);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const chosen = teachers.data?.items.find((item) => item.language === language) ?? teachers.data?.items[0];
  const from = useMemo(() => new Date(Date.now() + week * WEEK_MS).toISOString(), [week]);
  const to = new Date(Date.parse(from) + WEEK_MS).toISOString();
  const free = useQuery(
    (signal) => (chosen ? api.freeTimes(chosen.teacher.id, { from, to, durationMinutes: duration }, signal) : Promise.resolve(undefined)),
    [chosen?.teacher.id, from, duration],
  );
  const byDay = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const start of free.data?.starts ?? []) {
      const day = dayInZone(start, user.timeZone);
      map.set(day, [...(map.get(day) ?? []), start]);
    }
    return map;
  }, [free.data, user.timeZone]);

  async function book(startsAt: string) {
    if (!chosen) return;
    setMessage(null);
    try {
      await api.bookLesson({ language: chosen.language, kind: 'regular', startsAt, durationMinutes: duration, ...(student ? { studentId: student.id } : {}) });
      setMessage({ tone: 'success', text: t('schedule.book.booked', { when: format.dateTime(startsAt) }) });
      onBooked();
      free.reload();
    } catch (failure) {
      setMessage({ tone: 'error', text: t(`error.${asApiError(failure).code}`) });
    }
  }

  const today = dayInZone(new Date(from), user.timeZone);
  return (
    <Modal title={student ? t('schedule.book.titleFor', { student: student.name }) : t('schedule.book.title')} wide onClose={onClose}>
      {teachers.error && <LoadError error={teachers.error} onRetry={teachers.reload} />}
      {teachers.data && !chosen && <p>{t('schedule.book.noTeacher')}</p>}
      {chosen && (
        <>
          <div className="field-grid">
            <SelectField label={t('schedule.book.language')} value={chosen.language} onChange={(event) => setLanguage(event.target.value as Language)}>
              {teachers.data?.items.map((item) => (
                <option key={item.language} value={item.language}>
                  {t(`language.${item.language}`)} — {item.teacher.name}
                </option>
              ))}
            </SelectField>
            <SelectField label={t('schedule.duration')} value={duration} onChange={(event) => setDuration(Number(event.target.value))}>
              {(meta?.lessonDurations ?? [60]).map((option) => (
                <option key={option} value={option}>
                  {t('schedule.minutes', { minutes: option })}
                </option>
              ))}
            </SelectField>
          </div>
          <p className="muted">{student ? t('schedule.book.leadOwn', { zone: user.timeZone }) : t('schedule.book.lead', { teacher: chosen.teacher.name, zone: user.timeZone })}</p>
          {message && (
            <div data-testid="book-message" data-tone={message.tone}>
              <Alert tone={message.tone}>{message.text}</Alert>
            </div>
          )}
          {free.error && <LoadError error={free.error} onRetry={free.reload} />}
          <div className="row-actions">
            <button type="button" className="btn btn-secondary btn-small" disabled={week === 0} onClick={() => setWeek(week - 1)}>
              {t('schedule.previous')}
            </button>
            <button type="button" className="btn btn-secondary btn-small" onClick={() => setWeek(week + 1)}>
              {t('schedule.next')}
            </button>
          </div>
          {free.data && free.data.starts.length === 0 && <p className="muted">{t('schedule.book.none')}</p>}
          <div className="schedule-free">
            {Array.from({ length: 8 }, (_, i) => addDays(today, i))
              .filter((day) => byDay.has(day))
              .map((day) => (
                <section key={day}>
                  <h3>{format.date((byDay.get(day) as string[])[0] as string)}</h3>
                  <div className="row-actions">
                    {(byDay.get(day) as string[]).map((start) => (
                      <button key={start} type="button" className="btn btn-secondary btn-small" data-testid="free-time" data-start={start} aria-label={t('schedule.book.at', { when: format.dateTime(start) })} onClick={() => void book(start)}>
                        {format.time(start)}
                      </button>
                    ))}
                  </div>
                </section>
              ))}
          </div>
        </>
      )}
    </Modal>
  );
}
