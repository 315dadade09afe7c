import { useState } from 'react';
import type { CreditChoice } from '@panda/shared';
import { Link } from 'react-router';
import { useUser } from '../../auth/session';
import { Alert } from '../../components/Alert';
import { useDateFormat } from '../../hooks/useDateFormat';
import { useT } from '../../i18n';
import { buyLessonsPath } from '../payments/paths';

const dismissedKey = (choice: CreditChoice) => `panda:credit-choice-dismissed:${choice.purchaseId}:${choice.expiresAt}`;

/**
 * Day 27: lessons are left on a package that ends soon. Buying another package keeps them (valid
 * as long as the new one); letting them burn needs nothing from the server, so that answer only
 * hides the banner on this device.
 */
export function CreditChoiceBanner({ choice }: { choice: CreditChoice }) {
  const t = useT();
  const format = useDateFormat(useUser().timeZone);
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(dismissedKey(choice)) !== null);
  if (dismissed) return null;
  return (
    <div data-testid="credit-choice" data-remaining={choice.remaining} data-expires-at={choice.expiresAt}>
      <Alert tone="info">
        <span>{t('credits.choice', { remaining: choice.remaining, date: format.dateTime(choice.expiresAt) })}</span>
        <Link className="btn btn-primary btn-small" to={buyLessonsPath} data-testid="credit-choice-buy">
          {t('credits.choiceBuy')}
        </Link>
        <button
          type="button"
          className="btn btn-link"
          onClick={() => {
            localStorage.setItem(dismissedKey(choice), '1');
            setDismissed(true);
          }}
        >
          {t('credits.choiceBurn')}
        </button>
      </Alert>
    </div>
  );
}
