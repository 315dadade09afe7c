// tldraw's own schema, from the version classroom-ui uses: a record it refuses would be skipped on
// the board ("board record skipped"), so the demo's records are checked against it here.
import { createShapeValidator, geoShapeProps, noteShapeProps, textShapeProps, toRichText } from '@tldraw/tlschema';
import { T } from '@tldraw/validate';
import { BoardMaterial, isTeacherOnlyRecord } from '@panda/shared';
import { describe, expect, it } from 'vitest';
import { demoBoardRecords, tldrawRichText } from './board.js';

/** tldraw's validator of a shape record (its generics want JSON-typed props, which rich text's type is not). */
const shapeValidator = (type: string, props: object) => createShapeValidator(type, props as Parameters<typeof createShapeValidator>[1]);

/** The props of the material shapes, as classroom-ui/src/board/shapes.tsx declares them. */
const materialProps = { w: T.nonZeroNumber, h: T.nonZeroNumber, material: T.jsonValue };

const VALIDATORS: Record<string, { validate: (value: unknown) => unknown }> = {
  geo: shapeValidator('geo', geoShapeProps),
  text: shapeValidator('text', textShapeProps),
  note: shapeValidator('note', noteShapeProps),
  'material-media': shapeValidator('material-media', materialProps),
  'material-vocabulary': shapeValidator('material-vocabulary', materialProps),
  'material-test': shapeValidator('material-test', materialProps),
};

const shown: BoardMaterial[] = [
  { materialId: '0190a000-0000-7000-8000-000000000001', kind: 'video', title: 'A video', language: 'en', level: 'A2', content: { source: { fileId: '0190a000-0000-7000-8000-000000000009' }, durationSeconds: 8 } },
  { materialId: '0190a000-0000-7000-8000-000000000002', kind: 'vocabulary', title: 'Words', language: 'en', level: 'A2', content: { entries: [{ word: 'airport', translation: 'аэропорт' }] } },
];

describe('the demo board', () => {
  const shownAt = new Date('2027-03-01T10:05:00Z');
  const { records, playback } = demoBoardRecords(shown, shownAt);

  it('holds records tldraw accepts: the materials shown, a rule, examples and a note', () => {
    expect(records.map((record) => record.type)).toEqual(['material-media', 'material-vocabulary', 'geo', 'text', 'note']);
    for (const record of records) {
      const validator = VALIDATORS[record.type];
      expect(validator, record.type).toBeDefined();
      expect(() => validator?.validate(record)).not.toThrow();
    }
    expect(new Set(records.map((record) => record.id)).size).toBe(records.length);
    expect(new Set(records.map((record) => record.index)).size).toBe(records.length);
  });

  it('keeps the materials as the board received them, teacher-only, and the drawings editable by students', () => {
    const materials = records.filter((record) => record.type.startsWith('material-'));
    expect(materials.map((record) => BoardMaterial.parse(record.props.material))).toEqual(shown);
    expect(records.map(isTeacherOnlyRecord)).toEqual([true, true, false, false, false]);
  });

  it('leaves the video’s shared player stopped at its end', () => {
    expect(playback).toEqual({ 'shape:demo-video': { playing: false, position: 8, at: shownAt.getTime() + 8000 } });
  });

  it('writes rich text as tldraw does', () => {
    for (const text of ['one line', 'two\nlines', 'a\n\nblank line']) expect(tldrawRichText(text)).toEqual(toRichText(text));
  });
});
