import { SCHOOL_CREDIT_RULES } from '@panda/api';
import { describe, expect, it } from 'vitest';
import { ivansWords, replayReviews } from './dictionary.js';
import { demoTimes } from './times.js';

/** The vocabulary set Anna showed yesterday, without its recordings. */
const SHOWN_WORDS = ['airport', 'luggage', 'passport', 'journey', 'abroad'].map((word) => ({ word, translation: `${word} (ru)` }));

describe('Ivan’s demo dictionary', () => {
  // The school is created at any hour: the schedule must come out the same.
  it.each(['2027-03-01T00:02:00Z', '2027-03-01T09:30:00Z', '2027-03-01T20:59:00Z', '2027-03-01T23:58:00Z'])(
    'has six words due and two not for days, when created at %s',
    (at) => {
      const times = demoTimes(new Date(at), SCHOOL_CREDIT_RULES);
      const cards = ivansWords(times, SHOWN_WORDS).map((word) => ({ word: word.entry.word, ...replayReviews(word.addedAt, word.grades).card }));
      const due = cards.filter((card) => card.due <= times.now);
      expect(due.map((card) => card.word)).toEqual(['sightseeing', 'guidebook', 'already', 'airport', 'luggage', 'passport']);
      // Due again after reviews, not only new words.
      expect(due.filter((card) => card.state !== 'new')).toHaveLength(3);
      for (const card of cards.filter((candidate) => !due.includes(candidate))) {
        expect(card.due.getTime(), card.word).toBeGreaterThan(times.now.getTime() + 2 * 86_400_000);
      }
    },
  );

  it('keeps each review with the card as it was before, like the review endpoint', () => {
    const added = new Date('2027-03-01T10:00:00Z');
    const { card, reviews } = replayReviews(added, [
      { grade: 'again', at: new Date('2027-03-02T10:00:00Z') },
      { grade: 'good', at: new Date('2027-03-03T10:00:00Z') },
    ]);
    expect(reviews.map((review) => [review.rating, review.before.reps])).toEqual([
      [1, 0],
      [3, 1],
    ]);
    expect(reviews[0]?.before.due).toEqual(added);
    expect(card).toMatchObject({ reps: 2, state: 'review' });
  });
});
