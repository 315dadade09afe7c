import type { ReactNode } from 'react';
import type { MaterialContent, MaterialKind } from '@panda/shared';
import type { FieldErrors } from '../../../hooks/useSubmit';

export interface ContentEditorProps<D> {
  draft: D;
  onChange: (draft: D) => void;
  /** The errors under `content`, named relative to it (`items.0.prompt`). */
  errors: FieldErrors;
}

/**
 * How the form edits one kind's content: a draft shaped for the inputs (text as typed, blanks
 * allowed), turned into content that the shared schema then checks.
 */
export interface ContentKind<K extends MaterialKind, D> {
  empty: () => D;
  fromContent: (content: MaterialContent<K>) => D;
  toContent: (draft: D) => unknown;
  Editor: (props: ContentEditorProps<D>) => ReactNode;
}

/** Optional text: left out when blank, so the schema's "at least one character" doesn't trip. */
export function optionalText<N extends string>(name: N, value: string): Partial<Record<N, string>> {
  const text = value.trim();
  return (text ? { [name]: text } : {}) as Partial<Record<N, string>>;
}
