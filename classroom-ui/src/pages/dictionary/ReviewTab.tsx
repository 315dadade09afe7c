import { useState } from 'react';
import { Grade, type DictionaryEntry } from '@panda/shared';
import { api } from '../../api/endpoints';
import { LoadError } from '../../components/Alert';
import { MediaPlayer } from '../../components/MediaPlayer';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';

/** Today's due words one at a time: the word, then its answer and the four grades. */
export function ReviewTab() {
  const t = useT();
  const due = useQuery((signal) => api.dueWords(signal), []);
  const card = due.data?.items[0];
  return (
    <section className="card" aria-labelledby="review-title">
      <h2 id="review-title">{t('dictionary.review.title')}</h2>
      {due.error && <LoadError error={due.error} onRetry={due.reload} />}
      {due.data && (
        <p className="muted" data-testid="review-left">
          {t('dictionary.review.left', { count: due.data.total })}
        </p>
      )}
      {due.data && !card && (
        <p className="empty" data-testid="review-done">
          {t('dictionary.review.done')}
        </p>
      )}
      {card && <ReviewCard key={card.id} entry={card} onGraded={due.reload} />}
    </section>
  );
}

function ReviewCard({ entry, onGraded }: { entry: DictionaryEntry; onGraded: () => void }) {
  const t = useT();
  const [shown, setShown] = useState(false);
  const [pending, setPending] = useState(false);

  async function grade(value: Grade) {
    setPending(true);
    try {
      await api.reviewWord(entry.id, { source: 'review', grade: value });
      onGraded();
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="review-card" data-testid="review-card">
      <p className="review-word" lang={entry.language}>
        <strong>{entry.word}</strong>
      </p>
      {shown ? (
        <>
          <WordAnswer entry={entry} />
          <div className="page-actions" role="group" aria-label={t('dictionary.review.grades')}>
            {Grade.options.map((value) => (
              <button key={value} type="button" className="btn btn-small" disabled={pending} data-testid={`grade-${value}`} onClick={() => void grade(value)}>
                {t(`dictionary.grade.${value}`)}
              </button>
            ))}
          </div>
        </>
      ) : (
        <button type="button" className="btn" data-testid="show-answer" onClick={() => setShown(true)}>
          {t('dictionary.review.show')}
        </button>
      )}
    </div>
  );
}

/** The back of a card: transcription, translation, example and recording. */
export function WordAnswer({ entry }: { entry: DictionaryEntry }) {
  return (
    <div data-testid="word-answer">
      {entry.transcription && <p className="muted">{entry.transcription}</p>}
      <p>{entry.translation}</p>
      {entry.example && <p className="muted">{entry.example}</p>}
      {entry.audioFileId && <MediaPlayer kind="audio" source={{ fileId: entry.audioFileId }} label={entry.word} />}
    </div>
  );
}
