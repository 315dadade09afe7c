import type { MaterialKind } from '@panda/shared';
import { testKind, type TestDraft } from '../test/TestEditor';
import { fileKind } from './FileEditor';
import { linkKind, type LinkDraft } from './LinkEditor';
import { audioKind, videoKind, type MediaDraft } from './MediaEditor';
import { textKind, type TextDraft } from './TextEditor';
import type { ContentKind } from './types';
import type { ChosenFile } from './UploadedFileField';
import { vocabularyKind, type VocabularyDraft } from './VocabularyEditor';

/** What the form holds while each kind's content is edited. */
export interface ContentDrafts {
  video: MediaDraft;
  audio: MediaDraft;
  text: TextDraft;
  test: TestDraft;
  vocabulary: VocabularyDraft;
  link: LinkDraft;
  file: ChosenFile;
}

/** The editor of each kind of material. */
export const contentKinds: { [K in MaterialKind]: ContentKind<K, ContentDrafts[K]> } = {
  video: videoKind,
  audio: audioKind,
  text: textKind,
  test: testKind,
  vocabulary: vocabularyKind,
  link: linkKind,
  file: fileKind,
};
