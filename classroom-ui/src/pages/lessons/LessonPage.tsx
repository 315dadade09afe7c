import { lazy, Suspense, useState } from 'react';
import type { ChatMessage, LessonOverview } from '@panda/shared';
import { Link, useParams } from 'react-router';
import { api } from '../../api/endpoints';
import { useUser } from '../../auth/session';
import { LoadError } from '../../components/Alert';
import { ChoosePlanDialog } from '../../components/LessonPlanControl';
import { LoadingScreen } from '../../components/LoadingScreen';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';
import { sections } from '../../navigation';
import { ScoreText, StandingBadge } from '../homework/HomeworkPage';
import { assignHomeworkPath, submissionPath } from '../homework/paths';
import { MaterialView } from '../materials/MaterialView';
import { LessonDialog } from '../schedule/LessonDialog';
import { OutcomeBadge } from './LessonsPage';
import { lessonReplayPath } from './paths';

// tldraw is most of the board's weight: loaded only when someone opens the board.
const ArchivedLessonBoard = lazy(() => import('../../board/LessonBoard').then((board) => ({ default: board.ArchivedLessonBoard })));

/**
 * One lesson whole, for its teacher and students (a methodist: placement lessons too): how it
 * went, who came, its plan, the materials shown on its board, the tests taken, the homework set
 * in it and the chat. What may be done with it (join, cancel, move, mark) is offered here too.
 */
export function LessonPage() {
  const t = useT();
  const { id = '' } = useParams();
  const overview = useQuery((signal) => api.lessonOverview(id, signal), [id]);
  return (
    <Page title={overview.data ? (overview.data.lesson.title ?? t(`kind.${overview.data.lesson.kind}`)) : t('nav.lessons')} testId="lesson-page">
      <p>
        <Link to={sections.lessons}>{t('lessons.back')}</Link>
      </p>
      {overview.error && <LoadError error={overview.error} onRetry={overview.reload} />}
      {overview.data && <LessonDetails overview={overview.data} onChanged={overview.reload} />}
    </Page>
  );
}

