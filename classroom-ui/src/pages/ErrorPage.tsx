import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useT } from '../i18n';
import { Brand } from '../components/Brand';

/** Shown instead of a page that crashed while rendering. */
export function ErrorPage() {
  const t = useT();
  useDocumentTitle(t('crash.title'));
  return (
    <main className="standalone" role="alert">
      <Brand />
      <h1>{t('crash.title')}</h1>
      <p className="muted">{t('crash.text')}</p>
      <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
        {t('crash.reload')}
      </button>
    </main>
  );
}
