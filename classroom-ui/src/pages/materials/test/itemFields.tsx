import { useRef } from 'react';
import type { TestItem } from '@panda/shared';
import { Checkbox, TextAreaField, TextField } from '../../../components/fields';
import { errorUnder, scopeErrors, type FieldErrors } from '../../../hooks/useSubmit';
import { useT } from '../../../i18n';
import { nextId, removeAt, replaceAt } from '../../../lib/lists';
import { gapsForText } from './items';
import { ListTextField } from './ListTextField';

/** The fields of one type of item, below the prompt and points every item has. */
export interface ItemFieldsProps<T extends TestItem['type']> {
  item: Extract<TestItem, { type: T }>;
  onChange: (item: Extract<TestItem, { type: T }>) => void;
  errors: FieldErrors;
}

function RemoveButton({ label, disabled, onClick }: { label: string; disabled?: boolean; onClick: () => void }) {
  const t = useT();
  return (
    <button
      type="button"
      className="btn btn-icon btn-small"
      disabled={disabled}
      aria-label={t('common.removeLabel', { label })}
      title={t('common.removeLabel', { label })}
      onClick={onClick}
    >
      <span aria-hidden="true">×</span>
    </button>
  );
}

const MIN_OPTIONS = 2;
const MIN_PAIRS = 2;

/** Options with the right one(s) ticked; "several right answers" switches radio buttons to checkboxes. */
export function ChoiceFields({ item, onChange, errors }: ItemFieldsProps<'choice'>) {
  const t = useT();
  const toggleCorrect = (id: string, checked: boolean) =>
    onChange({
      ...item,
      correct: item.multiple ? (checked ? [...item.correct, id] : item.correct.filter((other) => other !== id)) : [id],
    });
  return (
    <>
      <fieldset className="field option-list">
        <legend>{t('test.choice.options')}</legend>
        <p className="field-hint">{item.multiple ? t('test.choice.markAll') : t('test.choice.markOne')}</p>
        {item.options.map((option, index) => {
          const label = option.text || t('test.choice.optionN', { number: index + 1 });
          const error = errors[`options.${index}.text`];
          return (
            <div key={option.id} className="option-row">
              <input
                type={item.multiple ? 'checkbox' : 'radio'}
                name={`${item.id}-correct`}
                checked={item.correct.includes(option.id)}
                aria-label={t('test.choice.isCorrect', { label })}
                onChange={(event) => toggleCorrect(option.id, event.target.checked)}
                data-testid="choice-correct"
              />
              <input
                value={option.text}
                aria-label={t('test.choice.optionN', { number: index + 1 })}
                aria-invalid={error ? true : undefined}
                onChange={(event) =>
                  onChange({ ...item, options: replaceAt(item.options, index, { ...option, text: event.target.value }) })
                }
                data-testid="choice-option"
              />
              <RemoveButton
                label={label}
                disabled={item.options.length <= MIN_OPTIONS}
                onClick={() =>
                  onChange({
                    ...item,
                    options: removeAt(item.options, index),
                    correct: item.correct.filter((id) => id !== option.id),
                  })
                }
              />
              {error && <p className="field-error option-error">{error}</p>}
            </div>
          );
        })}
        {(errors.options ?? errorUnder(errors, 'correct')) && (
          <p className="field-error">{errors.options ?? errorUnder(errors, 'correct')}</p>
        )}
        <div>
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() =>
              onChange({ ...item, options: [...item.options, { id: nextId('o', item.options.map((o) => o.id)), text: '' }] })
            }
          >
            {t('test.choice.addOption')}
          </button>
        </div>
      </fieldset>
      <Checkbox
        label={t('test.choice.multiple')}
        checked={item.multiple}
        onChange={(event) =>
          onChange({ ...item, multiple: event.target.checked, correct: event.target.checked ? item.correct : item.correct.slice(0, 1) })
        }
      />
    </>
  );
}

