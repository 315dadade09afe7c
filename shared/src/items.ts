import { z } from 'zod';

/**
 * The auto-checked item engine: tests on the board now, homework later. Pure functions, no I/O.
 *
 * An item's answer has one shape per type (see `ItemAnswer`); an answer of the wrong shape counts
 * as no answer. Scores are rounded to 2 decimals, per item and in total.
 */

/** An item's (or option's, or gap's) id within its test: short and stable, the key of answers. */
export const ItemId = z.string().regex(/^[\w-]{1,32}$/, { message: 'must be 1–32 letters, digits, _ or -' });

const Points = z.number().positive().max(100).default(1);
const Prompt = z.string().trim().min(1).max(2000);
const Choice = z.string().trim().min(1).max(500);
const Token = z.string().trim().min(1).max(100);

const itemBase = { id: ItemId, points: Points, prompt: Prompt };

/** `I [[g1]] to school`: a gap is its id in double square brackets. */
const GAP_MARK = /\[\[([\w-]{1,32})\]\]/g;

/** The text of a gap-fill item cut into literal text and gaps, in order, for rendering. */
export function gapTextParts(text: string): Array<{ text: string } | { gapId: string }> {
  const parts: Array<{ text: string } | { gapId: string }> = [];
  let last = 0;
  for (const match of text.matchAll(GAP_MARK)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ gapId: match[1] as string });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

const duplicates = (values: readonly string[]) => values.filter((value, index) => values.indexOf(value) !== index);

function requireUnique(ctx: z.RefinementCtx, values: readonly string[], path: PropertyKey[], what: string): void {
  const repeated = duplicates(values);
  if (repeated.length > 0) ctx.addIssue({ code: 'custom', path, message: `${what} must be unique; repeated: ${repeated.join(', ')}` });
}

// Each type has a public shape (what a student sees) and the answer key on top of it.

const choiceShape = {
  type: z.literal('choice'),
  ...itemBase,
  options: z.array(z.object({ id: ItemId, text: Choice })).min(2).max(12),
  /** Several options may be right: the student then picks any number. */
  multiple: z.boolean().default(false),
};

export const ChoiceItem = z
  .object({ ...choiceShape, correct: z.array(ItemId).min(1).max(12) })
  .superRefine((item, ctx) => {
    const ids = item.options.map((option) => option.id);
    requireUnique(ctx, ids, ['options'], 'option ids');
    requireUnique(ctx, item.correct, ['correct'], 'correct option ids');
    const unknown = item.correct.filter((id) => !ids.includes(id));
    if (unknown.length > 0) ctx.addIssue({ code: 'custom', path: ['correct'], message: `no such options: ${unknown.join(', ')}` });
    if (!item.multiple && item.correct.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['correct'], message: 'a single-choice item has exactly one correct option' });
    }
  });

const gapFillShape = {
  type: z.literal('gap_fill'),
  ...itemBase,
  text: z.string().trim().min(1).max(5000),
};

const Gap = z.object({
  id: ItemId,
  accepted: z.array(Choice).min(1).max(20),
  /** Present: a drop-down the student chooses from; absent: the student types. */
  options: z.array(Choice).min(2).max(12).optional(),
});

export const GapFillItem = z
  .object({ ...gapFillShape, gaps: z.array(Gap).min(1).max(50) })
  .superRefine((item, ctx) => {
    const marked = [...item.text.matchAll(GAP_MARK)].map((match) => match[1] as string);
    const defined = item.gaps.map((gap) => gap.id);
    requireUnique(ctx, marked, ['text'], 'gaps in the text');
    requireUnique(ctx, defined, ['gaps'], 'gap ids');
    const unmarked = defined.filter((id) => !marked.includes(id));
    const undefinedGaps = marked.filter((id) => !defined.includes(id));
    if (unmarked.length > 0) ctx.addIssue({ code: 'custom', path: ['text'], message: `gaps not marked in the text: ${unmarked.join(', ')}` });
    if (undefinedGaps.length > 0) ctx.addIssue({ code: 'custom', path: ['gaps'], message: `gaps without answers: ${undefinedGaps.join(', ')}` });
    item.gaps.forEach((gap, index) => {
      if (gap.options && !gap.accepted.every((answer) => gap.options?.includes(answer))) {
        ctx.addIssue({ code: 'custom', path: ['gaps', index, 'accepted'], message: 'every accepted answer must be one of the options' });
      }
    });
  });

