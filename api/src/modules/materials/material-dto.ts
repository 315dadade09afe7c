import type { Prisma } from '@panda/db';
import {
  MaterialContent,
  materialFileRefs,
  materialSearchText,
  type KindedContent,
  type Material,
  type MaterialSummary,
} from '@panda/shared';

export const materialWithOwner = { owner: { select: { id: true, name: true } } } satisfies Prisma.MaterialInclude;

type MaterialRecord = Prisma.MaterialGetPayload<{ include: typeof materialWithOwner }>;

/** Where a material or a plan sits in the catalogue, and whose it is. */
export function catalogEntry(
  record: Pick<MaterialRecord, 'id' | 'title' | 'language' | 'level' | 'course' | 'topic' | 'lessonNumber' | 'owner' | 'createdAt' | 'updatedAt'>,
) {
  return {
    id: record.id,
    title: record.title,
    language: record.language,
    level: record.level,
    course: record.course,
    topic: record.topic,
    lessonNumber: record.lessonNumber,
    owner: record.owner,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

export function toMaterialSummary(material: MaterialRecord): MaterialSummary {
  return {
    ...catalogEntry(material),
    kind: material.kind,
    tags: material.tags,
    shared: material.shared,
    archived: material.archivedAt !== null,
  };
}

/** A stored material's content, read back through its kind's schema. */
export function kindedContent(material: { kind: Material['kind']; content: Prisma.JsonValue }): KindedContent {
  return { kind: material.kind, content: MaterialContent[material.kind].parse(material.content) } as KindedContent;
}

export function toMaterialDto(material: MaterialRecord): Material {
  return { ...toMaterialSummary(material), ...kindedContent(material) };
}

/**
 * The columns derived from a material's content: the content itself, its main file (the video,
 * audio or document), every file it uses, and what search matches.
 */
export function contentColumns(
  material: KindedContent & { title: string; course?: string | null; topic?: string | null; tags: readonly string[] },
): Pick<Prisma.MaterialUncheckedCreateInput, 'content' | 'fileId' | 'fileIds' | 'searchText'> {
  const files = materialFileRefs(material);
  const main = material.kind === 'video' || material.kind === 'audio' || material.kind === 'file' ? files[0] : undefined;
  return {
    content: material.content,
    fileId: main?.fileId ?? null,
    fileIds: [...new Set(files.map((file) => file.fileId))],
    searchText: materialSearchText(material),
  };
}
