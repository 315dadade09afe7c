import { BOARD_LESSON, BOARD_PLAYBACK, BoardCloseCode } from '@panda/shared';
import type * as Y from 'yjs';
import type { TestBoardClient } from '../../tests/support/board.js';
import type { AttackLog } from './attack-log.js';
import type { AuditSchool } from './school.js';

export const BOARD_WRITES = 'board: who may change what';
export const BOARD_FLOODS = 'board: floods and oversized updates';

const shape = (id: string, type = 'draw', text = '') => ({ id, typeName: 'shape', type, x: 0, y: 0, props: { text } });
const SHOWN_MATERIAL = { id: 'shape:shown', typeName: 'shape', type: 'material-media', x: 0, y: 0, props: { title: 'Clip' } };

/** Every kind of change a board takes; `check` reads, on the teacher's fresh copy, whether it landed. */
const CHANGES: Array<{ kind: string; make: (doc: Y.Doc, records: Y.Map<unknown>) => void; landed: (teacher: TestBoardClient) => boolean }> = [
  { kind: 'draw a shape', make: (_doc, records) => records.set('shape:attack', shape('shape:attack')), landed: (t) => t.records.has('shape:attack') },
  {
    kind: 'rename the document',
    make: (_doc, records) => records.set('document:document', { id: 'document:document', typeName: 'document', gridSize: 10, name: 'owned', meta: {} }),
    landed: (t) => (t.records.get('document:document') as { name?: string } | undefined)?.name === 'owned',
  },
  { kind: 'add a page', make: (_doc, records) => records.set('page:attack', { id: 'page:attack', typeName: 'page', name: 'x', index: 'a9', meta: {} }), landed: (t) => t.records.has('page:attack') },
  { kind: 'show a material', make: (_doc, records) => records.set('shape:fake-material', { ...SHOWN_MATERIAL, id: 'shape:fake-material' }), landed: (t) => t.records.has('shape:fake-material') },
  {
    kind: 'move a shown material',
    make: (_doc, records) => records.set(SHOWN_MATERIAL.id, { ...SHOWN_MATERIAL, x: 999 }),
    landed: (t) => (t.records.get(SHOWN_MATERIAL.id) as { x?: number } | undefined)?.x === 999,
  },
  { kind: 'remove a shown material', make: (_doc, records) => records.delete(SHOWN_MATERIAL.id), landed: (t) => !t.records.has(SHOWN_MATERIAL.id) },
  { kind: 'drive a player', make: (doc) => doc.getMap(BOARD_PLAYBACK).set(SHOWN_MATERIAL.id, { playing: true, position: 99, at: 0 }), landed: (t) => t.doc.getMap(BOARD_PLAYBACK).has(SHOWN_MATERIAL.id) },
  { kind: 'turn everyone’s page', make: (doc) => doc.getMap(BOARD_LESSON).set('pageId', 'page:attack'), landed: (t) => t.doc.getMap(BOARD_LESSON).get('pageId') === 'page:attack' },
  { kind: 'write outside the records', make: (doc) => doc.getMap('elsewhere').set('x', 1), landed: (t) => t.doc.getMap('elsewhere').has('x') },
];

async function teacherView(school: AuditSchool, lessonId: string): Promise<TestBoardClient> {
  const teacher = await school.board('anna', lessonId);
  await teacher.synced();
  return teacher;
}

/**
 * Every kind of board change from every kind of person, each on a fresh connection: strangers and
 * bad tokens are not let in at all, an admin may only read, a student may only draw.
 */
export async function attackBoardWrites(school: AuditSchool, log: AttackLog): Promise<void> {
  const area = BOARD_WRITES;
  const lessonId = await school.lesson('anna', ['ivan'], 'Board under attack');
  await school.lesson('methodist', ['olga'], 'Board next door');
  const setup = await teacherView(school, lessonId);
  setup.records.set(SHOWN_MATERIAL.id, SHOWN_MATERIAL);

  for (const [who, name, token, code] of [
    ['a forged token', 'anna', 'forged', BoardCloseCode.unauthorized],
    ['a stranger', 'maria', undefined, BoardCloseCode.forbidden],
    ['a student of another lesson', 'olga', undefined, BoardCloseCode.forbidden],
  ] as const) {
    const client = await school.board(name, lessonId, token);
    const closed = await client.closed;
    log.expectRefused(area, `open the board as ${who}`, closed.code === code, `closed ${closed.code}`);
  }

  for (const [who, name] of [['an admin', 'admin'], ['the lesson’s student', 'ivan']] as const) {
    for (const change of CHANGES) {
      if (who === 'the lesson’s student' && change.kind === 'draw a shape') continue;
      const attacker = await school.board(name, lessonId);
      await attacker.synced();
      change.make(attacker.doc, attacker.records);
      // Refused changes are answered; wait for the answer before looking.
      const answered = await waitFor(() => attacker.refusals.length > 0, 5000);
      const teacher = await teacherView(school, lessonId);
      log.expectRefused(area, `${change.kind} as ${who}`, answered && !change.landed(teacher), attacker.refusals.join(', '));
    }
  }
  const teacher = await teacherView(school, lessonId);
  log.expectUnchanged(area, 'the shown material is where the teacher put it', JSON.stringify(teacher.records.get(SHOWN_MATERIAL.id)) === JSON.stringify(SHOWN_MATERIAL));
  log.expectAlive(area, await school.alive());
  school.closeClients();
}

/** A student's oversized update and a flood of small ones: refused with stable reasons, the rest kept. */
export async function attackBoardFloods(school: AuditSchool, log: AttackLog): Promise<void> {
  const area = BOARD_FLOODS;
  const lessonId = await school.lesson('anna', ['ivan'], 'Board flood');
  const huge = await school.board('ivan', lessonId);
  await huge.synced();
  huge.records.set('shape:huge', shape('shape:huge', 'text', 'x'.repeat(9 * 1024 * 1024)));
  const tooLarge = await waitFor(() => huge.refusals.includes('payload_too_large'), 10_000);
  log.expectRefused(area, 'a 9 MB update from a student', tooLarge, huge.refusals.join(', '));

  // A second connection: the first one's later updates build on the refused one and would wait for it.
  const flooder = await school.board('ivan', lessonId);
  await flooder.synced();
  for (let i = 0; i < 400; i++) flooder.records.set(`shape:flood-${i}`, shape(`shape:flood-${i}`));
  const limited = await waitFor(() => flooder.refusals.includes('rate_limited'), 10_000);
  log.expectRefused(area, '400 updates at once from a student', limited, `${flooder.refusals.length} refusals`);

  const teacher = await teacherView(school, lessonId);
  const kept = [...teacher.records.keys()].filter((id) => id.startsWith('shape:flood-')).length;
  log.expectUnchanged(area, 'the oversized update is not on the board', !teacher.records.has('shape:huge'));
  log.expectUnchanged(area, 'the flood is cut at its limit, what came before it kept', kept > 0 && kept < 400, `${kept} kept`);
  log.expectAlive(area, await school.alive());
  school.closeClients();
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
