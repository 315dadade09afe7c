import type { VocabularyEntry } from '@panda/shared';
import { MediaPlayer } from '../../components/MediaPlayer';
import { useT } from '../../i18n';

/** Words with transcription, translation, example and pronunciation, to read. */
export function VocabularyTable({ entries }: { entries: readonly VocabularyEntry[] }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('vocabulary.word')}</th>
            <th scope="col">{t('vocabulary.transcription')}</th>
            <th scope="col">{t('vocabulary.translation')}</th>
            <th scope="col">{t('vocabulary.example')}</th>
            <th scope="col">{t('vocabulary.audio')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, index) => (
            <tr key={index}>
              <td>{entry.word}</td>
              <td>{entry.transcription}</td>
              <td>{entry.translation}</td>
              <td>{entry.example}</td>
              <td>
                {entry.audioFileId && (
                  <MediaPlayer
                    kind="audio"
                    source={{ fileId: entry.audioFileId }}
                    label={t('vocabulary.audioOf', { word: entry.word })}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
