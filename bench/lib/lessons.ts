import { hashPassword } from '@panda/api';
import type { Db } from '@panda/db';
import type { LessonSeats } from './agent-host.js';

/**
 * Lessons running now, straight in the database, each with a teacher and students nobody else
 * uses (no one may be in two lessons at once). Everyone shares one password, hashed once.
 */
export class BenchLessons {
  readonly #db: Db;
  readonly #passwordHash: string;
  #people = 0;

  private constructor(db: Db, passwordHash: string) {
    this.#db = db;
    this.#passwordHash = passwordHash;
  }

  static async create(db: Db, password: string): Promise<BenchLessons> {
    return new BenchLessons(db, await hashPassword(password));
  }

  /** `count` lessons of `size` participants each: the teacher (first seat) and `size − 1` students. */
  async add(count: number, size: number): Promise<LessonSeats[]> {
    const lessons = Array.from({ length: count }, () =>
      Array.from({ length: size }, (_, seat) => ({ role: seat === 0 ? ('teacher' as const) : ('student' as const), n: this.#people++ })),
    );
    const email = ({ role, n }: { role: string; n: number }) => `bench-${role}-${n}@example.com`;
    const now = new Date();
    await this.#db.user.createMany({
      data: lessons.flat().map((person) => ({
        email: email(person),
        name: `Bench ${person.role} ${person.n}`,
        role: person.role,
        timeZone: 'UTC',
        locale: 'en' as const,
        passwordHash: this.#passwordHash,
        emailVerifiedAt: now,
      })),
    });
    const users = await this.#db.user.findMany({ where: { email: { in: lessons.flat().map(email) } }, select: { id: true, email: true } });
    const id = new Map(users.map((user) => [user.email, user.id]));
    const seats: LessonSeats[] = [];
    for (const people of lessons) {
      const [teacher, ...students] = people.map((person) => id.get(email(person))!);
      const lesson = await this.#db.lesson.create({
        data: {
          teacherId: teacher!,
          language: 'en',
          title: 'Benchmark lesson',
          startsAt: now,
          endsAt: new Date(now.getTime() + 3 * 3_600_000),
          students: { create: students.map((studentId) => ({ studentId })) },
        },
      });
      seats.push({ lessonId: lesson.id, emails: people.map(email) });
    }
    return seats;
  }
}
