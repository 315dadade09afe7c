import type { Language, MaterialKind } from '@panda/shared';
import { useT } from '../i18n';

export function KindBadge({ kind }: { kind: MaterialKind }) {
  const t = useT();
  return <span className={`badge badge-kind badge-kind-${kind}`}>{t(`materialKind.${kind}`)}</span>;
}

/** "English · A2 · English for beginners · Travel · lesson 10": where a material or plan belongs. */
export function CatalogLine({
  record,
}: {
  record: { language: Language; level: string | null; course: string | null; topic: string | null; lessonNumber: number | null };
}) {
  const t = useT();
  const parts = [
    t(`language.${record.language}`),
    record.level,
    record.course,
    record.topic,
    record.lessonNumber === null ? null : t('catalog.lessonN', { number: record.lessonNumber }),
  ].filter((part) => part !== null);
  return <p className="muted catalog-line">{parts.join(' · ')}</p>;
}
