import type { TestItem } from '@panda/shared';
import { TextAreaField, TextField } from '../../../components/fields';
import { ReorderButtons } from '../../../components/ReorderButtons';
import type { FieldErrors } from '../../../hooks/useSubmit';
import { useT } from '../../../i18n';
import { ChoiceFields, FreeTextFields, GapFillFields, MatchingFields, ShortAnswerFields, WordOrderFields } from './itemFields';

interface ItemEditorProps {
  item: TestItem;
  index: number;
  count: number;
  /** This item's errors, named relative to it. */
  errors: FieldErrors;
  onChange: (item: TestItem) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}

/** One item of a test: what every item has (prompt, points), then its type's own fields. */
export function ItemEditor({ item, index, count, errors, onChange, onMove, onRemove }: ItemEditorProps) {
  const t = useT();
  const number = index + 1;
  const label = t('test.itemN', { number });
  return (
    <li className="card item-editor" data-testid="test-item" data-type={item.type}>
      <header className="item-editor-header">
        <h3>
          {label} <span className="badge">{t(`test.type.${item.type}`)}</span>
        </h3>
        <div className="row-actions">
          <ReorderButtons index={index} count={count} label={label} onMove={onMove} />
          <button type="button" className="btn btn-secondary btn-small" onClick={onRemove} aria-label={t('common.removeLabel', { label })}>
            {t('common.remove')}
          </button>
        </div>
      </header>
      <div className="item-editor-body">
        <TextAreaField
          label={t('test.prompt')}
          hint={t(`test.promptHint.${item.type}`)}
          rows={2}
          value={item.prompt}
          onChange={(event) => onChange({ ...item, prompt: event.target.value })}
          error={errors.prompt}
          data-testid="item-prompt"
        />
        <TextField
          label={t('test.points')}
          className="points-input"
          type="number"
          min={0.5}
          step={0.5}
          value={Number.isNaN(item.points) ? '' : item.points}
          onChange={(event) => onChange({ ...item, points: event.target.valueAsNumber })}
          error={errors.points}
        />
        <TypeFields item={item} onChange={onChange} errors={errors} />
      </div>
    </li>
  );
}

function TypeFields({ item, onChange, errors }: { item: TestItem; onChange: (item: TestItem) => void; errors: FieldErrors }) {
  switch (item.type) {
    case 'choice':
      return <ChoiceFields item={item} onChange={onChange} errors={errors} />;
    case 'gap_fill':
      return <GapFillFields item={item} onChange={onChange} errors={errors} />;
    case 'matching':
      return <MatchingFields item={item} onChange={onChange} errors={errors} />;
    case 'word_order':
      return <WordOrderFields item={item} onChange={onChange} errors={errors} />;
    case 'short_answer':
      return <ShortAnswerFields item={item} onChange={onChange} errors={errors} />;
    case 'free_text':
      return <FreeTextFields item={item} onChange={onChange} errors={errors} />;
  }
}
