import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import {
  fileFitsCategory,
  UPLOAD_MEDIA_TYPES,
  uploadMediaTypeOf,
  type FileCategory,
  type UploadedFile,
} from '@panda/shared';
import { asApiError } from '../api/client';
import { uploadFile, type Upload } from '../api/upload';
import { useT } from '../i18n';

interface FileUploadProps {
  label: string;
  /** The kind of file the place needs; the chooser offers only those types. */
  category: FileCategory;
  onUploaded: (file: UploadedFile) => void;
  /** An error about this file from the form, e.g. the server refusing it for the material. */
  error?: string | undefined;
  testId?: string;
}

type UploadState = { status: 'idle' } | { status: 'uploading'; share: number } | { status: 'failed'; message: string };

/**
 * A button that uploads the chosen file straight away, with its progress and a way to cancel.
 * Refusals (type, size, contents) are shown in words from the server's stable codes.
 */
export function FileUpload({ label, category, onUploaded, error, testId }: FileUploadProps) {
  const t = useT();
  const id = useId();
  const [state, setState] = useState<UploadState>({ status: 'idle' });
  const upload = useRef<Upload | null>(null);
  const accept = UPLOAD_MEDIA_TYPES.filter((type) => fileFitsCategory(type, category)).join(',');
  const message = state.status === 'failed' ? state.message : error;

  // Leaving the page cancels an upload under way.
  useEffect(() => () => upload.current?.abort(), []);

  async function onChoose(event: ChangeEvent<HTMLInputElement>) {
    const input = event.target;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    // The same stable code the server would answer with, without sending a large file for nothing.
    const type = uploadMediaTypeOf(file.type);
    if (file.type && (!type || !fileFitsCategory(type, category))) {
      setState({ status: 'failed', message: t('error.unsupported_file_type') });
      return;
    }
    setState({ status: 'uploading', share: 0 });
    upload.current = uploadFile(file, (share) => setState({ status: 'uploading', share }));
    try {
      const uploaded = await upload.current.done;
      setState({ status: 'idle' });
      onUploaded(uploaded);
    } catch (failure) {
      if (failure instanceof DOMException && failure.name === 'AbortError') setState({ status: 'idle' });
      else setState({ status: 'failed', message: t(`error.${asApiError(failure).code}`) });
    } finally {
      upload.current = null;
    }
  }

  return (
    <div className="file-upload">
      <input
        id={id}
        type="file"
        className="visually-hidden"
        accept={accept}
        disabled={state.status === 'uploading'}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : undefined}
        data-testid={testId}
        onChange={(event) => void onChoose(event)}
      />
      <label htmlFor={id} className="btn btn-secondary btn-small" aria-disabled={state.status === 'uploading'}>
        {label}
      </label>
      {state.status === 'uploading' && (
        <>
          <progress max={1} value={state.share} aria-label={t('upload.progress', { label })} />
          <span className="muted">{Math.round(state.share * 100)}%</span>
          <button type="button" className="btn btn-link" onClick={() => upload.current?.abort()}>
            {t('common.cancel')}
          </button>
        </>
      )}
      {message && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {message}
        </p>
      )}
    </div>
  );
}
