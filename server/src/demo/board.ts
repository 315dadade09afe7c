import type { BoardMaterial, PlaybackState } from '@panda/shared';

/**
 * Yesterday's board as Anna and Ivan left it: the materials Anna showed in a row, and under them
 * what was written by hand. Records are tldraw's (the version in classroom-ui), checked against
 * its schema by board.test.ts.
 */

/** The page every board starts with (`BOARD_SEED_RECORDS`). */
const PAGE_ID = 'page:page';

/** tldraw's rich text (a TipTap document), one paragraph per line, as tldraw's `toRichText` makes it. */
export function tldrawRichText(text: string) {
  return {
    type: 'doc',
    content: text.split('\n').map((line) => (line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' })),
  };
}

/** tldraw's fractional index keys: `a1` … `a9` order the first nine shapes of a page. */
function shape(id: string, type: string, at: { x: number; y: number; index: string }, props: Record<string, unknown>) {
  return { id: `shape:${id}`, typeName: 'shape', type, x: at.x, y: at.y, rotation: 0, index: at.index, parentId: PAGE_ID, isLocked: false, opacity: 1, props, meta: {} };
}

/** The custom shape of each kind of material and its first size (as the board places one: classroom-ui/src/board/shapes.tsx). */
const MATERIAL_SHAPES: Partial<Record<BoardMaterial['kind'], { type: string; w: number; h: number }>> = {
  video: { type: 'material-media', w: 560, h: 360 },
  vocabulary: { type: 'material-vocabulary', w: 620, h: 420 },
  test: { type: 'material-test', w: 560, h: 520 },
};

const GAP = 40;

const label = { color: 'black', size: 'm', font: 'draw', scale: 1 } as const;

export type BoardRecord = ReturnType<typeof shape>;

/** The board's shapes, and the video's player stopped at its end (`shownAt`: when the video was shown). */
export function demoBoardRecords(shown: readonly BoardMaterial[], videoShownAt: Date): { records: BoardRecord[]; playback: Record<string, PlaybackState> } {
  const records: BoardRecord[] = [];
  const playback: Record<string, PlaybackState> = {};
  let x = 0;
  for (const [index, material] of shown.entries()) {
    const kind = MATERIAL_SHAPES[material.kind];
    if (!kind) throw new Error(`no board shape for a ${material.kind} material in the demo`);
    const record = shape(`demo-${material.kind}`, kind.type, { x, y: 0, index: `a${index + 1}` }, { w: kind.w, h: kind.h, material });
    records.push(record);
    if (material.kind === 'video') {
      const seconds = material.content.durationSeconds ?? 0;
      playback[record.id] = { playing: false, position: seconds, at: videoShownAt.getTime() + seconds * 1000 };
    }
    x += kind.w + GAP;
  }
  const below = 560;
  records.push(
    shape('demo-rule', 'geo', { x: 0, y: below, index: `a${shown.length + 1}` }, {
      ...label,
      geo: 'rectangle',
      dash: 'draw',
      url: '',
      w: 360,
      h: 120,
      growY: 0,
      flipX: false,
      flipY: false,
      labelColor: 'black',
      color: 'blue',
      fill: 'semi',
      align: 'middle',
      verticalAlign: 'middle',
      richText: tldrawRichText('have / has + V3\n(been, seen, gone)'),
    }),
    shape('demo-examples', 'text', { x: 400, y: below, index: `a${shown.length + 2}` }, {
      ...label,
      color: 'red',
      textAlign: 'start',
      w: 420,
      autoSize: true,
      richText: tldrawRichText('I have been to London twice. ✓\nI have been to London last year. ✗'),
    }),
    shape('demo-ivan-note', 'note', { x: 880, y: below, index: `a${shown.length + 3}` }, {
      ...label,
      color: 'yellow',
      labelColor: 'black',
      fontSizeAdjustment: null,
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      textLastEditedBy: null,
      richText: tldrawRichText('Ivan: I have never been to Japan… yet!'),
    }),
  );
  return { records, playback };
}
