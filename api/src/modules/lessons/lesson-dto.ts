import type { Prisma } from '@panda/db';
import type { Lesson } from '@panda/shared';

const person = { select: { id: true, name: true } } as const;

export const lessonWithPeople = {
  teacher: person,
  students: { include: { student: person } },
} satisfies Prisma.LessonInclude;

type LessonRecord = Prisma.LessonGetPayload<{ include: typeof lessonWithPeople }>;

export function toLessonDto(lesson: LessonRecord): Lesson {
  return {
    id: lesson.id,
    language: lesson.language,
    kind: lesson.kind,
    status: lesson.status,
    title: lesson.title,
    startsAt: lesson.startsAt.toISOString(),
    endsAt: lesson.endsAt.toISOString(),
    teacher: lesson.teacher,
    students: lesson.students.map((seat) => seat.student),
  };
}
