import { useState, type SubmitEvent } from 'react';
import { PaymentMethod, PaymentStatus, RecordPurchaseBody, RefundPaymentBody, type Payment } from '@panda/shared';
import { Link } from 'react-router';
import { api } from '../../api/endpoints';
import { useUser } from '../../auth/session';
import { Alert } from '../../components/Alert';
import { ListTable } from '../../components/DataTable';
import { SelectField, TextField } from '../../components/fields';
import { FilterBar, SearchField } from '../../components/FilterBar';
import { FormFooter } from '../../components/FormFooter';
import { Modal } from '../../components/Modal';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useQuery } from '../../hooks/useQuery';
import { useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n';
import { sections } from '../../navigation';
import { statusBadge, useMoneyFormat } from './money';

const PAGE_SIZE = 20;
/** Who took the money: the online provider, or the school itself (recorded by an admin). */
const PROVIDERS = ['yookassa', ...PaymentMethod.options] as const;

function isKnownProvider(provider: string): provider is (typeof PROVIDERS)[number] {
  return (PROVIDERS as readonly string[]).includes(provider);
}

/** Every payment, online and recorded by hand; refunds; recording a cash or bank payment. */
export function AdminPaymentsPage() {
  const t = useT();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<PaymentStatus | ''>('');
  const [provider, setProvider] = useState('');
  const [offset, setOffset] = useState(0);
  const [refunding, setRefunding] = useState<Payment | null>(null);
  const [recording, setRecording] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const text = useDebouncedValue(search.trim());
  const payments = useQuery(
    (signal) => api.payments({ limit: PAGE_SIZE, offset, search: text, provider, status: status || undefined }, signal),
    [offset, text, provider, status],
  );
  const resetPage = () => setOffset(0);

  return (
    <Page
      title={t('nav.payments')}
      testId="admin-payments"
      actions={
        <button type="button" className="btn btn-primary" onClick={() => setRecording(true)}>
          {t('payments.record')}
        </button>
      }
    >
      <FilterBar wide>
        <SearchField
          label={t('payments.search')}
          value={search}
          onChange={(value) => {
            setSearch(value);
            resetPage();
          }}
        />
        <SelectField
          label={t('payments.status')}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value === '' ? '' : PaymentStatus.parse(e.target.value));
            resetPage();
          }}
        >
          <option value="">{t('payments.allStatuses')}</option>
          {PaymentStatus.options.map((option) => (
            <option key={option} value={option}>
              {t(`payment.status.${option}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('payments.provider')}
          value={provider}
          onChange={(e) => {
            setProvider(e.target.value);
            resetPage();
          }}
        >
          <option value="">{t('payments.allProviders')}</option>
          {PROVIDERS.map((option) => (
            <option key={option} value={option}>
              {t(`payment.provider.${option}`)}
            </option>
          ))}
        </SelectField>
      </FilterBar>

      {notice && <Alert tone="success">{notice}</Alert>}
      <ListTable
        list={payments}
        empty={t('payments.empty')}
        columns={[t('payments.when'), t('payments.student'), t('payments.package'), t('payments.amount'), t('payments.provider'), t('payments.status')]}
        actions
        row={(payment) => <PaymentRow key={payment.id} payment={payment} onRefund={() => setRefunding(payment)} />}
      />
      {payments.data && <Pager offset={offset} limit={PAGE_SIZE} total={payments.data.total} onChange={setOffset} />}

      {refunding && (
        <RefundDialog
          payment={refunding}
          onClose={() => setRefunding(null)}
          onRefunded={() => {
            setRefunding(null);
            setNotice(t('payments.refunded'));
            payments.reload();
          }}
        />
      )}
      {recording && (
        <RecordPaymentDialog
          onClose={() => setRecording(false)}
          onRecorded={() => {
            setRecording(false);
            setNotice(t('payments.recorded'));
            payments.reload();
          }}
        />
      )}
    </Page>
  );
}

function PaymentRow({ payment, onRefund }: { payment: Payment; onRefund: () => void }) {
  const t = useT();
  const format = useDateFormat(useUser().timeZone);
  const money = useMoneyFormat();
  const refund = payment.refunds.find((r) => r.status !== 'failed');
  // A refund the provider could not be reached for is carried on by asking again.
  const canRefund = (payment.status === 'succeeded' && !refund) || refund?.status === 'pending';
  return (
    <tr data-testid="payment-row">
      <td>{format.dateTime(payment.paidAt ?? payment.createdAt)}</td>
      <td>
        <Link to={`${sections.users}/${payment.student.id}`}>{payment.student.name}</Link>
        <div className="muted">{payment.student.email}</div>
      </td>
      <td>{payment.package.name}</td>
      <td>{money(payment.amountMinor, payment.currency)}</td>
      <td>{isKnownProvider(payment.provider) ? t(`payment.provider.${payment.provider}`) : payment.provider}</td>
      <td>
        <span className={statusBadge[payment.status]}>{t(`payment.status.${payment.status}`)}</span>
        {refund && (
          <div className="muted">
            {t(refund.status === 'pending' ? 'payments.refundPending' : 'payments.refundDone', {
              amount: money(refund.amountMinor, refund.currency),
              credits: refund.credits,
            })}
          </div>
        )}
      </td>
      <td>
        {canRefund && (
          <button type="button" className="btn btn-secondary btn-small" onClick={onRefund}>
            {refund ? t('payments.retryRefund') : t('payments.refund')}
          </button>
        )}
      </td>
    </tr>
  );
}

function RefundDialog({ payment, onRefunded, onClose }: { payment: Payment; onRefunded: () => void; onClose: () => void }) {
  const t = useT();
  const pendingRefund = payment.refunds.find((r) => r.status === 'pending');
  const [reason, setReason] = useState(pendingRefund?.reason ?? '');
  const { fieldErrors, formError, pending, submit } = useSubmit();

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(RefundPaymentBody, { reason }, async (body) => {
      await api.refundPayment(payment.id, body);
      onRefunded();
    });
  }

  return (
    <Modal title={t('payments.refundTitle', { name: payment.student.name })} onClose={onClose}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <p className="muted">{t('payments.refundLead')}</p>
        <TextField label={t('payments.reason')} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldErrors.reason} />
        <FormFooter layout="actions" error={formError} pending={pending} submitLabel={t('payments.refund')} onCancel={onClose} />
      </form>
    </Modal>
  );
}

/** A payment received in cash or by bank transfer: the existing purchase endpoint grants the package. */
function RecordPaymentDialog({ onRecorded, onClose }: { onRecorded: () => void; onClose: () => void }) {
  const t = useT();
  const money = useMoneyFormat();
  const [search, setSearch] = useState('');
  const [studentId, setStudentId] = useState('');
  const [packageTypeId, setPackageTypeId] = useState('');
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const text = useDebouncedValue(search.trim());
  const students = useQuery((signal) => api.users({ limit: 20, offset: 0, role: 'student', search: text }, signal), [text]);
  const packages = useQuery((signal) => api.packages(signal), []);
  const { fieldErrors, formError, pending, submit } = useSubmit();

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const studentError = studentId ? {} : { studentId: t('validation.required') };
    void submit(
      RecordPurchaseBody,
      { packageTypeId, method, idempotencyKey },
      async (body) => {
        await api.recordPayment(studentId, body);
        onRecorded();
      },
      studentError,
    );
  }

  return (
    <Modal title={t('payments.recordTitle')} onClose={onClose}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <SearchField label={t('payments.findStudent')} value={search} onChange={setSearch} />
        <SelectField label={t('payments.student')} value={studentId} onChange={(e) => setStudentId(e.target.value)} error={fieldErrors.studentId}>
          <option value="">{t('payments.chooseStudent')}</option>
          {students.data?.items.map((student) => (
            <option key={student.id} value={student.id}>
              {student.name} ({student.email})
            </option>
          ))}
        </SelectField>
        <SelectField label={t('payments.package')} value={packageTypeId} onChange={(e) => setPackageTypeId(e.target.value)} error={fieldErrors.packageTypeId}>
          <option value="">{t('payments.choosePackage')}</option>
          {packages.data?.items.map((pkg) => (
            <option key={pkg.id} value={pkg.id}>
              {pkg.name}: {money(pkg.priceMinor, pkg.currency)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('payments.method')} value={method} onChange={(e) => setMethod(PaymentMethod.parse(e.target.value))} error={fieldErrors.method}>
          {PaymentMethod.options.map((option) => (
            <option key={option} value={option}>
              {t(`payment.provider.${option}`)}
            </option>
          ))}
        </SelectField>
        <FormFooter layout="actions" error={formError} pending={pending} submitLabel={t('payments.record')} onCancel={onClose} />
      </form>
    </Modal>
  );
}
