import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icsDateTime, renderCalendar } from './ical.js';

describe('iCalendar', () => {
  it('writes UTC date-times and escapes text', () => {
    expect(icsDateTime(new Date('2026-03-02T09:05:07.123Z'))).toBe('20260302T090507Z');
    expect(escapeText('a; b, c\\d\ne')).toBe('a\\; b\\, c\\\\d\\ne');
  });

  it('folds lines at 75 octets without splitting a character', () => {
    const long = `SUMMARY:${'Урок английского '.repeat(6)}`;
    const folded = foldLine(long);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const [index, part] of parts.entries()) {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
      if (index > 0) expect(part.startsWith(' ')).toBe(true);
    }
    // Unfolding (drop CRLF + one space) gives the line back.
    expect(folded.replace(/\r\n /g, '')).toBe(long);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('renders a calendar with CRLF endings, UID, DTSTAMP and UTC times', () => {
    const text = renderCalendar({
      name: 'Anna, lessons',
      now: new Date('2026-03-01T12:00:00Z'),
      events: [
        {
          uid: 'lesson-1@school.example',
          startsAt: new Date('2026-03-02T09:00:00Z'),
          endsAt: new Date('2026-03-02T10:00:00Z'),
          updatedAt: new Date('2026-02-28T08:00:00Z'),
          summary: 'English: Ivan',
          url: 'https://school.example/lessons/1/room',
        },
      ],
    });
    expect(text).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Panda Classroom//Schedule//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'X-WR-CALNAME:Anna\\, lessons',
        'BEGIN:VEVENT',
        'UID:lesson-1@school.example',
        'DTSTAMP:20260301T120000Z',
        'LAST-MODIFIED:20260228T080000Z',
        'DTSTART:20260302T090000Z',
        'DTEND:20260302T100000Z',
        'SUMMARY:English: Ivan',
        'URL:https://school.example/lessons/1/room',
        'STATUS:CONFIRMED',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });
});
