import { useState } from 'react';
import type { MaterialSummary } from '@panda/shared';
import { LoadError } from '../../components/Alert';
import { CatalogLine, KindBadge } from '../../components/CatalogLine';
import { Modal } from '../../components/Modal';
import { MoreButton } from '../../components/MoreButton';
import { useT } from '../../i18n';
import { MaterialFilterBar, noMaterialFilters, useMaterialSearch, type MaterialFilters } from '../materials/materialSearch';

interface MaterialPickerProps {
  /** The plan's language: the search starts there. */
  language: string;
  chosen: readonly MaterialSummary[];
  onAdd: (material: MaterialSummary) => void;
  onClose: () => void;
}

/** The library searched from a plan: each result is added to the end of the plan with one button. */
export function MaterialPicker({ language, chosen, onAdd, onClose }: MaterialPickerProps) {
  const t = useT();
  const [filters, setFilters] = useState<MaterialFilters>({ ...noMaterialFilters, language });
  const { list, errors } = useMaterialSearch(filters);
  const chosenIds = new Set(chosen.map((material) => material.id));

  return (
    <Modal title={t('plans.pickTitle')} onClose={onClose} wide>
      <MaterialFilterBar filters={filters} onChange={(changes) => setFilters((current) => ({ ...current, ...changes }))} errors={errors} />
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      {list.items?.length === 0 && <p className="empty">{t('materials.empty')}</p>}
      {list.items && list.items.length > 0 && (
        <ul className="picker-list" aria-busy={list.loading} data-testid="picker-results">
          {list.items.map((material) => {
            const added = chosenIds.has(material.id);
            return (
              <li key={material.id} className="picker-item" data-testid="picker-item">
                <div>
                  <p className="list-card-title">
                    {material.title} <KindBadge kind={material.kind} />
                  </p>
                  <CatalogLine record={material} />
                </div>
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  disabled={added}
                  aria-label={added ? t('plans.addedLabel', { title: material.title }) : t('plans.addLabel', { title: material.title })}
                  onClick={() => onAdd(material)}
                  data-testid="picker-add"
                >
                  {added ? t('plans.added') : t('plans.add')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <MoreButton list={list} />
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={onClose} data-testid="picker-done">
          {t('plans.pickDone')}
        </button>
      </div>
    </Modal>
  );
}
