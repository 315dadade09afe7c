import type { Prisma } from '@panda/db';
import {
  CreateMaterialBody,
  IdParams,
  isLevelOf,
  levelMessage,
  Material,
  MaterialContent,
  MaterialList,
  MaterialQuery,
  MaterialRemoval,
  STAFF,
  UpdateMaterialBody,
  type Actor,
  type KindedContent,
  type MaterialKind,
} from '@panda/shared';
import { DomainError, invalidField, invalidInput } from '../../domain-error.js';
import type { ApiModule } from '../../module.js';
import { curatesLibrary, mayChange, visibleMaterials } from './access.js';
import { checkFileRefs } from './file-refs.js';
import { contentColumns, kindedContent, materialWithOwner, toMaterialDto, toMaterialSummary } from './material-dto.js';
import { pageOf, pageWhere } from './paging.js';

const onlyCuratorsShare = () => new DomainError('forbidden', 'only methodists and admins share materials');

/** New content for a material of `kind`, its bad fields named under `body.content`. */
function parseContent(kind: MaterialKind, content: unknown): KindedContent {
  const parsed = MaterialContent[kind].safeParse(content);
  if (!parsed.success) throw invalidInput('body.content', parsed.error);
  return { kind, content: parsed.data } as KindedContent;
}

/** Each word of `q` must appear somewhere in the material (search text is stored lower-cased). */
const searchWords = (q: string): Prisma.MaterialWhereInput[] =>
  q
    .toLowerCase()
    .split(/\s+/)
    .map((word) => ({ searchText: { contains: word } }));

function libraryFilter(query: MaterialQuery, user: Actor): Prisma.MaterialWhereInput {
  const anyCase = (value: string) => ({ equals: value, mode: 'insensitive' as const });
  return {
    AND: [
      visibleMaterials(user),
      { archivedAt: query.archived ? { not: null } : null },
      query.mine ? { ownerId: user.id } : {},
      query.language ? { language: query.language } : {},
      query.level ? { level: query.level } : {},
      query.kind ? { kind: query.kind } : {},
      query.lessonNumber ? { lessonNumber: query.lessonNumber } : {},
      query.course ? { course: anyCase(query.course) } : {},
      query.topic ? { topic: anyCase(query.topic) } : {},
      ...(query.q ? searchWords(query.q) : []),
      pageWhere(query.cursor),
    ],
  };
}

export const materialsModule: ApiModule = {
  name: 'materials',
  register(router, { db, clock }) {
    const tag = 'materials';

    async function findVisible(id: string, user: Actor) {
      const material = await db.material.findFirst({ where: { AND: [{ id }, visibleMaterials(user)] }, include: materialWithOwner });
      if (!material) throw new DomainError('not_found', 'no such material');
      return material;
    }

    router.operation(
      { method: 'post', path: '/materials', summary: 'Add a material to the library (video, audio, text, test, vocabulary, link or file)', tag, access: STAFF, body: CreateMaterialBody, response: Material, status: 201 },
      async ({ body, user }) => {
        if (body.shared && !curatesLibrary(user)) throw onlyCuratorsShare();
        const { kind, content, ...fields } = body;
        const material = { kind, content } as KindedContent;
        await checkFileRefs(db, user, material);
        const created = await db.material.create({
          data: { ...fields, ownerId: user.id, kind, ...contentColumns({ ...material, ...fields }) },
          include: materialWithOwner,
        });
        return toMaterialDto(created);
      },
    );

    router.operation(
      { method: 'get', path: '/materials', summary: 'Search the library: my materials and shared ones (methodists and admins: all), newest first', tag, access: STAFF, query: MaterialQuery, response: MaterialList },
      async ({ query, user }) => {
        const rows = await db.material.findMany({
          where: libraryFilter(query, user),
          include: materialWithOwner,
          orderBy: { id: 'desc' },
          take: query.limit + 1,
        });
        return pageOf(rows.map(toMaterialSummary), query.limit);
      },
    );

    router.operation(
      { method: 'get', path: '/materials/:id', summary: 'A material with all its content, test answers included', tag, access: STAFF, params: IdParams, response: Material },
      async ({ params, user }) => toMaterialDto(await findVisible(params.id, user)),
    );

    router.operation(
      { method: 'patch', path: '/materials/:id', summary: 'Change a material (its owner, methodists and admins; sharing: methodists and admins)', tag, access: STAFF, params: IdParams, body: UpdateMaterialBody, response: Material },
      async ({ params, body, user }) => {
        const material = await findVisible(params.id, user);
        if (!mayChange(user, material)) throw new DomainError('forbidden', 'only its owner, methodists and admins change a material');
        if (body.shared !== undefined && body.shared !== material.shared && !curatesLibrary(user)) throw onlyCuratorsShare();
        const language = body.language ?? material.language;
        const level = body.level === undefined ? material.level : body.level;
        if (level && !isLevelOf(language, level)) throw invalidField(body.level ? 'body.level' : 'body.language', levelMessage(language));
        const { content: newContent, archived, ...fields } = body;
        const content = newContent ? parseContent(material.kind, newContent) : kindedContent(material);
        if (newContent) await checkFileRefs(db, user, content);
        const described = {
          title: fields.title ?? material.title,
          course: fields.course === undefined ? material.course : fields.course,
          topic: fields.topic === undefined ? material.topic : fields.topic,
          tags: fields.tags ?? material.tags,
        };
        const updated = await db.material.update({
          where: { id: material.id },
          data: {
            ...fields,
            ...(archived === undefined ? {} : { archivedAt: archived ? (material.archivedAt ?? clock.now()) : null }),
            ...contentColumns({ ...content, ...described }),
          },
          include: materialWithOwner,
        });
        return toMaterialDto(updated);
      },
    );

    router.operation(
      { method: 'delete', path: '/materials/:id', summary: 'Remove a material: deleted when unused, archived when a plan or a lesson uses it', tag, access: STAFF, params: IdParams, response: MaterialRemoval },
      async ({ params, user }) => {
        const material = await findVisible(params.id, user);
        if (!mayChange(user, material)) throw new DomainError('forbidden', 'only its owner, methodists and admins remove a material');
        return db.$transaction(async (tx) => {
          // Locked: a plan or a lesson taking it up meanwhile waits, and then finds it archived or gone.
          await tx.$queryRaw`SELECT id FROM "Material" WHERE id = ${material.id}::uuid FOR UPDATE`;
          const uses = await tx.material.findUniqueOrThrow({
            where: { id: material.id },
            select: { _count: { select: { planItems: true, shownIn: true, testAttempts: true } } },
          });
          if (Object.values(uses._count).every((count) => count === 0)) {
            await tx.material.delete({ where: { id: material.id } });
            return { outcome: 'deleted' as const };
          }
          await tx.material.update({ where: { id: material.id }, data: { archivedAt: material.archivedAt ?? clock.now() } });
          return { outcome: 'archived' as const };
        });
      },
    );
  },
};
