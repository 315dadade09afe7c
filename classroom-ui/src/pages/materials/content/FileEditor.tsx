import { useT } from '../../../i18n';
import type { ContentKind, ContentEditorProps } from './types';
import { fileError, noFile, UploadedFileField, type ChosenFile } from './UploadedFileField';

function FileEditor({ draft, onChange, errors }: ContentEditorProps<ChosenFile>) {
  const t = useT();
  return (
    <UploadedFileField
      label={t('file.label')}
      category="any"
      value={draft}
      onChange={onChange}
      error={fileError(draft, errors.fileId ?? errors[''], t('upload.required'))}
      testId="file-upload"
    />
  );
}

export const fileKind: ContentKind<'file', ChosenFile> = {
  empty: () => noFile,
  fromContent: (content) => ({ fileId: content.fileId, name: '' }),
  toContent: (draft) => ({ fileId: draft.fileId }),
  Editor: FileEditor,
};
