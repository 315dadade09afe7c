import { describe, expect, it } from 'vitest';
import { retentionCutoff } from './recording-retention.js';

describe('the retention cutoff', () => {
  const now = new Date('2026-12-07T12:00:00Z');

  it('is the given number of days before now', () => {
    expect(retentionCutoff(now, 30)).toEqual(new Date('2026-11-07T12:00:00Z'));
    expect(retentionCutoff(now, 1)).toEqual(new Date('2026-12-06T12:00:00Z'));
  });

  it('does not exist when recordings are kept', () => {
    expect(retentionCutoff(now, null)).toBeNull();
  });
});
