import { useState } from 'react';
import type { LessonPlan } from '@panda/shared';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api } from '../../api/endpoints';
import { curatesLibrary } from '../../auth/roles';
import { useUser } from '../../auth/session';
import { Alert, LoadError } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Page } from '../../components/Page';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';
import { sections } from '../../navigation';
import { PlanForm } from './PlanForm';
import { CopyPlanButton, type PlanNotice } from './PlansPage';

/** `/plans/new` and `/plans/:id`: a plan's form, with copy and delete for a saved one. */
export function PlanPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id } = useParams();
  const notice = (useLocation().state as PlanNotice | null)?.notice;
  const loaded = useQuery((signal) => (id ? api.plan(id, signal) : Promise.resolve(undefined)), [id]);
  const [saved, setSaved] = useState<LessonPlan>();
  const plan = saved?.id === id ? saved : loaded.data;

  if (!id) {
    return (
      <Page title={t('plans.new')} actions={<BackToPlans />}>
        <PlanForm
          onSaved={(created) => {
            const state: PlanNotice = { notice: t('plans.created', { title: created.title }) };
            void navigate(sections.plans, { state });
          }}
        />
      </Page>
    );
  }

  if (!plan) {
    return (
      <Page title={t('nav.plans')} actions={<BackToPlans />}>
        {loaded.error ? <LoadError error={loaded.error} onRetry={loaded.reload} /> : <p className="muted">{t('common.loading')}</p>}
      </Page>
    );
  }

  return (
    <Page
      title={plan.title}
      testId="plan-page"
      actions={
        <>
          <BackToPlans />
          <CopyPlanButton planId={plan.id} title={plan.title} />
          <DeletePlanButton plan={plan} />
        </>
      }
    >
      {notice && !saved && <Alert tone="success">{notice}</Alert>}
      <PlanForm key={plan.id} plan={plan} onSaved={setSaved} />
    </Page>
  );
}

function BackToPlans() {
  const t = useT();
  return (
    <Link className="btn btn-secondary" to={sections.plans}>
      {t('plans.backToPlans')}
    </Link>
  );
}

function DeletePlanButton({ plan }: { plan: LessonPlan }) {
  const t = useT();
  const user = useUser();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  if (plan.owner.id !== user.id && !curatesLibrary(user.role)) return null;

  async function remove() {
    await api.removePlan(plan.id);
    const state: PlanNotice = { notice: t('plans.deleted', { title: plan.title }) };
    await navigate(sections.plans, { state });
  }

  return (
    <>
      <button type="button" className="btn btn-danger-outline" onClick={() => setConfirming(true)}>
        {t('plans.delete')}
      </button>
      {confirming && (
        <ConfirmDialog
          title={t('plans.deleteTitle', { title: plan.title })}
          text={t('plans.deleteText')}
          confirmLabel={t('plans.delete')}
          onConfirm={remove}
          onClose={() => setConfirming(false)}
        />
      )}
    </>
  );
}
