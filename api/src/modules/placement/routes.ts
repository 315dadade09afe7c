import type { Prisma } from '@panda/db';
import {
  CURATORS,
  Enrollment,
  EnrollmentList,
  EnrollmentListQuery,
  IdParams,
  MyPlacementList,
  PlacementAssessmentBody,
  PlacementList,
  PlacementListQuery,
  PlacementRequest,
  PlacementRequestDetail,
  ReassignTeacherBody,
  SchedulePlacementBody,
  STAFF,
  StudentPlacementBody,
  STUDENTS,
  TeacherList,
  TEACHING,
  VisitorPlacementBody,
} from '@panda/shared';
import { DomainError } from '../../domain-error.js';
import type { ApiModule } from '../../module.js';
import { listMyPlacements } from './my-placements.js';
import { enrollmentWithPeople, requestWithPeople, toEnrollmentDto, toPlacementDto, whereStatus } from './placement-dto.js';

export const placementModule: ApiModule = {
  name: 'placement',
  register(router, deps) {
    const { db } = deps;
    const { placement } = deps.services;
    const tag = 'placement';

    /** The request with the student's enrollments, for the methodist's page. */
    const detail = async (request: Prisma.PlacementRequestGetPayload<{ include: typeof requestWithPeople }>) => {
      const enrollments = request.studentId
        ? await db.enrollment.findMany({ where: { studentId: request.studentId }, include: enrollmentWithPeople, orderBy: { language: 'asc' } })
        : [];
      return { ...toPlacementDto(request), enrollments: enrollments.map(toEnrollmentDto) };
    };

    router.operation(
      {
        method: 'post',
        path: '/placement-requests',
        summary: 'Ask for the free placement lesson without an account (the public page)',
        tag,
        access: 'public',
        body: VisitorPlacementBody,
        status: 202,
        // The public form is as open to abuse as sign-up, so it shares its limit.
        rateLimit: { name: 'placement', max: deps.settings.authRateLimitPerMinute, windowSeconds: 60 },
      },
      ({ body }) => placement.requestAsVisitor(body),
    );

    router.operation(
      { method: 'post', path: '/me/placement-requests', summary: 'Ask for the free placement lesson (an open request for the language is returned)', tag, access: STUDENTS, body: StudentPlacementBody, response: PlacementRequest, status: 201 },
      async ({ user, body, setStatus }) => {
        const { request, created } = await placement.requestAsStudent(user.id, body);
        if (!created) setStatus(200);
        return toPlacementDto(request);
      },
    );

    router.operation(
      {
        method: 'get',
        path: '/me/placement-requests',
        summary: 'My free lessons, newest first: requests and placement lessons with their results, and the languages I may still ask for',
        tag,
        access: STUDENTS,
        response: MyPlacementList,
      },
      ({ user }) => listMyPlacements(db, user.id),
    );

    router.operation(
      { method: 'get', path: '/placement/requests', summary: 'The placement queue, oldest first', tag, access: CURATORS, query: PlacementListQuery, response: PlacementList },
      async ({ query }) => {
        const where: Prisma.PlacementRequestWhereInput = { ...(query.status ? whereStatus(query.status) : {}), ...(query.language ? { language: query.language } : {}) };
        const [items, total] = await Promise.all([
          db.placementRequest.findMany({ where, include: requestWithPeople, orderBy: { createdAt: 'asc' }, skip: query.offset, take: query.limit }),
          db.placementRequest.count({ where }),
        ]);
        return { items: items.map(toPlacementDto), total };
      },
    );

    router.operation(
      { method: 'get', path: '/placement/requests/:id', summary: "A placement request with the student's enrollments", tag, access: CURATORS, params: IdParams, response: PlacementRequestDetail },
      async ({ params }) => {
        const request = await db.placementRequest.findUnique({ where: { id: params.id }, include: requestWithPeople });
        if (!request) throw new DomainError('not_found', 'no such placement request');
        return detail(request);
      },
    );

    router.operation(
      { method: 'post', path: '/placement/requests/:id/schedule', summary: 'Book (or move) the free placement lesson with me; a visitor is invited by e-mail', tag, access: ['methodist'], params: IdParams, body: SchedulePlacementBody, response: PlacementRequest },
      async ({ params, body, user }) => toPlacementDto(await placement.schedule(params.id, user.id, body)),
    );

    router.operation(
      { method: 'post', path: '/placement/requests/:id/cancel', summary: 'Cancel a placement request and its lesson', tag, access: ['methodist'], params: IdParams, response: PlacementRequest },
      async ({ params }) => toPlacementDto(await placement.cancel(params.id)),
    );

    router.operation(
      { method: 'put', path: '/placement/requests/:id/assessment', summary: 'Record level, goal and teacher per language: enrolls the student', tag, access: ['methodist'], params: IdParams, body: PlacementAssessmentBody, response: PlacementRequestDetail },
      async ({ params, body, user }) => detail(await placement.assess(params.id, user.id, body)),
    );

    router.operation(
      { method: 'get', path: '/enrollments', summary: 'Students with their language, level and teacher (teachers: their own students)', tag, access: STAFF, query: EnrollmentListQuery, response: EnrollmentList },
      async ({ query, user }) => {
        const where: Prisma.EnrollmentWhereInput = {
          ...(query.studentId ? { studentId: query.studentId } : {}),
          ...(query.language ? { language: query.language } : {}),
          ...(user.role === 'teacher' ? { teacherId: user.id } : query.teacherId ? { teacherId: query.teacherId } : {}),
        };
        const [items, total] = await Promise.all([
          db.enrollment.findMany({ where, include: enrollmentWithPeople, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], skip: query.offset, take: query.limit }),
          db.enrollment.count({ where }),
        ]);
        return { items: items.map(toEnrollmentDto), total };
      },
    );

    router.operation(
      { method: 'get', path: '/teachers', summary: 'Active teachers and methodists with their languages (to assign to a student)', tag, access: CURATORS, response: TeacherList },
      async () => {
        const teachers = await db.user.findMany({
          where: { role: { in: [...TEACHING] }, disabledAt: null, teacherLanguages: { some: {} } },
          include: { teacherLanguages: true },
          orderBy: { name: 'asc' },
        });
        return { items: teachers.map((teacher) => ({ id: teacher.id, name: teacher.name, teaches: teacher.teacherLanguages.map((entry) => entry.language).sort() })) };
      },
    );

    router.operation(
      { method: 'post', path: '/enrollments/:id/reassign', summary: "Change a student's teacher for a language (audited with the reason)", tag, access: CURATORS, params: IdParams, body: ReassignTeacherBody, response: Enrollment },
      async ({ params, body, user }) => toEnrollmentDto(await placement.reassign(params.id, user.id, body)),
    );
  },
};
