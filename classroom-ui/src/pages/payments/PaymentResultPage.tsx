import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/endpoints';
import { Alert, LoadError } from '../../components/Alert';
import { Page } from '../../components/Page';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';
import { sections } from '../../navigation';
import { useMoneyFormat } from './money';
import { buyLessonsPath } from './paths';

/** How often a pending payment is asked about; the server asks the provider each time. */
const POLL_MS = 2000;

/** Where the payment provider sends the payer back: the payment's result, followed until it is settled. */
export function PaymentResultPage() {
  const t = useT();
  const money = useMoneyFormat();
  const { id = '' } = useParams();
  const payment = useQuery((signal) => api.myPayment(id, signal), [id]);
  const status = payment.data?.status;

  useEffect(() => {
    if (status !== 'pending' || payment.loading) return;
    const timer = setTimeout(payment.reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [status, payment.loading, payment.reload]);

  return (
    <Page title={t('paymentResult.title')} testId="payment-result">
      {payment.error && <LoadError error={payment.error} onRetry={payment.reload} />}
      {payment.data && (
        <section className="card" data-status={payment.data.status}>
          <p>
            {payment.data.package.name}: {money(payment.data.amountMinor, payment.data.currency)}
          </p>
          {payment.data.status === 'pending' && (
            <Alert tone="info">
              <span>{t('paymentResult.pending')}</span>
              {payment.data.confirmationUrl && (
                <a className="btn btn-link" href={payment.data.confirmationUrl}>
                  {t('paymentResult.backToPay')}
                </a>
              )}
            </Alert>
          )}
          {payment.data.status === 'succeeded' && <Alert tone="success">{t('paymentResult.succeeded', { lessons: payment.data.package.lessons })}</Alert>}
          {payment.data.status === 'cancelled' && <Alert tone="error">{t('paymentResult.cancelled')}</Alert>}
          {payment.data.status === 'refunded' && <Alert tone="info">{t('paymentResult.refunded')}</Alert>}
          <p className="page-actions">
            <Link className="btn btn-primary" to={sections.credits}>
              {t('paymentResult.toCredits')}
            </Link>
            {payment.data.status === 'cancelled' && (
              <Link className="btn btn-secondary" to={buyLessonsPath}>
                {t('paymentResult.tryAgain')}
              </Link>
            )}
          </p>
        </section>
      )}
    </Page>
  );
}
