import { gapTextParts, type TestItem, type TestItemType } from '@panda/shared';

/** The item types in the order the "add" menu offers them. */
export const itemTypes: readonly TestItemType[] = ['choice', 'gap_fill', 'matching', 'word_order', 'short_answer', 'free_text'];

/** A new, empty item of a type: what the teacher then fills in. */
export function newItem(type: TestItemType, id: string): TestItem {
  const base = { id, points: 1, prompt: '' };
  switch (type) {
    case 'choice':
      return { ...base, type, options: [{ id: 'o1', text: '' }, { id: 'o2', text: '' }], multiple: false, correct: [] };
    case 'gap_fill':
      return { ...base, type, text: '', gaps: [] };
    case 'matching':
      return { ...base, type, pairs: [{ left: '', right: '' }, { left: '', right: '' }] };
    case 'word_order':
      return { ...base, type, tokens: [] };
    case 'short_answer':
      return { ...base, type, accepted: [], caseSensitive: false };
    case 'free_text':
      return { ...base, type };
  }
}

/**
 * The gaps of a gap-fill item follow its text: one per `[[id]]` in order of appearance, keeping
 * the answers of gaps still there.
 */
export function gapsForText(text: string, gaps: Extract<TestItem, { type: 'gap_fill' }>['gaps']) {
  const ids = [...new Set(gapTextParts(text).flatMap((part) => ('gapId' in part ? [part.gapId] : [])))];
  return ids.map((id) => gaps.find((gap) => gap.id === id) ?? { id, accepted: [] });
}
