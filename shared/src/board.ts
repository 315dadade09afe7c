import { z } from 'zod';
import { ItemStatus, TestAnswers, TestResult } from './items.js';

/**
 * The lesson whiteboard: one Yjs document per lesson, synced over the y-websocket protocol at
 * `/board/<lessonId>?token=<access token>`. The document holds tldraw's document-scope records,
 * one entry per record, plus the state of the shared media players.
 */
export const BOARD_PATH = '/board';

/** Root map of tldraw records keyed by record id; each value is the record as plain JSON. */
export const BOARD_RECORDS = 'records';
/** Root map of shared player state keyed by the player shape's id; written by the teacher. */
export const BOARD_PLAYBACK = 'playback';
/** Root map of lesson-wide board state (`pageId`: the page the teacher shows); written by the teacher. */
export const BOARD_LESSON = 'lesson';

/**
 * What a new board starts with: tldraw's document record and first page, with tldraw's own ids.
 * The server writes them, so that no student ever has to create a page (which students may not).
 */
export const BOARD_SEED_RECORDS = [
  { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
  { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} },
] as const;

/**
 * Close codes a board connection may end with. y-websocket stops reconnecting on 4400–4499, so
 * refusals use that range: a client with a stale token refreshes it and connects again.
 */
export const BoardCloseCode = {
  /** The token is missing, expired or forged. */
  unauthorized: 4401,
  /** The user is not in this lesson. */
  forbidden: 4403,
  /** No such lesson. */
  notFound: 4404,
} as const;

/**
 * The tldraw record types the board keeps. Other document records tldraw may make (users for
 * attribution, comments) stay in each browser.
 */
export const BOARD_RECORD_TYPES: ReadonlySet<string> = new Set(['document', 'page', 'shape', 'binding', 'asset']);

/** The custom tldraw shapes that carry a material the teacher showed; students can't change them. */
export const MATERIAL_SHAPE_TYPES = ['material-media', 'material-text', 'material-test', 'material-vocabulary', 'material-link'] as const;
export type MaterialShapeType = (typeof MATERIAL_SHAPE_TYPES)[number];

const materialShapeTypes: ReadonlySet<string> = new Set(MATERIAL_SHAPE_TYPES);

/**
 * Whether a record of the board belongs to the teacher alone: the document itself, its pages (a
 * page holds a lesson plan) and the materials shown on it.
 */
export function isTeacherOnlyRecord(record: unknown): boolean {
  if (typeof record !== 'object' || record === null) return true;
  const { typeName, type } = record as { typeName?: unknown; type?: unknown };
  if (typeName === 'document' || typeName === 'page') return true;
  return typeName === 'shape' && typeof type === 'string' && materialShapeTypes.has(type);
}

/**
 * A shared player: what the teacher last did. Everyone derives the position from it:
 * `playing ? position + (serverNow - at) / 1000 : position`.
 */
export const PlaybackState = z.strictObject({
  playing: z.boolean(),
  /** Seconds into the media when the state was set. */
  position: z.number().min(0),
  /** Server time (ms since the epoch) when the state was set. */
  at: z.number().int().positive(),
});
export type PlaybackState = z.infer<typeof PlaybackState>;

/** Where a shared player is now, in seconds. */
export function playbackPosition(state: PlaybackState, serverNow: number): number {
  return state.playing ? state.position + Math.max(0, serverNow - state.at) / 1000 : state.position;
}

/** A student's answers to a test on the board, scored; what the teacher sees live. */
export const BoardTestAttempt = z.object({
  studentId: z.string(),
  name: z.string(),
  materialId: z.string(),
  answers: TestAnswers,
  result: TestResult,
  submittedAt: z.string(),
});
export type BoardTestAttempt = z.infer<typeof BoardTestAttempt>;

/** What a student learns after answering: the score and each item's status, not the answer key. */
export const BoardTestFeedback = z.object({
  score: z.number(),
  maxScore: z.number(),
  items: z.array(z.object({ itemId: z.string(), status: ItemStatus, score: z.number(), maxScore: z.number() })),
});
export type BoardTestFeedback = z.infer<typeof BoardTestFeedback>;

export function toTestFeedback(result: TestResult): BoardTestFeedback {
  return {
    score: result.score,
    maxScore: result.maxScore,
    items: result.items.map(({ itemId, status, score, maxScore }) => ({ itemId, status, score, maxScore })),
  };
}
