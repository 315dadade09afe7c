import { useState } from 'react';
import type { TestItem, TestItemType } from '@panda/shared';
import { SelectField, TextAreaField } from '../../../components/fields';
import { scopeErrors } from '../../../hooks/useSubmit';
import { useT } from '../../../i18n';
import { moveItem, nextId, removeAt, replaceAt } from '../../../lib/lists';
import { optionalText, type ContentEditorProps, type ContentKind } from '../content/types';
import { ItemEditor } from './ItemEditor';
import { itemTypes, newItem } from './items';
import { TryTest } from './TryTest';

export interface TestDraft {
  instructions: string;
  items: TestItem[];
}

function TestEditor({ draft, onChange, errors }: ContentEditorProps<TestDraft>) {
  const t = useT();
  const [typeToAdd, setTypeToAdd] = useState<TestItemType>('choice');
  const setItems = (items: TestItem[]) => onChange({ ...draft, items });
  return (
    <>
      <TextAreaField
        label={t('test.instructions')}
        rows={2}
        value={draft.instructions}
        onChange={(event) => onChange({ ...draft, instructions: event.target.value })}
        error={errors.instructions}
      />
      <ol className="item-list">
        {draft.items.map((item, index) => (
          <ItemEditor
            key={item.id}
            item={item}
            index={index}
            count={draft.items.length}
            errors={scopeErrors(errors, `items.${index}`)}
            onChange={(next) => setItems(replaceAt(draft.items, index, next))}
            onMove={(to) => setItems(moveItem(draft.items, index, to))}
            onRemove={() => setItems(removeAt(draft.items, index))}
          />
        ))}
      </ol>
      {errors.items && <p className="field-error">{errors.items}</p>}
      <div className="add-item">
        <SelectField
          label={t('test.addType')}
          value={typeToAdd}
          onChange={(event) => setTypeToAdd(itemTypes.find((type) => type === event.target.value) ?? 'choice')}
          data-testid="test-add-type"
        >
          {itemTypes.map((type) => (
            <option key={type} value={type}>
              {t(`test.type.${type}`)}
            </option>
          ))}
        </SelectField>
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => setItems([...draft.items, newItem(typeToAdd, nextId('q', draft.items.map((item) => item.id)))])}
          data-testid="test-add-item"
        >
          {t('test.addItem')}
        </button>
      </div>
      <TryTest content={testKind.toContent(draft)} />
    </>
  );
}

export const testKind: ContentKind<'test', TestDraft> = {
  empty: () => ({ instructions: '', items: [newItem('choice', 'q1')] }),
  fromContent: (content) => ({ instructions: content.instructions ?? '', items: content.items }),
  toContent: (draft) => ({ ...optionalText('instructions', draft.instructions), items: draft.items }),
  Editor: TestEditor,
};
