import type { CardState, Grade, ReviewBody } from '@panda/shared';
import { fsrs, Rating, State, type Card, type Grade as FsrsGrade } from 'ts-fsrs';
import { addDays, fromLocal, toLocal } from '../schedule/zoned-time.js';

/**
 * The dictionary is reviewed once a day, so cards are scheduled in whole days: ts-fsrs's
 * long-term scheduler (no same-day learning steps), without fuzz so a grade's next due date is
 * what ts-fsrs computes for the same card and time.
 */
export const FSRS_PARAMS = { enable_short_term: false, enable_fuzz: false } as const;
const scheduler = fsrs(FSRS_PARAMS);

/** The schedule columns of a dictionary entry: ts-fsrs's Card, field for field. */
export interface StoredCard {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: CardState;
  lastReview: Date | null;
}

const STATES: Record<CardState, State> = { new: State.New, learning: State.Learning, review: State.Review, relearning: State.Relearning };
const STATE_NAMES = Object.fromEntries(Object.entries(STATES).map(([name, state]) => [state, name])) as Record<State, CardState>;
const RATINGS: Record<Grade, FsrsGrade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

/** A card a new word starts with: due at once. */
export function newCard(now: Date): StoredCard {
  return { due: now, stability: 0, difficulty: 0, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, state: 'new', lastReview: null };
}

const toFsrs = (card: StoredCard): Card => ({
  due: card.due,
  stability: card.stability,
  difficulty: card.difficulty,
  elapsed_days: card.elapsedDays,
  scheduled_days: card.scheduledDays,
  learning_steps: card.learningSteps,
  reps: card.reps,
  lapses: card.lapses,
  state: STATES[card.state],
  ...(card.lastReview ? { last_review: card.lastReview } : {}),
});

const fromFsrs = (card: Card): StoredCard => ({
  due: card.due,
  stability: card.stability,
  difficulty: card.difficulty,
  elapsedDays: card.elapsed_days,
  scheduledDays: card.scheduled_days,
  learningSteps: card.learning_steps,
  reps: card.reps,
  lapses: card.lapses,
  state: STATE_NAMES[card.state],
  lastReview: card.last_review ?? null,
});

/** What a review row keeps of the card as it was before the grade (ts-fsrs's ReviewLog). */
export function reviewLogOf(card: StoredCard): Pick<StoredCard, 'state' | 'due' | 'stability' | 'difficulty' | 'elapsedDays' | 'scheduledDays' | 'learningSteps'> {
  const { state, due, stability, difficulty, elapsedDays, scheduledDays, learningSteps } = card;
  return { state, due, stability, difficulty, elapsedDays, scheduledDays, learningSteps };
}

/** The card after grading it at `now`, and the card as it was (the review log keeps that). */
export function gradeCard(card: StoredCard, grade: Grade, now: Date): { next: StoredCard; rating: number } {
  const rating = RATINGS[grade];
  return { next: fromFsrs(scheduler.next(toFsrs(card), now, rating).card), rating };
}

/** Case, spacing and a final full stop do not make an answer wrong. */
const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!?。！？]$/u, '');

/** Whether `a` turns into `b` with at most one insertion, deletion or substitution. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const rest = (x: number, y: number) => a.slice(i + x) === b.slice(i + y);
  return rest(1, 1) || rest(1, 0) || rest(0, 1);
}

/** Tone marks and tone numbers dropped, syllables run together: "nǐ hǎo", "ni3 hao3" and "nihao" are one answer. */
const bareTranscription = (text: string) =>
  normalize(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f1-5\s']/g, '');

/**
 * The grade a review or a game result counts as (documented in ReviewBody): a word typed with one
 * typo is still known, and typing the pinyin of a Chinese word shows the sound is known but not
 * the characters — both are "hard". Short words get no typo allowance: one letter off is another word.
 */
export function gradeOf(result: ReviewBody, entry: { word: string; transcription: string | null }): Grade {
  switch (result.source) {
    case 'review':
      return result.grade;
    case 'flashcards':
      return result.knew ? 'good' : 'again';
    case 'matching':
      return result.mistakes === 0 ? 'good' : result.mistakes === 1 ? 'hard' : 'again';
    case 'typing': {
      const answer = normalize(result.answer);
      const word = normalize(entry.word);
      if (answer === word) return 'good';
      if (word.length >= 4 && withinOneEdit(answer, word)) return 'hard';
      if (answer !== '' && entry.transcription && bareTranscription(answer) === bareTranscription(entry.transcription)) return 'hard';
      return 'again';
    }
  }
}

/** When the student's day ends at `now` in `timeZone`: cards due before then are today's. */
export function endOfDay(now: Date, timeZone: string): Date {
  return fromLocal({ ...addDays(toLocal(now, timeZone), 1), minute: 0 }, timeZone);
}
