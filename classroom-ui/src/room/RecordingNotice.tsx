import type { MyRecordingPolicy } from '@panda/shared';
import { api } from '../api/endpoints';
import { useQuery } from '../hooks/useQuery';
import { useT } from '../i18n';

/** Whether the school records lessons by itself and whether this person is in the recordings; undefined until known. */
export function useRecordingPolicy(): MyRecordingPolicy | undefined {
  return useQuery((signal) => api.myRecordingPolicy(signal), []).data;
}

/** "This lesson is recorded"; a student left out of recordings is told that they are not in it. */
export function RecordingNotice({ recorded }: { recorded: boolean }) {
  const t = useT();
  return <span data-testid="recording-notice">{t(recorded ? 'room.recordedNotice' : 'room.recordedNoticeNotYou')}</span>;
}
