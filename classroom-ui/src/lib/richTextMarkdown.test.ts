import { parseRichText } from '@panda/shared';
import { describe, expect, it } from 'vitest';
import { richTextToMarkdown } from './richTextMarkdown';

const FILE = '0190f5a4-7c1e-7a3b-9d2e-1234567890ab';

describe('richTextToMarkdown', () => {
  it('writes a document that parses back to itself', () => {
    const markdown = [
      '# Present *Perfect*',
      'We use it for **life experience** and [news](https://example.com/a_(b)).',
      '- I have *never* been to **Paris**',
      '- She has just left',
      '1. first\n2. second',
      '> A quote with a \\* star',
      `![The map](file:${FILE})`,
      '![A photo](https://example.com/p.png)',
      '\\# not a heading, \\- not a list, 2 \\[brackets\\] and a back\\\\slash',
      '**bold *with italic* inside** and [**a bold link**](mailto:a@example.com)',
    ].join('\n\n');
    const doc = parseRichText(markdown);
    expect(parseRichText(richTextToMarkdown(doc))).toEqual(doc);
  });
});
