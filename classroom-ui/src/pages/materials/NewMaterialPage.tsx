import { MaterialKind } from '@panda/shared';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Page } from '../../components/Page';
import { useT } from '../../i18n';
import { sections } from '../../navigation';
import { MaterialForm } from './MaterialForm';
import type { MaterialsNotice } from './MaterialsPage';

/** `/materials/new?kind=…`: the form for that kind, or first the choice of a kind. */
export function NewMaterialPage() {
  const t = useT();
  const navigate = useNavigate();
  const kind = MaterialKind.safeParse(useSearchParams()[0].get('kind')).data;

  if (!kind) {
    return (
      <Page title={t('materials.new')}>
        <p className="muted">{t('materials.chooseKind')}</p>
        <ul className="kind-grid">
          {MaterialKind.options.map((option) => (
            <li key={option}>
              <Link className="card kind-card" to={`?kind=${option}`} data-testid={`new-${option}`}>
                <strong>{t(`materialKind.${option}`)}</strong>
                <span className="muted">{t(`materials.kindHint.${option}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </Page>
    );
  }

  return (
    <Page title={t('materials.newOf', { kind: t(`materialKind.${kind}`) })} actions={<BackToLibrary />}>
      <MaterialForm
        key={kind}
        kind={kind}
        onSaved={(material) => {
          const state: MaterialsNotice = { notice: t('materials.created', { title: material.title }) };
          void navigate(sections.materials, { state });
        }}
      />
    </Page>
  );
}

export function BackToLibrary() {
  const t = useT();
  return (
    <Link className="btn btn-secondary" to={sections.materials}>
      {t('materials.backToLibrary')}
    </Link>
  );
}
