import { z } from 'zod';
import { Language } from './common.js';
import { gapTextParts, ItemId, PublicTestItem, TestAnswers, TestItems, TestResult, toPublicItems } from './items.js';
import { LessonPerson } from './lessons.js';
import { RichTextDoc, richTextFileRefs, richTextToPlain } from './rich-text.js';

// --- Levels, queries ---

/** The levels of each language: CEFR for English, HSK for Chinese. */
export const LEVELS = {
  en: ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'],
  zh: ['HSK1', 'HSK2', 'HSK3', 'HSK4', 'HSK5', 'HSK6'],
} as const satisfies Record<Language, readonly string[]>;

/** A level of some language, written loosely (`a2`, `HSK 3`) and stored canonically (`A2`, `HSK3`). */
export const Level = z
  .string()
  .trim()
  .max(12)
  .transform((value) => value.toUpperCase().replace(/\s+/g, ''))
  .pipe(z.enum([...LEVELS.en, ...LEVELS.zh]));
export type Level = z.infer<typeof Level>;

export function isLevelOf(language: Language, level: string): boolean {
  return (LEVELS[language] as readonly string[]).includes(level);
}

export const levelMessage = (language: Language) => `must be one of ${LEVELS[language].join(', ')} for ${language}`;

/** Adds an issue at `level` when it is not a level of `language`. */
export function checkLevelFitsLanguage(value: { language?: Language | undefined; level?: string | null | undefined }, ctx: z.RefinementCtx): void {
  if (value.language && value.level && !isLevelOf(value.language, value.level)) {
    ctx.addIssue({ code: 'custom', path: ['level'], message: levelMessage(value.language) });
  }
}

