import type { MaterialSummary } from '@panda/shared';
import { Link, useLocation } from 'react-router';
import { Alert, LoadError } from '../../components/Alert';
import { MoreButton } from '../../components/MoreButton';
import { Page } from '../../components/Page';
import { useUrlFilters } from '../../hooks/useUrlFilters';
import { useT } from '../../i18n';
import { sections } from '../../navigation';
import { CatalogLine, KindBadge } from '../../components/CatalogLine';
import { MaterialFilterBar, materialFilterNames, useMaterialSearch } from './materialSearch';

/** History state the editor leaves for the list: what just happened to a material. */
export interface MaterialsNotice {
  notice?: string;
}

/** The library: every material the person may use, searched and filtered from the address's query. */
export function MaterialsPage() {
  const t = useT();
  const notice = (useLocation().state as MaterialsNotice | null)?.notice;
  const { filters, setFilters } = useUrlFilters(materialFilterNames);
  const { list, errors } = useMaterialSearch(filters);

  return (
    <Page
      title={t('nav.materials')}
      testId="materials-page"
      actions={
        <>
          <Link className="btn btn-secondary" to={sections.plans}>
            {t('nav.plans')}
          </Link>
          <Link className="btn btn-primary" to={`${sections.materials}/new`} data-testid="new-material">
            {t('materials.new')}
          </Link>
        </>
      }
    >
      {notice && <Alert tone="success">{notice}</Alert>}
      <MaterialFilterBar filters={filters} onChange={setFilters} errors={errors} withArchive />
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      {list.items?.length === 0 && <p className="empty">{t('materials.empty')}</p>}
      {list.items && list.items.length > 0 && (
        <ul className="card-list" aria-busy={list.loading} data-testid="material-list">
          {list.items.map((material) => (
            <MaterialItem key={material.id} material={material} />
          ))}
        </ul>
      )}
      <MoreButton list={list} />
    </Page>
  );
}

function MaterialItem({ material }: { material: MaterialSummary }) {
  const t = useT();
  return (
    <li className="card list-card" data-testid="material-item">
      <div className="list-card-main">
        <p className="list-card-title">
          <Link to={`${sections.materials}/${material.id}`}>{material.title}</Link>
          <KindBadge kind={material.kind} />
          {material.shared && <span className="badge">{t('materials.sharedBadge')}</span>}
          {material.archived && <span className="badge badge-warn">{t('materials.archivedBadge')}</span>}
        </p>
        <CatalogLine record={material} />
      </div>
      <p className="muted list-card-owner">{material.owner.name}</p>
    </li>
  );
}
