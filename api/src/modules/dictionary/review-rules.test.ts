import { createEmptyCard, fsrs, Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { endOfDay, FSRS_PARAMS, gradeCard, gradeOf, newCard } from './review-rules.js';

const DAY = 86_400_000;
const t0 = new Date('2027-02-10T15:00:00Z');

describe('gradeCard', () => {
  it('schedules exactly as ts-fsrs does for the same card and time, through several reviews', () => {
    const reference = fsrs(FSRS_PARAMS);
    let expected = createEmptyCard(t0);
    let card = newCard(t0);
    let now = t0;
    for (const [grade, rating] of [['good', Rating.Good], ['again', Rating.Again], ['easy', Rating.Easy], ['hard', Rating.Hard]] as const) {
      expected = reference.next(expected, now, rating).card;
      card = gradeCard(card, grade, now).next;
      expect(card.due).toEqual(expected.due);
      expect(card).toMatchObject({ stability: expected.stability, difficulty: expected.difficulty, reps: expected.reps, lapses: expected.lapses, scheduledDays: expected.scheduled_days });
      now = new Date(card.due.getTime() + 3_600_000);
    }
    expect(card.lapses).toBe(1);
  });

  it('moves every graded card to a later day, easier grades further', () => {
    const dues = (['again', 'hard', 'good', 'easy'] as const).map((grade) => gradeCard(newCard(t0), grade, t0).next.due.getTime());
    expect(dues[0]).toBeGreaterThanOrEqual(t0.getTime() + DAY);
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
    expect(new Set(dues).size).toBe(4);
  });
});

describe('gradeOf', () => {
  const kettle = { word: 'Kettle', transcription: '/ˈket.əl/' };
  const nihao = { word: '你好', transcription: 'nǐ hǎo' };

  it('takes the button as it is', () => {
    expect(gradeOf({ source: 'review', grade: 'hard' }, kettle)).toBe('hard');
  });

  it('maps flashcards and matching results', () => {
    expect(gradeOf({ source: 'flashcards', knew: true }, kettle)).toBe('good');
    expect(gradeOf({ source: 'flashcards', knew: false }, kettle)).toBe('again');
    expect([0, 1, 2, 5].map((mistakes) => gradeOf({ source: 'matching', mistakes }, kettle))).toEqual(['good', 'hard', 'again', 'again']);
  });

  it('checks a typed word: exact, one typo, pinyin for characters, wrong', () => {
    const typed = (answer: string, entry: { word: string; transcription: string | null } = kettle) => gradeOf({ source: 'typing', answer }, entry);
    expect(typed(' kettle. ')).toBe('good');
    expect(typed('ketle')).toBe('hard');
    expect(typed('kettel')).toBe('again');
    expect(typed('')).toBe('again');
    expect(typed('cat', { word: 'car', transcription: null })).toBe('again');
    expect(typed('你好', nihao)).toBe('good');
    expect(typed('ni3 hao3', nihao)).toBe('hard');
    expect(typed('nihao', nihao)).toBe('hard');
    expect(typed('你', nihao)).toBe('again');
  });
});

describe('endOfDay', () => {
  it('is the next local midnight in the student’s time zone', () => {
    expect(endOfDay(t0, 'UTC').toISOString()).toBe('2027-02-11T00:00:00.000Z');
    // 23:00 in Shanghai: the day ends an hour later.
    expect(endOfDay(t0, 'Asia/Shanghai').toISOString()).toBe('2027-02-10T16:00:00.000Z');
    // 01:00 on the 11th in Brisbane.
    expect(endOfDay(t0, 'Australia/Brisbane').toISOString()).toBe('2027-02-11T14:00:00.000Z');
  });
});
