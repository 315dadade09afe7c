import { useState } from 'react';
import type { Language, MyPlacement, PlacementResult, PlacementStatus } from '@panda/shared';
import { Link } from 'react-router';
import { api } from '../../api/endpoints';
import { useUser } from '../../auth/session';
import { Alert, LoadError } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';
import { StudentPlacementForm } from './StudentPlacementForm';

/** The student's free placement lessons: asked for, booked, held, and what came of them. */
export function FreeLessonsPage() {
  const t = useT();
  const user = useUser();
  const placements = useQuery((signal) => api.myPlacements(signal), []);
  const data = placements.data;

  return (
    <Page title={t('nav.freeLessons')} testId="free-lessons-page">
      <div className="free-lessons">
        <p className="muted">{t('freeLessons.lead')}</p>
        {placements.error && <LoadError error={placements.error} onRetry={placements.reload} />}
        {data?.items.length === 0 && (
          <p className="empty" data-testid="free-lessons-empty">
            {t('freeLessons.empty')}
          </p>
        )}
        {data && data.items.length > 0 && (
          <>
            <p className="muted">{t('freeLessons.timeZone', { timeZone: user.timeZone })}</p>
            <PlacementLines items={data.items} busy={placements.loading} />
          </>
        )}
        {data && <AskForFreeLesson languages={data.languagesToAsk} first={data.items.length === 0} onAsked={placements.reload} />}
      </div>
    </Page>
  );
}

function PlacementLines({ items, busy }: { items: readonly MyPlacement[]; busy: boolean }) {
  // Fixed when the page opens, like the dashboard's: a lesson that has ended by now is not joined from here.
  const [openedAt] = useState(() => Date.now());
  return (
    <ul className="card-list" aria-busy={busy} data-testid="placement-list">
      {items.map((placement) => (
        <PlacementLine key={placement.id} placement={placement} openedAt={openedAt} />
      ))}
    </ul>
  );
}

function PlacementLine({ placement, openedAt }: { placement: MyPlacement; openedAt: number }) {
  const t = useT();
  const user = useUser();
  const format = useDateFormat(user.timeZone);
  const { lesson } = placement;
  // As on the dashboard and in Lessons: a booked lesson not over yet is joined; the room says when it opens.
  const joinable = lesson?.status === 'scheduled' && placement.status === 'scheduled' && Date.parse(lesson.endsAt) > openedAt;

  return (
    <li className="card list-card" data-testid="placement-line" data-placement-id={placement.id} data-language={placement.language}>
      <div className="list-card-main">
        <p className="list-card-title">
          {t(`language.${placement.language}`)} <PlacementStatusBadge status={placement.status} />
        </p>
        <p className="muted">{placement.askedAt ? t('freeLessons.askedOn', { date: format.date(placement.askedAt) }) : t('freeLessons.bookedForYou')}</p>
        {lesson && (
          <p data-testid="placement-lesson">
            <time dateTime={lesson.startsAt}>{format.range(lesson.startsAt, lesson.endsAt)}</time>
            {placement.methodist && ` · ${t('freeLessons.methodist', { name: placement.methodist.name })}`}
          </p>
        )}
        {placement.status === 'new' && <p className="muted">{t('freeLessons.waitingForTime')}</p>}
        {placement.status === 'held' && <p className="muted">{t('freeLessons.waitingForResult')}</p>}
        {placement.results.length > 0 && <PlacementResults results={placement.results} />}
      </div>
      {joinable && (
        <Link className="btn btn-primary" to={`/lessons/${lesson.id}/room`} data-testid="placement-join">
          {t('lesson.join')}
        </Link>
      )}
    </li>
  );
}

/** Waiting reads plain, a lesson that took place stands out, a cancelled one fades. */
const STATUS_BADGE: Record<PlacementStatus, string> = {
  new: 'badge',
  scheduled: 'badge',
  held: 'badge badge-active',
  assessed: 'badge badge-active',
  cancelled: 'badge badge-disabled',
};

function PlacementStatusBadge({ status }: { status: PlacementStatus }) {
  const t = useT();
  return (
    <span className={STATUS_BADGE[status]} data-testid="placement-status" data-status={status}>
      {t(`freeLessons.status.${status}`)}
    </span>
  );
}

function PlacementResults({ results }: { results: readonly PlacementResult[] }) {
  const t = useT();
  return (
    <DataTable
      caption={t('freeLessons.result')}
      columns={[t('placement.language'), t('placement.level'), t('placement.goal'), t('placement.teacher')]}
      rows={results}
      row={(result) => (
        <tr key={result.language} data-testid="placement-result" data-language={result.language}>
          <td>{t(`language.${result.language}`)}</td>
          <td data-testid="placement-result-level">{result.level ?? '—'}</td>
          <td data-testid="placement-result-goal">{result.goal ?? '—'}</td>
          <td data-testid="placement-result-teacher">{result.teacher?.name ?? t('freeLessons.noTeacher')}</td>
        </tr>
      )}
    />
  );
}

interface AskProps {
  /** The languages the student may still ask for (the API's `languagesToAsk`). */
  languages: readonly Language[];
  /** No free lesson yet: the form is the way to the first one. */
  first: boolean;
  onAsked: () => void;
}

function AskForFreeLesson({ languages, first, onAsked }: AskProps) {
  const t = useT();
  // Kept here, not in the form: the form starts over with the languages left after each request.
  const [sent, setSent] = useState(false);
  return (
    <section className="card" aria-labelledby="free-lessons-ask-title" data-testid="free-lessons-ask">
      <h2 id="free-lessons-ask-title">{t(first ? 'freeLessons.askFirst' : 'freeLessons.askAnother')}</h2>
      {sent && <Alert tone="success">{t('freeLessons.sent')}</Alert>}
      {languages.length === 0 ? (
        <p className="muted" data-testid="free-lessons-none-left">
          {t('freeLessons.noLanguageLeft')}
        </p>
      ) : (
        <StudentPlacementForm
          key={languages.join()}
          languages={languages}
          layout="actions"
          onSent={() => {
            setSent(true);
            onAsked();
          }}
        />
      )}
    </section>
  );
}
