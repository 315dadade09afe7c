import { useState } from 'react';
import { type CalendarLesson, MINUTE_MS } from '@panda/shared';
import { Link } from 'react-router';
import { api } from '../../api/endpoints';
import { asApiError } from '../../api/client';
import { useUser } from '../../auth/session';
import { Alert } from '../../components/Alert';
import { SelectField, TextField } from '../../components/fields';
import { Modal } from '../../components/Modal';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useMeta } from '../../hooks/useMeta';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';
import { fromLocalInput, toLocalInput } from './calendarDates';

interface LessonDialogProps {
  lesson: CalendarLesson;
  onClose: () => void;
  /** The lesson was cancelled, moved or marked. */
  onChanged: () => void;
}

/** A lesson of the calendar: its details, and what the viewer may do with it. */
export function LessonDialog({ lesson, onClose, onChanged }: LessonDialogProps) {
  const t = useT();
  const user = useUser();
  const meta = useMeta();
  const format = useDateFormat(user.timeZone);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [moving, setMoving] = useState(false);
  const [startsAt, setStartsAt] = useState(() => toLocalInput(lesson.startsAt, user.timeZone));
  const minutes = (Date.parse(lesson.endsAt) - Date.parse(lesson.startsAt)) / MINUTE_MS;
  const [duration, setDuration] = useState(minutes);
  const upcoming = lesson.status === 'scheduled' && Date.parse(lesson.startsAt) > Date.now();
  const started = lesson.status === 'scheduled' && Date.parse(lesson.startsAt) <= Date.now();
  const teachesIt = lesson.teacher.id === user.id || user.role === 'admin';
  const preview = useQuery((signal) => (upcoming ? api.cancellationPreview(lesson.id, signal) : Promise.resolve(undefined)), [lesson.id, upcoming]);

  async function act(action: () => Promise<unknown>) {
    setPending(true);
    setError(null);
    try {
      await action();
      onChanged();
    } catch (failure) {
      const apiError = asApiError(failure);
      setError(apiError.fieldErrors[0]?.message ?? t(`error.${apiError.code}`));
      setPending(false);
    }
  }

  const warning = preview.data && {
    release: t('schedule.cancel.release'),
    burn: t('schedule.cancel.burn', { time: format.dateTime(preview.data.freeUntil) }),
    none: t('schedule.cancel.none'),
  }[preview.data.outcome];

  return (
    <Modal title={lesson.kind === 'placement' ? t('kind.placement') : t(`language.${lesson.language}`)} onClose={onClose}>
      <dl className="facts">
        <dt>{t('schedule.lesson.when')}</dt>
        <dd>{format.range(lesson.startsAt, lesson.endsAt)}</dd>
        <dt>{t('schedule.lesson.teacher')}</dt>
        <dd>{lesson.teacher.name}</dd>
        <dt>{t('schedule.lesson.students')}</dt>
        <dd>{lesson.students.map((s) => s.name).join(', ')}</dd>
        <dt>{t('schedule.lesson.status')}</dt>
        <dd>
          {t(`status.${lesson.status}`)}
          {lesson.awaitingPayment.length > 0 && <> · {t('schedule.awaitingPaymentLong')}</>}
        </dd>
        {lesson.title && (
          <>
            <dt>{t('schedule.lesson.topic')}</dt>
            <dd>{lesson.title}</dd>
          </>
        )}
      </dl>
      {error && <Alert tone="error">{error}</Alert>}
      {moving ? (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            void act(() => api.moveLesson(lesson.id, { startsAt: fromLocalInput(startsAt, user.timeZone).toISOString(), durationMinutes: duration }));
          }}
        >
          <p className="muted">{t('schedule.move.lead')}</p>
          <TextField label={t('schedule.move.startsAt', { zone: user.timeZone })} type="datetime-local" value={startsAt} onChange={(event) => setStartsAt(event.target.value)} required />
          <SelectField label={t('schedule.duration')} value={duration} onChange={(event) => setDuration(Number(event.target.value))}>
            {[...new Set([...(meta?.lessonDurations ?? []), minutes])].map((option) => (
              <option key={option} value={option}>
                {t('schedule.minutes', { minutes: option })}
              </option>
            ))}
          </SelectField>
          <div className="form-actions">
            <button type="button" className="btn btn-secondary" onClick={() => setMoving(false)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={pending}>
              {t('schedule.move')}
            </button>
          </div>
        </form>
      ) : (
        <>
          {upcoming && warning && (
            <div data-testid="cancel-warning" data-outcome={preview.data?.outcome}>
              <Alert tone={preview.data?.outcome === 'burn' ? 'error' : 'info'}>{warning}</Alert>
            </div>
          )}
          <div className="form-actions">
            {lesson.status === 'scheduled' && (
              <Link className="btn btn-secondary" to={`/lessons/${lesson.id}/room`}>
                {t('lesson.join')}
              </Link>
            )}
            {upcoming && teachesIt && (
              <button type="button" className="btn btn-secondary" onClick={() => setMoving(true)}>
                {t('schedule.move')}
              </button>
            )}
            {started && teachesIt && (
              <>
                <button type="button" className="btn btn-secondary" disabled={pending} onClick={() => void act(() => api.markLesson(lesson.id, { status: 'no_show' }))}>
                  {t('schedule.markNoShow')}
                </button>
                <button type="button" className="btn btn-primary" data-testid="lesson-mark-held" disabled={pending} onClick={() => void act(() => api.markLesson(lesson.id, { status: 'held' }))}>
                  {t('schedule.markHeld')}
                </button>
              </>
            )}
            {upcoming && (
              <button type="button" className="btn btn-danger-outline" data-testid="lesson-cancel" disabled={pending || !preview.data} onClick={() => void act(() => api.cancelLesson(lesson.id))}>
                {t('schedule.cancel')}
              </button>
            )}
          </div>
        </>
      )}
    </Modal>
  );
}
