import { useMeta } from '../hooks/useMeta';
import { useT } from '../i18n';
import { Alert } from './Alert';

/** Without SMTP, codes never reach an inbox: tell the person where they can be read. */
export function DevOutboxHint() {
  const t = useT();
  const meta = useMeta();
  if (!meta?.devOutbox) return null;
  return <Alert tone="info">{t('devOutbox.hint')}</Alert>;
}