const matchingShape = { type: z.literal('matching'), ...itemBase };

export const MatchingItem = z
  .object({ ...matchingShape, pairs: z.array(z.object({ left: Choice, right: Choice })).min(2).max(20) })
  .superRefine((item, ctx) => {
    requireUnique(ctx, item.pairs.map((pair) => pair.left), ['pairs'], 'left items');
    requireUnique(ctx, item.pairs.map((pair) => pair.right), ['pairs'], 'right items');
  });

const wordOrderShape = { type: z.literal('word_order'), ...itemBase };

/** Scored all-or-nothing: a sentence is in order or it is not (a prefix share would score one slip
 * in the first word like a complete scramble). */
export const WordOrderItem = z.object({ ...wordOrderShape, tokens: z.array(Token).min(2).max(30) });

const shortAnswerShape = { type: z.literal('short_answer'), ...itemBase };

export const ShortAnswerItem = z.object({
  ...shortAnswerShape,
  accepted: z.array(Choice).min(1).max(20),
  caseSensitive: z.boolean().default(false),
});

/** Marked by the teacher. */
export const FreeTextItem = z.object({
  type: z.literal('free_text'),
  ...itemBase,
  maxLength: z.number().int().min(1).max(10_000).optional(),
});

export const TestItem = z.discriminatedUnion('type', [ChoiceItem, GapFillItem, MatchingItem, WordOrderItem, ShortAnswerItem, FreeTextItem]);
export type TestItem = z.infer<typeof TestItem>;
export type TestItemInput = z.input<typeof TestItem>;
export type TestItemType = TestItem['type'];

/** The items of one test: 1–100 with unique ids. */
export const TestItems = z
  .array(TestItem)
  .min(1)
  .max(100)
  .superRefine((items, ctx) => requireUnique(ctx, items.map((item) => item.id), [], 'item ids'));

/** What a student may see of an item: no answer key; matching and word order shuffled. */
export const PublicTestItem = z.discriminatedUnion('type', [
  z.object(choiceShape),
  z.object({ ...gapFillShape, gaps: z.array(z.object({ id: ItemId, options: z.array(Choice).optional() })) }),
  z.object({ ...matchingShape, left: z.array(Choice), right: z.array(Choice) }),
  z.object({ ...wordOrderShape, tokens: z.array(Token) }),
  z.object(shortAnswerShape),
  FreeTextItem,
]);
export type PublicTestItem = z.infer<typeof PublicTestItem>;

/**
 * An answer to one item. By type: choice — the picked option ids; gap_fill — gap id → text;
 * matching — for each left item in order, the right item chosen (null: none yet); word_order —
 * the tokens in the student's order; short_answer and free_text — the text.
 */
export const ItemAnswer = z.union([
  z.string().max(10_000),
  z.array(z.string().max(500).nullable()).max(30),
  z.record(z.string().max(32), z.string().max(500)),
]);
export type ItemAnswer = z.infer<typeof ItemAnswer>;

/** A student's answers by item id; items may be missing (a partial answer sheet). */
export const TestAnswersSchema = z
  .record(ItemId, ItemAnswer)
  .refine((answers) => Object.keys(answers).length <= 100, { message: 'at most 100 answers' });
export const TestAnswers = TestAnswersSchema;
export type TestAnswers = z.infer<typeof TestAnswersSchema>;

export const ItemStatus = z.enum(['correct', 'partial', 'wrong', 'unanswered', 'needs_marking']);
export type ItemStatus = z.infer<typeof ItemStatus>;

export const ItemResult = z.object({
  itemId: z.string(),
  score: z.number(),
  maxScore: z.number(),
  status: ItemStatus,
  /** The expected answer, in the answer's shape (free text has none). */
  correct: ItemAnswer.optional(),
  /** The teacher set this score by hand. */
  marked: z.boolean().optional(),
});
export type ItemResult = z.infer<typeof ItemResult>;

/** A scored answer sheet. `LessonTestAttempt.itemResults` stores `items`. */
export const TestResult = z.object({ score: z.number(), maxScore: z.number(), items: z.array(ItemResult) });
export type TestResult = z.infer<typeof TestResult>;

export const round2 = (value: number): number => Math.round((value + Number.EPSILON) * 100) / 100;

