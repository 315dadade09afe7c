import { useState } from 'react';
import { asApiError, type ApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { useSession, useUser } from '../../auth/session';
import { Alert } from '../../components/Alert';
import { Checkbox } from '../../components/fields';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';

/**
 * A student's choice to be left out of lessons' recordings, saved as it is ticked. It counts where
 * the school lets students refuse; the section says which way the school works.
 */
export function RecordingSection() {
  const t = useT();
  const user = useUser();
  const { updateUser } = useSession();
  const policy = useQuery((signal) => api.myRecordingPolicy(signal), [user.recordingOptOut]);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function choose(recordingOptOut: boolean) {
    setPending(true);
    setError(undefined);
    try {
      updateUser(await api.updateMe({ recordingOptOut }));
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="card narrow" aria-labelledby="recording-choice-title" data-testid="recording-choice">
      <h2 id="recording-choice-title">{t('profile.recording')}</h2>
      {policy.data && (
        <p className="muted">{t(policy.data.consent === 'opt_out' ? 'profile.recording.mayRefuse' : 'profile.recording.everyone')}</p>
      )}
      <Checkbox
        label={t('profile.recording.optOut')}
        checked={user.recordingOptOut}
        disabled={pending}
        onChange={(event) => void choose(event.target.checked)}
      />
      {error && <Alert tone="error">{t(`error.${error.code}`)}</Alert>}
    </section>
  );
}
