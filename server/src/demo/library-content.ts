import { parseRichText } from '@panda/shared';
import type { AssetKey, DemoFiles } from './assets.js';
import type { DemoKey } from './people.js';

/** A plan of the demo library with its materials, in the shape the API accepts (parsed by the same schemas). */
export interface DemoPlanDefinition {
  owner: DemoKey;
  title: string;
  about: { language: 'en' | 'zh'; level: string; course: string; topic: string; lessonNumber: number };
  /** In the plan's order; one of each kind at most. */
  materials: unknown[];
}

const markdown = (...lines: string[]) => ({ doc: parseRichText(lines.join('\n')) });

/** A choice item's options, with the ids a, b, c… */
export const lettered = (...texts: string[]) => texts.map((text, index) => ({ id: String.fromCharCode(97 + index), text }));

/** A choice item's options, each its own id. */
export const named = (...texts: string[]) => texts.map((text) => ({ id: text.replace(/\s+/g, '-'), text }));

/** A matching item's pairs: [left, right]. */
export const matched = (...pairs: Array<[string, string]>) => pairs.map(([left, right]) => ({ left, right }));

/** A vocabulary set's entries, each with its recording: [word, transcription, translation, example, recording]. */
const wordsWithRecordings = (files: DemoFiles, rows: ReadonlyArray<[string, string, string, string, AssetKey]>) => ({
  entries: rows.map(([word, transcription, translation, example, recording]) => ({ word, transcription, translation, example, audioFileId: files[recording] })),
});

/** Anna's "English A2 — lesson 10": a material of every kind that teaches, the test with every item type. */
export const englishPlan = (files: DemoFiles): DemoPlanDefinition => ({
  owner: 'anna',
  title: 'English A2 — lesson 10',
  about: { language: 'en', level: 'A2', course: 'General English A2', topic: 'Present Perfect', lessonNumber: 10 },
  materials: [
    {
      kind: 'text',
      title: 'Present Perfect: when we use it',
      content: markdown(
        '# Present Perfect',
        'We use the Present Perfect (**have/has + past participle**) to talk about experience and about the past that matters *now*.',
        '## We use it for',
        '- experience: *I have been to London.*',
        '- recent news: *She has just arrived.*',
        '- unfinished time: *We have not finished yet.*',
        '## Not with a finished time',
        '> I have seen him yesterday. ✗ — I saw him yesterday. ✓',
        'More examples: [British Council, Present Perfect](https://learnenglish.britishcouncil.org/grammar/a1-a2-grammar/present-perfect).',
      ),
      tags: ['grammar'],
    },
    {
      kind: 'video',
      title: 'Have you ever been to London?',
      content: { source: { fileId: files.video }, durationSeconds: 8 },
      tags: ['video', 'grammar'],
    },
    {
      kind: 'vocabulary',
      title: 'Travel words',
      content: wordsWithRecordings(files, [
        ['airport', '/ˈeə.pɔːt/', 'аэропорт', 'Have you ever slept at an airport?', 'en-airport'],
        ['luggage', '/ˈlʌɡ.ɪdʒ/', 'багаж', 'They have lost my luggage.', 'en-luggage'],
        ['passport', '/ˈpɑːs.pɔːt/', 'паспорт', 'I have just renewed my passport.', 'en-passport'],
        ['journey', '/ˈdʒɜː.ni/', 'поездка', 'It has been a long journey.', 'en-journey'],
        ['abroad', '/əˈbrɔːd/', 'за границей', 'Have you ever lived abroad?', 'en-abroad'],
      ]),
      tags: ['vocabulary', 'travel'],
    },
    {
      kind: 'test',
      title: 'Present Perfect check',
      content: {
        instructions: 'Answer every question; the last one is marked by your teacher.',
        items: [
          {
            type: 'choice',
            id: 'which-tense',
            prompt: 'Which sentence is in the Present Perfect?',
            options: lettered('I went to Paris last year.', 'I have been to Paris.', 'I am going to Paris.'),
            correct: ['b'],
          },
          {
            type: 'choice',
            id: 'time-words',
            prompt: 'Which words often go with the Present Perfect?',
            multiple: true,
            points: 2,
            options: named('ever', 'yesterday', 'already', 'last week', 'just'),
            correct: ['ever', 'already', 'just'],
          },
          {
            type: 'gap_fill',
            id: 'gaps',
            points: 2,
            prompt: 'Complete the sentences.',
            text: 'She [[visit]] (visit) London twice. We [[finish]] finished our homework yet.',
            gaps: [
              { id: 'visit', accepted: ['has visited', "'s visited"] },
              { id: 'finish', accepted: ["haven't"], options: ["haven't", "hasn't", "didn't"] },
            ],
          },
          {
            type: 'matching',
            id: 'answers',
            prompt: 'Match the questions and the answers.',
            pairs: matched(['Have you ever flown?', 'Yes, many times.'], ['Has he arrived?', 'Not yet.'], ['Where have you been?', 'At the airport.']),
          },
          { type: 'word_order', id: 'order', prompt: 'Put the words in order.', tokens: ['I', 'have', 'never', 'been', 'abroad'] },
          { type: 'short_answer', id: 'participle', prompt: 'Write the past participle of “go”.', accepted: ['gone'] },
          { type: 'free_text', id: 'about-you', points: 3, prompt: 'Write three sentences about places you have visited.', maxLength: 1000 },
        ],
      },
    },
    {
      kind: 'link',
      title: 'British Council: Present Perfect practice',
      content: { url: 'https://learnenglish.britishcouncil.org/grammar/a1-a2-grammar/present-perfect', description: 'Exercises to do at home.' },
    },
  ],
});

