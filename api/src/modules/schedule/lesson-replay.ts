import type { Db, Prisma } from '@panda/db';
import { MediaSource, type Actor, type Clock, type LessonReplay } from '@panda/shared';
import { DomainError } from '../../domain-error.js';
import { fileLinkPath, linkExpiry } from '../files/links.js';
import { lessonsVisibleTo, toChatMessage } from './lesson-journal.js';

/** Who may replay a lesson: its teacher and students, and the school's methodists and admins. */
function replayableBy(user: Actor): Prisma.LessonWhereInput {
  return user.role === 'methodist' ? {} : lessonsVisibleTo(user);
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** A lesson's board, chat and shown materials on one timeline, for watching it again. */
export class LessonReplays {
  readonly #db: Db;
  readonly #clock: Clock;
  /** Signs the links to recorded tracks (they play straight from the file endpoint, with Range). */
  readonly #linkSecret: string;

  constructor(db: Db, clock: Clock, linkSecret: string) {
    this.#db = db;
    this.#clock = clock;
    this.#linkSecret = linkSecret;
  }

  async replay(user: Actor, lessonId: string): Promise<LessonReplay> {
    const lesson = await this.#db.lesson.findFirst({ where: { id: lessonId, ...replayableBy(user) }, select: { id: true, startsAt: true, endsAt: true } });
    if (!lesson) throw new DomainError('not_found', 'no such lesson');
    const [history, chat, shown, tracks, mix] = await Promise.all([
      this.#db.boardHistory.findMany({ where: { lessonId }, orderBy: { id: 'asc' }, select: { at: true, data: true } }),
      this.#db.lessonChatMessage.findMany({ where: { lessonId }, orderBy: { createdAt: 'asc' }, include: { user: { select: { name: true } } } }),
      this.#db.lessonMaterial.findMany({ where: { lessonId }, orderBy: { shownAt: 'asc' }, include: { material: { select: { title: true, kind: true } } } }),
      this.#db.recordingTrack.findMany({ where: { lessonId }, orderBy: { startedAt: 'asc' }, include: { participant: { select: { name: true } }, file: { select: { mimeType: true } } } }),
      this.#db.recordingMix.findUnique({ where: { lessonId } }),
    ]);
    const expires = linkExpiry(this.#clock.now());
    return {
      lessonId: lesson.id,
      startsAt: lesson.startsAt.toISOString(),
      endsAt: lesson.endsAt.toISOString(),
      board: history.length > 0 ? history.map((moment) => ({ at: moment.at.toISOString(), update: base64(moment.data) })) : await this.#untimedBoard(lessonId, lesson.startsAt),
      chat: chat.map(toChatMessage),
      materials: shown.map((row) => ({ at: row.shownAt.toISOString(), materialId: row.materialId, title: row.material.title, kind: row.material.kind })),
      tracks: tracks.map((track) => ({
        id: track.id,
        participantId: track.participantId,
        name: track.participant.name,
        source: MediaSource.parse(track.source),
        kind: track.file.mimeType.startsWith('video/') ? ('video' as const) : ('audio' as const),
        url: fileLinkPath(this.#linkSecret, track.fileId, expires),
        startedAt: track.startedAt.toISOString(),
        stoppedAt: track.stoppedAt.toISOString(),
      })),
      mix: mix && { url: fileLinkPath(this.#linkSecret, mix.fileId, expires), startedAt: mix.startedAt.toISOString(), durationMs: mix.durationMs },
    };
  }

  /** A board stored before its history was kept: shown as it ended, from the start. */
  async #untimedBoard(lessonId: string, startsAt: Date): Promise<LessonReplay['board']> {
    const [snapshot, updates] = await Promise.all([
      this.#db.boardDocument.findUnique({ where: { lessonId } }),
      this.#db.boardUpdate.findMany({ where: { lessonId }, orderBy: { id: 'asc' }, select: { data: true } }),
    ]);
    const parts = [...(snapshot ? [snapshot.snapshot] : []), ...updates.map((update) => update.data)];
    return parts.map((part) => ({ at: startsAt.toISOString(), update: base64(part) }));
  }
}
