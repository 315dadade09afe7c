import { useState, type SubmitEvent } from 'react';
import {
  CreateWeeklySlotBody,
  Language,
  PlacementAssessmentBody,
  SchedulePlacementBody,
  type Enrollment,
  type PlacementRequestDetail,
  type TeacherList,
} from '@panda/shared';
import { Link, useParams } from 'react-router';
import { api } from '../../api/endpoints';
import { Alert, LoadError } from '../../components/Alert';
import { EmailField } from '../../components/accountFields';
import { LevelSelect } from '../../components/catalogFields';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Checkbox, SelectField, TextAreaField, TextField } from '../../components/fields';
import { FormFooter } from '../../components/FormFooter';
import { LoadingScreen } from '../../components/LoadingScreen';
import { Page } from '../../components/Page';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useQuery } from '../../hooks/useQuery';
import { scopeErrors, useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n';

/** The lengths the school offers; the placement lesson is usually the shortest. */
const DURATIONS = [45, 60, 90] as const;

/** One placement request: book the lesson, hold it in the room, then record the outcome and the weekly slots. */
export function PlacementPage() {
  const t = useT();
  const { id = '' } = useParams();
  const request = useQuery((signal) => api.placementRequest(id, signal), [id]);
  const teachers = useQuery((signal) => api.teachers(signal), []);
  const [cancelling, setCancelling] = useState(false);

  if (request.error) return <LoadError error={request.error} onRetry={request.reload} />;
  if (!request.data) return <LoadingScreen />;
  const data = request.data;
  const open = data.status === 'new' || data.status === 'scheduled';
  const canAssess = data.lesson !== null && data.status !== 'new' && data.status !== 'cancelled';

  return (
    <Page
      title={t('placement.title', { name: data.name })}
      actions={
        open && (
          <button type="button" className="btn btn-danger-outline" onClick={() => setCancelling(true)}>
            {t('placement.cancel')}
          </button>
        )
      }
    >
      <RequestFacts request={data} />
      {open && <ScheduleForm request={data} onScheduled={request.reload} />}
      {canAssess && teachers.data && <AssessmentForm request={data} teachers={teachers.data} onSaved={request.reload} />}
      {data.status === 'assessed' && data.student && <WeeklySlots enrollments={data.enrollments} />}
      {cancelling && (
        <ConfirmDialog
          title={t('placement.cancel')}
          text={t('placement.cancelText')}
          confirmLabel={t('placement.cancel')}
          onConfirm={async () => {
            await api.cancelPlacement(data.id);
            setCancelling(false);
            request.reload();
          }}
          onClose={() => setCancelling(false)}
        />
      )}
    </Page>
  );
}

function RequestFacts({ request }: { request: PlacementRequestDetail }) {
  const t = useT();
  const format = useDateFormat();
  return (
    <dl className="facts">
      <dt>{t('placement.status')}</dt>
      <dd data-testid="placement-status" data-status={request.status}>
        {t(`placement.status.${request.status}`)}
      </dd>
      <dt>{t('placement.contact')}</dt>
      <dd>{request.contact}</dd>
      <dt>{t('placement.language')}</dt>
      <dd>{t(`language.${request.language}`)}</dd>
      {request.comment && (
        <>
          <dt>{t('placement.comment')}</dt>
          <dd>{request.comment}</dd>
        </>
      )}
      <dt>{t('placement.asked')}</dt>
      <dd>{format.dateTime(request.createdAt)}</dd>
      {request.lesson && (
        <>
          <dt>{t('placement.lesson')}</dt>
          <dd data-testid="placement-lesson">
            {format.range(request.lesson.startsAt, request.lesson.endsAt)}{' '}
            {request.lesson.status === 'scheduled' && <Link to={`/lessons/${request.lesson.id}/room`}>{t('placement.enterRoom')}</Link>}
            {request.lesson.status === 'cancelled' && <span className="badge badge-warn">{t('placement.lessonCancelled')}</span>}
          </dd>
        </>
      )}
    </dl>
  );
}

function ScheduleForm({ request, onScheduled }: { request: PlacementRequestDetail; onScheduled: () => void }) {
  const t = useT();
  const [startsAt, setStartsAt] = useState('');
  const [duration, setDuration] = useState<number>(DURATIONS[0]);
  const [email, setEmail] = useState('');
  const { fieldErrors, formError, pending, submit } = useSubmit();
  // A visitor who left a phone or Telegram needs an address for their invitation.
  const needsEmail = !request.student && !request.email;

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    // `datetime-local` is the browser's wall-clock time; the API takes an instant.
    const instant = startsAt ? new Date(startsAt).toISOString() : '';
    void submit(SchedulePlacementBody, { startsAt: instant, durationMinutes: duration, email: needsEmail ? email : undefined }, async (body) => {
      await api.schedulePlacement(request.id, body);
      onScheduled();
    });
  }

  return (
    <form className="form subform" noValidate onSubmit={onSubmit}>
      <h2>{t(request.lesson ? 'placement.reschedule' : 'placement.schedule')}</h2>
      <p className="muted">{t('placement.scheduleLead')}</p>
      <TextField type="datetime-local" data-testid="placement-starts-at" label={t('placement.startsAt')} value={startsAt} onChange={(event) => setStartsAt(event.target.value)} error={fieldErrors.startsAt} />
      <SelectField label={t('placement.duration')} value={duration} onChange={(event) => setDuration(Number(event.target.value))} error={fieldErrors.durationMinutes}>
        {DURATIONS.map((minutes) => (
          <option key={minutes} value={minutes}>
            {t('placement.minutes', { minutes })}
          </option>
        ))}
      </SelectField>
      {needsEmail && <EmailField autoComplete={undefined} hint={t('placement.emailHint')} value={email} onChange={setEmail} error={fieldErrors.email} />}
      <FormFooter layout="actions" error={formError} pending={pending} submitLabel={t('placement.book')} submitTestId="placement-book" />
    </form>
  );
}

