import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { useT } from '../i18n';

interface AlertProps {
  tone: 'info' | 'success' | 'error';
  children: ReactNode;
}

export function Alert({ tone, children }: AlertProps) {
  // Errors interrupt a screen reader; other notices wait their turn.
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** A failed load, in words, with a way to try again. */
export function LoadError({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const t = useT();
  return (
    <Alert tone="error">
      <span>{t(`error.${error.code}`)}</span>
      <button type="button" className="btn btn-link" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </Alert>
  );
}
