import { useState } from 'react';
import { AuditAction, type AuditEntry } from '@panda/shared';
import { Link } from 'react-router';
import { api } from '../../api/endpoints';
import { ListTable } from '../../components/DataTable';
import { SelectField } from '../../components/fields';
import { FilterBar } from '../../components/FilterBar';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';
import { sections } from '../../navigation';

const PAGE_SIZE = 50;

/** Who changed what in the back office, and why: newest first. */
export function AuditPage() {
  const t = useT();
  const format = useDateFormat();
  const [action, setAction] = useState('');
  const [offset, setOffset] = useState(0);
  const log = useQuery((signal) => api.auditLog({ limit: PAGE_SIZE, offset, action }, signal), [offset, action]);

  return (
    <Page title={t('nav.audit')}>
      <FilterBar>
        <SelectField
          label={t('audit.action')}
          value={action}
          onChange={(event) => {
            setAction(event.target.value);
            setOffset(0);
          }}
        >
          <option value="">{t('audit.allActions')}</option>
          {AuditAction.options.map((option) => (
            <option key={option} value={option}>
              {t(`audit.action.${option}`)}
            </option>
          ))}
        </SelectField>
      </FilterBar>
      <ListTable
        list={log}
        empty={t('audit.empty')}
        columns={[t('audit.at'), t('audit.actor'), t('audit.action'), t('audit.target'), t('audit.change'), t('audit.reason')]}
        row={(entry) => (
          <tr key={entry.id}>
            <td>{format.dateTime(entry.at)}</td>
            <td>{entry.actor.name}</td>
            <td>{t(`audit.action.${entry.action}`)}</td>
            <td>
              <Target entry={entry} />
            </td>
            <td>
              <Change entry={entry} />
            </td>
            <td>{entry.reason ?? '—'}</td>
          </tr>
        )}
      />
      {log.data && <Pager offset={offset} limit={PAGE_SIZE} total={log.data.total} onChange={setOffset} />}
    </Page>
  );
}

function Target({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const label = t(`audit.target.${entry.targetType}`);
  // People have a page; the other records are read through the change itself.
  if (entry.targetType === 'user') return <Link to={`${sections.users}/${entry.targetId}`}>{label}</Link>;
  return <>{label}</>;
}

/** The touched fields as `field: before → after`. */
function Change({ entry }: { entry: AuditEntry }) {
  const fields = [...new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})])];
  const show = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));
  return (
    <ul>
      {fields.map((field) => (
        <li key={field}>
          <code>{field}</code>: {entry.before ? `${show(entry.before[field])} → ` : ''}
          {show(entry.after?.[field])}
        </li>
      ))}
    </ul>
  );
}