interface Draft {
  include: boolean;
  level: string;
  goal: string;
  notes: string;
  teacherId: string;
}

function AssessmentForm({ request, teachers, onSaved }: { request: PlacementRequestDetail; teachers: TeacherList; onSaved: () => void }) {
  const t = useT();
  const [drafts, setDrafts] = useState<Record<Language, Draft>>(() => {
    const draft = (language: Language): Draft => {
      const enrollment = request.enrollments.find((e) => e.language === language);
      return {
        include: language === request.language || enrollment !== undefined,
        level: enrollment?.level ?? '',
        goal: enrollment?.goal ?? '',
        notes: enrollment?.notes ?? '',
        teacherId: enrollment?.teacher?.id ?? '',
      };
    };
    return { en: draft('en'), zh: draft('zh') };
  });
  const { fieldErrors, formError, pending, submit } = useSubmit();
  const [saved, setSaved] = useState(false);
  const chosen = Language.options.filter((language) => drafts[language].include);
  const update = (language: Language, change: Partial<Draft>) => setDrafts((current) => ({ ...current, [language]: { ...current[language], ...change } }));

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const assessments = chosen.map((language) => {
      const { level, goal, notes, teacherId } = drafts[language];
      return { language, level, goal, notes: notes || undefined, teacherId };
    });
    void submit(PlacementAssessmentBody, { assessments }, async (body) => {
      await api.assessPlacement(request.id, body);
      setSaved(true);
      onSaved();
    });
  }

  return (
    <form className="form subform" noValidate onSubmit={onSubmit}>
      <h2>{t('placement.assessment')}</h2>
      <p className="muted">{t('placement.assessmentLead')}</p>
      {Language.options.map((language) => {
        const draft = drafts[language];
        const index = chosen.indexOf(language);
        const errors = scopeErrors(fieldErrors, `assessments.${index}`);
        return (
          <fieldset key={language} className="subform" data-testid={`assessment-${language}`}>
            <legend>{t(`language.${language}`)}</legend>
            <Checkbox label={t('placement.assessLanguage')} checked={draft.include} onChange={(event) => update(language, { include: event.target.checked })} />
            {draft.include && (
              <>
                <LevelSelect language={language} label={t('placement.level')} value={draft.level} onChange={(level) => update(language, { level })} error={errors.level} data-testid="assessment-level" />
                <TextField label={t('placement.goal')} data-testid="assessment-goal" value={draft.goal} onChange={(event) => update(language, { goal: event.target.value })} error={errors.goal} />
                <TextAreaField label={t('placement.notes')} data-testid="assessment-notes" rows={3} value={draft.notes} onChange={(event) => update(language, { notes: event.target.value })} error={errors.notes} />
                <SelectField label={t('placement.teacher')} data-testid="assessment-teacher" value={draft.teacherId} onChange={(event) => update(language, { teacherId: event.target.value })} error={errors.teacherId}>
                  <option value="">—</option>
                  {teachers.items
                    .filter((teacher) => teacher.teaches.includes(language))
                    .map((teacher) => (
                      <option key={teacher.id} value={teacher.id}>
                        {teacher.name}
                      </option>
                    ))}
                </SelectField>
              </>
            )}
          </fieldset>
        );
      })}
      <FormFooter layout="actions" error={formError ?? fieldErrors.assessments ?? null} pending={pending} submitLabel={t('placement.saveAssessment')} submitTestId="assessment-save">
        {saved && <Alert tone="success">{t('placement.assessed')}</Alert>}
      </FormFooter>
    </form>
  );
}