function LessonDetails({ overview, onChanged }: { overview: LessonOverview; onChanged: () => void }) {
  const t = useT();
  const user = useUser();
  const format = useDateFormat(user.timeZone);
  const { lesson, attendance, chat, homework } = overview;
  const teaches = lesson.teacher.id === user.id || user.role === 'admin';
  const [managing, setManaging] = useState(false);
  const [choosingPlan, setChoosingPlan] = useState(false);
  const plan = useQuery((signal) => api.lessonPlan(lesson.id, signal), [lesson.id]);
  const shown = useQuery((signal) => api.shownMaterials(lesson.id, signal), [lesson.id]);
  const tests = useQuery((signal) => api.testAttempts(lesson.id, signal), [lesson.id]);

  return (
    <>
      {managing && (
        <LessonDialog
          lesson={lesson}
          onClose={() => setManaging(false)}
          onChanged={() => {
            setManaging(false);
            onChanged();
          }}
        />
      )}
      <section className="card" aria-labelledby="lesson-facts">
        <h2 id="lesson-facts">{t('lessons.facts')}</h2>
        <dl className="facts">
          <dt>{t('lessons.when')}</dt>
          <dd>
            <time dateTime={lesson.startsAt}>{format.range(lesson.startsAt, lesson.endsAt)}</time>
          </dd>
          <dt>{t('lessons.language')}</dt>
          <dd>
            {t(`language.${lesson.language}`)}
            {lesson.kind === 'placement' && ` · ${t('kind.placement')}`}
          </dd>
          <dt>{t('lessons.teacher')}</dt>
          <dd data-testid="lesson-teacher">{lesson.teacher.name}</dd>
          <dt>{t('lessons.students')}</dt>
          <dd>{lesson.students.map((student) => student.name).join(', ')}</dd>
          <dt>{t('lessons.outcome')}</dt>
          <dd>
            <OutcomeBadge outcome={lesson.outcome} />
          </dd>
        </dl>
        <div className="form-actions">
          {lesson.status === 'scheduled' && (
            <Link className="btn btn-primary" to={`/lessons/${lesson.id}/room`}>
              {t('lesson.join')}
            </Link>
          )}
          {lesson.status === 'scheduled' && (
            <button type="button" className="btn btn-secondary" data-testid="lesson-manage" onClick={() => setManaging(true)}>
              {t(teaches ? 'lessons.manage' : 'lessons.cancelOrView')}
            </button>
          )}
        </div>
      </section>

      <section className="card" aria-labelledby="lesson-attendance">
        <h2 id="lesson-attendance">{t('lessons.attendance')}</h2>
        <DataTable
          rows={attendance}
          testId="lesson-attendance"
          columns={[t('lessons.student'), t('lessons.came'), t('lessons.minutes')]}
          row={(line) => (
            <tr key={line.student.id} data-testid="attendance-line" data-present={line.present}>
              <td>{line.student.name}</td>
              <td>{line.present ? t('lessons.present') : t('lessons.absent')}</td>
              <td>{line.present ? t('schedule.minutes', { minutes: line.minutes }) : '—'}</td>
            </tr>
          )}
        />
      </section>

      <section className="card" aria-labelledby="lesson-plan">
        <h2 id="lesson-plan">{t('lessons.planHeading')}</h2>
        {plan.error && <LoadError error={plan.error} onRetry={plan.reload} />}
        {plan.data && !plan.data.plan && <p className="empty">{t('lessons.noPlan')}</p>}
        {plan.data?.plan && (
          <>
            <p data-testid="lesson-plan-title">{plan.data.plan.title}</p>
            <ol data-testid="lesson-plan-materials">
              {plan.data.plan.materials.map((material) => (
                <li key={material.id}>
                  {material.title} <span className="muted">· {t(`materialKind.${material.kind}`)}</span>
                </li>
              ))}
            </ol>
          </>
        )}
        {teaches && lesson.status === 'scheduled' && plan.data && (
          <button type="button" className="btn btn-secondary" data-testid="lesson-plan-choose" onClick={() => setChoosingPlan(true)}>
            {plan.data.plan ? t('lessonPlan.change') : t('lessonPlan.choose')}
          </button>
        )}
        {choosingPlan && (
          <ChoosePlanDialog
            lesson={lesson}
            currentPlanId={plan.data?.plan?.id ?? null}
            onChosen={() => {
              setChoosingPlan(false);
              plan.reload();
            }}
            onClose={() => setChoosingPlan(false)}
          />
        )}
      </section>

      <section className="card" aria-labelledby="lesson-shown">
        <h2 id="lesson-shown">{t('lessons.shown')}</h2>
        {shown.error && <LoadError error={shown.error} onRetry={shown.reload} />}
        {shown.data && shown.data.items.length === 0 && <p className="empty">{t('lessons.noneShown')}</p>}
        {shown.data?.items.map(({ material, shownAt }) => (
          <details key={material.materialId} className="shown-material" data-testid="shown-material">
            <summary>
              {material.title} <span className="muted">· {t(`materialKind.${material.kind}`)} · {format.time(shownAt)}</span>
            </summary>
            <MaterialView material={material} />
          </details>
        ))}
      </section>

      {lesson.status !== 'scheduled' && lesson.status !== 'cancelled' && <BoardSection lessonId={lesson.id} />}

      <section className="card" aria-labelledby="lesson-tests">
        <h2 id="lesson-tests">{t('lessons.tests')}</h2>
        {tests.error && <LoadError error={tests.error} onRetry={tests.reload} />}
        {tests.data && (
          <DataTable
            rows={tests.data.items}
            empty={t('lessons.noTests')}
            testId="lesson-tests"
            columns={[t('lessons.test'), t('lessons.student'), t('homework.score')]}
            row={(attempt) => (
              <tr key={attempt.id} data-testid="test-line">
                <td>{attempt.materialTitle}</td>
                <td>{attempt.student.name}</td>
                <td>{t('test.scoreOf', { score: attempt.result.score, max: attempt.result.maxScore })}</td>
              </tr>
            )}
          />
        )}
        {teaches && tests.data && tests.data.items.length > 0 && <Link to={`/lessons/${lesson.id}/tests`}>{t('attempts.link')}</Link>}
      </section>

      <section className="card" aria-labelledby="lesson-homework">
        <h2 id="lesson-homework">{t('lessons.homework')}</h2>
        <DataTable
          rows={homework}
          empty={t('lessons.noHomework')}
          testId="lesson-homework"
          columns={[t('homework.titleColumn'), t('lessons.student'), t('homework.standing'), t('homework.score')]}
          row={(line) => (
            <tr key={line.id} data-testid="lesson-homework-line">
              <td>
                <Link to={submissionPath(line.id)}>{line.title}</Link>
              </td>
              <td>{line.student.name}</td>
              <td>
                <StandingBadge line={line} />
              </td>
              <td>
                <ScoreText line={line} />
              </td>
            </tr>
          )}
        />
        {teaches && (
          <Link className="btn btn-secondary" to={`${assignHomeworkPath}?lesson=${encodeURIComponent(lesson.id)}`}>
            {t('homework.assign')}
          </Link>
        )}
      </section>

      <LessonChat chat={chat} empty={t('lessons.noChat')} testId="lesson-chat" />
    </>
  );
}

/** A lesson's chat as it was written, each message with its time and author. */
export function LessonChat({ chat, empty, testId }: { chat: readonly ChatMessage[]; empty: string; testId: string }) {
  const t = useT();
  const user = useUser();
  const format = useDateFormat(user.timeZone);
  return (
    <section className="card" aria-labelledby={`${testId}-heading`}>
      <h2 id={`${testId}-heading`}>{t('lessons.chat')}</h2>
      {chat.length === 0 && <p className="empty">{empty}</p>}
      <ul className="lesson-chat" data-testid={testId}>
        {chat.map((message) => (
          <li key={message.id}>
            <span className="muted">
              {format.time(message.sentAt)} · {message.name}:
            </span>{' '}
            {message.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The board as the lesson left it, opened on demand and read-only. */
function BoardSection({ lessonId }: { lessonId: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <section className="card" aria-labelledby="lesson-board-heading">
      <h2 id="lesson-board-heading">{t('lessons.board')}</h2>
      {open ? (
        <div className="archived-board" data-testid="archived-board">
          <Suspense fallback={<LoadingScreen />}>
            <ArchivedLessonBoard lessonId={lessonId} />
          </Suspense>
        </div>
      ) : (
        <p className="actions">
          <button type="button" className="btn btn-secondary" data-testid="open-archived-board" onClick={() => setOpen(true)}>
            {t('lessons.openBoard')}
          </button>
          <Link className="btn btn-primary" to={lessonReplayPath(lessonId)} data-testid="watch-lesson">
            {t('lessons.watch')}
          </Link>
        </p>
      )}
    </section>
  );
}
