import { useMemo, useRef } from 'react';
import { parseRichText } from '@panda/shared';
import { TextAreaField } from '../../../components/fields';
import { FileUpload } from '../../../components/FileUpload';
import { RichTextView } from '../../../components/RichTextView';
import { errorUnder } from '../../../hooks/useSubmit';
import { useT } from '../../../i18n';
import { richTextToMarkdown } from '../../../lib/richTextMarkdown';
import type { ContentEditorProps, ContentKind } from './types';

export interface TextDraft {
  markdown: string;
}

/** A markdown-subset text with its preview side by side, rendered exactly as the board shows it. */
function TextEditor({ draft, onChange, errors }: ContentEditorProps<TextDraft>) {
  const t = useT();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const doc = useMemo(() => parseRichText(draft.markdown), [draft.markdown]);
  // Problems deep in the document (a block too long) are shown at the text as a whole.
  const error = errorUnder(errors, 'doc');

  /** An uploaded image goes where the cursor is, on a line of its own as the syntax wants. */
  function insertImage(fileId: string, name: string) {
    const at = textarea.current?.selectionStart ?? draft.markdown.length;
    const before = draft.markdown.slice(0, at).replace(/\s*$/, '');
    const after = draft.markdown.slice(at).replace(/^\s*/, '');
    const image = `![${name.replace(/\.[^.]+$/, '').replaceAll(']', ')')}](file:${fileId})`;
    onChange({ markdown: [before, image, after].filter(Boolean).join('\n\n') });
  }

  return (
    <div className="text-editor">
      <div className="text-editor-source">
        <TextAreaField
          ref={textarea}
          label={t('text.label')}
          rows={16}
          hint={t('text.hint')}
          value={draft.markdown}
          onChange={(event) => onChange({ markdown: event.target.value })}
          error={error}
          data-testid="text-markdown"
        />
        <FileUpload
          label={t('text.insertImage')}
          category="image"
          onUploaded={(file) => insertImage(file.id, file.name)}
        />
        <details className="syntax-help">
          <summary>{t('text.syntax')}</summary>
          <ul>
            <li>
              <code># </code>, <code>## </code>, <code>### </code> — {t('text.syntax.headings')}
            </li>
            <li>
              <code>**{t('text.syntax.sample')}**</code> — {t('text.syntax.bold')}, <code>*{t('text.syntax.sample')}*</code> —{' '}
              {t('text.syntax.italic')}
            </li>
            <li>
              <code>[{t('text.syntax.sample')}](https://…)</code> — {t('text.syntax.link')}
            </li>
            <li>
              <code>- </code>, <code>1. </code> — {t('text.syntax.lists')}
            </li>
            <li>
              <code>&gt; </code> — {t('text.syntax.quote')}
            </li>
            <li>{t('text.syntax.paragraphs')}</li>
            <li>{t('text.syntax.escape')}</li>
          </ul>
        </details>
      </div>
      <section className="text-preview" aria-label={t('text.preview')}>
        <h3 className="preview-title">{t('text.preview')}</h3>
        {doc.blocks.length > 0 ? (
          <RichTextView doc={doc} headingLevel={4} />
        ) : (
          <p className="muted">{t('text.previewEmpty')}</p>
        )}
      </section>
    </div>
  );
}

export const textKind: ContentKind<'text', TextDraft> = {
  empty: () => ({ markdown: '' }),
  fromContent: (content) => ({ markdown: richTextToMarkdown(content.doc) }),
  toContent: (draft) => ({ doc: parseRichText(draft.markdown) }),
  Editor: TextEditor,
};
