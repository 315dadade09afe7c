/**
 * tldraw records as the browser writes them to the board's `records` map, close enough in shape
 * and size for the benchmark: the server and Yjs only see JSON values.
 *
 * A draw stroke's points are tldraw's `b64Vecs` path: the first point as three Float32 (12 bytes),
 * every further point as three Float16 deltas (6 bytes), base64-encoded. Their content does not
 * matter to Yjs (no compression anywhere on the way), only their length, so the bytes come from a
 * seeded generator rather than a real Float16 encoder.
 */

import { seededRandom as random } from '../../tests/support/random.js';

/** Seeded, so that runs are repeatable. */
export { random };

export type JsonRecord = { id: string; typeName: string } & Record<string, unknown>;


/** A `b64Vecs` path of `points` points (12 + 6 × (points − 1) bytes before base64). */
export function drawPath(points: number, next: () => number): string {
  const bytes = Buffer.alloc(points > 0 ? 12 + 6 * (points - 1) : 0);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
  return bytes.toString('base64');
}

const base = (id: string, type: string, index: string, x: number, y: number) => ({
  id,
  typeName: 'shape',
  type,
  x,
  y,
  rotation: 0,
  index,
  parentId: 'page:page',
  isLocked: false,
  opacity: 1,
});

/** tldraw's fractional index for the n-th shape on a page (always increasing, like tldraw's). */
export function shapeIndex(n: number): string {
  return `a${n.toString(36).padStart(4, '0')}`;
}

export interface DrawStroke {
  id: string;
  index: string;
  x: number;
  y: number;
  points: number;
  path: string;
  isComplete: boolean;
}

/** A draw shape record; `meta` carries what the benchmark needs to follow it (a send time). */
export function drawRecord(stroke: DrawStroke, meta: Record<string, unknown> = {}, type: 'draw' | 'highlight' = 'draw'): JsonRecord {
  return {
    ...base(stroke.id, type, stroke.index, stroke.x, stroke.y),
    props: {
      color: 'black',
      ...(type === 'draw' ? { fill: 'none', dash: 'draw' } : {}),
      size: 'm',
      segments: [{ type: 'free', path: stroke.path }],
      isComplete: stroke.isComplete,
      ...(type === 'draw' ? { isClosed: false } : {}),
      isPen: false,
      scale: 1,
      scaleX: 1,
      scaleY: 1,
    },
    meta,
  };
}

const WORDS = 'the quick brown fox jumps over a lazy dog while students read new words aloud and the teacher writes'.split(' ');

function words(count: number, next: () => number): string {
  return Array.from({ length: count }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
}

/** tldraw's rich text (a TipTap document) with one paragraph. */
function richText(text: string) {
  return { type: 'doc', content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }] };
}

const COLORS = ['black', 'blue', 'red', 'green', 'orange', 'violet'];

/**
 * A mixed board of `count` shapes, as a lesson's board fills up: free-hand strokes (the most),
 * highlighter, rectangles and ellipses with labels, text, sticky notes, lines, and arrows bound
 * to the shapes before them (each arrow brings two binding records). Returns all records.
 */
export function mixedBoard(count: number, seed = 1): JsonRecord[] {
  const next = random(seed);
  const records: JsonRecord[] = [];
  const targets: string[] = [];
  for (let n = 0; n < count; n++) {
    const id = `shape:b${n}`;
    const index = shapeIndex(n);
    const x = Math.round(next() * 4000);
    const y = Math.round(next() * 3000);
    const color = COLORS[n % COLORS.length];
    const kind = next();
    if (kind < 0.45) {
      const points = 20 + Math.floor(next() * 160);
      records.push(drawRecord({ id, index, x, y, points, path: drawPath(points, next), isComplete: true }));
    } else if (kind < 0.5) {
      const points = 10 + Math.floor(next() * 60);
      records.push(drawRecord({ id, index, x, y, points, path: drawPath(points, next), isComplete: true }, {}, 'highlight'));
    } else if (kind < 0.65) {
      records.push({
        ...base(id, 'geo', index, x, y),
        props: {
          w: 80 + Math.round(next() * 300),
          h: 60 + Math.round(next() * 200),
          geo: next() < 0.7 ? 'rectangle' : 'ellipse',
          dash: 'draw',
          growY: 0,
          url: '',
          scale: 1,
          color,
          labelColor: 'black',
          fill: 'none',
          size: 'm',
          font: 'draw',
          align: 'middle',
          verticalAlign: 'middle',
          richText: richText(next() < 0.5 ? words(1 + Math.floor(next() * 4), next) : ''),
        },
        meta: {},
      });
      targets.push(id);
    } else if (kind < 0.78) {
      records.push({
        ...base(id, 'text', index, x, y),
        props: {
          color,
          size: 'm',
          w: 200,
          font: 'draw',
          textAlign: 'start',
          autoSize: true,
          scale: 1,
          richText: richText(words(2 + Math.floor(next() * 12), next)),
        },
        meta: {},
      });
    } else if (kind < 0.86) {
      records.push({
        ...base(id, 'note', index, x, y),
        props: {
          color: 'yellow',
          labelColor: 'black',
          size: 'm',
          font: 'draw',
          fontSizeAdjustment: 0,
          align: 'middle',
          verticalAlign: 'middle',
          growY: 0,
          url: '',
          scale: 1,
          richText: richText(words(3 + Math.floor(next() * 15), next)),
        },
        meta: {},
      });
      targets.push(id);
    } else if (kind < 0.9) {
      records.push({
        ...base(id, 'line', index, x, y),
        props: {
          color,
          dash: 'draw',
          size: 'm',
          spline: 'line',
          scale: 1,
          points: {
            a1: { id: 'a1', index: 'a1', x: 0, y: 0 },
            a2: { id: 'a2', index: 'a2', x: Math.round(next() * 300), y: Math.round(next() * 300) },
          },
        },
        meta: {},
      });
    } else {
      records.push({
        ...base(id, 'arrow', index, x, y),
        props: {
          kind: 'arc',
          elbowMidPoint: 0.5,
          dash: 'draw',
          size: 'm',
          fill: 'none',
          color,
          labelColor: 'black',
          bend: 0,
          start: { x: 0, y: 0 },
          end: { x: Math.round(next() * 400), y: Math.round(next() * 400) },
          arrowheadStart: 'none',
          arrowheadEnd: 'arrow',
          richText: richText(''),
          labelPosition: 0.5,
          font: 'draw',
          scale: 1,
        },
        meta: {},
      });
      if (targets.length >= 2) {
        for (const terminal of ['start', 'end'] as const) {
          const toId = targets[Math.floor(next() * targets.length)]!;
          records.push({
            id: `binding:b${n}${terminal}`,
            typeName: 'binding',
            type: 'arrow',
            fromId: id,
            toId,
            props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
            meta: {},
          });
        }
      }
    }
  }
  return records;
}
