import { useState } from 'react';
import { PlacementStatus } from '@panda/shared';
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

/** The methodist's queue of placement requests, oldest first; new ones by default. */
export function PlacementQueuePage() {
  const t = useT();
  const format = useDateFormat();
  const [status, setStatus] = useState<PlacementStatus | ''>('new');
  const [offset, setOffset] = useState(0);
  const requests = useQuery((signal) => api.placementRequests({ limit: PAGE_SIZE, offset, status: status || undefined }, signal), [offset, status]);

  return (
    <Page title={t('nav.placement')}>
      <FilterBar>
        <SelectField
          label={t('placement.status')}
          value={status}
          onChange={(event) => {
            setStatus(event.target.value === '' ? '' : PlacementStatus.parse(event.target.value));
            setOffset(0);
          }}
        >
          <option value="">{t('placement.allStatuses')}</option>
          {PlacementStatus.options.map((option) => (
            <option key={option} value={option}>
              {t(`placement.status.${option}`)}
            </option>
          ))}
        </SelectField>
      </FilterBar>
      <ListTable
        list={requests}
        empty={t('placement.empty')}
        columns={[t('field.name'), t('placement.contact'), t('placement.language'), t('placement.asked'), t('placement.lesson'), t('placement.status')]}
        row={(request) => (
          <tr key={request.id} data-testid="placement-row">
            <td>
              <Link to={`${sections.placement}/${request.id}`}>{request.name}</Link>
            </td>
            <td>{request.contact}</td>
            <td>{t(`language.${request.language}`)}</td>
            <td>{format.dateTime(request.createdAt)}</td>
            <td>{request.lesson ? format.range(request.lesson.startsAt, request.lesson.endsAt) : '—'}</td>
            <td>
              <span className="badge">{t(`placement.status.${request.status}`)}</span>
            </td>
          </tr>
        )}
      />
      {requests.data && <Pager offset={offset} limit={PAGE_SIZE} total={requests.data.total} onChange={setOffset} />}
    </Page>
  );
}
