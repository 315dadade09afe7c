import { createHash, randomBytes } from 'node:crypto';
import type { Prisma } from '@panda/db';
import {
  Availability,
  BookLessonBody,
  Calendar,
  CalendarFeed,
  CalendarFeedParams,
  CalendarLesson,
  CalendarQuery,
  CancellationPreview,
  CancelledLesson,
  CreatedWeeklySlot,
  CreateWeeklySlotBody,
  CURATORS,
  DAY_MS,
  EndedWeeklySlot,
  FreeTimes,
  FreeTimesQuery,
  IdParams,
  isOneOf,
  LessonJournal as LessonJournalPage,
  LessonJournalQuery,
  LessonOverview,
  LessonReplay,
  MarkLessonBody,
  MINUTE_MS,
  MoveLessonBody,
  MyTeachers,
  STAFF,
  STUDENTS,
  TEACHING,
  UpdateAvailabilityBody,
  WeeklySlotList,
  WeeklySlotQuery,
  type Locale,
} from '@panda/shared';
import { DomainError, invalidField, invalidFields } from '../../domain-error.js';
import type { ApiModule } from '../../module.js';
import { lessonWithPeople } from '../lessons/lesson-dto.js';
import { renderCalendar } from './ical.js';
import { lessonsVisibleTo } from './lesson-journal.js';
import { availabilityProblems, fittingStarts } from './schedule-rules.js';
import { slotWithPeople, toSlotDto } from './schedule-service.js';
import { formatTime, parseTime } from './zoned-time.js';

/** `to` after `from`, and not further apart than `maxDays`. */
function window(query: { from: string; to: string }, maxDays: number): { from: Date; to: Date } {
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (to <= from) throw invalidField('query.to', 'must be after from');
  if (to.getTime() - from.getTime() > maxDays * DAY_MS) throw invalidField('query.to', `must be at most ${maxDays} days after from`);
  return { from, to };
}

