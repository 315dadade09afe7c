import type { BoardMaterial, VocabularyEntry } from '@panda/shared';
import { useState } from 'react';
import { stopEventPropagation } from 'tldraw';
import { RichTextView } from '../components/RichTextView';
import { useT } from '../i18n';
import { api } from '../api/endpoints';
import { useBoard } from './context';
import { useFileUrl } from '../hooks/useFileUrl';
import type { MaterialViewProps } from './shapes';

export { MediaMaterialView } from './MediaView';
export { TestMaterialView } from './TestView';

type Content<K extends BoardMaterial['kind']> = Extract<BoardMaterial, { kind: K }>['content'];

export function TextMaterialView({ material }: MaterialViewProps) {
  return (
    <div className="material-text" onPointerDown={stopEventPropagation}>
      <RichTextView doc={(material.content as Content<'text'>).doc} />
    </div>
  );
}

/** Words with their transcription, translation, example and pronunciation; a student keeps any in their dictionary. */
export function VocabularyMaterialView({ material }: MaterialViewProps) {
  const t = useT();
  const { entries } = material.content as Content<'vocabulary'>;
  return (
    <table className="material-vocabulary" onPointerDown={stopEventPropagation}>
      <thead>
        <tr>
          <th>{t('board.vocabulary.word')}</th>
          <th>{t('board.vocabulary.translation')}</th>
          <th>{t('board.vocabulary.example')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <VocabularyRow key={`${entry.word}-${entry.translation}`} entry={entry} language={material.language} />
        ))}
      </tbody>
    </table>
  );
}

function VocabularyRow({ entry, language }: { entry: VocabularyEntry; language: BoardMaterial['language'] }) {
  const t = useT();
  const { isStudent, lessonId } = useBoard();
  const audioUrl = useFileUrl(entry.audioFileId).url;
  const [saved, setSaved] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');

  const pronounce = () => {
    if (audioUrl) void new Audio(audioUrl).play();
    else if ('speechSynthesis' in window) {
      const utterance = new SpeechSynthesisUtterance(entry.word);
      utterance.lang = language === 'zh' ? 'zh-CN' : 'en-GB';
      speechSynthesis.speak(utterance);
    }
  };

  const keep = async () => {
    setSaved('saving');
    try {
      await api.addToDictionary({
        language,
        word: entry.word,
        translation: entry.translation,
        lessonId,
        tags: [],
        ...(entry.transcription ? { transcription: entry.transcription } : {}),
        ...(entry.example ? { example: entry.example } : {}),
        ...(entry.audioFileId ? { audioFileId: entry.audioFileId } : {}),
      });
      setSaved('saved');
    } catch {
      setSaved('failed');
    }
  };

  return (
    <tr data-word={entry.word}>
      <td>
        <strong>{entry.word}</strong>
        {entry.transcription && <span className="muted"> [{entry.transcription}]</span>}
      </td>
      <td>{entry.translation}</td>
      <td>{entry.example}</td>
      <td className="vocabulary-actions">
        <button type="button" className="btn btn-small btn-ghost" aria-label={t('board.vocabulary.pronounce', { word: entry.word })} onClick={pronounce}>
          🔊
        </button>
        {isStudent && (
          <button type="button" className="btn btn-small btn-secondary" data-testid="add-to-dictionary" disabled={saved === 'saving' || saved === 'saved'} onClick={() => void keep()}>
            {saved === 'saved' ? t('board.vocabulary.added') : saved === 'failed' ? t('board.vocabulary.retry') : t('board.vocabulary.add')}
          </button>
        )}
      </td>
    </tr>
  );
}

export function LinkMaterialView({ material }: MaterialViewProps) {
  const t = useT();
  const link = material.kind === 'link' ? material.content : null;
  const fileUrl = useFileUrl(material.kind === 'file' ? material.content.fileId : undefined).url;
  const href = link?.url ?? fileUrl;
  return (
    <div className="material-link" onPointerDown={stopEventPropagation}>
      {link?.description && <p>{link.description}</p>}
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {material.kind === 'file' ? t('board.link.download') : t('board.link.open')}
        </a>
      ) : (
        <span className="muted">{t('board.media.loading')}</span>
      )}
    </div>
  );
}
