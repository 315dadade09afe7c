import type { MaterialContent } from '@panda/shared';
import { RadioGroup, TextField } from '../../../components/fields';
import { MediaPlayer } from '../../../components/MediaPlayer';
import { useT } from '../../../i18n';
import type { ContentEditorProps, ContentKind } from './types';
import { fileError, noFile, UploadedFileField, type ChosenFile } from './UploadedFileField';

type MediaKind = 'video' | 'audio';

export interface MediaDraft {
  from: 'file' | 'url';
  file: ChosenFile;
  url: string;
  /** Read from the player once it has loaded the recording. */
  durationSeconds: number | undefined;
}

function mediaEditor(kind: MediaKind) {
  return function MediaEditor({ draft, onChange, errors }: ContentEditorProps<MediaDraft>) {
    const t = useT();
    const sourceError = errors['source'];
    const source = draft.from === 'file' ? (draft.file.fileId ? { fileId: draft.file.fileId } : null) : playableUrl(draft.url);
    return (
      <>
        <RadioGroup
          legend={t('media.from')}
          options={[
            { value: 'file', label: t(`media.fromFile.${kind}`) },
            { value: 'url', label: t('media.fromUrl') },
          ]}
          value={draft.from}
          onChange={(from) => onChange({ ...draft, from, durationSeconds: undefined })}
        />
        {draft.from === 'file' ? (
          <UploadedFileField
            label={t(`materialKind.${kind}`)}
            category={kind}
            value={draft.file}
            onChange={(file) => onChange({ ...draft, file, durationSeconds: undefined })}
            error={fileError(draft.file, errors['source.fileId'] ?? sourceError, t('upload.required'))}
            testId="media-upload"
          />
        ) : (
          <TextField
            label={t('media.url')}
            type="url"
            inputMode="url"
            placeholder="https://"
            hint={t('media.urlHint')}
            value={draft.url}
            onChange={(event) => onChange({ ...draft, url: event.target.value, durationSeconds: undefined })}
            error={errors['source.url'] ?? sourceError}
          />
        )}
        {source && (
          <MediaPlayer
            kind={kind}
            source={source}
            label={t('media.preview')}
            onDuration={(durationSeconds) => {
              if (durationSeconds !== draft.durationSeconds) onChange({ ...draft, durationSeconds });
            }}
          />
        )}
      </>
    );
  };
}

/** A typed address worth trying in the player. */
function playableUrl(url: string): { url: string } | null {
  const text = url.trim();
  return /^https?:\/\/\S+$/.test(text) ? { url: text } : null;
}

function mediaKind<K extends MediaKind>(kind: K): ContentKind<K, MediaDraft> {
  return {
    empty: () => ({ from: 'file', file: noFile, url: '', durationSeconds: undefined }),
    fromContent: (content: MaterialContent<MediaKind>) => ({
      from: 'fileId' in content.source ? 'file' : 'url',
      file: 'fileId' in content.source ? { fileId: content.source.fileId, name: '' } : noFile,
      url: 'url' in content.source ? content.source.url : '',
      durationSeconds: content.durationSeconds,
    }),
    toContent: (draft) => ({
      source: draft.from === 'file' ? { fileId: draft.file.fileId } : { url: draft.url.trim() },
      ...(draft.durationSeconds ? { durationSeconds: draft.durationSeconds } : {}),
    }),
    Editor: mediaEditor(kind),
  };
}

export const videoKind = mediaKind('video');
export const audioKind = mediaKind('audio');
