import { describe, expect, it } from 'vitest';
import { AddDictionaryEntryBody } from './dictionary.js';
import {
  CreateMaterialBody,
  FileName,
  Level,
  materialFileRefs,
  MaterialQuery,
  materialSearchText,
  toBoardMaterial,
  uploadMediaTypeOf,
  type KindedContent,
} from './materials.js';
import { parseRichText } from './rich-text.js';

const FILE_A = '0190f5a4-7c1e-7a3b-9d2e-1234567890ab';
const FILE_B = '0190f5a4-7c1e-7a3b-9d2e-1234567890cd';
const MATERIAL = '0190f5a4-7c1e-7a3b-9d2e-0000000000aa';

describe('levels', () => {
  it('reads levels loosely and checks them against the language', () => {
    expect(Level.parse(' a2 ')).toBe('A2');
    expect(Level.parse('hsk 3')).toBe('HSK3');
    expect(Level.safeParse('B3').success).toBe(false);
    const body = { kind: 'link', title: 'News', language: 'zh', level: 'B1', content: { url: 'https://example.com' } };
    expect(CreateMaterialBody.safeParse(body).error?.issues).toEqual([
      expect.objectContaining({ path: ['level'], message: 'must be one of HSK1, HSK2, HSK3, HSK4, HSK5, HSK6 for zh' }),
    ]);
    expect(MaterialQuery.safeParse({ language: 'en', level: 'HSK2' }).success).toBe(false);
    expect(MaterialQuery.parse({ level: 'hsk2', lessonNumber: '10', mine: 'true' })).toMatchObject({ level: 'HSK2', lessonNumber: 10, mine: true, limit: 50 });
  });
});

describe('content by kind', () => {
  it('names the bad field of a kind’s content', () => {
    const issues = (body: unknown) => CreateMaterialBody.safeParse(body).error?.issues.map((issue) => issue.path.join('.'));
    expect(issues({ kind: 'video', title: 'V', language: 'en', content: { source: { url: 'ftp://x.example/v.mp4' } } })).toEqual(['content.source.url']);
    expect(issues({ kind: 'vocabulary', title: 'W', language: 'en', content: { entries: [{ word: 'cat' }] } })).toEqual(['content.entries.0.translation']);
    expect(issues({ kind: 'quiz', title: 'Q', language: 'en', content: {} })).toEqual(['kind']);
  });

  it('finds every uploaded file a material uses, with its place', () => {
    const text: KindedContent = { kind: 'text', content: { doc: parseRichText(`Intro\n\n![Map](file:${FILE_A})`) } };
    const words: KindedContent = {
      kind: 'vocabulary',
      content: { entries: [{ word: 'cat', translation: 'кошка' }, { word: 'dog', translation: 'собака', audioFileId: FILE_B }] },
    };
    expect(materialFileRefs(text)).toEqual([{ path: 'doc.blocks.1.source.fileId', fileId: FILE_A, category: 'image' }]);
    expect(materialFileRefs(words)).toEqual([{ path: 'entries.1.audioFileId', fileId: FILE_B, category: 'audio' }]);
    expect(materialFileRefs({ kind: 'video', content: { source: { fileId: FILE_A } } })).toEqual([{ path: 'source.fileId', fileId: FILE_A, category: 'video' }]);
    expect(materialFileRefs({ kind: 'audio', content: { source: { url: 'https://example.com/a.mp3' } } })).toEqual([]);
  });

  it('searches the words of the content, lower-cased', () => {
    const text = materialSearchText({
      kind: 'vocabulary',
      title: 'Animals',
      course: 'English for Beginners',
      topic: null,
      tags: ['Pets'],
      content: { entries: [{ word: 'Cat', transcription: '/kæt/', translation: 'кошка' }] },
    });
    expect(text).toBe('animals\nenglish for beginners\npets\ncat\n/kæt/\nкошка');
  });
});

describe('the board', () => {
  it('shows a test without its answer key, and other kinds as they are', () => {
    const test = CreateMaterialBody.parse({
      kind: 'test',
      title: 'Quiz',
      language: 'en',
      content: {
        instructions: 'Do it',
        items: [
          { type: 'short_answer', id: 'a', prompt: 'Past of go?', accepted: ['went'] },
          { type: 'word_order', id: 'b', prompt: 'Order', tokens: ['I', 'am', 'here'] },
        ],
      },
    });
    if (test.kind !== 'test') throw new Error('unreachable');
    const shown = toBoardMaterial({ id: MATERIAL, kind: 'test', title: test.title, language: 'en', level: null, content: test.content });
    expect(shown).toMatchObject({ materialId: MATERIAL, kind: 'test', content: { instructions: 'Do it', items: [{ id: 'a', type: 'short_answer' }, { id: 'b' }] } });
    expect(JSON.stringify(shown)).not.toContain('went');
    const link = toBoardMaterial({ id: MATERIAL, kind: 'link', title: 'L', language: 'en', level: 'A2', content: { url: 'https://example.com' } });
    expect(link.content).toEqual({ url: 'https://example.com' });
  });
});

describe('uploads', () => {
  it('resolves declared types and their aliases, and refuses others', () => {
    expect(uploadMediaTypeOf('video/MP4; codecs="avc1"')).toBe('video/mp4');
    expect(uploadMediaTypeOf('audio/x-wav')).toBe('audio/wav');
    expect(uploadMediaTypeOf('text/html')).toBeNull();
    expect(uploadMediaTypeOf(undefined)).toBeNull();
  });

  it('keeps only the last segment of a file name, without control characters', () => {
    expect(FileName.parse('C:\\Users\\anna\\lesson 10.mp4')).toBe('lesson 10.mp4');
    expect(FileName.parse('../../etc/passwd\u0000')).toBe('passwd');
    expect(FileName.safeParse('dir/').success).toBe(false);
  });
});

describe('dictionary entries', () => {
  it('collapses spaces so that the same word is one entry', () => {
    expect(AddDictionaryEntryBody.parse({ language: 'en', word: '  look   after ', translation: 'присматривать' })).toMatchObject({
      word: 'look after',
      tags: [],
    });
  });
});
