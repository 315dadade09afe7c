import { useState } from 'react';
import type { PackageType } from '@panda/shared';
import { asApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { Alert, LoadError } from '../../components/Alert';
import { Page } from '../../components/Page';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';
import { useMoneyFormat } from './money';

/** The packages on sale; paying sends the student to the payment provider's page and back. */
export function BuyLessonsPage() {
  const t = useT();
  const packages = useQuery((signal) => api.packages(signal), []);
  // One key per package per visit: a double click, or a retry after a lost answer, is one payment.
  const [visit] = useState(() => crypto.randomUUID());
  const [paying, setPaying] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function pay(pkg: PackageType) {
    setPaying(pkg.id);
    setError(null);
    try {
      const payment = await api.createPayment({ packageTypeId: pkg.id, idempotencyKey: `${visit}:${pkg.id}` });
      if (!payment.confirmationUrl) throw new Error('the payment has no confirmation page');
      window.location.assign(payment.confirmationUrl);
    } catch (failure) {
      setError(t(`error.${asApiError(failure).code}`));
      setPaying(null);
    }
  }

  return (
    <Page title={t('buy.title')} testId="buy-lessons">
      <p className="muted">{t('buy.lead')}</p>
      {error && <Alert tone="error">{error}</Alert>}
      {packages.error && <LoadError error={packages.error} onRetry={packages.reload} />}
      {packages.data?.items.length === 0 && <p className="empty">{t('buy.none')}</p>}
      <ul className="card-list">
        {packages.data?.items.map((pkg) => (
          <PackageOffer key={pkg.id} pkg={pkg} pending={paying === pkg.id} disabled={paying !== null} onPay={() => void pay(pkg)} />
        ))}
      </ul>
    </Page>
  );
}

function PackageOffer({ pkg, pending, disabled, onPay }: { pkg: PackageType; pending: boolean; disabled: boolean; onPay: () => void }) {
  const t = useT();
  const money = useMoneyFormat();
  const price = money(pkg.priceMinor, pkg.currency);
  return (
    <li className="card list-card" data-testid="package-offer">
      <div className="list-card-main">
        <p className="list-card-title">{pkg.name}</p>
        <p className="muted">{t('buy.terms', { lessons: pkg.lessons, days: pkg.validityDays })}</p>
      </div>
      <button type="button" className="btn btn-primary" onClick={onPay} disabled={disabled} aria-busy={pending}>
        {pending ? t('buy.redirecting') : t('buy.pay', { price })}
      </button>
    </li>
  );
}
