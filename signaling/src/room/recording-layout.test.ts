import { describe, expect, it } from 'vitest';
import { mixLayout, type LayoutTrack } from './recording-layout.js';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const recording = { startedAt: T0, stoppedAt: T0 + 60_000 };
/** A track of `participantId` from `from` to `to` seconds into the recording. */
const track = (id: string, participantId: string, source: LayoutTrack['source'], from: number, to: number): LayoutTrack => ({
  id,
  participantId,
  source,
  startedAt: T0 + from * 1000,
  stoppedAt: T0 + to * 1000,
});

describe('the layout of a lesson’s mixed recording', () => {
  it('gives each person with a camera one cell, side by side, their camera files (a leave and a rejoin) sharing it', () => {
    const layout = mixLayout(
      [
        track('anna-cam', 'anna', 'camera', 0, 60),
        track('anna-mic', 'anna', 'microphone', 0, 60),
        track('ivan-cam-1', 'ivan', 'camera', 1, 20),
        track('ivan-mic-1', 'ivan', 'microphone', 1, 20),
        track('ivan-cam-2', 'ivan', 'camera', 30, 60),
        track('ivan-mic-2', 'ivan', 'microphone', 30.5, 60),
      ],
      recording,
    );
    expect(layout).toMatchObject({ width: 1280, height: 720, durationMs: 60_000, screen: null });
    expect(layout.cells).toEqual([
      { participantId: 'anna', area: { x: 0, y: 180, width: 640, height: 360 } },
      { participantId: 'ivan', area: { x: 640, y: 180, width: 640, height: 360 } },
    ]);
    const ivan = layout.cells[1]!.area;
    expect(layout.videos).toEqual([
      { trackId: 'anna-cam', area: layout.cells[0]!.area, fromMs: 0, toMs: 60_000 },
      { trackId: 'ivan-cam-1', area: ivan, fromMs: 1000, toMs: 20_000 },
      { trackId: 'ivan-cam-2', area: ivan, fromMs: 30_000, toMs: 60_000 },
    ]);
    expect(layout.audio).toEqual([
      { trackId: 'anna-mic', delayMs: 0 },
      { trackId: 'ivan-mic-1', delayMs: 1000 },
      { trackId: 'ivan-mic-2', delayMs: 30_500 },
    ]);
  });

  it('orders cells by whose camera came first, and centres a shorter last row', () => {
    const layout = mixLayout(
      [track('c', 'olga', 'camera', 5, 60), track('a', 'anna', 'camera', 0, 60), track('b', 'ivan', 'camera', 2, 60)],
      recording,
    );
    expect(layout.cells).toEqual([
      { participantId: 'anna', area: { x: 0, y: 0, width: 640, height: 360 } },
      { participantId: 'ivan', area: { x: 640, y: 0, width: 640, height: 360 } },
      { participantId: 'olga', area: { x: 320, y: 360, width: 640, height: 360 } },
    ]);
  });

  it('gives a shared screen the left three quarters, the cameras a column beside it, and draws screens under cameras', () => {
    const layout = mixLayout(
      [
        track('anna-cam', 'anna', 'camera', 0, 60),
        track('ivan-cam', 'ivan', 'camera', 0, 60),
        track('anna-screen', 'anna', 'screen', 10, 40),
        track('anna-screen-audio', 'anna', 'screen-audio', 10, 40),
      ],
      recording,
    );
    expect(layout.screen).toEqual({ x: 0, y: 0, width: 960, height: 720 });
    expect(layout.cells.map((cell) => cell.area)).toEqual([
      { x: 960, y: 180, width: 320, height: 180 },
      { x: 960, y: 360, width: 320, height: 180 },
    ]);
    expect(layout.videos.map((video) => video.trackId)).toEqual(['anna-screen', 'anna-cam', 'ivan-cam']);
    expect(layout.videos[0]).toMatchObject({ area: layout.screen, fromMs: 10_000, toMs: 40_000 });
    expect(layout.audio).toEqual([{ trackId: 'anna-screen-audio', delayMs: 10_000 }]);
  });

  it('shows a screen nobody’s camera sits beside on the whole picture', () => {
    const layout = mixLayout([track('s', 'anna', 'screen', 0, 60), track('m', 'anna', 'microphone', 0, 60)], recording);
    expect(layout.screen).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
    expect(layout.cells).toEqual([]);
  });

  it('keeps even edges in a column too narrow for 16:9 cells of its height', () => {
    const cameras = Array.from({ length: 7 }, (_, index) => track(`c${index}`, `p${index}`, 'camera', index, 60));
    const layout = mixLayout([...cameras, track('s', 'p0', 'screen', 0, 60)], recording);
    for (const { area } of layout.cells) {
      expect([area.x, area.y, area.width, area.height].every((edge) => edge % 2 === 0)).toBe(true);
      expect(area.x).toBeGreaterThanOrEqual(960);
      expect(area.y + area.height).toBeLessThanOrEqual(720);
    }
  });

  it('clips tracks to the recording and leaves out what has no length in it', () => {
    const layout = mixLayout(
      [track('late', 'anna', 'camera', 50, 70), track('outside', 'ivan', 'camera', 61, 65), track('mic', 'ivan', 'microphone', 60, 62)],
      recording,
    );
    expect(layout.videos).toEqual([{ trackId: 'late', area: layout.cells[0]!.area, fromMs: 50_000, toMs: 60_000 }]);
    expect(layout.cells.map((cell) => cell.participantId)).toEqual(['anna']);
    expect(layout.audio).toEqual([]);
  });
});
