import { useId } from 'react';
import {
  gapTextParts,
  type ItemAnswer,
  type ItemResult,
  type PublicTestItem,
  type TestAnswers,
  type TestResult,
} from '@panda/shared';
import { useT } from '../i18n';

interface TestPlayerProps {
  /** A test as a student sees it: no answer key, shuffled. */
  items: readonly PublicTestItem[];
  answers: TestAnswers;
  onChange: (answers: TestAnswers) => void;
  /** Once scored: each item's status and, where it was missed, the expected answer. */
  result?: TestResult | undefined;
}

/** A test to answer: one fieldset per item, every control labelled, nothing but clicks and typing. */
export function TestPlayer({ items, answers, onChange, result }: TestPlayerProps) {
  return (
    <ol className="test-player">
      {items.map((item) => (
        <TestPlayerItem
          key={item.id}
          item={item}
          answer={answers[item.id]}
          result={result?.items.find((scored) => scored.itemId === item.id)}
          onChange={(answer) => onChange({ ...answers, [item.id]: answer })}
        />
      ))}
    </ol>
  );
}

interface TestPlayerItemProps {
  item: PublicTestItem;
  answer: ItemAnswer | undefined;
  result: ItemResult | undefined;
  onChange: (answer: ItemAnswer) => void;
}

function TestPlayerItem({ item, answer, result, onChange }: TestPlayerItemProps) {
  const t = useT();
  return (
    <li className="test-player-item" data-status={result?.status} data-testid="test-player-item">
      <fieldset>
        <legend>
          {item.prompt} <span className="muted">({t('test.pointsN', { points: item.points })})</span>
        </legend>
        <AnswerInput item={item} answer={answer} onChange={onChange} />
      </fieldset>
      {result && <ItemFeedback item={item} result={result} />}
    </li>
  );
}

function AnswerInput({ item, answer, onChange }: Omit<TestPlayerItemProps, 'result'>) {
  const t = useT();
  const name = useId();
  const list = Array.isArray(answer) ? answer : [];
  const text = typeof answer === 'string' ? answer : '';
  switch (item.type) {
    case 'choice':
      return (
        <div className="player-options">
          {item.options.map((option) => (
            <label key={option.id} className="checkbox">
              <input
                type={item.multiple ? 'checkbox' : 'radio'}
                name={name}
                checked={list.includes(option.id)}
                onChange={(event) =>
                  onChange(
                    item.multiple
                      ? event.target.checked
                        ? [...list.filter((id) => id !== null), option.id]
                        : list.filter((id) => id !== option.id && id !== null)
                      : [option.id],
                  )
                }
              />
              <span>{option.text}</span>
            </label>
          ))}
        </div>
      );
    case 'gap_fill': {
      const filled = answer !== undefined && typeof answer === 'object' && !Array.isArray(answer) ? answer : {};
      let gapNumber = 0;
      return (
        <p className="player-gap-text">
          {gapTextParts(item.text).map((part, index) => {
            if ('text' in part) return <span key={index}>{part.text}</span>;
            const label = t('test.gapN', { number: ++gapNumber });
            const options = item.gaps.find((gap) => gap.id === part.gapId)?.options;
            const set = (value: string) => onChange({ ...filled, [part.gapId]: value });
            return options ? (
              <select key={index} aria-label={label} value={filled[part.gapId] ?? ''} onChange={(event) => set(event.target.value)}>
                <option value="" />
                {options.map((option) => (
                  <option key={option}>{option}</option>
                ))}
              </select>
            ) : (
              <input
                key={index}
                aria-label={label}
                size={10}
                value={filled[part.gapId] ?? ''}
                onChange={(event) => set(event.target.value)}
              />
            );
          })}
        </p>
      );
    }
    case 'matching':
      return (
        <div className="player-matching">
          {item.left.map((left, index) => (
            <label key={left} className="player-matching-row">
              <span>{left}</span>
              <select
                value={list[index] ?? ''}
                onChange={(event) => {
                  const next = item.left.map((_, at) => list[at] ?? null);
                  next[index] = event.target.value || null;
                  onChange(next);
                }}
              >
                <option value="" />
                {item.right.map((right) => (
                  <option key={right}>{right}</option>
                ))}
              </select>
            </label>
          ))}
        </div>
      );
    case 'word_order':
      return <WordOrderInput tokens={item.tokens} order={list} onChange={onChange} />;
    case 'short_answer':
      return <input className="player-text" aria-label={t('test.yourAnswer')} value={text} onChange={(event) => onChange(event.target.value)} />;
    case 'free_text':
      return (
        <textarea
          className="player-text"
          aria-label={t('test.yourAnswer')}
          rows={3}
          maxLength={item.maxLength}
          value={text}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }
}

/** Pieces of a sentence put in order by clicking them; a click on a placed piece takes it back. */
function WordOrderInput({
  tokens,
  order,
  onChange,
}: {
  tokens: readonly string[];
  order: readonly (string | null)[];
  onChange: (order: string[]) => void;
}) {
  const t = useT();
  const placed = order.filter((token): token is string => token !== null);
  const left = [...tokens];
  for (const token of placed) left.splice(left.indexOf(token), 1);
  return (
    <div className="player-word-order">
      <p className="player-sentence" aria-live="polite">
        {placed.length === 0 && <span className="muted">{t('test.wordOrder.playerHint')}</span>}
        {placed.map((token, index) => (
          <button
            key={`${token}-${index}`}
            type="button"
            className="btn btn-small btn-primary"
            aria-label={t('test.takeBack', { token })}
            onClick={() => onChange(placed.filter((_, at) => at !== index))}
          >
            {token}
          </button>
        ))}
      </p>
      <p className="player-tokens">
        {left.map((token, index) => (
          <button key={`${token}-${index}`} type="button" className="btn btn-small btn-secondary" onClick={() => onChange([...placed, token])}>
            {token}
          </button>
        ))}
      </p>
    </div>
  );
}

function ItemFeedback({ item, result }: { item: PublicTestItem; result: ItemResult }) {
  const t = useT();
  const expected = result.status !== 'correct' ? describeAnswer(item, result.correct) : '';
  return (
    <p className={`player-feedback player-feedback-${result.status}`} data-testid="test-item-feedback">
      <strong>{t(`test.status.${result.status}`)}</strong> {t('test.scoreOf', { score: result.score, max: result.maxScore })}
      {expected && <span> · {t('test.expected', { answer: expected })}</span>}
    </p>
  );
}

/** An answer in words: option texts, gap answers in order, the sentence, the pairs. */
export function describeAnswer(item: PublicTestItem, answer: ItemAnswer | undefined): string {
  if (answer === undefined) return '';
  if (item.type === 'choice' && Array.isArray(answer)) {
    return answer.map((id) => item.options.find((option) => option.id === id)?.text ?? id).join(', ');
  }
  if (item.type === 'matching' && Array.isArray(answer)) {
    return item.left.map((left, index) => `${left} → ${answer[index] ?? '—'}`).join('; ');
  }
  if (typeof answer === 'string') return answer;
  if (Array.isArray(answer)) return answer.join(' ');
  return Object.values(answer).join(' · ');
}
