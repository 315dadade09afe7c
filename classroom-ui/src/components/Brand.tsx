import { useT } from '../i18n';

export function Brand() {
  const t = useT();
  return (
    <span className="brand">
      <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="currentColor" />
        <circle cx="11" cy="14" r="3.5" fill="#fff" />
        <circle cx="21" cy="14" r="3.5" fill="#fff" />
        <ellipse cx="16" cy="22" rx="4" ry="2.5" fill="#fff" />
      </svg>
      <span className="brand-name">{t('app.name')}</span>
    </span>
  );
}