const TRAILING_PUNCTUATION = /[\s.,!?;:…。！？，；：]+$/u;

/**
 * How typed answers are compared: trimmed, inner spaces collapsed, typographic apostrophes made
 * plain, trailing punctuation dropped, and lower-cased unless case matters.
 */
export function normalizeAnswer(text: string, caseSensitive = false): string {
  const normalized = text
    .normalize('NFC')
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(TRAILING_PUNCTUATION, '');
  return caseSensitive ? normalized : normalized.toLowerCase();
}

const hasText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const asList = (answer: ItemAnswer | undefined): Array<string | null> | undefined => (Array.isArray(answer) ? answer : undefined);
const asRecord = (answer: ItemAnswer | undefined): Record<string, string> | undefined =>
  answer !== undefined && typeof answer === 'object' && !Array.isArray(answer) ? answer : undefined;

/** The share of an item's points earned, 0–1, or null when there is nothing to score. */
type Share = number | null;

function choiceShare(item: z.infer<typeof ChoiceItem>, answer: ItemAnswer | undefined): Share {
  const optionIds = new Set(item.options.map((option) => option.id));
  const picks = [...new Set(asList(answer) ?? [])].filter((id): id is string => id !== null && optionIds.has(id));
  if (picks.length === 0) return null;
  const right = picks.filter((id) => item.correct.includes(id)).length;
  if (!item.multiple) return picks.length === 1 && right === 1 ? 1 : 0;
  return Math.max(0, (right - (picks.length - right)) / item.correct.length);
}

function gapFillShare(item: z.infer<typeof GapFillItem>, answer: ItemAnswer | undefined): Share {
  const given = asRecord(answer) ?? {};
  if (!item.gaps.some((gap) => hasText(given[gap.id]))) return null;
  const right = item.gaps.filter((gap) => {
    const text = given[gap.id];
    if (!hasText(text)) return false;
    // A chosen gap must be one of its options exactly; a typed one is compared like a short answer.
    if (gap.options) return gap.accepted.includes(text.trim());
    return gap.accepted.some((accepted) => normalizeAnswer(accepted) === normalizeAnswer(text));
  }).length;
  return right / item.gaps.length;
}

function matchingShare(item: z.infer<typeof MatchingItem>, answer: ItemAnswer | undefined): Share {
  const chosen = asList(answer) ?? [];
  if (!chosen.some(hasText)) return null;
  return item.pairs.filter((pair, index) => chosen[index] === pair.right).length / item.pairs.length;
}

function wordOrderShare(item: z.infer<typeof WordOrderItem>, answer: ItemAnswer | undefined): Share {
  const order = asList(answer) ?? [];
  if (!order.some(hasText)) return null;
  const inOrder = order.length === item.tokens.length && item.tokens.every((token, index) => order[index]?.trim() === token);
  return inOrder ? 1 : 0;
}

function shortAnswerShare(item: z.infer<typeof ShortAnswerItem>, answer: ItemAnswer | undefined): Share {
  if (!hasText(answer)) return null;
  const given = normalizeAnswer(answer, item.caseSensitive);
  return item.accepted.some((accepted) => normalizeAnswer(accepted, item.caseSensitive) === given) ? 1 : 0;
}

function shareOf(item: Exclude<TestItem, { type: 'free_text' }>, answer: ItemAnswer | undefined): Share {
  switch (item.type) {
    case 'choice':
      return choiceShare(item, answer);
    case 'gap_fill':
      return gapFillShare(item, answer);
    case 'matching':
      return matchingShare(item, answer);
    case 'word_order':
      return wordOrderShare(item, answer);
    case 'short_answer':
      return shortAnswerShare(item, answer);
  }
}

function expectedAnswer(item: TestItem): ItemAnswer | undefined {
  switch (item.type) {
    case 'choice':
      return item.correct;
    case 'gap_fill':
      return Object.fromEntries(item.gaps.map((gap) => [gap.id, gap.accepted[0] as string]));
    case 'matching':
      return item.pairs.map((pair) => pair.right);
    case 'word_order':
      return item.tokens;
    case 'short_answer':
      return item.accepted[0];
    case 'free_text':
      return undefined;
  }
}

function statusOf(score: number, maxScore: number): ItemStatus {
  if (score >= maxScore) return 'correct';
  return score > 0 ? 'partial' : 'wrong';
}

