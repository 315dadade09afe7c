import { z } from 'zod';

/**
 * Rich text for text materials, kept as data: the UI renders the blocks as React elements and
 * never as HTML, so nothing here can carry markup or script.
 */

const SAFE_LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Whether a link may be followed: http, https or mailto only (no `javascript:`, no `data:`). */
export function isSafeHref(value: string): boolean {
  try {
    return SAFE_LINK_PROTOCOLS.has(new URL(value).protocol);
  } catch {
    return false;
  }
}

export const SafeHref = z.string().trim().max(2000).refine(isSafeHref, { message: 'must be an http, https or mailto address' });

/** A piece of text with the same marks. */
export const TextRun = z.object({
  text: z.string().min(1).max(20_000),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  href: SafeHref.optional(),
});
export type TextRun = z.infer<typeof TextRun>;

const Runs = z.array(TextRun).min(1).max(500);

/** An image is an uploaded file or an https address. */
export const ImageSource = z.union([
  z.strictObject({ fileId: z.uuid() }),
  z.strictObject({ url: z.url({ protocol: /^https$/, message: 'must be an https address' }).max(2000) }),
]);

export const RichTextBlock = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), level: z.literal([1, 2, 3]), content: Runs }),
  z.object({ type: z.literal('paragraph'), content: Runs }),
  z.object({ type: z.literal('list'), ordered: z.boolean(), items: z.array(Runs).min(1).max(200) }),
  z.object({ type: z.literal('quote'), content: Runs }),
  z.object({ type: z.literal('image'), source: ImageSource, alt: z.string().trim().max(300) }),
]);
export type RichTextBlock = z.infer<typeof RichTextBlock>;

export const RichTextDoc = z.object({ blocks: z.array(RichTextBlock).max(1000) });
export type RichTextDoc = z.infer<typeof RichTextDoc>;

type Marks = Pick<TextRun, 'bold' | 'italic' | 'href'>;

function runOf(text: string, marks: Marks): TextRun {
  return {
    text,
    ...(marks.bold ? { bold: true } : {}),
    ...(marks.italic ? { italic: true } : {}),
    ...(marks.href ? { href: marks.href } : {}),
  };
}

const sameMarks = (a: TextRun, b: TextRun) => a.bold === b.bold && a.italic === b.italic && a.href === b.href;

function mergeRuns(runs: TextRun[]): TextRun[] {
  const merged: TextRun[] = [];
  for (const run of runs) {
    const last = merged.at(-1);
    if (last && sameMarks(last, run)) merged[merged.length - 1] = { ...last, text: last.text + run.text };
    else merged.push(run);
  }
  return merged;
}

const ESCAPABLE = new Set(['\\', '*', '[', ']', '(', ')', '!', '#', '>', '-']);

/** Where a single `*` closes an italic span opened before `from`, skipping `**` and escapes; -1 if none. */
function closingStar(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text.startsWith('**', index)) index++;
    else if (text[index] === '*') return index;
  }
  return -1;
}

/** `[label](href)` starting at `start`, or null. */
function linkAt(text: string, start: number): { label: string; href: string; end: number } | null {
  const labelEnd = text.indexOf('](', start + 1);
  if (labelEnd < 0) return null;
  // Balanced parentheses belong to the address, as in markdown: [x](https://a.example/f(1)).
  let depth = 1;
  let hrefEnd = labelEnd + 2;
  for (; hrefEnd < text.length && depth > 0; hrefEnd++) {
    if (text[hrefEnd] === '(') depth++;
    else if (text[hrefEnd] === ')') depth--;
  }
  if (depth > 0) return null;
  hrefEnd--;
  const href = text.slice(labelEnd + 2, hrefEnd).trim();
  const label = text.slice(start + 1, labelEnd);
  if (!label || !href || /\s/.test(href)) return null;
  return { label, href, end: hrefEnd + 1 };
}

/** Inline marks: `**bold**`, `*italic*`, `[text](url)` (unsafe links keep their text only), `\*` escapes. */
export function parseInline(text: string, marks: Marks = {}): TextRun[] {
  const runs: TextRun[] = [];
  let plain = '';
  const flush = () => {
    if (plain) runs.push(runOf(plain, marks));
    plain = '';
  };
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    const next = text[index + 1];
    if (char === '\\' && next !== undefined && ESCAPABLE.has(next)) {
      plain += next;
      index += 2;
      continue;
    }
    if (text.startsWith('**', index)) {
      const end = text.indexOf('**', index + 2);
      if (end > index + 2) {
        flush();
        runs.push(...parseInline(text.slice(index + 2, end), { ...marks, bold: true }));
        index = end + 2;
        continue;
      }
    } else if (char === '*') {
      const end = closingStar(text, index + 1);
      if (end > index + 1) {
        flush();
        runs.push(...parseInline(text.slice(index + 1, end), { ...marks, italic: true }));
        index = end + 1;
        continue;
      }
    } else if (char === '[' && !marks.href) {
      const link = linkAt(text, index);
      if (link) {
        flush();
        runs.push(...parseInline(link.label, isSafeHref(link.href) ? { ...marks, href: link.href } : marks));
        index = link.end;
        continue;
      }
    }
    plain += char;
    index++;
  }
  flush();
  return mergeRuns(runs);
}