/** `true`/`false` in a query string. */
export const QueryFlag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** Keyset paging: pass the previous page's `nextCursor` to get the next one. */
export const CursorQuery = z.object({
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const Title = z.string().trim().min(1).max(200);
const Label = z.string().trim().min(1).max(120);
const LessonNumber = z.number().int().min(1).max(1000);
const Tags = z.array(z.string().trim().min(1).max(40)).max(20);
const HttpUrl = z.url({ protocol: /^https?$/, message: 'must be an http or https address' }).max(2000);

// --- Content, per kind ---

export const MaterialKind = z.enum(['video', 'audio', 'text', 'test', 'vocabulary', 'link', 'file']);
export type MaterialKind = z.infer<typeof MaterialKind>;

/** Played from an uploaded file or from an address on the web. */
export const MaterialMediaSource = z.union([z.strictObject({ fileId: z.uuid() }), z.strictObject({ url: HttpUrl })]);

const MediaContent = z.object({ source: MaterialMediaSource, durationSeconds: z.number().int().positive().max(86_400).optional() });

export const VocabularyEntry = z.object({
  word: z.string().trim().min(1).max(200),
  /** IPA for English, pinyin for Chinese. */
  transcription: z.string().trim().min(1).max(200).optional(),
  translation: z.string().trim().min(1).max(500),
  example: z.string().trim().min(1).max(1000).optional(),
  audioFileId: z.uuid().optional(),
});
export type VocabularyEntry = z.infer<typeof VocabularyEntry>;

export const TestContent = z.object({ instructions: z.string().trim().min(1).max(2000).optional(), items: TestItems });

/** The content of each kind of material. */
export const MaterialContent = {
  video: MediaContent,
  audio: MediaContent,
  text: z.object({ doc: RichTextDoc }),
  test: TestContent,
  vocabulary: z.object({ entries: z.array(VocabularyEntry).min(1).max(200) }),
  link: z.object({ url: HttpUrl, description: z.string().trim().min(1).max(1000).optional() }),
  file: z.object({ fileId: z.uuid() }),
} as const satisfies Record<MaterialKind, z.ZodType>;
export type MaterialContent<K extends MaterialKind = MaterialKind> = z.infer<(typeof MaterialContent)[K]>;

/** A kind with its content, narrowed together by `kind`. */
export type KindedContent = { [K in MaterialKind]: { kind: K; content: MaterialContent<K> } }[MaterialKind];

/** What an uploaded file used by a material must be. */
export type FileCategory = 'video' | 'audio' | 'image' | 'any';

/** Every uploaded file a material's content uses, with its place in the content. */
export function materialFileRefs(material: KindedContent): Array<{ path: string; fileId: string; category: FileCategory }> {
  switch (material.kind) {
    case 'video':
    case 'audio':
      return 'fileId' in material.content.source ? [{ path: 'source.fileId', fileId: material.content.source.fileId, category: material.kind }] : [];
    case 'text':
      return richTextFileRefs(material.content.doc).map((ref) => ({ ...ref, path: `doc.${ref.path}`, category: 'image' as const }));
    case 'vocabulary':
      return material.content.entries.flatMap((entry, index) =>
        entry.audioFileId ? [{ path: `entries.${index}.audioFileId`, fileId: entry.audioFileId, category: 'audio' as const }] : [],
      );
    case 'file':
      return [{ path: 'fileId', fileId: material.content.fileId, category: 'any' }];
    case 'test':
    case 'link':
      return [];
  }
}

function contentWords(material: KindedContent): string[] {
  switch (material.kind) {
    case 'text':
      return [richTextToPlain(material.content.doc)];
    case 'test':
      return [
        material.content.instructions ?? '',
        ...material.content.items.flatMap((item) => {
          switch (item.type) {
            case 'choice':
              return [item.prompt, ...item.options.map((option) => option.text)];
            case 'gap_fill':
              return [item.prompt, gapTextParts(item.text).map((part) => ('text' in part ? part.text : '…')).join('')];
            case 'matching':
              return [item.prompt, ...item.pairs.flatMap((pair) => [pair.left, pair.right])];
            case 'word_order':
              return [item.prompt, item.tokens.join(' ')];
            default:
              return [item.prompt];
          }
        }),
      ];
    case 'vocabulary':
      return material.content.entries.flatMap((entry) => [entry.word, entry.transcription ?? '', entry.translation, entry.example ?? '']);
    case 'link':
      return [material.content.url, material.content.description ?? ''];
    case 'video':
    case 'audio':
    case 'file':
      return [];
  }
}

/** What a library search matches: title, course, topic, tags and the content's words, lower-cased. */
export function materialSearchText(
  material: KindedContent & { title: string; course?: string | null; topic?: string | null; tags: readonly string[] },
): string {
  return [material.title, material.course ?? '', material.topic ?? '', ...material.tags, ...contentWords(material)]
    .filter((text) => text !== '')
    .join('\n')
    .toLowerCase();
}

// --- The library ---

/** Where a material or a plan sits in the school's catalogue ("English for beginners, lesson 10"). */
const catalogFields = {
  title: Title,
  language: Language,
  level: Level.optional(),
  course: Label.optional(),
  topic: Label.optional(),
  lessonNumber: LessonNumber.optional(),
};

/** The same, as stored and answered. */
const catalogEntryShape = {
  id: z.uuid(),
  title: z.string(),
  language: Language,
  level: z.string().nullable(),
  course: z.string().nullable(),
  topic: z.string().nullable(),
  lessonNumber: z.number().int().nullable(),
  owner: LessonPerson,
  createdAt: z.string(),
  updatedAt: z.string(),
};

const materialFields = {
  ...catalogFields,
  tags: Tags.default([]),
  /** Visible to every teacher; only methodists and admins share. */
  shared: z.boolean().default(false),
};

const createVariant = <K extends MaterialKind>(kind: K) =>
  z.object({ kind: z.literal(kind), ...materialFields, content: MaterialContent[kind] });

export const CreateMaterialBody = z
  .discriminatedUnion('kind', [
    createVariant('video'),
    createVariant('audio'),
    createVariant('text'),
    createVariant('test'),
    createVariant('vocabulary'),
    createVariant('link'),
    createVariant('file'),
  ])
  .superRefine(checkLevelFitsLanguage);
export type CreateMaterialBody = z.infer<typeof CreateMaterialBody>;

/** Any field; `null` clears an optional one. `content` must fit the material's kind. */
export const UpdateMaterialBody = z
  .object({
    title: Title,
    language: Language,
    level: Level.nullable(),
    course: Label.nullable(),
    topic: Label.nullable(),
    lessonNumber: LessonNumber.nullable(),
    tags: Tags,
    shared: z.boolean(),
    /** `false` takes a material out of the archive. */
    archived: z.boolean(),
    content: z.record(z.string(), z.unknown()).meta({ description: 'the content of the material’s kind (see CreateMaterialBody)' }),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to update' })
  .superRefine(checkLevelFitsLanguage);
export type UpdateMaterialBody = z.infer<typeof UpdateMaterialBody>;

/**
 * A library search. `q` matches title, course, topic, tags and the words of the content;
 * course and topic match whole (any case). "English for beginners, lesson 10":
 * `language=en&course=English for beginners&lessonNumber=10`.
 */
export const MaterialQuery = CursorQuery.extend({
  q: z.string().trim().min(1).max(100).optional(),
  language: Language.optional(),
  level: Level.optional(),
  course: Label.optional(),
  topic: Label.optional(),
  kind: MaterialKind.optional(),
  lessonNumber: z.coerce.number().pipe(LessonNumber).optional(),
  /** Only my own materials. */
  mine: QueryFlag.optional(),
  /** Only archived materials (default: only those not archived). */
  archived: QueryFlag.optional(),
}).superRefine(checkLevelFitsLanguage);
export type MaterialQuery = z.infer<typeof MaterialQuery>;

const materialSummaryShape = {
  ...catalogEntryShape,
  kind: MaterialKind,
  tags: z.array(z.string()),
  shared: z.boolean(),
  archived: z.boolean(),
};

/** A material without its content: what lists show. */
export const MaterialSummary = z.object(materialSummaryShape);
export type MaterialSummary = z.infer<typeof MaterialSummary>;

const materialVariant = <K extends MaterialKind>(kind: K) =>
  z.object({ ...materialSummaryShape, kind: z.literal(kind), content: MaterialContent[kind] });

/** A material with its whole content, test answers included: for staff only. */
export const Material = z.discriminatedUnion('kind', [
  materialVariant('video'),
  materialVariant('audio'),
  materialVariant('text'),
  materialVariant('test'),
  materialVariant('vocabulary'),
  materialVariant('link'),
  materialVariant('file'),
]);
export type Material = z.infer<typeof Material>;

export const MaterialList = z.object({ items: z.array(MaterialSummary), nextCursor: z.uuid().nullable() });
export type MaterialList = z.infer<typeof MaterialList>;

/** A material used by plans or lessons is archived; an unused one is deleted. */
export const MaterialRemoval = z.object({ outcome: z.enum(['deleted', 'archived']) });
export type MaterialRemoval = z.infer<typeof MaterialRemoval>;

// --- The board ---

export const PublicTestContent = z.object({ instructions: z.string().optional(), items: z.array(PublicTestItem) });

/** Content as shown on a lesson's board: a test without its answer key. */
const BoardContent = { ...MaterialContent, test: PublicTestContent } as const;

const boardVariant = <K extends MaterialKind>(kind: K) =>
  z.object({ materialId: z.uuid(), kind: z.literal(kind), title: z.string(), language: Language, level: z.string().nullable(), content: BoardContent[kind] });

/** What the board gets when the teacher shows a material. */
export const BoardMaterial = z.discriminatedUnion('kind', [
  boardVariant('video'),
  boardVariant('audio'),
  boardVariant('text'),
  boardVariant('test'),
  boardVariant('vocabulary'),
  boardVariant('link'),
  boardVariant('file'),
]);
export type BoardMaterial = z.infer<typeof BoardMaterial>;

/** A material as the board shows it: a test's items become public ones, shuffled by the material's id. */
export function toBoardMaterial(
  material: KindedContent & { id: string; title: string; language: Language; level: string | null },
): BoardMaterial {
  const { id, title, language, level } = material;
  if (material.kind === 'test') {
    const { instructions, items } = material.content;
    return { materialId: id, kind: 'test', title, language, level, content: { ...(instructions ? { instructions } : {}), items: toPublicItems(items, id) } };
  }
  // Every other kind is shown as it is stored.
  return { materialId: id, kind: material.kind, title, language, level, content: material.content } as BoardMaterial;
}

export const ShowMaterialBody = z.object({ materialId: z.uuid() });
export type ShowMaterialBody = z.infer<typeof ShowMaterialBody>;

/** The materials shown in a lesson, latest first. */
export const ShownMaterialList = z.object({
  items: z.array(z.object({ shownAt: z.string(), material: BoardMaterial })),
});
export type ShownMaterialList = z.infer<typeof ShownMaterialList>;

// --- Lesson plans ---

/** A plan as a whole: creating one, and replacing one (a reorder is a PUT with the new order). */
export const LessonPlanBody = z
  .object({
    ...catalogFields,
    /** In the order of the lesson. */
    materialIds: z
      .array(z.uuid())
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'a material appears in a plan once' }),
  })
  .superRefine(checkLevelFitsLanguage);
export type LessonPlanBody = z.infer<typeof LessonPlanBody>;

export const LessonPlanSummary = z.object({ ...catalogEntryShape, materialCount: z.number().int() });
export type LessonPlanSummary = z.infer<typeof LessonPlanSummary>;

export const LessonPlan = z.object({ ...catalogEntryShape, materials: z.array(MaterialSummary) });
export type LessonPlan = z.infer<typeof LessonPlan>;

export const LessonPlanQuery = CursorQuery.extend({
  q: z.string().trim().min(1).max(100).optional(),
  language: Language.optional(),
  course: Label.optional(),
  lessonNumber: z.coerce.number().pipe(LessonNumber).optional(),
  mine: QueryFlag.optional(),
});
export type LessonPlanQuery = z.infer<typeof LessonPlanQuery>;

export const LessonPlanList = z.object({ items: z.array(LessonPlanSummary), nextCursor: z.uuid().nullable() });
export type LessonPlanList = z.infer<typeof LessonPlanList>;

export const AssignLessonPlanBody = z.object({ planId: z.uuid().nullable() });
export type AssignLessonPlanBody = z.infer<typeof AssignLessonPlanBody>;

/** A lesson's plan as its participants see it: titles, no content. */
export const LessonPlanOutline = z.object({
  id: z.uuid(),
  title: z.string(),
  language: Language,
  level: z.string().nullable(),
  materials: z.array(z.object({ id: z.uuid(), kind: MaterialKind, title: z.string() })),
});

export const LessonPlanOfLesson = z.object({ lessonId: z.uuid(), plan: LessonPlanOutline.nullable() });
export type LessonPlanOfLesson = z.infer<typeof LessonPlanOfLesson>;

// --- Test attempts in lessons ---

export const TestAttempt = z.object({
  id: z.uuid(),
  lessonId: z.uuid(),
  materialId: z.uuid(),
  materialTitle: z.string(),
  student: LessonPerson,
  answers: TestAnswers,
  /** For students without the expected answers. */
  result: TestResult,
  submittedAt: z.string(),
});
export type TestAttempt = z.infer<typeof TestAttempt>;

export const TestAttemptQuery = z.object({ materialId: z.uuid().optional() });
export const TestAttemptList = z.object({ items: z.array(TestAttempt) });
export type TestAttemptList = z.infer<typeof TestAttemptList>;

export const TestAttemptParams = z.object({ id: z.uuid(), attemptId: z.uuid() });

/** The teacher's scores for free-text items (or overrides of automatic ones). */
export const MarkTestAttemptBody = z.object({
  marks: z
    .array(z.object({ itemId: ItemId, score: z.number().min(0).max(100) }))
    .min(1)
    .max(100)
    .refine((marks) => new Set(marks.map((mark) => mark.itemId)).size === marks.length, { message: 'one mark per item' }),
});
export type MarkTestAttemptBody = z.infer<typeof MarkTestAttemptBody>;

// --- Uploaded files ---

/** The types of file the school accepts; the contents must match the declared type. */
export const UPLOAD_MEDIA_TYPES = [
  'video/mp4',
  'video/webm',
  'audio/mpeg',
  'audio/ogg',
  'audio/wav',
  'audio/webm',
  'audio/mp4',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
] as const;
export const UploadMediaType = z.enum(UPLOAD_MEDIA_TYPES);
export type UploadMediaType = z.infer<typeof UploadMediaType>;

/** Other names browsers and systems give the same types. */
const MEDIA_TYPE_ALIASES: Record<string, UploadMediaType> = {
  'audio/mp3': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/x-m4a': 'audio/mp4',
  'image/jpg': 'image/jpeg',
};

/** A Content-Type header's accepted type (parameters and aliases resolved), or null. */
export function uploadMediaTypeOf(contentType: string | undefined): UploadMediaType | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const resolved = MEDIA_TYPE_ALIASES[type] ?? type;
  return UploadMediaType.safeParse(resolved).data ?? null;
}

/** Whether a file of this type may be used where `category` is needed. */
export function fileFitsCategory(mediaType: string, category: FileCategory): boolean {
  return category === 'any' || mediaType.startsWith(`${category}/`);
}

/** A file's name as given: the last path segment, without control characters. */
export const FileName = z
  .string()
  .transform((name) => (name.split(/[\\/]/).pop() ?? '').replace(/\p{Cc}/gu, '').trim())
  .pipe(z.string().min(1, { message: 'must name the file' }).max(200));

export const UploadQuery = z.object({ name: FileName });

export const UploadedFile = z.object({
  id: z.uuid(),
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type UploadedFile = z.infer<typeof UploadedFile>;

/** A signed address on this server (path and query) to read a file until `expiresAt`. */
export const FileLink = z.object({ url: z.string(), expiresAt: z.string() });
export type FileLink = z.infer<typeof FileLink>;

export const FileContentQuery = z.object({
  expires: z.coerce.number().int().positive(),
  signature: z.string().regex(/^[\w-]{43}$/, { message: 'must be a link signature' }),
});
