import { useT } from '../i18n';

export function LoadingScreen() {
  const t = useT();
  return (
    <div className="loading-screen" role="status">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </div>
  );
}
