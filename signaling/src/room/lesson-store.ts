import type { Db } from '@panda/db';
import { TestContent, type BoardTestAttempt, type ChatMessage, type RecordingConsent, type TestAnswers, type TestItem, type TestResult } from '@panda/shared';
import type { LessonForAccess } from './access.js';

export interface LessonInfo extends LessonForAccess {
  id: string;
  title: string | null;
}

/** The school's recording policy, and this person's opt-out from it. */
export interface RecordingPolicy {
  /** Rooms start recording when the teacher first joins. */
  automatic: boolean;
  consent: RecordingConsent;
  optedOut: boolean;
}

/** What a lesson room reads and records; the database behind it is the store's business. */
export interface LessonStore {
  findLesson(lessonId: string): Promise<LessonInfo | null>;
  userName(userId: string): Promise<string>;
  recordingPolicy(userId: string): Promise<RecordingPolicy>;
  /** Starts an attendance record; returns its id. */
  recordJoin(lessonId: string, userId: string, at: Date): Promise<string>;
  recordLeave(attendanceId: string, at: Date): Promise<void>;
  saveChat(lessonId: string, userId: string, name: string, text: string, at: Date): Promise<ChatMessage>;
  chatHistory(lessonId: string, limit: number): Promise<ChatMessage[]>;
  /** The teacher ended the lesson: it was held, its students' credits are used, open attendance ends now. */
  markHeld(lessonId: string, at: Date): Promise<void>;
  /** The items (with the answer key) of a test the teacher showed in this lesson; null otherwise. */
  shownTest(lessonId: string, materialId: string): Promise<TestItem[] | null>;
  /** Records a student's answers to a shown test, replacing earlier ones. */
  saveTestAttempt(attempt: { lessonId: string; materialId: string; studentId: string; answers: TestAnswers; result: TestResult; at: Date }): Promise<void>;
  testAttempts(lessonId: string, materialId: string): Promise<BoardTestAttempt[]>;
}

export class PrismaLessonStore implements LessonStore {
  readonly #db: Db;
  readonly #endLesson: LessonStore['markHeld'];

  /**
   * `endLesson` is the school's own writer of a lesson held (status, attendance and the students'
   * credits in one transaction), handed in by the composition: signaling knows no credits.
   */
  constructor(db: Db, endLesson: LessonStore['markHeld']) {
    this.#db = db;
    this.#endLesson = endLesson;
  }

  async findLesson(lessonId: string): Promise<LessonInfo | null> {
    const lesson = await this.#db.lesson.findUnique({
      where: { id: lessonId },
      include: { students: { select: { studentId: true } } },
    });
    if (!lesson) return null;
    return {
      id: lesson.id,
      title: lesson.title,
      teacherId: lesson.teacherId,
      studentIds: lesson.students.map((seat) => seat.studentId),
      status: lesson.status,
      startsAt: lesson.startsAt,
      endsAt: lesson.endsAt,
    };
  }

  async userName(userId: string): Promise<string> {
    return (await this.#db.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } })).name;
  }

  async recordingPolicy(userId: string): Promise<RecordingPolicy> {
    const [settings, user] = await Promise.all([
      // The school's one settings row, made by the migration.
      this.#db.schoolSettings.findFirstOrThrow(),
      this.#db.user.findUniqueOrThrow({ where: { id: userId }, select: { recordingOptOut: true } }),
    ]);
    return { automatic: settings.recordLessonsAutomatically, consent: settings.recordingConsent, optedOut: user.recordingOptOut };
  }

  async recordJoin(lessonId: string, userId: string, at: Date): Promise<string> {
    return (await this.#db.lessonAttendance.create({ data: { lessonId, userId, joinedAt: at } })).id;
  }

  async recordLeave(attendanceId: string, at: Date): Promise<void> {
    await this.#db.lessonAttendance.updateMany({ where: { id: attendanceId, leftAt: null }, data: { leftAt: at } });
  }

  async saveChat(lessonId: string, userId: string, name: string, text: string, at: Date): Promise<ChatMessage> {
    const message = await this.#db.lessonChatMessage.create({ data: { lessonId, userId, text, createdAt: at } });
    return { id: message.id, participantId: userId, name, text, sentAt: at.toISOString() };
  }

  async chatHistory(lessonId: string, limit: number): Promise<ChatMessage[]> {
    const messages = await this.#db.lessonChatMessage.findMany({
      where: { lessonId },
      orderBy: { createdAt: 'desc' },
      take: limit,
      include: { user: { select: { name: true } } },
    });
    return messages.reverse().map((m) => ({
      id: m.id,
      participantId: m.userId,
      name: m.user.name,
      text: m.text,
      sentAt: m.createdAt.toISOString(),
    }));
  }

  markHeld(lessonId: string, at: Date): Promise<void> {
    return this.#endLesson(lessonId, at);
  }

  async shownTest(lessonId: string, materialId: string): Promise<TestItem[] | null> {
    const shown = await this.#db.lessonMaterial.findUnique({
      where: { lessonId_materialId: { lessonId, materialId } },
      include: { material: { select: { kind: true, content: true } } },
    });
    if (shown?.material.kind !== 'test') return null;
    return TestContent.parse(shown.material.content).items;
  }

  async saveTestAttempt(attempt: { lessonId: string; materialId: string; studentId: string; answers: TestAnswers; result: TestResult; at: Date }): Promise<void> {
    const { lessonId, materialId, studentId, answers, result, at } = attempt;
    const data = { answers, itemResults: result.items, score: result.score, maxScore: result.maxScore, submittedAt: at };
    await this.#db.lessonTestAttempt.upsert({
      where: { lessonId_materialId_studentId: { lessonId, materialId, studentId } },
      create: { lessonId, materialId, studentId, ...data },
      update: data,
    });
  }

  async testAttempts(lessonId: string, materialId: string): Promise<BoardTestAttempt[]> {
    const attempts = await this.#db.lessonTestAttempt.findMany({
      where: { lessonId, materialId },
      orderBy: { submittedAt: 'asc' },
      include: { student: { select: { name: true } } },
    });
    return attempts.map((a) => ({
      studentId: a.studentId,
      name: a.student.name,
      materialId: a.materialId,
      answers: a.answers as TestAnswers,
      result: { score: a.score, maxScore: a.maxScore, items: a.itemResults as TestResult['items'] },
      submittedAt: a.submittedAt.toISOString(),
    }));
  }
}
