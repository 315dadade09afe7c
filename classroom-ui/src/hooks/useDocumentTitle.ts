import { useEffect } from 'react';
import { useT } from '../i18n';

export function useDocumentTitle(title: string): void {
  const t = useT();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
}
