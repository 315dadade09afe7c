import type { Prisma } from '@panda/db';
import type { Enrollment, MyPlacement, PlacementRequest, PlacementResult, PlacementStatus } from '@panda/shared';

const person = { select: { id: true, name: true } } as const;

export const requestWithPeople = {
  student: person,
  methodist: person,
  lesson: { select: { id: true, startsAt: true, endsAt: true, status: true } },
} satisfies Prisma.PlacementRequestInclude;

type RequestRecord = Prisma.PlacementRequestGetPayload<{ include: typeof requestWithPeople }>;

export const enrollmentWithPeople = { student: person, teacher: person } satisfies Prisma.EnrollmentInclude;

type EnrollmentRecord = Prisma.EnrollmentGetPayload<{ include: typeof enrollmentWithPeople }>;

/** A placement lesson with the methodist who holds it. */
export const lessonWithMethodist = { teacher: person } satisfies Prisma.LessonInclude;

type DirectLessonRecord = Prisma.LessonGetPayload<{ include: typeof lessonWithMethodist }>;

/** "held" is not stored: the lesson room (or the teacher) records the lesson as held. */
export function placementStatus(request: { status: RequestRecord['status']; lesson: { status: string } | null }): PlacementStatus {
  return request.status === 'scheduled' && request.lesson?.status === 'held' ? 'held' : request.status;
}

/** The stored condition for a status as the API reports it. */
export function whereStatus(status: PlacementStatus): Prisma.PlacementRequestWhereInput {
  if (status === 'held') return { status: 'scheduled', lesson: { status: 'held' } };
  if (status === 'scheduled') return { status: 'scheduled', lesson: { status: { not: 'held' } } };
  return { status };
}

export function toPlacementDto(request: RequestRecord): PlacementRequest {
  return {
    id: request.id,
    name: request.name,
    contact: request.contact,
    email: request.email,
    language: request.language,
    comment: request.comment,
    status: placementStatus(request),
    createdAt: request.createdAt.toISOString(),
    student: request.student,
    methodist: request.methodist,
    lesson: request.lesson ? toPlacementLesson(request.lesson) : null,
  };
}

function toPlacementLesson(lesson: NonNullable<RequestRecord['lesson']>): PlacementRequest['lesson'] {
  return { id: lesson.id, startsAt: lesson.startsAt.toISOString(), endsAt: lesson.endsAt.toISOString(), status: lesson.status };
}

/** The student's own request, with the results it settled (see `resultLanguagesByRequest`). */
export function toMyPlacementDto(request: RequestRecord, results: PlacementResult[]): MyPlacement {
  return {
    id: request.id,
    language: request.language,
    status: placementStatus(request),
    askedAt: request.createdAt.toISOString(),
    comment: request.comment,
    methodist: request.methodist,
    lesson: request.lesson ? toPlacementLesson(request.lesson) : null,
    results,
  };
}

/**
 * A placement lesson booked without a request. Its outcome is not recorded against it, so it shows
 * no result; a missed one has nothing more to wait for and reads as cancelled.
 */
export function toDirectPlacementDto(lesson: DirectLessonRecord): MyPlacement {
  const status = lesson.status === 'no_show' ? 'cancelled' : lesson.status;
  return { id: lesson.id, language: lesson.language, status, askedAt: null, comment: null, methodist: lesson.teacher, lesson: toPlacementLesson(lesson), results: [] };
}

export function toPlacementResult(enrollment: EnrollmentRecord): PlacementResult {
  return { language: enrollment.language, level: enrollment.level, goal: enrollment.goal, teacher: enrollment.teacher };
}

export function toEnrollmentDto(enrollment: EnrollmentRecord): Enrollment {
  return {
    id: enrollment.id,
    student: enrollment.student,
    language: enrollment.language,
    level: enrollment.level,
    goal: enrollment.goal,
    notes: enrollment.notes,
    teacher: enrollment.teacher,
    updatedAt: enrollment.updatedAt.toISOString(),
  };
}
