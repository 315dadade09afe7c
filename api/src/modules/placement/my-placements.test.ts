import { describe, expect, it } from 'vitest';
import { resultLanguagesByRequest } from './my-placements.js';

describe('which assessed request shows which language’s result', () => {
  it('shows nothing before any assessment', () => {
    expect(resultLanguagesByRequest([], ['en', 'zh'])).toEqual(new Map());
  });

  it('gives a language assessed alongside the one asked for to that lesson', () => {
    expect(resultLanguagesByRequest([{ id: 'english', language: 'en' }], ['en', 'zh'])).toEqual(new Map([['english', ['en', 'zh']]]));
  });

  it('gives each language to the latest request for it, the rest to the latest of all', () => {
    const assessed = [
      { id: 'chinese-again', language: 'zh' as const },
      { id: 'chinese', language: 'zh' as const },
      { id: 'english', language: 'en' as const },
    ];
    expect(resultLanguagesByRequest(assessed, ['en', 'zh'])).toEqual(
      new Map([
        ['english', ['en']],
        ['chinese-again', ['zh']],
      ]),
    );
  });
});
