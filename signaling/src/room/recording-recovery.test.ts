import { describe, expect, it } from 'vitest';
import { parseTrackFile } from './recording-recovery.js';

const LESSON = '01934f6e-7a1b-7c2d-8e3f-405162738495';
const PERSON = '01934f6e-0000-7000-8000-000000000001';

describe('the name of a recorded track file', () => {
  it('says whose track it is, which, and since when', () => {
    expect(parseTrackFile(LESSON, `1796670000000-${PERSON}-camera.webm`)).toEqual({
      lessonId: LESSON,
      participantId: PERSON,
      source: 'camera',
      kind: 'video',
      startedAt: new Date(1796670000000),
    });
    expect(parseTrackFile(LESSON, `1796670000000-${PERSON}-screen-audio.mkv`)).toMatchObject({ source: 'screen-audio', kind: 'audio' });
    expect(parseTrackFile(LESSON, `1796670000000-${PERSON}-microphone.webm`)).toMatchObject({ kind: 'audio' });
  });

  it('is no track for a mix, another file, an unknown source or a folder that is no lesson', () => {
    expect(parseTrackFile(LESSON, 'mix-1796670000000.webm')).toBeNull();
    expect(parseTrackFile(LESSON, 'notes.txt')).toBeNull();
    expect(parseTrackFile(LESSON, `1796670000000-${PERSON}-hologram.webm`)).toBeNull();
    expect(parseTrackFile(LESSON, `1796670000000-${PERSON}-camera.webm.partial`)).toBeNull();
    expect(parseTrackFile('..', `1796670000000-${PERSON}-camera.webm`)).toBeNull();
  });
});