const HEADING = /^(#{1,3})\s+(.+)$/;
const BULLET = /^\s*[-*+]\s+(.+)$/;
const NUMBERED = /^\s*\d{1,4}[.)]\s+(.+)$/;
const QUOTE = /^>\s?(.*)$/;
const IMAGE = /^!\[([^\]]*)\]\((\S+)\)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `![alt](file:<uuid>)` is an uploaded image, `![alt](https://…)` one on the web. */
function imageBlock(alt: string, target: string): RichTextBlock | null {
  const alternative = alt.trim();
  if (target.startsWith('file:') && UUID.test(target.slice(5))) return { type: 'image', source: { fileId: target.slice(5).toLowerCase() }, alt: alternative };
  if (target.startsWith('https://') && URL.canParse(target)) return { type: 'image', source: { url: target }, alt: alternative };
  return null;
}

/**
 * A markdown subset to blocks: `#`–`###` headings, `-`/`*` and `1.` lists, `>` quotes,
 * `![alt](file:<id>)` or `![alt](https://…)` images on a line of their own, paragraphs separated by
 * blank lines, and the inline marks of `parseInline`. Anything else is plain text.
 */
export function parseRichText(markdown: string): RichTextDoc {
  const blocks: RichTextBlock[] = [];
  let paragraph: string[] = [];
  let quote: string[] = [];
  let list: { ordered: boolean; items: TextRun[][] } | null = null;

  const flush = () => {
    const text = paragraph.join(' ').trim();
    if (text) blocks.push({ type: 'paragraph', content: parseInline(text) });
    const quoted = quote.join(' ').trim();
    if (quoted) blocks.push({ type: 'quote', content: parseInline(quoted) });
    if (list) blocks.push({ type: 'list', ordered: list.ordered, items: list.items });
    paragraph = [];
    quote = [];
    list = null;
  };
  const addListItem = (ordered: boolean, text: string) => {
    if (list?.ordered !== ordered) flush();
    list ??= { ordered, items: [] };
    list.items.push(parseInline(text.trim()));
  };

  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const trimmed = line.trim();
    const heading = HEADING.exec(trimmed);
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    const quoted = QUOTE.exec(trimmed);
    const image = IMAGE.exec(trimmed);
    const picture = image ? imageBlock(image[1] as string, image[2] as string) : null;
    if (!trimmed) flush();
    else if (heading) {
      flush();
      blocks.push({ type: 'heading', level: (heading[1] as string).length as 1 | 2 | 3, content: parseInline((heading[2] as string).trim()) });
    } else if (bullet) addListItem(false, bullet[1] as string);
    else if (numbered) addListItem(true, numbered[1] as string);
    else if (quoted) {
      if (paragraph.length > 0 || list) flush();
      quote.push(quoted[1] as string);
    } else if (image) {
      // An image from anywhere but an upload or https shows as its description only.
      flush();
      const alt = (image[1] as string).trim();
      if (picture) blocks.push(picture);
      else if (alt) blocks.push({ type: 'paragraph', content: [{ text: alt }] });
    } else {
      if (quote.length > 0 || list) flush();
      paragraph.push(trimmed);
    }
  }
  flush();
  return { blocks };
}

const runsText = (runs: readonly TextRun[]) => runs.map((run) => run.text).join('');

/** The words of a document, a block a line: what search matches and previews show. */
export function richTextToPlain(doc: RichTextDoc): string {
  return doc.blocks
    .map((block) => {
      switch (block.type) {
        case 'list':
          return block.items.map(runsText).join('\n');
        case 'image':
          return block.alt;
        default:
          return runsText(block.content);
      }
    })
    .filter((text) => text !== '')
    .join('\n');
}

/** The uploaded images of a document, with their place in it. */
export function richTextFileRefs(doc: RichTextDoc): Array<{ path: string; fileId: string }> {
  return doc.blocks.flatMap((block, index) =>
    block.type === 'image' && 'fileId' in block.source ? [{ path: `blocks.${index}.source.fileId`, fileId: block.source.fileId }] : [],
  );
}
