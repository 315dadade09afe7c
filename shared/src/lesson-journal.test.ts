import { describe, expect, it } from 'vitest';
import { lessonOutcome } from './lesson-journal.js';

describe('lessonOutcome', () => {
  it('names a lesson to come booked, and keeps held and no-show', () => {
    expect(lessonOutcome('scheduled', false)).toBe('booked');
    expect(lessonOutcome('held', false)).toBe('held');
    expect(lessonOutcome('no_show', true)).toBe('no_show');
  });

  it('tells a cancellation that cost a credit from one that did not', () => {
    expect(lessonOutcome('cancelled', false)).toBe('cancelled');
    expect(lessonOutcome('cancelled', true)).toBe('burned');
  });
});
