import { describe, expect, it } from 'vitest';
import { isRecorded } from './recording-policy.js';

describe('who is recorded', () => {
  it('records everyone when students are only told', () => {
    expect(isRecorded('notice', { student: true, optedOut: true })).toBe(true);
    expect(isRecorded('notice', { student: false, optedOut: false })).toBe(true);
  });

  it('leaves out an opted-out student when the school lets students refuse', () => {
    expect(isRecorded('opt_out', { student: true, optedOut: true })).toBe(false);
    expect(isRecorded('opt_out', { student: true, optedOut: false })).toBe(true);
  });

  it('always records the teacher', () => {
    expect(isRecorded('opt_out', { student: false, optedOut: true })).toBe(true);
  });
});