/** Li's "Chinese HSK 1 — lesson 5", for Maria's lesson today: a text, the words with recordings, a test. */
export const chinesePlan = (files: DemoFiles): DemoPlanDefinition => ({
  owner: 'li',
  title: 'Chinese HSK 1 — lesson 5',
  about: { language: 'zh', level: 'HSK1', course: 'Chinese HSK 1', topic: 'Ordering food', lessonNumber: 5 },
  materials: [
    {
      kind: 'text',
      title: 'In a restaurant: phrases',
      content: markdown(
        '# 在饭馆 — In a restaurant',
        '- 请给我菜单。 *Qǐng gěi wǒ càidān.* — The menu, please.',
        '- 我要一碗米饭。 *Wǒ yào yì wǎn mǐfàn.* — A bowl of rice, please.',
        '- 服务员，买单！ *Fúwùyuán, mǎidān!* — Waiter, the bill!',
        '> 好吃！ *Hǎochī!* — Delicious!',
      ),
      tags: ['phrases'],
    },
    {
      kind: 'vocabulary',
      title: 'Ordering food',
      content: wordsWithRecordings(files, [
        ['菜单', 'càidān', 'меню', '请给我菜单。', 'zh-caidan'],
        ['米饭', 'mǐfàn', 'варёный рис', '我要一碗米饭。', 'zh-mifan'],
        ['茶', 'chá', 'чай', '我喝茶。', 'zh-cha'],
        ['买单', 'mǎidān', 'оплатить счёт', '服务员，买单！', 'zh-maidan'],
        ['好吃', 'hǎochī', 'вкусный', '这个菜很好吃。', 'zh-haochi'],
      ]),
      tags: ['vocabulary', 'food'],
    },
    {
      kind: 'test',
      title: 'Ordering food: check',
      content: {
        items: [
          {
            type: 'choice',
            id: 'bill',
            prompt: 'How do you ask for the bill?',
            options: lettered('菜单', '买单', '米饭'),
            correct: ['b'],
          },
          { type: 'gap_fill', id: 'menu', prompt: 'Complete: “The menu, please.”', text: '请给我[[g]]。', gaps: [{ id: 'g', accepted: ['菜单'], options: ['菜单', '茶', '好吃'] }] },
          {
            type: 'matching',
            id: 'words',
            prompt: 'Match the words and the translations.',
            pairs: matched(['茶', 'чай'], ['米饭', 'рис'], ['好吃', 'вкусный']),
          },
          { type: 'short_answer', id: 'pinyin', prompt: 'Write 菜单 in pinyin.', accepted: ['càidān', 'caidan', 'cai4dan1'] },
        ],
      },
    },
  ],
});