/** The lessons a person sees in the calendar: their own; a methodist also every placement lesson; an admin all. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const FEED_TEXT: Record<Locale, { name: string; placement: string; lesson: Record<'en' | 'zh', string> }> = {
  en: { name: 'Panda Classroom lessons', placement: 'Placement lesson', lesson: { en: 'English lesson', zh: 'Chinese lesson' } },
  ru: { name: 'Уроки Panda Classroom', placement: 'Пробный урок', lesson: { en: 'Урок английского', zh: 'Урок китайского' } },
};

export const scheduleModule: ApiModule = {
  name: 'schedule',
  register(router, { db, clock, settings, services }) {
    const tag = 'schedule';
    const { schedule, lessonJournal: journal, lessonReplays: replays } = services;

    // --- Availability ---

    const availabilityOf = async (userId: string) => {
      const teacher = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { availability: { orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }] } } });
      return {
        timeZone: teacher.timeZone,
        intervals: teacher.availability.map((a) => ({ weekday: a.weekday, start: formatTime(a.startMinute), end: formatTime(a.endMinute) })),
      };
    };

    router.operation(
      { method: 'get', path: '/me/availability', summary: 'My weekly availability, in my time zone', tag, access: TEACHING, response: Availability },
      ({ user }) => availabilityOf(user.id),
    );

    router.operation(
      {
        method: 'put',
        path: '/me/availability',
        summary: 'Replace my weekly availability (wall-clock times in my time zone; they stay put across DST changes)',
        tag,
        access: TEACHING,
        body: UpdateAvailabilityBody,
        response: Availability,
      },
      async ({ user, body }) => {
        const intervals = body.intervals.map((i) => ({ weekday: i.weekday, startMinute: parseTime(i.start), endMinute: parseTime(i.end) }));
        const problems = availabilityProblems(intervals);
        if (problems.length > 0) throw invalidFields(problems);
        await db.$transaction([
          db.teacherAvailability.deleteMany({ where: { teacherId: user.id } }),
          db.teacherAvailability.createMany({ data: intervals.map((i) => ({ ...i, teacherId: user.id })) }),
        ]);
        return availabilityOf(user.id);
      },
    );

    router.operation(
      {
        method: 'get',
        path: '/teachers/:id/free-times',
        summary: "A teacher's free time (availability minus lessons and weekly series) and the starts where a lesson fits; students see their own teachers'",
        tag,
        access: 'user',
        params: IdParams,
        query: FreeTimesQuery,
        response: FreeTimes,
      },
      async ({ user, params, query }) => {
        const { from, to } = window(query, 31);
        const teacher = await db.user.findUnique({ where: { id: params.id } });
        const visible =
          teacher &&
          isOneOf(TEACHING, teacher.role) &&
          (user.role !== 'student' || (await db.enrollment.count({ where: { studentId: user.id, teacherId: teacher.id } })) > 0);
        if (!visible) throw new DomainError('not_found', 'no such teacher');
        const { timeZone, free } = await schedule.freeTime(params.id, from, to);
        const starts = fittingStarts(free, query.durationMinutes * MINUTE_MS, clock.now().getTime());
        const iso = (ms: number) => new Date(ms).toISOString();
        return { timeZone, free: free.map((s) => ({ startsAt: iso(s.start), endsAt: iso(s.end) })), starts: starts.map(iso) };
      },
    );

    router.operation(
      { method: 'get', path: '/me/teachers', summary: 'My teacher for each language I learn (whom I book with)', tag, access: STUDENTS, response: MyTeachers },
      async ({ user }) => {
        const enrollments = await db.enrollment.findMany({ where: { studentId: user.id, teacherId: { not: null } }, include: { teacher: { select: { id: true, name: true } } }, orderBy: { language: 'asc' } });
        return { items: enrollments.flatMap((e) => (e.teacher ? [{ language: e.language, teacher: e.teacher }] : [])) };
      },
    );

    // --- Lessons ---

    router.operation(
      {
        method: 'post',
        path: '/bookings',
        summary: 'Book a single lesson: a student with their teacher at a free time, staff for a student; a regular lesson holds a credit',
        tag,
        access: 'user',
        body: BookLessonBody,
        response: CalendarLesson,
        status: 201,
      },
      ({ user, body }) => schedule.book(user, body),
    );

    router.operation(
      {
        method: 'get',
        path: '/lessons/:id/cancellation',
        summary: 'What cancelling this lesson now would do to my credit (returned with 8 hours’ notice, burnt with less)',
        tag,
        access: 'user',
        params: IdParams,
        response: CancellationPreview,
      },
      async ({ user, params }) => {
        const { outcome, freeUntil } = await schedule.cancellationPreview(user, params.id);
        return { outcome, freeUntil: freeUntil.toISOString() };
      },
    );

    router.operation(
      {
        method: 'post',
        path: '/lessons/:id/cancel',
        summary: "Cancel a lesson: a student's credit comes back with 8 hours' notice and burns with less; the teacher's cancelling always returns it",
        tag,
        access: 'user',
        params: IdParams,
        response: CancelledLesson,
      },
      ({ user, params }) => schedule.cancel(user, params.id),
    );

    router.operation(
      {
        method: 'post',
        path: '/lessons/:id/move',
        summary: 'Move a lesson to another time (its teacher, or an admin); the students are told by e-mail',
        tag,
        access: STAFF,
        params: IdParams,
        body: MoveLessonBody,
        response: CalendarLesson,
      },
      ({ user, params, body }) => schedule.move(user, params.id, body),
    );

    router.operation(
      {
        method: 'post',
        path: '/lessons/:id/mark',
        summary: 'Record that a lesson was held, or that the student did not come: either uses the held credit',
        tag,
        access: STAFF,
        params: IdParams,
        body: MarkLessonBody,
        response: CalendarLesson,
      },
      ({ user, params, body }) => schedule.mark(user, params.id, body.status),
    );

    // --- Weekly series ---

    router.operation(
      {
        method: 'post',
        path: '/weekly-slots',
        summary: 'Agree a weekly lesson (in the teacher’s time zone); its lessons are generated for the coming weeks and hold credits when there are',
        tag,
        access: CURATORS,
        body: CreateWeeklySlotBody,
        response: CreatedWeeklySlot,
        status: 201,
      },
      ({ body }) =>
        schedule.createSeries({
          studentId: body.studentId,
          teacherId: body.teacherId,
          language: body.language,
          weekday: body.weekday,
          startMinute: parseTime(body.startTime),
          durationMinutes: body.durationMinutes,
          startsOn: body.startsOn,
        }),
    );

    router.operation(
      { method: 'get', path: '/weekly-slots', summary: 'Weekly series: a student’s or teacher’s own; methodists and admins any', tag, access: 'user', query: WeeklySlotQuery, response: WeeklySlotList },
      async ({ user, query }) => {
        const own: Prisma.WeeklySlotWhereInput = user.role === 'student' ? { studentId: user.id } : user.role === 'teacher' ? { teacherId: user.id } : {};
        const slots = await db.weeklySlot.findMany({
          where: {
            AND: [
              own,
              query.studentId ? { studentId: query.studentId } : {},
              query.teacherId ? { teacherId: query.teacherId } : {},
              query.includeEnded ? {} : { endedAt: null },
            ],
          },
          include: slotWithPeople,
          orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }],
        });
        return { items: slots.map(toSlotDto) };
      },
    );

    router.operation(
      { method: 'post', path: '/weekly-slots/:id/end', summary: 'End a weekly series: its lessons from now on are cancelled and their credits come back', tag, access: CURATORS, params: IdParams, response: EndedWeeklySlot },
      ({ params }) => schedule.endSeries(params.id),
    );

    // --- The lessons journal ---

    router.operation(
      {
        method: 'get',
        path: '/lessons',
        summary: 'My lessons to come (soonest first) or gone by (latest first), with how each went; methodists also see every placement lesson',
        tag,
        access: 'user',
        query: LessonJournalQuery,
        response: LessonJournalPage,
      },
      ({ user, query }) => journal.list(user, query),
    );

    router.operation(
      { method: 'get', path: '/lessons/:id/replay', summary: 'A lesson on one timeline: the board’s stored changes, the chat and the materials shown, each with its time (its teacher and students, methodists, admins)', tag, access: 'user', params: IdParams, response: LessonReplay },
      ({ user, params }) => replays.replay(user, params.id),
    );

    router.operation(
      { method: 'get', path: '/lessons/:id/overview', summary: 'A lesson of mine whole: how it went, who came, the chat, the homework set in it (a student: their own)', tag, access: 'user', params: IdParams, response: LessonOverview },
      ({ user, params }) => journal.overview(user, params.id),
    );

    // --- Calendar ---

    router.operation(
      {
        method: 'get',
        path: '/calendar',
        summary: 'My lessons overlapping [from, to) (at most 62 days), cancelled ones included; methodists also see every placement lesson',
        tag,
        access: 'user',
        query: CalendarQuery,
        response: Calendar,
      },
      async ({ user, query }) => {
        const { from, to } = window(query, 62);
        const lessons = await db.lesson.findMany({
          where: { AND: [lessonsVisibleTo(user), { startsAt: { lt: to } }, { endsAt: { gt: from } }] },
          include: lessonWithPeople,
          orderBy: { startsAt: 'asc' },
        });
        const me = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { timeZone: true } });
        return { timeZone: me.timeZone, items: await schedule.toCalendar(lessons) };
      },
    );

    router.operation(
      {
        method: 'post',
        path: '/me/calendar-feed',
        summary: 'A new secret address of my lessons in iCalendar form (the previous address stops working)',
        tag,
        access: 'user',
        response: CalendarFeed,
        status: 201,
      },
      async ({ user }) => {
        const token = randomBytes(32).toString('base64url');
        const tokenHash = hashToken(token);
        await db.calendarFeed.upsert({ where: { userId: user.id }, create: { userId: user.id, tokenHash }, update: { tokenHash, createdAt: clock.now() } });
        return { url: `${settings.publicUrl}/api/calendar/ics/${token}` };
      },
    );

    router.operation(
      {
        method: 'get',
        path: '/calendar/ics/:token',
        summary: "A person's lessons as an iCalendar feed (RFC 5545), from 30 days ago to 180 days ahead; the token is the secret",
        tag,
        access: 'public',
        params: CalendarFeedParams,
      },
      async ({ params, response }) => {
        const feed = await db.calendarFeed.findUnique({ where: { tokenHash: hashToken(params.token) }, include: { user: true } });
        if (!feed || feed.user.disabledAt) throw new DomainError('not_found', 'no such calendar');
        const { user } = feed;
        const now = clock.now();
        const lessons = await db.lesson.findMany({
          where: {
            AND: [lessonsVisibleTo(user), { status: { not: 'cancelled' } }, { startsAt: { lt: new Date(now.getTime() + 180 * DAY_MS) } }, { endsAt: { gt: new Date(now.getTime() - 30 * DAY_MS) } }],
          },
          include: lessonWithPeople,
          orderBy: { startsAt: 'asc' },
        });
        const text = FEED_TEXT[user.locale];
        const host = new URL(settings.publicUrl).hostname;
        const body = renderCalendar({
          name: text.name,
          now,
          events: lessons.map((lesson) => {
            const people = user.role === 'student' ? lesson.teacher.name : lesson.students.map((s) => s.student.name).join(', ');
            const what = lesson.kind === 'placement' ? text.placement : text.lesson[lesson.language];
            return {
              uid: `${lesson.id}@${host}`,
              startsAt: lesson.startsAt,
              endsAt: lesson.endsAt,
              updatedAt: lesson.updatedAt,
              summary: `${what}: ${people}`,
              ...(lesson.title ? { description: lesson.title } : {}),
              url: `${settings.publicUrl}/lessons/${lesson.id}/room`,
            };
          }),
        });
        response.status(200).type('text/calendar; charset=utf-8').setHeader('Cache-Control', 'private, max-age=300').send(body);
      },
    );
  },
};
