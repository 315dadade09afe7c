import { useState } from 'react';
import { LessonPlanQuery, type LessonPlanSummary } from '@panda/shared';
import { Link, useLocation, useNavigate } from 'react-router';
import { asApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { Alert, LoadError } from '../../components/Alert';
import { CatalogLine } from '../../components/CatalogLine';
import { LanguageSelect, LessonNumberField } from '../../components/catalogFields';
import { Checkbox, TextField } from '../../components/fields';
import { FilterBar, SearchField } from '../../components/FilterBar';
import { MoreButton } from '../../components/MoreButton';
import { Page } from '../../components/Page';
import { useFilteredList } from '../../hooks/useFilteredList';
import { useUrlFilters } from '../../hooks/useUrlFilters';
import { useT } from '../../i18n';
import { sections } from '../../navigation';

const planFilterNames = ['q', 'language', 'course', 'lessonNumber', 'mine'] as const;

/** History state the plan pages leave for each other: what just happened. */
export interface PlanNotice {
  notice?: string;
}

export function PlansPage() {
  const t = useT();
  const notice = (useLocation().state as PlanNotice | null)?.notice;
  const { filters, setFilters } = useUrlFilters(planFilterNames);
  const { list, errors } = useFilteredList<LessonPlanSummary, typeof filters>(LessonPlanQuery, filters, api.plans);

  return (
    <Page
      title={t('nav.plans')}
      testId="plans-page"
      actions={
        <Link className="btn btn-primary" to={`${sections.plans}/new`} data-testid="new-plan">
          {t('plans.new')}
        </Link>
      }
    >
      {notice && <Alert tone="success">{notice}</Alert>}
      <FilterBar wide>
        <SearchField label={t('plans.search')} value={filters.q} onChange={(q) => setFilters({ q })} error={errors.q} />
        <LanguageSelect
          emptyLabel={t('catalog.anyLanguage')}
          value={filters.language}
          onChange={(language) => setFilters({ language })}
          error={errors.language}
        />
        <TextField
          label={t('catalog.course')}
          value={filters.course}
          onChange={(event) => setFilters({ course: event.target.value })}
          error={errors.course}
        />
        <LessonNumberField
          value={filters.lessonNumber}
          onChange={(lessonNumber) => setFilters({ lessonNumber })}
          error={errors.lessonNumber}
        />
        <div className="filter-flags">
          <Checkbox
            label={t('plans.mineOnly')}
            checked={filters.mine === 'true'}
            onChange={(event) => setFilters({ mine: event.target.checked ? 'true' : '' })}
          />
        </div>
      </FilterBar>
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      {list.items?.length === 0 && <p className="empty">{t('plans.empty')}</p>}
      {list.items && list.items.length > 0 && (
        <ul className="card-list" aria-busy={list.loading} data-testid="plan-list">
          {list.items.map((plan) => (
            <PlanItem key={plan.id} plan={plan} />
          ))}
        </ul>
      )}
      <MoreButton list={list} />
    </Page>
  );
}

function PlanItem({ plan }: { plan: LessonPlanSummary }) {
  const t = useT();
  return (
    <li className="card list-card" data-testid="plan-item">
      <div className="list-card-main">
        <p className="list-card-title">
          <Link to={`${sections.plans}/${plan.id}`}>{plan.title}</Link>
          <span className="badge">{t('plans.materialCount', { count: plan.materialCount })}</span>
        </p>
        <CatalogLine record={plan} />
      </div>
      <p className="muted list-card-owner">{plan.owner.name}</p>
      <CopyPlanButton planId={plan.id} title={plan.title} small />
    </li>
  );
}

/** Copies a plan into a new one of the person's own and opens the copy. */
export function CopyPlanButton({ planId, title, small = false }: { planId: string; title: string; small?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function copy() {
    setPending(true);
    setError(null);
    try {
      const copied = await api.copyPlan(planId);
      const state: PlanNotice = { notice: t('plans.copied', { title: copied.title }) };
      await navigate(`${sections.plans}/${copied.id}`, { state });
    } catch (failure) {
      setError(t(`error.${asApiError(failure).code}`));
      setPending(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className={small ? 'btn btn-secondary btn-small' : 'btn btn-secondary'}
        disabled={pending}
        aria-label={t('plans.copyLabel', { title })}
        onClick={() => void copy()}
        data-testid="plan-copy"
      >
        {t('plans.copy')}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
