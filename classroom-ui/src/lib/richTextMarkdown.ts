import type { RichTextBlock, RichTextDoc, TextRun } from '@panda/shared';

/**
 * A document back to the markdown subset `parseRichText` reads, for editing a saved text: the
 * server keeps the document, not what was typed. Parsing the result gives the same document.
 */
export function richTextToMarkdown(doc: RichTextDoc): string {
  return doc.blocks.map(blockToMarkdown).join('\n\n');
}

function blockToMarkdown(block: RichTextBlock): string {
  switch (block.type) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${runsToMarkdown(block.content)}`;
    case 'paragraph':
      return escapeLineStart(runsToMarkdown(block.content));
    case 'quote':
      return `> ${runsToMarkdown(block.content)}`;
    case 'list':
      return block.items
        .map((runs, index) => `${block.ordered ? `${index + 1}.` : '-'} ${runsToMarkdown(runs)}`)
        .join('\n');
    case 'image': {
      const target = 'fileId' in block.source ? `file:${block.source.fileId}` : block.source.url;
      // The description ends at the first "]": it can't hold one.
      return `![${block.alt.replaceAll(']', ')')}](${target})`;
    }
  }
}

/**
 * Consecutive runs sharing a mark are wrapped together (link, then bold, then italic), as they were
 * typed: `**bold *and italic* text**`. A bold span that ends in italic (`**a *b***`) is the one
 * shape the subset can't say; it comes back as plain stars.
 */
function runsToMarkdown(runs: readonly TextRun[]): string {
  return wrapGroups(runs, (run) => run.href, (group, href) => {
    const label = wrapGroups(group, (run) => run.bold, (bold, isBold) => {
      const text = wrapGroups(bold, (run) => run.italic, (italic, isItalic) => {
        const plain = italic.map((run) => escapeInline(run.text)).join('');
        return isItalic ? `*${plain}*` : plain;
      });
      return isBold ? `**${text}**` : text;
    });
    return href ? `[${label}](${href})` : label;
  });
}

/** Splits runs into consecutive groups with the same `key` and joins what `write` makes of each. */
function wrapGroups<K>(runs: readonly TextRun[], key: (run: TextRun) => K, write: (group: TextRun[], key: K) => string): string {
  let markdown = '';
  for (let index = 0; index < runs.length; ) {
    const value = key(runs[index] as TextRun);
    let end = index;
    while (end < runs.length && key(runs[end] as TextRun) === value) end++;
    markdown += write(runs.slice(index, end), value);
    index = end;
  }
  return markdown;
}

/** The characters inline marks are made of. */
function escapeInline(text: string): string {
  return text.replace(/[\\*[\]]/g, (char) => `\\${char}`);
}

/** A paragraph that would start like a heading, a quote or a list item. */
function escapeLineStart(text: string): string {
  return /^[#>-]/.test(text) ? `\\${text}` : text;
}
