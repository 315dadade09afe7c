import { useState } from 'react';
import type { DictionaryEntry, Grade } from '@panda/shared';
import { api } from '../../api/endpoints';
import { LoadError } from '../../components/Alert';
import { TextField } from '../../components/fields';
import { useQuery } from '../../hooks/useQuery';
import { useT } from '../../i18n';
import { WordAnswer } from './ReviewTab';

const GAMES = ['flashcards', 'matching', 'typing'] as const;
type Game = (typeof GAMES)[number];
const ROUND = 10;
const PAIRS = 5;

const shuffled = <T,>(items: readonly T[]): T[] =>
  items
    .map((item) => ({ item, key: Math.random() }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);

/**
 * Vocabulary games over today's due words (then the newest ones). Every answer is sent as a review
 * of its word: the server maps the result to a grade and moves the word's schedule.
 */
export function GamesTab() {
  const t = useT();
  const [game, setGame] = useState<Game | null>(null);
  const [round, setRound] = useState(0);
  const words = useQuery(async (signal) => {
    const [due, newest] = await Promise.all([api.dueWords(signal), api.dictionary({ limit: String(ROUND * 2) }, undefined, signal)]);
    const seen = new Set(due.items.map((entry) => entry.id));
    return shuffled([...due.items, ...newest.items.filter((entry) => !seen.has(entry.id))].slice(0, ROUND));
  }, [round]);

  const finish = () => {
    setGame(null);
    setRound((value) => value + 1);
  };

  return (
    <section className="card" aria-labelledby="games-title">
      <h2 id="games-title">{t('dictionary.games.title')}</h2>
      {words.error && <LoadError error={words.error} onRetry={words.reload} />}
      {words.data?.length === 0 && <p className="empty">{t('dictionary.empty')}</p>}
      {words.data && words.data.length > 0 && !game && (
        <div className="page-actions">
          {GAMES.map((name) => (
            <button key={name} type="button" className="btn" data-testid={`game-${name}`} onClick={() => setGame(name)}>
              {t(`dictionary.game.${name}`)}
            </button>
          ))}
        </div>
      )}
      {words.data && game === 'flashcards' && <Flashcards words={words.data} onDone={finish} />}
      {words.data && game === 'matching' && <Matching words={words.data.slice(0, PAIRS)} onDone={finish} />}
      {words.data && game === 'typing' && <Typing words={words.data} onDone={finish} />}
    </section>
  );
}

interface GameProps {
  words: DictionaryEntry[];
  onDone: () => void;
}

function RoundOver({ text, onDone }: { text: string; onDone: () => void }) {
  const t = useT();
  return (
    <div data-testid="game-over">
      <p>{text}</p>
      <button type="button" className="btn" onClick={onDone}>
        {t('dictionary.games.again')}
      </button>
    </div>
  );
}

/** Flashcards: the word, flipped to its answer; "I knew it" counts as good, "I didn't" as again. */
function Flashcards({ words, onDone }: GameProps) {
  const t = useT();
  const [index, setIndex] = useState(0);
  const [flipped, setFlipped] = useState(false);
  const [known, setKnown] = useState(0);
  const card = words[index];
  if (!card) return <RoundOver text={t('dictionary.games.flashcardsScore', { known, total: words.length })} onDone={onDone} />;

  async function answer(knew: boolean) {
    if (!card) return;
    await api.reviewWord(card.id, { source: 'flashcards', knew });
    if (knew) setKnown((value) => value + 1);
    setFlipped(false);
    setIndex((value) => value + 1);
  }

  return (
    <div className="review-card" data-testid="flashcard">
      <p className="muted">{t('dictionary.games.progress', { index: index + 1, total: words.length })}</p>
      <p className="review-word" lang={card.language}>
        <strong>{card.word}</strong>
      </p>
      {flipped ? (
        <>
          <WordAnswer entry={card} />
          <div className="page-actions">
            <button type="button" className="btn" data-testid="flashcard-knew" onClick={() => void answer(true)}>
              {t('dictionary.games.knew')}
            </button>
            <button type="button" className="btn btn-secondary" data-testid="flashcard-forgot" onClick={() => void answer(false)}>
              {t('dictionary.games.forgot')}
            </button>
          </div>
        </>
      ) : (
        <button type="button" className="btn" data-testid="flashcard-flip" onClick={() => setFlipped(true)}>
          {t('dictionary.games.flip')}
        </button>
      )}
    </div>
  );
}

/** Matching pairs: a word, then its translation; the wrong tries before a pair is found become its grade. */
function Matching({ words, onDone }: GameProps) {
  const t = useT();
  const [translations] = useState(() => shuffled(words));
  const [selected, setSelected] = useState<string | null>(null);
  const [matched, setMatched] = useState<ReadonlySet<string>>(new Set());
  const [mistakes, setMistakes] = useState<Readonly<Record<string, number>>>({});
  if (matched.size === words.length) return <RoundOver text={t('dictionary.games.matchingDone')} onDone={onDone} />;

  async function pick(translationOf: string) {
    if (!selected) return;
    if (selected !== translationOf) {
      setMistakes((current) => ({ ...current, [selected]: (current[selected] ?? 0) + 1 }));
      return;
    }
    await api.reviewWord(selected, { source: 'matching', mistakes: mistakes[selected] ?? 0 });
    setMatched((current) => new Set([...current, selected]));
    setSelected(null);
  }

  return (
    <div className="matching" data-testid="matching">
      <p className="muted">{t('dictionary.games.matchingHint')}</p>
      <div className="page-actions">
        {words.map((entry) => (
          <button
            key={entry.id}
            type="button"
            className={selected === entry.id ? 'btn btn-small' : 'btn btn-small btn-secondary'}
            aria-pressed={selected === entry.id}
            disabled={matched.has(entry.id)}
            onClick={() => setSelected(entry.id)}
          >
            {entry.word}
          </button>
        ))}
      </div>
      <div className="page-actions">
        {translations.map((entry) => (
          <button key={entry.id} type="button" className="btn btn-small btn-secondary" disabled={matched.has(entry.id) || !selected} onClick={() => void pick(entry.id)}>
            {entry.translation}
          </button>
        ))}
      </div>
    </div>
  );
}

/** Typing: the translation is shown, the student types the word; the server checks it. */
function Typing({ words, onDone }: GameProps) {
  const t = useT();
  const [index, setIndex] = useState(0);
  const [answer, setAnswer] = useState('');
  const [result, setResult] = useState<Grade | null>(null);
  const card = words[index];
  if (!card) return <RoundOver text={t('dictionary.games.typingDone')} onDone={onDone} />;

  async function check() {
    if (!card) return;
    setResult((await api.reviewWord(card.id, { source: 'typing', answer })).grade);
  }

  return (
    <form
      className="review-card"
      data-testid="typing"
      onSubmit={(event) => {
        event.preventDefault();
        if (result) {
          setResult(null);
          setAnswer('');
          setIndex((value) => value + 1);
        } else void check();
      }}
    >
      <p className="muted">{t('dictionary.games.progress', { index: index + 1, total: words.length })}</p>
      <p className="review-word">{card.translation}</p>
      <TextField label={t('dictionary.games.typeWord')} value={answer} disabled={result !== null} onChange={(event) => setAnswer(event.target.value)} lang={card.language} />
      {result && (
        <p role="status">
          {t(`dictionary.grade.${result}`)}: <strong lang={card.language}>{card.word}</strong>
        </p>
      )}
      <button type="submit" className="btn">
        {result ? t('dictionary.games.next') : t('dictionary.games.check')}
      </button>
    </form>
  );
}
