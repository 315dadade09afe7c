import { describe, expect, it } from 'vitest';
import {
  applyMarks,
  gapTextParts,
  MarkingError,
  normalizeAnswer,
  PublicTestItem,
  scoreTest,
  seededShuffle,
  TestAnswers,
  TestItem,
  TestItems,
  toPublicItems,
  type TestItemInput,
  WordOrderItem,
} from './items.js';

const item = (input: TestItemInput): TestItem => TestItem.parse(input);

const single = item({ type: 'choice', id: 'q1', prompt: 'Pick one', options: [{ id: 'a', text: 'go' }, { id: 'b', text: 'goes' }], correct: ['b'] });
const multiple = item({
  type: 'choice',
  id: 'q2',
  points: 3,
  prompt: 'Pick all verbs',
  multiple: true,
  options: [{ id: 'a', text: 'run' }, { id: 'b', text: 'table' }, { id: 'c', text: 'eat' }, { id: 'd', text: 'sleep' }],
  correct: ['a', 'c', 'd'],
});
const gaps = item({
  type: 'gap_fill',
  id: 'q3',
  points: 2,
  prompt: 'Fill in the gaps',
  text: 'I [[g1]] to school every day and [[g2]] home at five.',
  gaps: [
    { id: 'g1', accepted: ['go', 'walk'] },
    { id: 'g2', accepted: ['come'], options: ['come', 'comes', 'coming'] },
  ],
});
const matching = item({
  type: 'matching',
  id: 'q4',
  prompt: 'Match',
  pairs: [
    { left: 'cat', right: 'кошка' },
    { left: 'dog', right: 'собака' },
    { left: 'bird', right: 'птица' },
    { left: 'fish', right: 'рыба' },
  ],
});
const order = WordOrderItem.parse({ type: 'word_order', id: 'q5', prompt: 'Put in order', tokens: ['I', 'have', 'never', 'been', 'there'] });
const short = item({ type: 'short_answer', id: 'q6', prompt: 'Past of go?', accepted: ['went'] });
const free = item({ type: 'free_text', id: 'q7', points: 5, prompt: 'Describe your weekend' });
const all = [single, multiple, gaps, matching, order, short, free];

