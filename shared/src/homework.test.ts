import { describe, expect, it } from 'vitest';
import {
  AssignHomeworkBody,
  attendanceOf,
  HOMEWORK_DEFAULT_DUE_DAYS,
  homeworkAcceptsAt,
  homeworkDueAt,
  homeworkRating,
  homeworkStanding,
  HomeworkItems,
  MarkHomeworkBody,
  scoreHomework,
  toPublicHomeworkItems,
  type HomeworkClockInput,
} from './homework.js';
import { applyMarks } from './items.js';

const DAY = 24 * 60 * 60 * 1000;
const due = new Date('2026-03-10T09:00:00Z');
const day = (n: number) => new Date(due.getTime() + n * DAY);
const notDone: HomeworkClockInput = { dueAt: due, submittedAt: null, score: null, maxScore: 4 };
const doneAt = (at: Date, score = 3): HomeworkClockInput => ({ ...notDone, submittedAt: at, score });

describe('the homework clock', () => {
  it('assigned → not done → 0 and tails → done on day 10 → the real score', () => {
    expect(homeworkStanding(notDone, day(-1))).toMatchObject({ state: 'open', rating: null, daysLeft: null });
    // The deadline passes: 0 in the rating, 14 days of tails.
    expect(homeworkStanding(notDone, due)).toMatchObject({ state: 'tail', rating: 0, daysLeft: 14 });
    expect(homeworkStanding(notDone, day(9.5))).toMatchObject({ state: 'tail', rating: 0, daysLeft: 5 });
    // Done on day 10: the real score (3 of 4) replaces the 0, then and later.
    const late = doneAt(day(10));
    expect(homeworkStanding(late, day(10))).toMatchObject({ state: 'done_late', rating: 75, daysLeft: null });
    expect(homeworkStanding(late, day(100))).toMatchObject({ state: 'done_late', rating: 75 });
  });

  it('done on day 15 → stays 0; not done at all → closes at 0 after two weeks', () => {
    expect(homeworkAcceptsAt(due, day(13.99))).toBe(true);
    expect(homeworkAcceptsAt(due, day(14))).toBe(false);
    expect(homeworkStanding(doneAt(day(15), 4), day(15))).toMatchObject({ state: 'missed', rating: 0 });
    expect(homeworkStanding(notDone, day(14))).toMatchObject({ state: 'missed', rating: 0, daysLeft: null });
    expect(homeworkStanding(notDone, day(60))).toMatchObject({ state: 'missed', rating: 0 });
  });

  it('counts a submission strictly before the deadline as on time, and none from the future', () => {
    expect(homeworkStanding(doneAt(new Date(due.getTime() - 1)), due)).toMatchObject({ state: 'done', rating: 75 });
    expect(homeworkStanding(doneAt(due), due)).toMatchObject({ state: 'done_late' });
    expect(homeworkStanding(doneAt(day(2)), day(1))).toMatchObject({ state: 'tail', rating: 0 });
    expect(homeworkStanding(notDone, day(1)).closesAt.toISOString()).toBe(day(14).toISOString());
  });

  it('rates the mean of what counts, tails and missed homework as 0', () => {
    expect(homeworkRating([])).toBeNull();
    expect(homeworkRating([{ rating: null }])).toBeNull();
    expect(homeworkRating([{ rating: 100 }, { rating: 0 }, { rating: null }, { rating: 50 }])).toBe(50);
  });

  it('is due at the next lesson in the language, or in 7 days', () => {
    const now = new Date('2026-03-03T10:00:00Z');
    const next = new Date('2026-03-05T09:00:00Z');
    expect(homeworkDueAt(now, next)).toEqual(next);
    expect(homeworkDueAt(now, null)).toEqual(new Date(now.getTime() + HOMEWORK_DEFAULT_DUE_DAYS * DAY));
    expect(homeworkDueAt(now, new Date(now.getTime() - 1))).toEqual(new Date(now.getTime() + 7 * DAY));
  });
});

describe('attendance', () => {
  it('counts the room first, then the teacher’s mark', () => {
    expect(attendanceOf({ status: 'held', studentJoined: true, anyoneJoined: true })).toBe('present');
    expect(attendanceOf({ status: 'no_show', studentJoined: true, anyoneJoined: true })).toBe('present');
    expect(attendanceOf({ status: 'held', studentJoined: false, anyoneJoined: false })).toBe('present');
    expect(attendanceOf({ status: 'held', studentJoined: false, anyoneJoined: true })).toBe('absent');
    expect(attendanceOf({ status: 'no_show', studentJoined: false, anyoneJoined: false })).toBe('absent');
    expect(attendanceOf({ status: 'scheduled', studentJoined: false, anyoneJoined: false })).toBe('unmarked');
  });
});

describe('worksheets', () => {
  const items = HomeworkItems.parse([
    { type: 'choice', id: 'q1', prompt: 'She ___ to school.', options: [{ id: 'a', text: 'go' }, { id: 'b', text: 'goes' }], correct: ['b'] },
    { type: 'short_answer', id: 'q2', prompt: 'Past of "go"?', accepted: ['went'] },
    { type: 'free_text', id: 'q3', prompt: 'Write about your day.', points: 2 },
    { type: 'file_upload', id: 'q4', prompt: 'A photo of page 12.', points: 2 },
  ]);

  it('scores auto-checked items at once and leaves free text and files to the teacher', () => {
    const result = scoreHomework(items, { q1: ['a'], q2: 'Went.', q3: 'I went to school.', q4: ['8d6b2b0c-0000-4000-8000-000000000000'] });
    expect(result).toMatchObject({ score: 1, maxScore: 6 });
    expect(result.items.map((item) => item.status)).toEqual(['wrong', 'correct', 'needs_marking', 'needs_marking']);
    expect(scoreHomework(items, {}).items.map((item) => item.status)).toEqual(['unanswered', 'unanswered', 'unanswered', 'unanswered']);
    const marked = applyMarks(result, [{ itemId: 'q3', score: 1.5 }, { itemId: 'q4', score: 2 }]);
    expect(marked).toMatchObject({ score: 4.5, maxScore: 6 });
  });

  it('shows students no answer key', () => {
    const shown = toPublicHomeworkItems(items, 'seed');
    expect(JSON.stringify(shown)).not.toContain('correct');
    expect(JSON.stringify(shown)).not.toContain('went');
    expect(shown[3]).toMatchObject({ type: 'file_upload', maxFiles: 3 });
  });

  it('names the bad field of a homework body', () => {
    const paths = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) =>
      result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths(AssignHomeworkBody.safeParse({}))).toEqual(expect.arrayContaining(['items', 'title']));
    expect(paths(AssignHomeworkBody.safeParse({ title: 'x', items: [{ type: 'file_upload', id: 'f', prompt: 'p', maxFiles: 20 }] }))).toEqual(['items.0.maxFiles']);
    expect(paths(AssignHomeworkBody.safeParse({ title: 'x', items: [{ type: 'free_text', id: 'a', prompt: 'p' }, { type: 'free_text', id: 'a', prompt: 'q' }] }))).toEqual(['items']);
    expect(paths(MarkHomeworkBody.safeParse({}))).toEqual(['marks']);
    expect(MarkHomeworkBody.safeParse({ comment: null }).success).toBe(true);
  });
});
