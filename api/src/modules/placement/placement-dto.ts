import type { Prisma } from '@panda/db';
import type { Enrollment, PlacementRequest, PlacementStatus } from '@panda/shared';

const person = { select: { id: true, name: true } } as const;

export const requestWithPeople = {
  student: person,
  methodist: person,
  lesson: { select: { id: true, startsAt: true, endsAt: true, status: true } },
} satisfies Prisma.PlacementRequestInclude;

type RequestRecord = Prisma.PlacementRequestGetPayload<{ include: typeof requestWithPeople }>;

export const enrollmentWithPeople = { student: person, teacher: person } satisfies Prisma.EnrollmentInclude;

type EnrollmentRecord = Prisma.EnrollmentGetPayload<{ include: typeof enrollmentWithPeople }>;

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
    lesson: request.lesson
      ? { id: request.lesson.id, startsAt: request.lesson.startsAt.toISOString(), endsAt: request.lesson.endsAt.toISOString(), status: request.lesson.status }
      : null,
  };
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