/** Scores one item. */
export function scoreItem(item: TestItem, answer: ItemAnswer | undefined): ItemResult {
  const base = { itemId: item.id, maxScore: round2(item.points) };
  const correct = expectedAnswer(item);
  const withKey = correct === undefined ? {} : { correct };
  if (item.type === 'free_text') {
    return { ...base, score: 0, status: hasText(answer) ? 'needs_marking' : 'unanswered' };
  }
  const share = shareOf(item, answer);
  if (share === null) return { ...base, score: 0, status: 'unanswered', ...withKey };
  const score = round2(item.points * share);
  return { ...base, score, status: statusOf(score, base.maxScore), ...withKey };
}

function totalOf(items: ItemResult[]): TestResult {
  return {
    score: round2(items.reduce((sum, item) => sum + item.score, 0)),
    maxScore: round2(items.reduce((sum, item) => sum + item.maxScore, 0)),
    items,
  };
}

/** Scores an answer sheet against the items, in the items' order. */
export function scoreTest(items: readonly TestItem[], answers: TestAnswers): TestResult {
  return totalOf(items.map((item) => scoreItem(item, Object.hasOwn(answers, item.id) ? answers[item.id] : undefined)));
}

export interface Mark {
  itemId: string;
  score: number;
}

/** A mark that cannot be applied; `index` is its place in the list, `field` the bad part. */
export class MarkingError extends Error {
  constructor(
    readonly index: number,
    readonly field: 'itemId' | 'score',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The teacher's marks: free text waits for them, and a teacher may also override an automatic
 * score (an answer the key did not foresee). Throws `MarkingError` for an unknown item or a score
 * outside 0…the item's points.
 */
export function applyMarks(result: TestResult, marks: readonly Mark[]): TestResult {
  const items = [...result.items];
  marks.forEach((mark, index) => {
    const at = items.findIndex((item) => item.itemId === mark.itemId);
    const item = items[at];
    if (!item) throw new MarkingError(index, 'itemId', `no item ${mark.itemId} in this test`);
    const score = round2(mark.score);
    if (!(score >= 0 && score <= item.maxScore)) throw new MarkingError(index, 'score', `must be between 0 and ${item.maxScore}`);
    items[at] = { ...item, score, status: statusOf(score, item.maxScore), marked: true };
  });
  return totalOf(items);
}

/** FNV-1a: a string seed to 32 bits. */
function hashSeed(seed: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < seed.length; index++) {
    hash ^= seed.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small deterministic generator of numbers in [0, 1). */
function randomFrom(seed: string): () => number {
  let state = hashSeed(seed);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The same shuffle for the same seed, so every render of a test looks alike. A shuffle that
 * happens to give back the original order is rotated, so it never shows the answer.
 */
export function seededShuffle<T>(values: readonly T[], seed: string): T[] {
  const random = randomFrom(seed);
  const shuffled = [...values];
  for (let index = shuffled.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other] as T, shuffled[index] as T];
  }
  const unchanged = shuffled.every((value, index) => value === values[index]);
  return unchanged && shuffled.length > 1 ? [...shuffled.slice(1), shuffled[0] as T] : shuffled;
}

/** What a student may see of a test: no answer key; shuffles seeded by `seed` and each item's id. */
export function toPublicItems(items: readonly TestItem[], seed: string): PublicTestItem[] {
  return items.map((item): PublicTestItem => {
    const base = { id: item.id, points: item.points, prompt: item.prompt };
    switch (item.type) {
      case 'choice':
        return { type: item.type, ...base, options: item.options, multiple: item.multiple };
      case 'gap_fill':
        return {
          type: item.type,
          ...base,
          text: item.text,
          gaps: item.gaps.map((gap) => (gap.options ? { id: gap.id, options: gap.options } : { id: gap.id })),
        };
      case 'matching':
        return {
          type: item.type,
          ...base,
          left: item.pairs.map((pair) => pair.left),
          right: seededShuffle(item.pairs.map((pair) => pair.right), `${seed}:${item.id}`),
        };
      case 'word_order':
        return { type: item.type, ...base, tokens: seededShuffle(item.tokens, `${seed}:${item.id}`) };
      case 'short_answer':
        return { type: item.type, ...base };
      case 'free_text':
        return { type: item.type, ...base, ...(item.maxLength === undefined ? {} : { maxLength: item.maxLength }) };
    }
  });
}