describe('scoring', () => {
  it('scores a single choice all-or-nothing, and two picks as wrong', () => {
    expect(scoreTest([single], { q1: ['b'] }).items[0]).toMatchObject({ score: 1, status: 'correct', correct: ['b'] });
    expect(scoreTest([single], { q1: ['a'] }).items[0]).toMatchObject({ score: 0, status: 'wrong' });
    expect(scoreTest([single], { q1: ['a', 'b'] }).items[0]).toMatchObject({ score: 0, status: 'wrong' });
  });

  it('gives partial credit for multiple choice: (right − wrong) / correct, never below 0', () => {
    const score = (picks: string[]) => scoreTest([multiple], { q2: picks }).items[0];
    expect(score(['a', 'c', 'd'])).toMatchObject({ score: 3, status: 'correct' });
    expect(score(['a', 'c'])).toMatchObject({ score: 2, status: 'partial' });
    expect(score(['a', 'b'])).toMatchObject({ score: 0, status: 'wrong' });
    expect(score(['a', 'c', 'b'])).toMatchObject({ score: 1, status: 'partial' });
    expect(score(['b'])).toMatchObject({ score: 0, status: 'wrong' });
    // Repeated picks count once; unknown ids are ignored.
    expect(score(['a', 'a', 'zz'])).toMatchObject({ score: 1 });
  });

  it('gives each gap an equal share; typed gaps are compared leniently, chosen ones exactly', () => {
    const score = (answer: Record<string, string>) => scoreTest([gaps], { q3: answer }).items[0];
    expect(score({ g1: '  Walk. ', g2: 'come' })).toMatchObject({ score: 2, status: 'correct', correct: { g1: 'go', g2: 'come' } });
    expect(score({ g1: 'go', g2: 'Come' })).toMatchObject({ score: 1, status: 'partial' });
    expect(score({ g1: 'went' })).toMatchObject({ score: 0, status: 'wrong' });
    expect(score({ g1: '  ' })).toMatchObject({ score: 0, status: 'unanswered' });
  });

  it('gives each matched pair a share', () => {
    const result = scoreTest([matching], { q4: ['кошка', 'птица', null, 'рыба'] });
    expect(result.items[0]).toMatchObject({ score: 0.5, status: 'partial', correct: ['кошка', 'собака', 'птица', 'рыба'] });
    expect(scoreTest([matching], { q4: [null, null] }).items[0]?.status).toBe('unanswered');
  });

  it('scores word order all-or-nothing', () => {
    expect(scoreTest([order], { q5: ['I', 'have', 'never', 'been', 'there'] }).items[0]).toMatchObject({ score: 1, status: 'correct' });
    expect(scoreTest([order], { q5: ['I', 'never', 'have', 'been', 'there'] }).items[0]).toMatchObject({ score: 0, status: 'wrong' });
    expect(scoreTest([order], { q5: ['I', 'have', 'never', 'been'] }).items[0]).toMatchObject({ score: 0, status: 'wrong' });
  });

  it('compares short answers normalized, case-sensitively only when asked', () => {
    expect(scoreTest([short], { q6: '  WENT!' }).items[0]).toMatchObject({ score: 1, status: 'correct', correct: 'went' });
    const strict = item({ type: 'short_answer', id: 's', prompt: 'Capital?', accepted: ['London'], caseSensitive: true });
    expect(scoreTest([strict], { s: 'london' }).items[0]?.status).toBe('wrong');
    expect(scoreTest([strict], { s: 'London.' }).items[0]?.status).toBe('correct');
  });

  it('leaves free text for the teacher and counts missing or mis-shaped answers as unanswered', () => {
    const result = scoreTest(all, { q7: 'I went hiking.', q1: { wrong: 'shape' }, q6: ['went'] });
    expect(result.items.find((r) => r.itemId === 'q7')).toEqual({ itemId: 'q7', score: 0, maxScore: 5, status: 'needs_marking' });
    expect(result.items.find((r) => r.itemId === 'q1')?.status).toBe('unanswered');
    expect(result.items.find((r) => r.itemId === 'q6')?.status).toBe('unanswered');
    expect(result).toMatchObject({ score: 0, maxScore: 14 });
    expect(scoreTest([free], {}).items[0]?.status).toBe('unanswered');
  });

  it('rounds to two decimals', () => {
    const thirds = item({ type: 'choice', id: 't', prompt: 'All', multiple: true, options: [{ id: 'a', text: 'a' }, { id: 'b', text: 'b' }, { id: 'c', text: 'c' }], correct: ['a', 'b', 'c'] });
    const result = scoreTest([thirds, { ...thirds, id: 'u' }], { t: ['a'], u: ['a', 'b'] });
    expect(result.items.map((r) => r.score)).toEqual([0.33, 0.67]);
    expect(result.score).toBe(1);
  });
});

describe('marking', () => {
  const scored = scoreTest(all, { q1: ['b'], q7: 'I went hiking.' });

  it('marks free text and recomputes the total', () => {
    const marked = applyMarks(scored, [{ itemId: 'q7', score: 3.5 }]);
    expect(marked.items.find((r) => r.itemId === 'q7')).toMatchObject({ score: 3.5, status: 'partial', marked: true });
    expect(marked.score).toBe(4.5);
    expect(applyMarks(marked, [{ itemId: 'q7', score: 5 }]).items.find((r) => r.itemId === 'q7')?.status).toBe('correct');
  });

  it('refuses an unknown item or a score outside the item’s points, naming the mark', () => {
    expect(() => applyMarks(scored, [{ itemId: 'q7', score: 1 }, { itemId: 'nope', score: 1 }])).toThrow(
      expect.objectContaining({ index: 1, field: 'itemId' }) as MarkingError,
    );
    expect(() => applyMarks(scored, [{ itemId: 'q7', score: 6 }])).toThrow(expect.objectContaining({ index: 0, field: 'score' }) as MarkingError);
    expect(() => applyMarks(scored, [{ itemId: 'q7', score: -1 }])).toThrow(MarkingError);
  });
});

