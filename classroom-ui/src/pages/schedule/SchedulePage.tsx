import { useMemo, useState } from 'react';
import { type CalendarLesson, isOneOf, TEACHING } from '@panda/shared';
import { api } from '../../api/endpoints';
import { useUser } from '../../auth/session';
import { Alert, LoadError } from '../../components/Alert';
import { Page } from '../../components/Page';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useQuery } from '../../hooks/useQuery';
import { useLocale, useT } from '../../i18n';
import { AvailabilityDialog } from './AvailabilityDialog';
import { BookDialog } from './BookDialog';
import { addDays, dayInZone, fetchRange, visibleDays } from './calendarDates';
import { LessonDialog } from './LessonDialog';

type View = 'week' | 'month';

/** The week or month of lessons in the viewer's time zone, with booking, availability and the calendar feed. */
export function SchedulePage() {
  const t = useT();
  const { locale } = useLocale();
  const user = useUser();
  const zone = user.timeZone;
  const format = useDateFormat(zone);
  const [view, setView] = useState<View>('week');
  const [anchor, setAnchor] = useState(() => dayInZone(new Date(), zone));
  const [open, setOpen] = useState<CalendarLesson | null>(null);
  const [dialog, setDialog] = useState<'book' | 'availability' | null>(null);
  const [feedUrl, setFeedUrl] = useState<string | null>(null);

  const days = useMemo(() => visibleDays(anchor, view), [anchor, view]);
  const range = fetchRange(days);
  const calendar = useQuery((signal) => api.calendar(range, signal), [range.from, range.to]);
  const byDay = useMemo(() => {
    const map = new Map<string, CalendarLesson[]>();
    for (const lesson of calendar.data?.items ?? []) {
      const day = dayInZone(lesson.startsAt, zone);
      map.set(day, [...(map.get(day) ?? []), lesson]);
    }
    return map;
  }, [calendar.data, zone]);

  const dayName = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: view === 'week' ? 'short' : undefined });
  const title = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(`${anchor}T00:00:00Z`));
  const step = (direction: number) => setAnchor((day) => (view === 'week' ? addDays(day, 7 * direction) : addDays(`${day.slice(0, 8)}15`, 30 * direction)));
  const today = dayInZone(new Date(), zone);
  const teaches = isOneOf(TEACHING, user.role);

  async function newFeed() {
    setFeedUrl((await api.newCalendarFeed()).url);
  }

  return (
    <Page
      title={t('nav.schedule')}
      testId="schedule-page"
      actions={
        <>
          {user.role === 'student' && (
            <button type="button" className="btn btn-primary" data-testid="schedule-book" onClick={() => setDialog('book')}>
              {t('schedule.book')}
            </button>
          )}
          {teaches && (
            <button type="button" className="btn btn-secondary" data-testid="schedule-availability" onClick={() => setDialog('availability')}>
              {t('schedule.availability')}
            </button>
          )}
          <button type="button" className="btn btn-secondary" onClick={() => void newFeed()}>
            {t('schedule.feed')}
          </button>
        </>
      }
    >
      {feedUrl && (
        <Alert tone="info">
          {t('schedule.feedLead')} <input className="schedule-feed" readOnly value={feedUrl} aria-label={t('schedule.feed')} onFocus={(event) => event.target.select()} />
        </Alert>
      )}
      <div className="schedule-toolbar">
        <div className="row-actions">
          <button type="button" className="btn btn-secondary btn-small" onClick={() => step(-1)} aria-label={t('schedule.previous')}>
            ‹
          </button>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setAnchor(today)}>
            {t('schedule.today')}
          </button>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => step(1)} aria-label={t('schedule.next')}>
            ›
          </button>
        </div>
        <h2>{title}</h2>
        <div className="row-actions" role="group" aria-label={t('schedule.view')}>
          {(['week', 'month'] as const).map((option) => (
            <button key={option} type="button" className={`btn btn-small ${view === option ? 'btn-primary' : 'btn-secondary'}`} aria-pressed={view === option} onClick={() => setView(option)}>
              {t(`schedule.${option}`)}
            </button>
          ))}
        </div>
      </div>
      <p className="muted">{t('schedule.timeZone', { zone })}</p>
      {calendar.error && <LoadError error={calendar.error} onRetry={calendar.reload} />}
      <div className={`schedule-grid schedule-${view}`}>
        {days.map((day) => (
          <section key={day} className={`schedule-day${day === today ? ' schedule-today' : ''}${view === 'month' && day.slice(5, 7) !== anchor.slice(5, 7) ? ' schedule-other-month' : ''}`} aria-label={dayName.format(new Date(`${day}T00:00:00Z`))}>
            <h3>{dayName.format(new Date(`${day}T00:00:00Z`))}</h3>
            {(byDay.get(day) ?? []).map((lesson) => (
              <button
                key={lesson.id}
                type="button"
                className={`schedule-lesson schedule-${lesson.status}`}
                data-testid="calendar-lesson"
                data-lesson-id={lesson.id}
                data-status={lesson.status}
                data-awaiting-payment={lesson.awaitingPayment.length > 0}
                onClick={() => setOpen(lesson)}
              >
                <span className="schedule-lesson-time">{format.time(lesson.startsAt)}</span> {lesson.kind === 'placement' ? t('kind.placement') : t(`language.${lesson.language}`)}
                {view === 'week' && <span className="schedule-lesson-who">{user.role === 'student' ? lesson.teacher.name : lesson.students.map((s) => s.name).join(', ')}</span>}
                {lesson.status !== 'scheduled' && <span className="badge">{t(`status.${lesson.status}`)}</span>}
                {lesson.awaitingPayment.length > 0 && <span className="badge badge-warn">{t('schedule.awaitingPayment')}</span>}
              </button>
            ))}
          </section>
        ))}
      </div>
      {open && (
        <LessonDialog
          lesson={open}
          onClose={() => setOpen(null)}
          onChanged={() => {
            setOpen(null);
            calendar.reload();
          }}
        />
      )}
      {dialog === 'book' && <BookDialog onClose={() => setDialog(null)} onBooked={calendar.reload} />}
      {dialog === 'availability' && <AvailabilityDialog onClose={() => setDialog(null)} />}
    </Page>
  );
}
