import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import {
  CreateMaterialBody,
  type Material,
  type MaterialContent,
  type MaterialKind,
  type UpdateMaterialBody,
} from '@panda/shared';
import { api } from '../../api/endpoints';
import { curatesLibrary } from '../../auth/roles';
import { useUser } from '../../auth/session';
import { Alert } from '../../components/Alert';
import { CatalogFieldset, catalogDraftOf, catalogInput, type CatalogDraft } from '../../components/catalogFields';
import { Checkbox, TextField } from '../../components/fields';
import { FormFooter } from '../../components/FormFooter';
import { scopeErrors, useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n';
import { contentKinds, type ContentDrafts } from './content';

interface MaterialFormProps<K extends MaterialKind> {
  kind: K;
  /** The material being changed; none while creating one. */
  material?: Extract<Material, { kind: K }> | undefined;
  onSaved: (material: Material) => void;
}

const splitTags = (text: string) =>
  text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');

/** A material's details and its kind's content, checked with the shared schema before sending. */
export function MaterialForm<K extends MaterialKind>({ kind, material, onSaved }: MaterialFormProps<K>) {
  const t = useT();
  const user = useUser();
  const curator = curatesLibrary(user.role);
  const editor = contentKinds[kind];
  // Widened from the type parameter, for the message keys.
  const kindName: MaterialKind = kind;
  const form = useRef<HTMLFormElement>(null);
  const [title, setTitle] = useState(material?.title ?? '');
  const [catalog, setCatalog] = useState<CatalogDraft>(() =>
    material
      ? catalogDraftOf(material)
      : { language: user.teaches[0] ?? 'en', level: '', course: '', topic: '', lessonNumber: '' },
  );
  const [tags, setTags] = useState(material?.tags.join(', ') ?? '');
  const [shared, setShared] = useState(material?.shared ?? false);
  // A material's content is its kind's content; the union type can't say so for a generic kind.
  const [content, setContent] = useState<ContentDrafts[K]>(() =>
    material ? editor.fromContent(material.content as MaterialContent<K>) : editor.empty(),
  );
  const [saved, setSaved] = useState(false);
  const { fieldErrors, formError, pending, submit } = useSubmit();
  const invalid = Object.keys(fieldErrors).length > 0;

  // A long form's first mistake may be far up: take the person to it.
  useEffect(() => {
    if (invalid) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [fieldErrors, invalid]);

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const input = {
      kind,
      title,
      ...catalogInput(catalog),
      tags: splitTags(tags),
      ...(curator ? { shared } : {}),
      content: editor.toContent(content),
    };
    void submit(CreateMaterialBody, input, async (body) => {
      onSaved(material ? await api.updateMaterial(material.id, changesOf(body, curator)) : await api.createMaterial(body));
      setSaved(true);
    });
  }

  return (
    <form ref={form} className="form material-form" noValidate onSubmit={onSubmit} data-testid="material-form">
      <section className="card form" aria-labelledby="material-about">
        <h2 id="material-about">{t('materials.about')}</h2>
        <TextField
          label={t('materials.title')}
          required
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          error={fieldErrors.title}
          data-testid="material-title"
        />
        <CatalogFieldset value={catalog} onChange={setCatalog} errors={fieldErrors} />
        <TextField
          label={t('materials.tags')}
          hint={t('materials.tagsHint')}
          value={tags}
          onChange={(event) => setTags(event.target.value)}
          error={fieldErrors.tags}
        />
        {curator && (
          <Checkbox
            label={t('materials.shared')}
            checked={shared}
            onChange={(event) => setShared(event.target.checked)}
            error={fieldErrors.shared}
          />
        )}
      </section>
      <section className="card form" aria-labelledby="material-content">
        <h2 id="material-content">{t(`materials.content.${kindName}`)}</h2>
        <editor.Editor draft={content} onChange={setContent} errors={scopeErrors(fieldErrors, 'content')} />
      </section>
      <FormFooter
        layout="actions"
        error={formError ?? (invalid ? t('error.validation_failed') : null)}
        pending={pending}
        submitLabel={material ? t('common.save') : t('materials.create')}
        submitTestId="material-save"
      >
        {saved && !pending && <Alert tone="success">{t('materials.savedNotice')}</Alert>}
      </FormFooter>
    </form>
  );
}

/** An edit sends every field: a cleared optional one becomes `null`. Only curators touch sharing. */
function changesOf(body: CreateMaterialBody, curator: boolean): UpdateMaterialBody {
  return {
    title: body.title,
    language: body.language,
    level: body.level ?? null,
    course: body.course ?? null,
    topic: body.topic ?? null,
    lessonNumber: body.lessonNumber ?? null,
    tags: body.tags,
    content: body.content,
    ...(curator ? { shared: body.shared } : {}),
  };
}
