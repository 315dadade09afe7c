import { useState } from 'react';
import { PlacementStatus } from '@panda/shared';
import { Link } from 'react-router';
import { api } from '../../api/endpoints';
import { LoadError } from '../../components/Alert';
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
      {requests.error && <LoadError error={requests.error} onRetry={requests.reload} />}
      {requests.data?.items.length === 0 && <p className="empty">{t('placement.empty')}</p>}
      {requests.data && requests.data.items.length > 0 && (
        <div className="table-wrap" aria-busy={requests.loading}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('field.name')}</th>
                <th scope="col">{t('placement.contact')}</th>
                <th scope="col">{t('placement.language')}</th>
                <th scope="col">{t('placement.asked')}</th>
                <th scope="col">{t('placement.lesson')}</th>
                <th scope="col">{t('placement.status')}</th>
              </tr>
            </thead>
            <tbody>
              {requests.data.items.map((request) => (
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
              ))}
            </tbody>
          </table>
        </div>
      )}
      {requests.data && <Pager offset={offset} limit={PAGE_SIZE} total={requests.data.total} onChange={setOffset} />}
    </Page>
  );
}
