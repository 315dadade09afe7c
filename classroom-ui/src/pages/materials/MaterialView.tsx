import type { BoardMaterial, Material } from '@panda/shared';
import { MediaPlayer, FileLink } from '../../components/MediaPlayer';
import { RichTextView } from '../../components/RichTextView';
import { useT } from '../../i18n';
import { TryTest } from './test/TryTest';
import { VocabularyTable } from './VocabularyTable';

/**
 * A material's content to look at, for those who may use it but not change it: from the library,
 * or as a lesson's board showed it (a test there comes without its answers, and its results are
 * the lesson's).
 */
export function MaterialView({ material }: { material: Material | BoardMaterial }) {
  const t = useT();
  switch (material.kind) {
    case 'video':
    case 'audio':
      return <MediaPlayer kind={material.kind} source={material.content.source} label={material.title} />;
    case 'text':
      return (
        <div className="card">
          <RichTextView doc={material.content.doc} />
        </div>
      );
    case 'test':
      return 'materialId' in material ? <p className="muted">{t('lessons.testShown')}</p> : <TryTest content={material.content} />;
    case 'vocabulary':
      return <VocabularyTable entries={material.content.entries} />;
    case 'link':
      return (
        <div className="card">
          {material.content.description && <p>{material.content.description}</p>}
          <a href={material.content.url} target="_blank" rel="noopener noreferrer">
            {material.content.url}
          </a>
        </div>
      );
    case 'file':
      return (
        <p>
          <FileLink fileId={material.content.fileId}>{t('file.open')}</FileLink>
        </p>
      );
  }
}
