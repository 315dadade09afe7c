import type { CursorList } from '../hooks/useCursorList';
import { useT } from '../i18n';

/** "Show more" under a list paged by cursor, while there is more. */
export function MoreButton({ list }: { list: CursorList<unknown> }) {
  const t = useT();
  if (!list.hasMore) return null;
  return (
    <div className="more">
      <button type="button" className="btn btn-secondary" disabled={list.loading} onClick={list.loadMore}>
        {t('common.showMore')}
      </button>
    </div>
  );
}
