import type { VocabularyEntry } from '@panda/shared';
import { DataTable } from '../../../components/DataTable';
import { FileUpload } from '../../../components/FileUpload';
import { MediaPlayer } from '../../../components/MediaPlayer';
import { ReorderButtons } from '../../../components/ReorderButtons';
import { scopeErrors, type FieldErrors } from '../../../hooks/useSubmit';
import { useT } from '../../../i18n';
import { moveItem, removeAt, replaceAt } from '../../../lib/lists';
import { optionalText, type ContentEditorProps, type ContentKind } from './types';

interface WordRow {
  /** Stable across reordering, so focus and inputs follow the row. */
  key: number;
  word: string;
  transcription: string;
  translation: string;
  example: string;
  audioFileId: string;
}

export interface VocabularyDraft {
  rows: WordRow[];
}

let lastKey = 0;
const newRow = (entry: Partial<VocabularyEntry> = {}): WordRow => ({
  key: ++lastKey,
  word: entry.word ?? '',
  transcription: entry.transcription ?? '',
  translation: entry.translation ?? '',
  example: entry.example ?? '',
  audioFileId: entry.audioFileId ?? '',
});

const textColumns = ['word', 'transcription', 'translation', 'example'] as const;

/** Words as a table: one row per word, its pronunciation uploaded as a recording. */
function VocabularyEditor({ draft, onChange, errors }: ContentEditorProps<VocabularyDraft>) {
  const t = useT();
  const setRows = (rows: WordRow[]) => onChange({ rows });
  return (
    <div className="field">
      <DataTable
        className="vocabulary-table"
        caption={t('vocabulary.caption')}
        rows={draft.rows}
        columns={[...textColumns.map((column) => t(`vocabulary.${column}`)), t('vocabulary.audio')]}
        actions
        row={(row, index) => (
          <WordRowEditor
            key={row.key}
            row={row}
            index={index}
            count={draft.rows.length}
            errors={scopeErrors(errors, `entries.${index}`)}
            onChange={(next) => setRows(replaceAt(draft.rows, index, next))}
            onMove={(to) => setRows(moveItem(draft.rows, index, to))}
            onRemove={() => setRows(removeAt(draft.rows, index))}
          />
        )}
      />
      {errors.entries && <p className="field-error">{errors.entries}</p>}
      <div>
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={() => setRows([...draft.rows, newRow()])}
          data-testid="vocabulary-add"
        >
          {t('vocabulary.add')}
        </button>
      </div>
    </div>
  );
}

interface WordRowEditorProps {
  row: WordRow;
  index: number;
  count: number;
  errors: FieldErrors;
  onChange: (row: WordRow) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}

function WordRowEditor({ row, index, count, errors, onChange, onMove, onRemove }: WordRowEditorProps) {
  const t = useT();
  const label = row.word || t('vocabulary.rowN', { number: index + 1 });
  return (
    <tr data-testid="vocabulary-row">
      {textColumns.map((column) => (
        <td key={column}>
          <input
            value={row[column]}
            aria-label={t(`vocabulary.${column}Of`, { number: index + 1 })}
            aria-invalid={errors[column] ? true : undefined}
            title={errors[column]}
            onChange={(event) => onChange({ ...row, [column]: event.target.value })}
            data-testid={`vocabulary-${column}`}
          />
          {errors[column] && <p className="field-error">{errors[column]}</p>}
        </td>
      ))}
      <td className="vocabulary-audio">
        {row.audioFileId && (
          <MediaPlayer kind="audio" source={{ fileId: row.audioFileId }} label={t('vocabulary.audioOf', { word: label })} />
        )}
        <FileUpload
          label={row.audioFileId ? t('upload.replace') : t('upload.choose')}
          category="audio"
          onUploaded={(file) => onChange({ ...row, audioFileId: file.id })}
          error={errors.audioFileId}
        />
        {row.audioFileId && (
          <button type="button" className="btn btn-link" onClick={() => onChange({ ...row, audioFileId: '' })}>
            {t('vocabulary.removeAudio')}
          </button>
        )}
      </td>
      <td>
        <span className="row-actions">
          <ReorderButtons index={index} count={count} label={label} onMove={onMove} />
          <button
            type="button"
            className="btn btn-icon btn-small"
            aria-label={t('common.removeLabel', { label })}
            title={t('common.removeLabel', { label })}
            onClick={onRemove}
          >
            <span aria-hidden="true">×</span>
          </button>
        </span>
      </td>
    </tr>
  );
}

export const vocabularyKind: ContentKind<'vocabulary', VocabularyDraft> = {
  empty: () => ({ rows: [newRow()] }),
  fromContent: (content) => ({ rows: content.entries.map(newRow) }),
  toContent: (draft) => ({
    entries: draft.rows.map((row) => ({
      word: row.word,
      translation: row.translation,
      ...optionalText('transcription', row.transcription),
      ...optionalText('example', row.example),
      ...(row.audioFileId ? { audioFileId: row.audioFileId } : {}),
    })),
  }),
  Editor: VocabularyEditor,
};