/** A text with `[[g1]]` gaps, and per gap the accepted answers (and, for a drop-down, its options). */
export function GapFillFields({ item, onChange, errors }: ItemFieldsProps<'gap_fill'>) {
  const t = useT();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const setText = (text: string) => onChange({ ...item, text, gaps: gapsForText(text, item.gaps) });

  function insertGap() {
    const mark = `[[${nextId('g', item.gaps.map((gap) => gap.id))}]]`;
    const at = textarea.current?.selectionEnd ?? item.text.length;
    setText(item.text.slice(0, at) + mark + item.text.slice(at));
  }

  return (
    <>
      <TextAreaField
        ref={textarea}
        label={t('test.gap.text')}
        hint={t('test.gap.textHint')}
        rows={3}
        value={item.text}
        onChange={(event) => setText(event.target.value)}
        error={errors.text ?? errors.gaps}
        data-testid="gap-text"
      />
      <div>
        <button type="button" className="btn btn-secondary btn-small" onClick={insertGap}>
          {t('test.gap.insert')}
        </button>
      </div>
      {item.gaps.map((gap, index) => {
        const gapErrors = scopeErrors(errors, `gaps.${index}`);
        const setGap = (changes: Partial<typeof gap>) => onChange({ ...item, gaps: replaceAt(item.gaps, index, { ...gap, ...changes }) });
        return (
          <fieldset key={gap.id} className="field gap-row">
            <legend>{t('test.gap.legend', { id: gap.id })}</legend>
            <ListTextField
              label={t('test.accepted')}
              hint={t('test.acceptedHint')}
              separator={'\n'}
              values={gap.accepted}
              onChange={(accepted) => setGap({ accepted })}
              error={errorUnder(gapErrors, 'accepted')}
              testId="gap-accepted"
            />
            <Checkbox
              label={t('test.gap.dropDown')}
              checked={gap.options !== undefined}
              onChange={(event) => {
                const { options: _dropped, ...typed } = gap;
                onChange({ ...item, gaps: replaceAt(item.gaps, index, event.target.checked ? { ...gap, options: gap.accepted } : typed) });
              }}
            />
            {gap.options && (
              <ListTextField
                label={t('test.gap.options')}
                hint={t('test.gap.optionsHint')}
                separator={'\n'}
                values={gap.options}
                onChange={(options) => setGap({ options })}
                error={errorUnder(gapErrors, 'options')}
              />
            )}
          </fieldset>
        );
      })}
    </>
  );
}

/** Pairs as they belong together; students see the right column shuffled. */
export function MatchingFields({ item, onChange, errors }: ItemFieldsProps<'matching'>) {
  const t = useT();
  const setPair = (index: number, pair: { left: string; right: string }) => onChange({ ...item, pairs: replaceAt(item.pairs, index, pair) });
  return (
    <fieldset className="field pair-list">
      <legend>{t('test.matching.pairs')}</legend>
      <p className="field-hint">{t('test.matching.hint')}</p>
      {item.pairs.map((pair, index) => {
        const error = errors[`pairs.${index}.left`] ?? errors[`pairs.${index}.right`];
        return (
          // Pairs have no ids; they are only added at the end or removed, so the place is stable enough.
          <div key={index} className="pair-row">
            <input
              value={pair.left}
              aria-label={t('test.matching.leftN', { number: index + 1 })}
              aria-invalid={errors[`pairs.${index}.left`] ? true : undefined}
              onChange={(event) => setPair(index, { ...pair, left: event.target.value })}
              data-testid="matching-left"
            />
            <span aria-hidden="true">↔</span>
            <input
              value={pair.right}
              aria-label={t('test.matching.rightN', { number: index + 1 })}
              aria-invalid={errors[`pairs.${index}.right`] ? true : undefined}
              onChange={(event) => setPair(index, { ...pair, right: event.target.value })}
              data-testid="matching-right"
            />
            <RemoveButton
              label={t('test.matching.pairN', { number: index + 1 })}
              disabled={item.pairs.length <= MIN_PAIRS}
              onClick={() => onChange({ ...item, pairs: removeAt(item.pairs, index) })}
            />
            {error && <p className="field-error option-error">{error}</p>}
          </div>
        );
      })}
      {errors.pairs && <p className="field-error">{errors.pairs}</p>}
      <div>
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={() => onChange({ ...item, pairs: [...item.pairs, { left: '', right: '' }] })}
        >
          {t('test.matching.addPair')}
        </button>
      </div>
    </fieldset>
  );
}

export function WordOrderFields({ item, onChange, errors }: ItemFieldsProps<'word_order'>) {
  const t = useT();
  return (
    <ListTextField
      label={t('test.wordOrder.sentence')}
      hint={t('test.wordOrder.hint')}
      separator="/"
      values={item.tokens}
      onChange={(tokens) => onChange({ ...item, tokens })}
      error={errorUnder(errors, 'tokens')}
      testId="word-order-tokens"
    />
  );
}

export function ShortAnswerFields({ item, onChange, errors }: ItemFieldsProps<'short_answer'>) {
  const t = useT();
  return (
    <>
      <ListTextField
        label={t('test.accepted')}
        hint={t('test.acceptedHint')}
        separator={'\n'}
        values={item.accepted}
        onChange={(accepted) => onChange({ ...item, accepted })}
        error={errorUnder(errors, 'accepted')}
        testId="short-answer-accepted"
      />
      <Checkbox
        label={t('test.shortAnswer.caseSensitive')}
        checked={item.caseSensitive}
        onChange={(event) => onChange({ ...item, caseSensitive: event.target.checked })}
      />
    </>
  );
}

export function FreeTextFields({ item, onChange, errors }: ItemFieldsProps<'free_text'>) {
  const t = useT();
  return (
    <TextField
      label={t('test.freeText.maxLength')}
      hint={t('test.freeText.hint')}
      type="number"
      min={1}
      step={1}
      value={item.maxLength ?? ''}
      onChange={(event) => {
        const { maxLength: _dropped, ...rest } = item;
        onChange(event.target.value === '' ? rest : { ...item, maxLength: event.target.valueAsNumber });
      }}
      error={errors.maxLength}
    />
  );
}
