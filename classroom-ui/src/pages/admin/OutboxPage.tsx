import { useState } from 'react';
import type { OutboxMail } from '@panda/shared';
import { api } from '../../api/endpoints';
import { useUser } from '../../auth/session';
import { LoadError } from '../../components/Alert';
import { FilterBar, SearchField } from '../../components/FilterBar';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';

const PAGE_SIZE = 20;

/** Mail the server "sent" while no SMTP server is configured, e.g. sign-up codes. */
export function OutboxPage() {
  const t = useT();
  const [to, setTo] = useState('');
  const [offset, setOffset] = useState(0);
  const recipient = useDebouncedValue(to.trim());
  const outbox = useQuery(
    (signal) => api.outbox({ limit: PAGE_SIZE, offset, to: recipient }, signal),
    [offset, recipient],
  );

  return (
    <Page
      title={t('nav.outbox')}
      actions={
        <button type="button" className="btn btn-secondary" onClick={outbox.reload} disabled={outbox.loading}>
          {t('common.refresh')}
        </button>
      }
    >
      <p className="muted">{t('outbox.lead')}</p>
      <FilterBar>
        <SearchField
          label={t('outbox.filter')}
          value={to}
          onChange={(value) => {
            setTo(value);
            setOffset(0);
          }}
          data-testid="outbox-filter"
        />
      </FilterBar>
      {outbox.error && <LoadError error={outbox.error} onRetry={outbox.reload} />}
      {outbox.data?.items.length === 0 && <p className="empty">{t('outbox.empty')}</p>}
      {outbox.data && outbox.data.items.length > 0 && (
        <ul className="mail-list" aria-busy={outbox.loading}>
          {outbox.data.items.map((mail) => (
            <MailItem key={mail.id} mail={mail} />
          ))}
        </ul>
      )}
      {outbox.data && <Pager offset={offset} limit={PAGE_SIZE} total={outbox.data.total} onChange={setOffset} />}
    </Page>
  );
}

function MailItem({ mail }: { mail: OutboxMail }) {
  const t = useT();
  const format = useDateFormat(useUser().timeZone);
  return (
    <li className="card mail" data-testid="outbox-mail">
      <header className="mail-header">
        <div>
          <h2 className="mail-subject">{mail.subject}</h2>
          <p className="muted">{t('outbox.to', { to: mail.to })}</p>
        </div>
        <time className="muted" dateTime={mail.createdAt}>
          {format.dateTime(mail.createdAt)}
        </time>
      </header>
      <pre>{mail.text}</pre>
    </li>
  );
}
