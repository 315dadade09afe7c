import { useMemo, useState } from 'react';
import { LessonPlanQuery, type Lesson, type LessonPlanOfLesson, type LessonPlanSummary } from '@panda/shared';
import { Link } from 'react-router';
import { asApiError } from '../api/client';
import { api } from '../api/endpoints';
import { useFilteredList } from '../hooks/useFilteredList';
import { useQuery } from '../hooks/useQuery';
import { useT } from '../i18n';
import { sections } from '../navigation';
import { Alert, LoadError } from './Alert';
import { CatalogLine } from './CatalogLine';
import { SearchField } from './FilterBar';
import { Modal } from './Modal';
import { MoreButton } from './MoreButton';

/** The plan of a lesson its teacher runs, and a way to choose another (or none). */
export function LessonPlanControl({ lesson }: { lesson: Lesson }) {
  const t = useT();
  const loaded = useQuery((signal) => api.lessonPlan(lesson.id, signal), [lesson.id]);
  const [assigned, setAssigned] = useState<LessonPlanOfLesson>();
  const [choosing, setChoosing] = useState(false);
  const plan = (assigned ?? loaded.data)?.plan;
  if (loaded.error) return null;

  return (
    <div className="lesson-plan" data-testid="lesson-plan">
      <span className="muted">{t('lessonPlan.label')}</span>{' '}
      {plan ? (
        <Link to={`${sections.plans}/${plan.id}`} data-testid="lesson-plan-title">
          {plan.title}
        </Link>
      ) : (
        <span>{loaded.data ? t('lessonPlan.none') : '…'}</span>
      )}{' '}
      <button
        type="button"
        className="btn btn-link"
        onClick={() => setChoosing(true)}
        aria-label={t('lessonPlan.chooseLabel', { lesson: lesson.title ?? t(`kind.${lesson.kind}`) })}
        data-testid="lesson-plan-choose"
      >
        {plan ? t('lessonPlan.change') : t('lessonPlan.choose')}
      </button>
      {choosing && (
        <ChoosePlanDialog
          lesson={lesson}
          currentPlanId={plan?.id ?? null}
          onChosen={(result) => {
            setAssigned(result);
            setChoosing(false);
          }}
          onClose={() => setChoosing(false)}
        />
      )}
    </div>
  );
}

interface ChoosePlanDialogProps {
  lesson: Pick<Lesson, 'id' | 'language'>;
  currentPlanId: string | null;
  onChosen: (result: LessonPlanOfLesson) => void;
  onClose: () => void;
}

/** Plans in the lesson's language, searched by title; the server refuses a plan of another language. */
export function ChoosePlanDialog({ lesson, currentPlanId, onChosen, onClose }: ChoosePlanDialogProps) {
  const t = useT();
  const [q, setQ] = useState('');
  // One object per search: the list reloads when its filters change, not on every render.
  const filters = useMemo(() => ({ q, language: lesson.language }), [q, lesson.language]);
  const { list, errors } = useFilteredList<LessonPlanSummary, typeof filters>(LessonPlanQuery, filters, api.plans);
  const [error, setError] = useState<string | null>(null);

  async function assign(planId: string | null) {
    setError(null);
    try {
      onChosen(await api.assignLessonPlan(lesson.id, { planId }));
    } catch (failure) {
      const apiError = asApiError(failure);
      setError(apiError.fieldErrors[0]?.message ?? t(`error.${apiError.code}`));
    }
  }

  return (
    <Modal title={t('lessonPlan.dialogTitle')} onClose={onClose} wide>
      <p className="muted">{t('lessonPlan.dialogLead', { language: t(`language.${lesson.language}`) })}</p>
      <SearchField label={t('plans.search')} value={q} onChange={setQ} error={errors.q} data-testid="lesson-plan-search" />
      {error && <Alert tone="error">{error}</Alert>}
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      {list.items?.length === 0 && <p className="empty">{t('plans.empty')}</p>}
      {list.items && list.items.length > 0 && (
        <ul className="picker-list" aria-busy={list.loading}>
          {list.items.map((plan) => (
            <li key={plan.id} className="picker-item" data-testid="lesson-plan-option">
              <div>
                <p className="list-card-title">
                  {plan.title} <span className="badge">{t('plans.materialCount', { count: plan.materialCount })}</span>
                </p>
                <CatalogLine record={plan} />
              </div>
              <button
                type="button"
                className="btn btn-secondary btn-small"
                disabled={plan.id === currentPlanId}
                aria-label={t('lessonPlan.useLabel', { title: plan.title })}
                onClick={() => void assign(plan.id)}
                data-testid="lesson-plan-use"
              >
                {plan.id === currentPlanId ? t('lessonPlan.current') : t('lessonPlan.use')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <MoreButton list={list} />
      <div className="form-actions">
        {currentPlanId && (
          <button type="button" className="btn btn-secondary" onClick={() => void assign(null)}>
            {t('lessonPlan.clear')}
          </button>
        )}
      </div>
    </Modal>
  );
}
