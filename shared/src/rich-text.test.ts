import { describe, expect, it } from 'vitest';
import { isSafeHref, parseInline, parseRichText, RichTextDoc, richTextFileRefs, richTextToPlain } from './rich-text.js';

const FILE = '0190f5a4-7c1e-7a3b-9d2e-1234567890ab';

describe('parseRichText', () => {
  it('reads headings, paragraphs, lists, quotes and images', () => {
    const doc = parseRichText(
      [
        '# Present Perfect',
        '## When we use it',
        'We use it for **experience**',
        'and *recent* events.',
        '',
        '- I have been to London',
        '- She has *never* seen snow',
        '1. first',
        '2) second',
        '> Practice makes perfect.',
        `![A timeline](file:${FILE})`,
        '![Chart](https://example.com/chart.png)',
        '### Links',
        'See [the rules](https://example.com/rules) or [write to us](mailto:teacher@example.com).',
      ].join('\n'),
    );
    expect(doc.blocks).toEqual([
      { type: 'heading', level: 1, content: [{ text: 'Present Perfect' }] },
      { type: 'heading', level: 2, content: [{ text: 'When we use it' }] },
      {
        type: 'paragraph',
        content: [{ text: 'We use it for ' }, { text: 'experience', bold: true }, { text: ' and ' }, { text: 'recent', italic: true }, { text: ' events.' }],
      },
      { type: 'list', ordered: false, items: [[{ text: 'I have been to London' }], [{ text: 'She has ' }, { text: 'never', italic: true }, { text: ' seen snow' }]] },
      { type: 'list', ordered: true, items: [[{ text: 'first' }], [{ text: 'second' }]] },
      { type: 'quote', content: [{ text: 'Practice makes perfect.' }] },
      { type: 'image', source: { fileId: FILE }, alt: 'A timeline' },
      { type: 'image', source: { url: 'https://example.com/chart.png' }, alt: 'Chart' },
      { type: 'heading', level: 3, content: [{ text: 'Links' }] },
      {
        type: 'paragraph',
        content: [
          { text: 'See ' },
          { text: 'the rules', href: 'https://example.com/rules' },
          { text: ' or ' },
          { text: 'write to us', href: 'mailto:teacher@example.com' },
          { text: '.' },
        ],
      },
    ]);
    expect(RichTextDoc.parse(doc)).toEqual(doc);
  });

  it('keeps the text of unsafe links and images but not the address', () => {
    const doc = parseRichText('Click [here](javascript:alert(1)) now\n\n![x](http://insecure.example/a.png)\n\n![y](data:image/png;base64,AAAA)');
    expect(JSON.stringify(doc)).not.toMatch(/javascript:|data:image|insecure/);
    expect(doc.blocks).toEqual([
      { type: 'paragraph', content: [{ text: 'Click here now' }] },
      { type: 'paragraph', content: [{ text: 'x' }] },
      { type: 'paragraph', content: [{ text: 'y' }] },
    ]);
    expect(parseInline('[f](https://a.example/f(1))')).toEqual([{ text: 'f', href: 'https://a.example/f(1)' }]);
  });

  it('treats unclosed marks and escapes as text, and nests marks', () => {
    expect(parseInline('2 * 3 = 6 and **open')).toEqual([{ text: '2 * 3 = 6 and **open' }]);
    expect(parseInline('\\*not italic\\*')).toEqual([{ text: '*not italic*' }]);
    expect(parseInline('*a **b** c*')).toEqual([{ text: 'a ', italic: true }, { text: 'b', italic: true, bold: true }, { text: ' c', italic: true }]);
    expect(parseInline('**[bold link](https://a.example)**')).toEqual([{ text: 'bold link', bold: true, href: 'https://a.example' }]);
  });

  it('gives an empty document for empty input', () => {
    expect(parseRichText('  \n\n')).toEqual({ blocks: [] });
  });
});

describe('the document schema', () => {
  it('refuses unsafe links and non-https images', () => {
    const bad = RichTextDoc.safeParse({
      blocks: [
        { type: 'paragraph', content: [{ text: 'x', href: 'javascript:alert(1)' }] },
        { type: 'image', source: { url: 'http://example.com/a.png' }, alt: '' },
        { type: 'heading', level: 4, content: [{ text: 'x' }] },
      ],
    });
    expect(bad.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['blocks.0.content.0.href', 'blocks.1.source.url', 'blocks.2.level']);
    expect(isSafeHref('mailto:a@example.com')).toBe(true);
    expect(isSafeHref('ftp://example.com')).toBe(false);
  });
});

describe('richTextToPlain and file references', () => {
  it('gives the words a block a line, and where the uploaded images are', () => {
    const doc = parseRichText(`# Title\nSome **bold** text\n\n- one\n- two\n\n![Alt text](file:${FILE})`);
    expect(richTextToPlain(doc)).toBe('Title\nSome bold text\none\ntwo\nAlt text');
    expect(richTextFileRefs(doc)).toEqual([{ path: 'blocks.3.source.fileId', fileId: FILE }]);
  });
});
