import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { Alert } from './Alert';

type FormFooterProps = {
  /** The form-level error, from `useSubmit`. */
  error: string | null;
  /** A submission is under way: the submit button waits for it. */
  pending: boolean;
  submitLabel: string;
  /** False while there is nothing to send yet, e.g. no changes. */
  canSubmit?: boolean;
  submitTestId?: string;
  /** A notice between the error and the buttons, e.g. "Saved". */
  children?: ReactNode;
} & (
  | /** One full-width button, for the single-column pages before sign-in. */
  { layout: 'block' }
  | /** Buttons in a row at the end, Cancel first when there is one (dialogs, sub-forms, cards). */
  { layout: 'actions'; onCancel?: () => void }
);

/** The end of a form: what went wrong, then the button that sends it. */
export function FormFooter(props: FormFooterProps) {
  const { error, pending, submitLabel, canSubmit = true, submitTestId, children } = props;
  const t = useT();
  const block = props.layout === 'block';
  const onCancel = props.layout === 'actions' ? props.onCancel : undefined;
  const submit = (
    <button
      type="submit"
      className={block ? 'btn btn-primary btn-block' : 'btn btn-primary'}
      disabled={!canSubmit || pending}
      data-testid={submitTestId}
    >
      {submitLabel}
    </button>
  );
  return (
    <>
      {error && <Alert tone="error">{error}</Alert>}
      {children}
      {block ? (
        submit
      ) : (
        <div className="form-actions">
          {onCancel && (
            <button type="button" className="btn btn-secondary" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          )}
          {submit}
        </div>
      )}
    </>
  );
}
