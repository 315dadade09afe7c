import type { MediaSource } from '@panda/shared';

/** A recorded track as the layout sees it: whose, what, and when (ms since the epoch). */
export interface LayoutTrack {
  id: string;
  participantId: string;
  source: MediaSource;
  startedAt: number;
  stoppedAt: number;
}

/** A rectangle of the picture, in pixels; every edge even, as 4:2:0 video needs. */
export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A picture placed in the mix: the track, the area it is fitted into, and when it shows (ms into the mix). */
export interface PlacedVideo {
  trackId: string;
  area: Area;
  fromMs: number;
  toMs: number;
}

/** A sound placed in the mix: the track and how far into the mix it starts. */
export interface PlacedAudio {
  trackId: string;
  delayMs: number;
}

export interface MixLayout {
  width: number;
  height: number;
  /** Time 0 of the mix is the recording's start. */
  durationMs: number;
  /** One cell per participant who had a camera, in the order their cameras first appeared. */
  cells: Array<{ participantId: string; area: Area }>;
  /** Where shared screens show; null when nobody shared one. */
  screen: Area | null;
  /** Screens first, then cameras: a later entry is drawn over an earlier one. */
  videos: PlacedVideo[];
  audio: PlacedAudio[];
}

export const MIX_CANVAS = { width: 1280, height: 720 } as const;
/** The screen's share of the width when cameras sit beside it. */
const SCREEN_SHARE = 3 / 4;
const CELL_ASPECT = 16 / 9;

const VIDEO_SOURCES: ReadonlySet<MediaSource> = new Set(['camera', 'screen']);

/**
 * How a lesson's separately recorded tracks make one picture and one sound: a grid of camera
 * cells, one per participant (all of a person's camera files — a leave and a rejoin — share the
 * cell, which is black while they are away); when anyone shared a screen, the screen takes the
 * left three quarters and the cells stand in a column beside it. Every sound is mixed in at its
 * place on the timeline. Tracks are clipped to the recording.
 */
export function mixLayout(
  tracks: readonly LayoutTrack[],
  recording: { startedAt: number; stoppedAt: number },
  canvas: { width: number; height: number } = MIX_CANVAS,
): MixLayout {
  const durationMs = Math.max(0, recording.stoppedAt - recording.startedAt);
  const placed = [...tracks]
    .map((track) => ({
      track,
      fromMs: Math.max(0, track.startedAt - recording.startedAt),
      toMs: Math.min(durationMs, track.stoppedAt - recording.startedAt),
    }))
    .filter(({ fromMs, toMs }) => toMs > fromMs)
    .sort((a, b) => a.fromMs - b.fromMs || a.track.id.localeCompare(b.track.id));

  const cameras = placed.filter(({ track }) => track.source === 'camera');
  const screens = placed.filter(({ track }) => track.source === 'screen');
  const people = [...new Set(cameras.map(({ track }) => track.participantId))];

  const screenWidth = screens.length === 0 ? 0 : people.length > 0 ? even(canvas.width * SCREEN_SHARE) : canvas.width;
  const screen: Area | null = screenWidth > 0 ? { x: 0, y: 0, width: screenWidth, height: canvas.height } : null;
  const cellAreas = grid(people.length, { x: screenWidth, y: 0, width: canvas.width - screenWidth, height: canvas.height });
  const cells = people.map((participantId, index) => ({ participantId, area: cellAreas[index] as Area }));
  const cellOf = new Map(cells.map((cell) => [cell.participantId, cell.area]));

  return {
    width: canvas.width,
    height: canvas.height,
    durationMs,
    cells,
    screen,
    videos: [
      ...(screen ? screens.map(({ track, fromMs, toMs }) => ({ trackId: track.id, area: screen, fromMs, toMs })) : []),
      ...cameras.map(({ track, fromMs, toMs }) => ({ trackId: track.id, area: cellOf.get(track.participantId) as Area, fromMs, toMs })),
    ],
    audio: placed.filter(({ track }) => !VIDEO_SOURCES.has(track.source)).map(({ track, fromMs }) => ({ trackId: track.id, delayMs: fromMs })),
  };
}

/**
 * `count` cells of 16:9 as large as fit in `area`, row by row, the grid centred in the area and a
 * shorter last row centred under the others. Of equally large grids the one with more columns wins.
 */
function grid(count: number, area: Area): Area[] {
  if (count === 0) return [];
  let best = { columns: 1, width: 0 };
  for (let columns = count; columns >= 1; columns--) {
    const rows = Math.ceil(count / columns);
    const width = Math.min(area.width / columns, (area.height / rows) * CELL_ASPECT);
    if (width > best.width) best = { columns, width };
  }
  const { columns } = best;
  const rows = Math.ceil(count / columns);
  const width = even(best.width);
  const height = even(best.width / CELL_ASPECT);
  const top = area.y + even((area.height - rows * height) / 2);
  return Array.from({ length: count }, (_, index) => {
    const row = Math.floor(index / columns);
    const inRow = row === rows - 1 ? count - row * columns : columns;
    const left = area.x + even((area.width - inRow * width) / 2);
    return { x: left + (index % columns) * width, y: top + row * height, width, height };
  });
}

/** Rounded down to an even number of pixels. */
function even(value: number): number {
  return Math.floor(value / 2) * 2;
}
