import { useState, type SubmitEvent } from 'react';
import { CreatePackageTypeBody, UpdatePackageTypeBody, type PackageType } from '@panda/shared';
import { api } from '../../api/endpoints';
import { Alert } from '../../components/Alert';
import { ListTable } from '../../components/DataTable';
import { Checkbox, TextField } from '../../components/fields';
import { FormFooter } from '../../components/FormFooter';
import { Modal } from '../../components/Modal';
import { Page } from '../../components/Page';
import { useQuery } from '../../hooks/useQuery';
import { useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n';
import { inputToMinor, minorToInput, useMoneyFormat } from './money';

/** The lesson packages the school sells: lessons, validity, price; taken off sale rather than deleted. */
export function PackageTypesPage() {
  const t = useT();
  const money = useMoneyFormat();
  const packages = useQuery((signal) => api.packageTypes(signal), []);
  const [editing, setEditing] = useState<PackageType | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <Page
      title={t('nav.packages')}
      testId="package-types"
      actions={
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          {t('packages.create')}
        </button>
      }
    >
      <p className="muted">{t('packages.lead')}</p>
      {notice && <Alert tone="success">{notice}</Alert>}
      <ListTable
        list={packages}
        empty={t('packages.empty')}
        columns={[t('packages.name'), t('packages.lessons'), t('packages.validityDays'), t('packages.price'), t('packages.onSale')]}
        actions
        row={(pkg) => (
          <tr key={pkg.id} data-testid="package-type-row">
            <td>{pkg.name}</td>
            <td>{pkg.lessons}</td>
            <td>{pkg.validityDays}</td>
            <td>{money(pkg.priceMinor, pkg.currency)}</td>
            <td>
              <span className={pkg.active ? 'badge badge-active' : 'badge'}>{t(pkg.active ? 'packages.active' : 'packages.inactive')}</span>
            </td>
            <td>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => setEditing(pkg)} aria-label={t('packages.editLabel', { name: pkg.name })}>
                {t('common.edit')}
              </button>
            </td>
          </tr>
        )}
      />
      {editing && (
        <PackageTypeDialog
          pkg={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setNotice(t('packages.saved', { name: saved.name }));
            packages.reload();
          }}
        />
      )}
    </Page>
  );
}

/** Creates a package type (`pkg` null) or changes one, sending only the fields that changed. */
function PackageTypeDialog({ pkg, onSaved, onClose }: { pkg: PackageType | null; onSaved: (pkg: PackageType) => void; onClose: () => void }) {
  const t = useT();
  const [name, setName] = useState(pkg?.name ?? '');
  const [lessons, setLessons] = useState(String(pkg?.lessons ?? 8));
  const [validityDays, setValidityDays] = useState(String(pkg?.validityDays ?? 28));
  const [currency, setCurrency] = useState(pkg?.currency ?? 'RUB');
  const [price, setPrice] = useState(pkg ? minorToInput(pkg.priceMinor, pkg.currency) : '');
  const [active, setActive] = useState(pkg?.active ?? true);
  const { fieldErrors, formError, pending, submit } = useSubmit();
  const input = { name, lessons: Number(lessons), validityDays: Number(validityDays), priceMinor: inputToMinor(price, currency), currency, active };
  const changes = pkg ? Object.fromEntries(Object.entries(input).filter(([field, value]) => pkg[field as keyof typeof input] !== value)) : input;

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pkg) void submit(UpdatePackageTypeBody, changes, async (body) => onSaved(await api.updatePackageType(pkg.id, body)));
    else void submit(CreatePackageTypeBody, input, async (body) => onSaved(await api.createPackageType(body)));
  }

  return (
    <Modal title={pkg ? t('packages.editTitle', { name: pkg.name }) : t('packages.createTitle')} onClose={onClose}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <TextField label={t('packages.name')} value={name} onChange={(e) => setName(e.target.value)} error={fieldErrors.name} />
        <TextField type="number" min={1} step={1} label={t('packages.lessons')} value={lessons} onChange={(e) => setLessons(e.target.value)} error={fieldErrors.lessons} />
        <TextField
          type="number"
          min={1}
          step={1}
          label={t('packages.validityDays')}
          value={validityDays}
          onChange={(e) => setValidityDays(e.target.value)}
          error={fieldErrors.validityDays}
        />
        <TextField inputMode="decimal" label={t('packages.price')} hint={t('packages.priceHint')} value={price} onChange={(e) => setPrice(e.target.value)} error={fieldErrors.priceMinor} />
        <TextField label={t('packages.currency')} value={currency} onChange={(e) => setCurrency(e.target.value.toUpperCase())} error={fieldErrors.currency} />
        <Checkbox label={t('packages.onSale')} checked={active} onChange={(e) => setActive(e.target.checked)} error={fieldErrors.active} />
        <FormFooter
          layout="actions"
          error={formError}
          pending={pending}
          submitLabel={pkg ? t('common.save') : t('packages.create')}
          canSubmit={Object.keys(changes).length > 0}
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}
