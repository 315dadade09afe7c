import { noteSearchText } from '@panda/api';
import type { Prisma } from '@panda/db';
import { CreateNoteBody, DAY_MS, HOUR_MS, MINUTE_MS, parseRichText } from '@panda/shared';
import type { DemoLessons } from './lessons.js';
import type { DemoPeople } from './people.js';
import { after, type DemoTimes } from './times.js';

/** Ivan's notes: one about yesterday's lesson, one of his own. */
export async function seedNotes(tx: Prisma.TransactionClient, people: DemoPeople, lessons: DemoLessons, times: DemoTimes): Promise<void> {
  const notes = [
    {
      at: after(lessons.yesterday.startsAt, 45 * MINUTE_MS),
      body: CreateNoteBody.parse({
        title: 'Present Perfect — the rule',
        lessonId: lessons.yesterday.id,
        content: parseRichText(
          [
            '**have / has + V3** (been, seen, gone)',
            '- *ever* and *never* — experience: I have **never** been to Japan.',
            '- *already*, *just*, *yet* — news: She has **just** arrived.',
            '> Not with *yesterday* or *last year*: then it is the Past Simple.',
          ].join('\n'),
        ),
      }),
    },
    {
      at: after(times.lastWeek, 2 * DAY_MS + 3 * HOUR_MS),
      body: CreateNoteBody.parse({
        title: 'Phrases for the airport',
        content: parseRichText(['- Where is the check-in desk?', '- Is this my gate?', '- My luggage has not arrived.'].join('\n')),
      }),
    },
  ];
  for (const { at, body } of notes) {
    await tx.note.create({
      data: {
        ownerId: people.ivan.id,
        title: body.title,
        content: body.content,
        lessonId: body.lessonId ?? null,
        searchText: noteSearchText(body.title, body.content),
        createdAt: at,
        updatedAt: at,
      },
    });
  }
}
