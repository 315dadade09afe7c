import { useEffect, useState } from 'react';
import { type Lesson, MINUTE_MS, WEEK_MS } from '@panda/shared';
import { Link } from 'react-router';
import { api } from '../api/endpoints';
import { useUser } from '../auth/session';
import { LoadError } from '../components/Alert';
import { LessonCard } from '../components/LessonCard';
import { Page } from '../components/Page';
import { useDateFormat } from '../hooks/useDateFormat';
import { useMeta } from '../hooks/useMeta';
import { useQuery } from '../hooks/useQuery';
import { useT } from '../i18n';
import { sections } from '../navigation';
import { loadRoomPage } from '../room/load';
import { CreditChoiceBanner } from './credits/CreditChoiceBanner';


export function DashboardPage() {
  const t = useT();
  const user = useUser();
  return (
    <Page title={t('nav.dashboard')} heading={t('dashboard.greeting', { name: user.name })} testId="dashboard">
      <div className="dashboard-grid">
        <UpcomingLessons />
        {user.role === 'student' && <Credits />}
        {user.role === 'student' && <WordsToReview />}
      </div>
    </Page>
  );
}

function UpcomingLessons() {
  const t = useT();
  const user = useUser();
  // Fixed when the page opens, so re-renders don't refetch with a moving window.
  const [range] = useState(() => {
    const now = Date.now();
    return { from: new Date(now).toISOString(), to: new Date(now + WEEK_MS).toISOString() };
  });
  const lessons = useQuery((signal) => api.myLessons(range, signal), [range]);
  const items = lessons.data?.items.toSorted((a, b) => a.startsAt.localeCompare(b.startsAt));
  const meta = useMeta();
  // A lesson whose room is open now is likely the next click: its code is fetched meanwhile.
  const roomOpenNow = meta !== undefined && items?.some((lesson) => isRoomOpen(lesson, meta.roomOpensBeforeMinutes, Date.now())) === true;
  useEffect(() => {
    if (roomOpenNow) loadRoomPage().catch(() => undefined);
  }, [roomOpenNow]);

  return (
    <section className="card" aria-labelledby="upcoming-title">
      <h2 id="upcoming-title">{t('dashboard.upcoming')}</h2>
      <p className="muted">{t('dashboard.upcomingHint', { timeZone: user.timeZone })}</p>
      {lessons.error && <LoadError error={lessons.error} onRetry={lessons.reload} />}
      {!items && !lessons.error && <p className="muted">{t('common.loading')}</p>}
      {items?.length === 0 && <p className="empty">{t('dashboard.noLessons')}</p>}
      {items && items.length > 0 && (
        <ul className="lesson-list">
          {items.map((lesson) => (
            <LessonCard key={lesson.id} lesson={lesson} />
          ))}
        </ul>
      )}
    </section>
  );
}

function isRoomOpen(lesson: Lesson, opensBeforeMinutes: number, now: number): boolean {
  const opensAt = new Date(lesson.startsAt).getTime() - opensBeforeMinutes * MINUTE_MS;
  return lesson.status === 'scheduled' && opensAt <= now && now < new Date(lesson.endsAt).getTime();
}

function Credits() {
  const t = useT();
  const user = useUser();
  const format = useDateFormat(user.timeZone);
  const credits = useQuery((signal) => api.myCredits(signal), []);

  return (
    <section className="card credits" aria-labelledby="credits-title">
      <h2 id="credits-title">{t('credits.title')}</h2>
      {credits.error && <LoadError error={credits.error} onRetry={credits.reload} />}
      {!credits.data && !credits.error && <p className="muted">{t('common.loading')}</p>}
      {credits.data && (
        <>
          <p className="credits-balance" data-testid="credit-balance">
            {credits.data.balance}
          </p>
          {credits.data.expiresAt && (
            <p className="muted">{t('credits.expires', { date: format.date(credits.data.expiresAt) })}</p>
          )}
          {credits.data.balance === 0 && <p className="muted">{t('credits.none')}</p>}
          {credits.data.choice && <CreditChoiceBanner choice={credits.data.choice} />}
          <Link to={sections.credits}>{t('credits.details')}</Link>
        </>
      )}
    </section>
  );
}

function WordsToReview() {
  const t = useT();
  const due = useQuery((signal) => api.dueWords(signal), []);
  return (
    <section className="card" aria-labelledby="review-count-title">
      <h2 id="review-count-title">{t('dictionary.review.title')}</h2>
      {due.error && <LoadError error={due.error} onRetry={due.reload} />}
      {due.data && (
        <>
          <p className="credits-balance" data-testid="due-words">
            {due.data.total}
          </p>
          <Link to={`${sections.dictionary}?tab=review`}>{t('dictionary.review.start')}</Link>
        </>
      )}
    </section>
  );
}