describe('what students see', () => {
  it('has no answer key, and shuffles matching and word order the same way every time', () => {
    const publicItems = toPublicItems(all, 'material-1');
    const text = JSON.stringify(publicItems);
    expect(text).not.toMatch(/"correct"|"accepted"|"pairs"|"caseSensitive"/);
    expect(publicItems.map((p) => PublicTestItem.parse(p))).toEqual(publicItems);
    expect(toPublicItems(all, 'material-1')).toEqual(publicItems);

    const publicMatching = publicItems[3] as Extract<PublicTestItem, { type: 'matching' }>;
    expect(publicMatching.left).toEqual(['cat', 'dog', 'bird', 'fish']);
    expect([...publicMatching.right].sort()).toEqual(['кошка', 'птица', 'рыба', 'собака']);
    expect(publicMatching.right).not.toEqual(['кошка', 'собака', 'птица', 'рыба']);
    const publicOrder = publicItems[4] as Extract<PublicTestItem, { type: 'word_order' }>;
    expect([...publicOrder.tokens].sort()).toEqual([...order.tokens].sort());
    expect(publicOrder.tokens).not.toEqual(order.tokens);
    expect(publicItems[2]).toMatchObject({ gaps: [{ id: 'g1' }, { id: 'g2', options: ['come', 'comes', 'coming'] }] });
  });

  it('never shuffles back into the original order', () => {
    for (let seed = 0; seed < 200; seed++) {
      expect(seededShuffle(['a', 'b'], String(seed))).toEqual(['b', 'a']);
      expect(seededShuffle([1, 2, 3], String(seed))).not.toEqual([1, 2, 3]);
    }
  });
});

describe('validation', () => {
  const issues = (input: unknown) => TestItem.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('checks the answer key against the item', () => {
    expect(issues({ type: 'choice', id: 'x', prompt: 'p', options: [{ id: 'a', text: 'a' }, { id: 'b', text: 'b' }], correct: ['a', 'b'] })).toEqual([
      'correct: a single-choice item has exactly one correct option',
    ]);
    expect(issues({ type: 'choice', id: 'x', prompt: 'p', options: [{ id: 'a', text: 'a' }, { id: 'b', text: 'b' }], correct: ['z'] })).toEqual([
      'correct: no such options: z',
    ]);
    expect(issues({ type: 'gap_fill', id: 'x', prompt: 'p', text: 'a [[g1]] b [[g3]]', gaps: [{ id: 'g1', accepted: ['x'] }, { id: 'g2', accepted: ['y'] }] })).toEqual([
      'text: gaps not marked in the text: g2',
      'gaps: gaps without answers: g3',
    ]);
    expect(issues({ type: 'gap_fill', id: 'x', prompt: 'p', text: '[[g]]', gaps: [{ id: 'g', accepted: ['x'], options: ['y', 'z'] }] })).toEqual([
      'gaps.0.accepted: every accepted answer must be one of the options',
    ]);
    expect(issues({ type: 'matching', id: 'x', prompt: 'p', pairs: [{ left: 'a', right: 'b' }, { left: 'a', right: 'c' }] })).toEqual([
      'pairs: left items must be unique; repeated: a',
    ]);
    expect(issues({ type: 'essay', id: 'x', prompt: 'p' })).toHaveLength(1);
    expect(TestItems.safeParse([single, single]).error?.issues[0]?.message).toBe('item ids must be unique; repeated: q1');
  });

  it('accepts partial answer sheets of any item shape', () => {
    expect(TestAnswers.safeParse({ q1: ['a'], q3: { g1: 'go' }, q4: ['x', null], q6: 'went' }).success).toBe(true);
    expect(TestAnswers.safeParse({}).success).toBe(true);
    expect(TestAnswers.safeParse({ q1: 5 }).success).toBe(false);
    expect(TestAnswers.safeParse({ 'bad id!': 'x' }).success).toBe(false);
  });
});

describe('helpers', () => {
  it('normalizes typed answers', () => {
    expect(normalizeAnswer('  I’m   Here?! ')).toBe("i'm here");
    expect(normalizeAnswer('Ni Hao。', true)).toBe('Ni Hao');
  });

  it('cuts a gap text into text and gaps', () => {
    expect(gapTextParts('I [[g1]] to [[g2]].')).toEqual([{ text: 'I ' }, { gapId: 'g1' }, { text: ' to ' }, { gapId: 'g2' }, { text: '.' }]);
  });
});
