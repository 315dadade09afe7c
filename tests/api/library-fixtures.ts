import type { ApiClient } from '../support/http.js';
import { cancelOverlapping } from '../support/lessons.js';
import type { TestServer } from '../support/server.js';

/** Helpers for the tests of the materials library, plans, files and the dictionary (demo school). */

export { FILE_SAMPLES } from '../support/file-samples.js';

export async function userId(server: TestServer, email: string): Promise<string> {
  return (await server.db.user.findUniqueOrThrow({ where: { email } })).id;
}

/** A lesson on now, booked straight into the database. */
export async function bookLesson(server: TestServer, teacherEmail: string, studentEmails: string[], language: 'en' | 'zh' = 'en'): Promise<string> {
  const startsAt = new Date();
  const endsAt = new Date(startsAt.getTime() + 3_600_000);
  const teacherId = await userId(server, teacherEmail);
  const studentIds = await Promise.all(studentEmails.map((email) => userId(server, email)));
  await cancelOverlapping(server.db, [teacherId, ...studentIds], startsAt, endsAt);
  const lesson = await server.db.lesson.create({
    data: { teacherId, language, title: 'Test lesson', startsAt, endsAt, students: { create: studentIds.map((studentId) => ({ studentId })) } },
  });
  return lesson.id;
}

/** A body to create a material of each kind (the file kind needs an upload first). */
export const MATERIAL_BODIES = {
  video: { kind: 'video', title: 'Travel vlog', language: 'en', content: { source: { url: 'https://videos.example.com/vlog.mp4' }, durationSeconds: 95 } },
  audio: { kind: 'audio', title: 'Airport announcements', language: 'en', content: { source: { url: 'https://audio.example.com/airport.mp3' } } },
  text: {
    kind: 'text',
    title: 'Irregular verbs',
    language: 'en',
    level: 'a2',
    course: 'English for Beginners',
    lessonNumber: 10,
    tags: ['Grammar'],
    content: {
      doc: {
        blocks: [
          { type: 'heading', level: 1, content: [{ text: 'Irregular verbs' }] },
          { type: 'paragraph', content: [{ text: 'Some verbs change completely: ' }, { text: 'go – went – gone', bold: true }] },
          { type: 'list', ordered: false, items: [[{ text: 'see – saw – seen' }], [{ text: 'read', href: 'https://dictionary.example.com/read' }]] },
        ],
      },
    },
  },
  test: {
    kind: 'test',
    title: 'Verbs quiz',
    language: 'en',
    level: 'A2',
    course: 'English for Beginners',
    lessonNumber: 10,
    content: {
      instructions: 'Answer all questions.',
      items: [
        { type: 'choice', id: 'q1', prompt: 'Past of go?', options: [{ id: 'a', text: 'goed' }, { id: 'b', text: 'went' }], correct: ['b'] },
        { type: 'gap_fill', id: 'q2', prompt: 'Fill in', text: 'I have [[g1]] it.', gaps: [{ id: 'g1', accepted: ['seen'] }] },
        { type: 'matching', id: 'q3', prompt: 'Match', pairs: [{ left: 'go', right: 'went' }, { left: 'see', right: 'saw' }, { left: 'eat', right: 'ate' }] },
        { type: 'word_order', id: 'q4', prompt: 'Order', tokens: ['She', 'has', 'gone', 'home'] },
        { type: 'short_answer', id: 'q5', prompt: 'Past of see?', accepted: ['saw'] },
        { type: 'free_text', id: 'q6', points: 2, prompt: 'Write about your day' },
      ],
    },
  },
  vocabulary: {
    kind: 'vocabulary',
    title: 'Kitchen words',
    language: 'en',
    course: 'English for Beginners',
    lessonNumber: 11,
    content: {
      entries: [
        { word: 'spoon', transcription: '/spuːn/', translation: 'ложка' },
        { word: 'kettle', transcription: '/ˈket.əl/', translation: 'чайник', example: 'Put the kettle on.' },
      ],
    },
  },
  link: { kind: 'link', title: 'Grammar reference', language: 'en', content: { url: 'https://grammar.example.com/', description: 'Handy tables' } },
} as const;

/** `POST /api/files` with raw bytes, the way the UI sends them. */
export async function upload(client: ApiClient, server: TestServer, bytes: Buffer | ReadableStream, type: string, name = 'file.bin') {
  const response = await fetch(`${server.localUrl}/api/files?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': type, authorization: `Bearer ${client.accessToken}` },
    body: bytes,
    ...(bytes instanceof ReadableStream ? { duplex: 'half' } : {}),
  });
  return { status: response.status, body: (await response.json()) as any };
}
