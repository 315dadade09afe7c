import { useState } from 'react';
import { asApiError } from '../api/client';
import { useT } from '../i18n';
import { Alert } from './Alert';
import { Modal } from './Modal';

interface ConfirmDialogProps {
  title: string;
  text: string;
  confirmLabel: string;
  /** Runs when confirmed; a failure is shown in the dialog, which stays open. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** "Are you sure?" before something that can't simply be undone, such as archiving. */
export function ConfirmDialog({ title, text, confirmLabel, onConfirm, onClose }: ConfirmDialogProps) {
  const t = useT();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
    } catch (failure) {
      setError(t(`error.${asApiError(failure).code}`));
      setPending(false);
    }
  }

  return (
    <Modal title={title} onClose={onClose}>
      <p>{text}</p>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="form-actions">
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-danger"
          disabled={pending}
          data-testid="confirm-dialog-confirm"
          onClick={() => void confirm()}
        >
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
