import { useEffect, useRef, useState } from 'react';
import type { UploadedFile } from '@panda/shared';
import { asApiError } from '../../api/client';
import { uploadFile } from '../../api/upload';
import { useT } from '../../i18n';

type RecorderState = { status: 'idle' } | { status: 'recording' } | { status: 'uploading' } | { status: 'failed'; message: string };

/** Records the pronunciation with the microphone (MediaRecorder) and uploads it when stopped. */
export function AudioRecorder({ onUploaded }: { onUploaded: (file: UploadedFile) => void }) {
  const t = useT();
  const [state, setState] = useState<RecorderState>({ status: 'idle' });
  const recorder = useRef<MediaRecorder | null>(null);

  // Leaving the form releases the microphone.
  useEffect(() => () => recorder.current?.stream.getTracks().forEach((track) => track.stop()), []);

  if (typeof MediaRecorder === 'undefined') return null;

  async function start() {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const chunks: Blob[] = [];
      const media = new MediaRecorder(stream);
      media.ondataavailable = (event) => chunks.push(event.data);
      media.onstop = () => {
        stream.getTracks().forEach((track) => track.stop());
        // The server accepts audio/webm and audio/mp4; the parameters (codecs) are not part of the type.
        const type = (media.mimeType || 'audio/webm').split(';')[0] as string;
        const file = new File(chunks, `recording.${type === 'audio/mp4' ? 'm4a' : 'webm'}`, { type });
        setState({ status: 'uploading' });
        uploadFile(file, () => undefined).done.then(
          (uploaded) => {
            setState({ status: 'idle' });
            onUploaded(uploaded);
          },
          (error: unknown) => setState({ status: 'failed', message: t(`error.${asApiError(error).code}`) }),
        );
      };
      recorder.current = media;
      media.start();
      setState({ status: 'recording' });
    } catch {
      setState({ status: 'failed', message: t('dictionary.record.denied') });
    }
  }

  return (
    <div className="audio-recorder">
      {state.status === 'recording' ? (
        <button type="button" className="btn btn-small btn-secondary" data-testid="record-stop" onClick={() => recorder.current?.stop()}>
          {t('dictionary.record.stop')}
        </button>
      ) : (
        <button type="button" className="btn btn-small btn-secondary" data-testid="record-start" disabled={state.status === 'uploading'} onClick={() => void start()}>
          {state.status === 'uploading' ? t('common.loading') : t('dictionary.record.start')}
        </button>
      )}
      {state.status === 'failed' && <p className="field-error">{state.message}</p>}
    </div>
  );
}
