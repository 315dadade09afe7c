import { useState } from 'react';
import { Role, type User } from '@panda/shared';
import { Link } from 'react-router';
import { api } from '../../api/endpoints';
import { Alert } from '../../components/Alert';
import { ListTable } from '../../components/DataTable';
import { SelectField } from '../../components/fields';
import { FilterBar, SearchField } from '../../components/FilterBar';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';
import { sections } from '../../navigation';
import { CreateUserDialog, EditUserDialog } from './UserDialogs';

const PAGE_SIZE = 50;

export function UsersPage() {
  const t = useT();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const query = useDebouncedValue(search.trim());
  const users = useQuery(
    (signal) => api.users({ limit: PAGE_SIZE, offset, role: role || undefined, search: query }, signal),
    [offset, role, query],
  );

  function onCreated(user: User) {
    setCreating(false);
    setNotice(t('users.created', { email: user.email }));
    users.reload();
  }

  function onSaved(user: User) {
    setEditing(null);
    setNotice(t('users.saved', { name: user.name }));
    users.reload();
  }

  return (
    <Page
      title={t('nav.users')}
      actions={
        <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
          {t('users.add')}
        </button>
      }
    >
      <FilterBar>
        <SearchField
          label={t('users.search')}
          value={search}
          onChange={(value) => {
            setSearch(value);
            setOffset(0);
          }}
        />
        <SelectField
          label={t('field.role')}
          value={role}
          onChange={(event) => {
            setRole(event.target.value === '' ? '' : Role.parse(event.target.value));
            setOffset(0);
          }}
        >
          <option value="">{t('users.allRoles')}</option>
          {Role.options.map((option) => (
            <option key={option} value={option}>
              {t(`role.${option}`)}
            </option>
          ))}
        </SelectField>
      </FilterBar>

      {notice && <Alert tone="success">{notice}</Alert>}
      <ListTable
        list={users}
        empty={t('users.empty')}
        columns={[t('field.name'), t('field.email'), t('field.role'), t('field.teaches'), t('users.status')]}
        actions
        row={(user) => <UserRow key={user.id} user={user} onEdit={() => setEditing(user)} />}
      />
      {users.data && <Pager offset={offset} limit={PAGE_SIZE} total={users.data.total} onChange={setOffset} />}

      {creating && <CreateUserDialog onCreated={onCreated} onClose={() => setCreating(false)} />}
      {editing && <EditUserDialog user={editing} onSaved={onSaved} onClose={() => setEditing(null)} />}
    </Page>
  );
}

function UserRow({ user, onEdit }: { user: User; onEdit: () => void }) {
  const t = useT();
  const status = user.disabled ? 'disabled' : user.emailConfirmed ? 'active' : 'unconfirmed';
  return (
    <tr>
      <td>
        <Link to={`${sections.users}/${user.id}`}>{user.name}</Link>
      </td>
      <td>{user.email}</td>
      <td>{t(`role.${user.role}`)}</td>
      <td>{user.teaches.map((language) => t(`language.${language}`)).join(', ') || '—'}</td>
      <td>
        <span className={`badge badge-${status}`}>{t(`users.status.${status}`)}</span>
      </td>
      <td>
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={onEdit}
          aria-label={t('users.editLabel', { name: user.name })}
        >
          {t('common.edit')}
        </button>
      </td>
    </tr>
  );
}
