import { useState, type SubmitEvent } from 'react';
import { CreateFreezeBody, type CreditBalance, type CreditFreeze } from '@panda/shared';
import { Link } from 'react-router';
import { api } from '../../api/endpoints';
import { useUser } from '../../auth/session';
import { Alert, LoadError } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { TextField } from '../../components/fields';
import { FormFooter } from '../../components/FormFooter';
import { Page } from '../../components/Page';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useQuery } from '../../hooks/useQuery';
import { useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n';
import { statusBadge, useMoneyFormat } from '../payments/money';
import { buyLessonsPath, paymentResultPath } from '../payments/paths';
import { CreditChoiceBanner } from './CreditChoiceBanner';

/** The student's lessons: what is left per package and until when, the day-27 choice, freezing, payments. */
export function CreditsPage() {
  const t = useT();
  const credits = useQuery((signal) => api.myCredits(signal), []);
  return (
    <Page
      title={t('nav.credits')}
      testId="credits-page"
      actions={
        <Link className="btn btn-primary" to={buyLessonsPath}>
          {t('credits.buy')}
        </Link>
      }
    >
      {credits.error && <LoadError error={credits.error} onRetry={credits.reload} />}
      {!credits.data && !credits.error && <p className="muted">{t('common.loading')}</p>}
      {credits.data?.choice && <CreditChoiceBanner choice={credits.data.choice} />}
      {credits.data && <Balance credits={credits.data} />}
      {credits.data && credits.data.packages.length > 0 && <FreezeForm onFrozen={credits.reload} />}
      <MyPayments />
    </Page>
  );
}

function Balance({ credits }: { credits: CreditBalance }) {
  const t = useT();
  const format = useDateFormat(useUser().timeZone);
  return (
    <section className="card" aria-labelledby="balance-title">
      <h2 id="balance-title">{t('credits.title')}</h2>
      <p className="credits-balance" data-testid="credit-balance">
        {credits.balance}
      </p>
      {credits.held > 0 && (
        <p className="muted" data-testid="credit-held">
          {t('credits.held', { held: credits.held })}
        </p>
      )}
      {credits.unexpiring > 0 && <p className="muted">{t('credits.unexpiring', { count: credits.unexpiring })}</p>}
      {credits.balance + credits.held === 0 && <p className="muted">{t('credits.none')}</p>}
      {credits.packages.length > 0 && (
        <DataTable
          testId="credit-packages"
          rows={credits.packages}
          columns={[t('credits.paidAt'), t('credits.validUntil'), t('credits.available'), t('credits.booked')]}
          row={(p) => (
            <tr key={p.purchaseId} data-testid="credit-package" data-purchase-id={p.purchaseId}>
              <td>{format.date(p.paidAt)}</td>
              <td data-testid="credit-package-expires">{format.dateTime(p.expiresAt)}</td>
              <td data-testid="credit-package-available">{p.available}</td>
              <td data-testid="credit-package-held">{p.held}</td>
            </tr>
          )}
        />
      )}
    </section>
  );
}

/** A freeze of whole days from a date (UTC days, as the server counts them). */
function FreezeForm({ onFrozen }: { onFrozen: () => void }) {
  const t = useT();
  const format = useDateFormat(useUser().timeZone);
  const [startsOn, setStartsOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [days, setDays] = useState('7');
  // One key per intended freeze: a double click freezes once.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [frozen, setFrozen] = useState<CreditFreeze | null>(null);
  const { fieldErrors, formError, pending, submit } = useSubmit();

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(CreateFreezeBody, { startsOn, days: Number(days), idempotencyKey }, async (body) => {
      setFrozen(await api.freezeCredits(body));
      setIdempotencyKey(crypto.randomUUID());
      onFrozen();
    });
  }

  return (
    <section className="card" aria-labelledby="freeze-title">
      <h2 id="freeze-title">{t('credits.freezeTitle')}</h2>
      <p className="muted">{t('credits.freezeLead')}</p>
      <form className="form" noValidate onSubmit={onSubmit} data-testid="freeze-form">
        <TextField type="date" label={t('credits.freezeFrom')} value={startsOn} onChange={(e) => setStartsOn(e.target.value)} error={fieldErrors.startsOn} />
        <TextField
          type="number"
          min={1}
          step={1}
          label={t('credits.freezeDays')}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={fieldErrors.days}
        />
        <FormFooter layout="actions" error={formError} pending={pending} submitLabel={t('credits.freeze')}>
          {frozen && (
            <Alert tone="success">
              {t('credits.frozen', { date: format.date(frozen.endsAt), released: frozen.releasedLessonIds.length })}
            </Alert>
          )}
        </FormFooter>
      </form>
    </section>
  );
}

function MyPayments() {
  const t = useT();
  const format = useDateFormat(useUser().timeZone);
  const money = useMoneyFormat();
  const payments = useQuery((signal) => api.myPayments({ limit: 20, offset: 0 }, signal), []);
  if (payments.error) return <LoadError error={payments.error} onRetry={payments.reload} />;
  if (!payments.data?.items.length) return null;
  return (
    <section className="card" aria-labelledby="payments-title">
      <h2 id="payments-title">{t('credits.payments')}</h2>
      <div className="table-wrap">
        <table>
          <tbody>
            {payments.data.items.map((payment) => (
              <tr key={payment.id}>
                <td>{format.dateTime(payment.paidAt ?? payment.createdAt)}</td>
                <td>{payment.package.name}</td>
                <td>{money(payment.amountMinor, payment.currency)}</td>
                <td>
                  {payment.status === 'pending' ? (
                    <Link to={paymentResultPath(payment.id)} className={statusBadge.pending}>
                      {t('payment.status.pending')}
                    </Link>
                  ) : (
                    <span className={statusBadge[payment.status]}>{t(`payment.status.${payment.status}`)}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
