import { useState, type SubmitEvent } from 'react';
import { LessonPlanBody, type LessonPlan, type MaterialSummary } from '@panda/shared';
import { Link } from 'react-router';
import { api } from '../../api/endpoints';
import { useUser } from '../../auth/session';
import { Alert } from '../../components/Alert';
import { CatalogFieldset, catalogDraftOf, catalogInput, type CatalogDraft } from '../../components/catalogFields';
import { KindBadge } from '../../components/CatalogLine';
import { TextField } from '../../components/fields';
import { FormFooter } from '../../components/FormFooter';
import { ReorderButtons } from '../../components/ReorderButtons';
import { useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n';
import { moveItem, removeAt } from '../../lib/lists';
import { sections } from '../../navigation';
import { MaterialPicker } from './MaterialPicker';

interface PlanFormProps {
  /** The plan being changed; none while creating one. */
  plan?: LessonPlan;
  onSaved: (plan: LessonPlan) => void;
}

/** A plan's details and its materials in lesson order, picked from the library. */
export function PlanForm({ plan, onSaved }: PlanFormProps) {
  const t = useT();
  const user = useUser();
  const [title, setTitle] = useState(plan?.title ?? '');
  const [catalog, setCatalog] = useState<CatalogDraft>(() =>
    plan ? catalogDraftOf(plan) : { language: user.teaches[0] ?? 'en', level: '', course: '', topic: '', lessonNumber: '' },
  );
  const [materials, setMaterials] = useState<MaterialSummary[]>(plan?.materials ?? []);
  const [picking, setPicking] = useState(false);
  const [saved, setSaved] = useState(false);
  const { fieldErrors, formError, pending, submit } = useSubmit();

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const input = { title, ...catalogInput(catalog), materialIds: materials.map((material) => material.id) };
    void submit(LessonPlanBody, input, async (body) => {
      onSaved(plan ? await api.replacePlan(plan.id, body) : await api.createPlan(body));
      setSaved(true);
    });
  }

  return (
    <>
      <form className="form" noValidate onSubmit={onSubmit} data-testid="plan-form">
      <section className="card form" aria-labelledby="plan-about">
        <h2 id="plan-about">{t('plans.about')}</h2>
        <TextField
          label={t('plans.title')}
          required
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          error={fieldErrors.title}
          data-testid="plan-title"
        />
        <CatalogFieldset value={catalog} onChange={setCatalog} errors={fieldErrors} />
      </section>
      <section className="card form" aria-labelledby="plan-materials">
        <h2 id="plan-materials">{t('plans.materials')}</h2>
        {materials.length === 0 ? (
          <p className="muted">{t('plans.noMaterials')}</p>
        ) : (
          <ol className="plan-materials" data-testid="plan-materials">
            {materials.map((material, index) => (
              <li key={material.id} className="plan-material" data-testid="plan-material">
                <span className="plan-material-number">{index + 1}.</span>
                <span className="plan-material-title">
                  <Link to={`${sections.materials}/${material.id}`}>{material.title}</Link> <KindBadge kind={material.kind} />
                  {material.archived && <span className="badge badge-warn">{t('materials.archivedBadge')}</span>}
                </span>
                {fieldErrors[`materialIds.${index}`] && <span className="field-error">{fieldErrors[`materialIds.${index}`]}</span>}
                <span className="row-actions">
                  <ReorderButtons
                    index={index}
                    count={materials.length}
                    label={material.title}
                    onMove={(to) => setMaterials(moveItem(materials, index, to))}
                  />
                  <button
                    type="button"
                    className="btn btn-icon btn-small"
                    aria-label={t('plans.removeMaterial', { title: material.title })}
                    title={t('plans.removeMaterial', { title: material.title })}
                    onClick={() => setMaterials(removeAt(materials, index))}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                </span>
              </li>
            ))}
          </ol>
        )}
        {fieldErrors.materialIds && <p className="field-error">{fieldErrors.materialIds}</p>}
        <div>
          <button type="button" className="btn btn-secondary" onClick={() => setPicking(true)} data-testid="plan-add-materials">
            {t('plans.addMaterials')}
          </button>
        </div>
      </section>
      <FormFooter
        layout="actions"
        error={formError}
        pending={pending}
        submitLabel={plan ? t('common.save') : t('plans.create')}
        submitTestId="plan-save"
      >
        {saved && !pending && <Alert tone="success">{t('plans.savedNotice')}</Alert>}
      </FormFooter>
      </form>
      {/* Outside the form: Enter in the picker's search box must not submit the plan. */}
      {picking && (
        <MaterialPicker
          language={catalog.language}
          chosen={materials}
          onAdd={(material) => setMaterials((current) => [...current, material])}
          onClose={() => setPicking(false)}
        />
      )}
    </>
  );
}
