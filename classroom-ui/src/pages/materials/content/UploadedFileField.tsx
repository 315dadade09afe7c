import type { FileCategory, UploadedFile } from '@panda/shared';
import { FileUpload } from '../../../components/FileUpload';
import { FileLink } from '../../../components/MediaPlayer';
import { useT } from '../../../i18n';

/** An uploaded file in a draft: its name is known only when it was uploaded in this form. */
export interface ChosenFile {
  fileId: string;
  name: string;
}

export const noFile: ChosenFile = { fileId: '', name: '' };

export const chosenFile = (file: UploadedFile): ChosenFile => ({ fileId: file.id, name: file.name });

/** While no file is chosen, any error about it means one is missing: say that rather than "check this value". */
export function fileError(file: ChosenFile, error: string | undefined, missing: string): string | undefined {
  return error && !file.fileId ? missing : error;
}

interface UploadedFileFieldProps {
  label: string;
  category: FileCategory;
  value: ChosenFile;
  onChange: (file: ChosenFile) => void;
  error?: string | undefined;
  testId?: string;
}

/** The file a material uses: which one it is now, and a button to upload another. */
export function UploadedFileField({ label, category, value, onChange, error, testId }: UploadedFileFieldProps) {
  const t = useT();
  return (
    <div className="field">
      <span className="field-label">{label}</span>
      {value.fileId && (
        <p className="chosen-file">
          <FileLink fileId={value.fileId}>{value.name || t('upload.current')}</FileLink>
        </p>
      )}
      <FileUpload
        label={value.fileId ? t('upload.replace') : t('upload.choose')}
        category={category}
        onUploaded={(file) => onChange(chosenFile(file))}
        error={error}
        testId={testId}
      />
    </div>
  );
}
