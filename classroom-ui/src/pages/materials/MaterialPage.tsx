import { useState } from 'react';
import type { Material } from '@panda/shared';
import { useNavigate, useParams } from 'react-router';
import { asApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { curatesLibrary } from '../../auth/roles';
import { useUser } from '../../auth/session';
import { Alert, LoadError } from '../../components/Alert';
import { CatalogLine, KindBadge } from '../../components/CatalogLine';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Page } from '../../components/Page';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';
import { sections } from '../../navigation';
import { MaterialForm } from './MaterialForm';
import type { MaterialsNotice } from './MaterialsPage';
import { MaterialView } from './MaterialView';
import { BackToLibrary } from './NewMaterialPage';

/** A material: its form for those who may change it (owner, methodists, admins), otherwise a preview. */
export function MaterialPage() {
  const t = useT();
  const user = useUser();
  const { id = '' } = useParams();
  const loaded = useQuery((signal) => api.material(id, signal), [id]);
  // The saved version replaces the loaded one, so the page shows what the server now holds.
  const [saved, setSaved] = useState<Material>();
  const material = saved?.id === id ? saved : loaded.data;

  if (!material) {
    return (
      <Page title={t('nav.materials')} actions={<BackToLibrary />}>
        {loaded.error ? <LoadError error={loaded.error} onRetry={loaded.reload} /> : <p className="muted">{t('common.loading')}</p>}
      </Page>
    );
  }

  const mayChange = material.owner.id === user.id || curatesLibrary(user.role);
  return (
    <Page
      title={material.title}
      heading={
        <>
          {material.title} <KindBadge kind={material.kind} />
        </>
      }
      actions={
        <>
          <BackToLibrary />
          {mayChange && <ArchiveButton material={material} onRestored={setSaved} />}
        </>
      }
      testId="material-page"
    >
      {material.archived && <Alert tone="info">{t('materials.archivedNotice')}</Alert>}
      {mayChange ? (
        <MaterialForm key={material.id} kind={material.kind} material={material} onSaved={setSaved} />
      ) : (
        <>
          <CatalogLine record={material} />
          <p className="muted">{t('materials.by', { name: material.owner.name })}</p>
          <MaterialView material={material} />
        </>
      )}
    </Page>
  );
}

/** Archiving asks first; an archived material can be put back. */
function ArchiveButton({ material, onRestored }: { material: Material; onRestored: (material: Material) => void }) {
  const t = useT();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [restoreError, setRestoreError] = useState<string | null>(null);

  if (material.archived) {
    const restore = () =>
      api.updateMaterial(material.id, { archived: false }).then(onRestored, (error: unknown) =>
        setRestoreError(t(`error.${asApiError(error).code}`)),
      );
    return (
      <>
        {restoreError && (
          <span className="field-error" role="alert">
            {restoreError}
          </span>
        )}
        <button type="button" className="btn btn-secondary" onClick={() => void restore()}>
          {t('materials.restore')}
        </button>
      </>
    );
  }

  async function archive() {
    const { outcome } = await api.removeMaterial(material.id);
    const state: MaterialsNotice = { notice: t(`materials.removed.${outcome}`, { title: material.title }) };
    await navigate(sections.materials, { state });
  }

  return (
    <>
      <button type="button" className="btn btn-danger-outline" onClick={() => setConfirming(true)} data-testid="material-archive">
        {t('materials.archive')}
      </button>
      {confirming && (
        <ConfirmDialog
          title={t('materials.archiveTitle', { title: material.title })}
          text={t('materials.archiveText')}
          confirmLabel={t('materials.archive')}
          onConfirm={archive}
          onClose={() => setConfirming(false)}
        />
      )}
    </>
  );
}
