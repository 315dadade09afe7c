import type { Db } from '@panda/db';
import type { ChatMessage } from '@panda/shared';
import type { LessonForAccess } from './access.js';

export interface LessonInfo extends LessonForAccess {
  id: string;
  title: string | null;
}

/** What a lesson room reads and records; the database behind it is the store's business. */
export interface LessonStore {
  findLesson(lessonId: string): Promise<LessonInfo | null>;
  userName(userId: string): Promise<string>;
  /** Starts an attendance record; returns its id. */
  recordJoin(lessonId: string, userId: string, at: Date): Promise<string>;
  recordLeave(attendanceId: string, at: Date): Promise<void>;
  saveChat(lessonId: string, userId: string, name: string, text: string, at: Date): Promise<ChatMessage>;
  chatHistory(lessonId: string, limit: number): Promise<ChatMessage[]>;
  /** The teacher ended the lesson: it was held; open attendance ends now. */
  markHeld(lessonId: string, at: Date): Promise<void>;
}

export class PrismaLessonStore implements LessonStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
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

  async markHeld(lessonId: string, at: Date): Promise<void> {
    await this.#db.$transaction([
      this.#db.lesson.update({ where: { id: lessonId }, data: { status: 'held', heldAt: at } }),
      this.#db.lessonAttendance.updateMany({ where: { lessonId, leftAt: null }, data: { leftAt: at } }),
    ]);
  }
}
