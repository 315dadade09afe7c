import type { VocabularyEntry } from '@panda/shared';
import { DataTable } from '../../components/DataTable';
import { MediaPlayer } from '../../components/MediaPlayer';
import { useT } from '../../i18n';

/** Words with transcription, translation, example and pronunciation, to read. */
export function VocabularyTable({ entries }: { entries: readonly VocabularyEntry[] }) {
  const t = useT();
  return (
    <DataTable
      rows={entries}
      columns={[t('vocabulary.word'), t('vocabulary.transcription'), t('vocabulary.translation'), t('vocabulary.example'), t('vocabulary.audio')]}
      row={(entry, index) => (
        <tr key={index}>
          <td>{entry.word}</td>
          <td>{entry.transcription}</td>
          <td>{entry.translation}</td>
          <td>{entry.example}</td>
          <td>
            {entry.audioFileId && (
              <MediaPlayer kind="audio" source={{ fileId: entry.audioFileId }} label={t('vocabulary.audioOf', { word: entry.word })} />
            )}
          </td>
        </tr>
      )}
    />
  );
}