/** The regular lessons agreed at the placement lesson: one weekly series per slot. */
function WeeklySlots({ enrollments }: { enrollments: Enrollment[] }) {
  const t = useT();
  const assigned = enrollments.filter((enrollment) => enrollment.teacher);
  return (
    <section className="subform">
      <h2>{t('placement.weeklySlots')}</h2>
      <p className="muted">{t('placement.weeklySlotsLead')}</p>
      {assigned.map((enrollment) => (
        <WeeklySlotForm key={enrollment.id} enrollment={enrollment} />
      ))}
    </section>
  );
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
type Weekday = (typeof WEEKDAYS)[number];

function WeeklySlotForm({ enrollment }: { enrollment: Enrollment }) {
  const t = useT();
  const format = useDateFormat();
  const [weekday, setWeekday] = useState<Weekday>(1);
  const [startTime, setStartTime] = useState('');
  const [duration, setDuration] = useState<number>(DURATIONS[1]);
  const [added, setAdded] = useState<string[]>([]);
  const { fieldErrors, formError, pending, submit } = useSubmit();
  const teacher = enrollment.teacher;
  if (!teacher) return null;

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { studentId: enrollment.student.id, teacherId: teacher?.id, language: enrollment.language, weekday, startTime, durationMinutes: duration };
    void submit(CreateWeeklySlotBody, input, async (body) => {
      const created = await api.createWeeklySlot(body);
      const first = created.lessons[0];
      setAdded((current) => [...current, t('placement.slotAdded', { weekday: t(`placement.day.${weekday}`), time: body.startTime, first: first ? format.dateTime(first.startsAt) : '—' })]);
    });
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit} data-testid={`weekly-slot-${enrollment.language}`}>
      <h3>{t('placement.slotFor', { language: t(`language.${enrollment.language}`), teacher: teacher.name })}</h3>
      {added.map((line) => (
        <div key={line} data-testid="weekly-slot-added">
          <Alert tone="success">{line}</Alert>
        </div>
      ))}
      <div className="field-grid">
        <SelectField label={t('placement.weekday')} data-testid="weekly-slot-weekday" value={weekday} onChange={(event) => setWeekday(WEEKDAYS.find((day) => day === Number(event.target.value)) ?? 1)} error={fieldErrors.weekday}>
          {WEEKDAYS.map((day) => (
            <option key={day} value={day}>
              {t(`placement.day.${day}`)}
            </option>
          ))}
        </SelectField>
        <TextField type="time" data-testid="weekly-slot-time" label={t('placement.startTime')} hint={t('placement.startTimeHint')} value={startTime} onChange={(event) => setStartTime(event.target.value)} error={fieldErrors.startTime} />
        <SelectField label={t('placement.duration')} value={duration} onChange={(event) => setDuration(Number(event.target.value))} error={fieldErrors.durationMinutes}>
          {DURATIONS.map((minutes) => (
            <option key={minutes} value={minutes}>
              {t('placement.minutes', { minutes })}
            </option>
          ))}
        </SelectField>
      </div>
      <FormFooter layout="actions" error={formError} pending={pending} submitLabel={t('placement.addSlot')} submitTestId="weekly-slot-add" />
    </form>
  );
}
