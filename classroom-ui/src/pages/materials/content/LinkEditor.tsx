import type { MaterialContent } from '@panda/shared';
import { TextField } from '../../../components/fields';
import { useT } from '../../../i18n';
import { optionalText, type ContentEditorProps, type ContentKind } from './types';

export interface LinkDraft {
  url: string;
  description: string;
}

function LinkEditor({ draft, onChange, errors }: ContentEditorProps<LinkDraft>) {
  const t = useT();
  return (
    <>
      <TextField
        label={t('link.url')}
        type="url"
        inputMode="url"
        placeholder="https://"
        value={draft.url}
        onChange={(event) => onChange({ ...draft, url: event.target.value })}
        error={errors.url}
        data-testid="link-url"
      />
      <TextField
        label={t('link.description')}
        value={draft.description}
        onChange={(event) => onChange({ ...draft, description: event.target.value })}
        error={errors.description}
      />
      {/^https?:\/\//.test(draft.url) && (
        <p>
          <a href={draft.url.trim()} target="_blank" rel="noopener noreferrer">
            {t('link.open')}
          </a>
        </p>
      )}
    </>
  );
}

export const linkKind: ContentKind<'link', LinkDraft> = {
  empty: () => ({ url: '', description: '' }),
  fromContent: (content: MaterialContent<'link'>) => ({ url: content.url, description: content.description ?? '' }),
  toContent: (draft) => ({ url: draft.url.trim(), ...optionalText('description', draft.description) }),
  Editor: LinkEditor,
};
