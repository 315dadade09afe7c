import type { Db } from '@panda/db';
import { attendanceOf, CURATORS, homeworkRating, isOneOf, round2, type Actor, type Language, type StudentProgress } from '@panda/shared';
import { DomainError } from '../../domain-error.js';
import { standingOf } from './homework-dto.js';

/**
 * Who may see a student's progress in a language: the student, admins and methodists, and a
 * teacher who teaches them that language (assigned to them, or has taught them a lesson in it).
 */
export async function requireProgressAccess(db: Db, user: Actor, studentId: string, language: Language): Promise<{ id: string; name: string }> {
  const student = await db.user.findUnique({ where: { id: studentId }, select: { id: true, name: true, role: true } });
  if (!student || student.role !== 'student') throw new DomainError('not_found', 'no such student');
  if (user.id === studentId || isOneOf(CURATORS, user.role)) return student;
  if (user.role === 'teacher') {
    const [enrollment, lesson] = await Promise.all([
      db.enrollment.findFirst({ where: { studentId, language, teacherId: user.id }, select: { id: true } }),
      db.lesson.findFirst({ where: { teacherId: user.id, language, students: { some: { studentId } } }, select: { id: true } }),
    ]);
    if (enrollment || lesson) return student;
  }
  throw new DomainError('forbidden', 'you do not teach this student this language');
}

/** Attendance, homework and board tests of one student in one language, oldest first. */
export async function studentProgress(db: Db, student: { id: string; name: string }, language: Language, now: Date): Promise<StudentProgress> {
  const [lessons, submissions, attempts] = await Promise.all([
    db.lesson.findMany({
      where: { language, startsAt: { lte: now }, status: { not: 'cancelled' }, students: { some: { studentId: student.id } } },
      select: { id: true, startsAt: true, status: true, attendance: { select: { userId: true } } },
      orderBy: { startsAt: 'asc' },
    }),
    db.homeworkSubmission.findMany({
      where: { studentId: student.id, homework: { language } },
      select: { id: true, dueAt: true, submittedAt: true, score: true, maxScore: true, homework: { select: { title: true } } },
      orderBy: { dueAt: 'asc' },
    }),
    db.lessonTestAttempt.findMany({
      where: { studentId: student.id, lesson: { language } },
      select: { id: true, lessonId: true, submittedAt: true, score: true, maxScore: true, material: { select: { title: true } } },
      orderBy: { submittedAt: 'asc' },
    }),
  ]);

  const attendance = lessons.map((lesson) => ({
    lessonId: lesson.id,
    startsAt: lesson.startsAt.toISOString(),
    mark: attendanceOf({
      status: lesson.status,
      studentJoined: lesson.attendance.some((stay) => stay.userId === student.id),
      // Someone (the teacher at least) was in its room: it was held there, not only marked by hand.
      anyoneJoined: lesson.attendance.length > 0,
    }),
  }));
  const present = attendance.filter((entry) => entry.mark === 'present').length;
  const absent = attendance.filter((entry) => entry.mark === 'absent').length;

  const homework = submissions.map((submission) => {
    const standing = standingOf(submission, now);
    return {
      submissionId: submission.id,
      title: submission.homework.title,
      dueAt: submission.dueAt.toISOString(),
      state: standing.state,
      rating: standing.rating,
      daysLeft: standing.daysLeft,
    };
  });

  const tests = attempts.map((attempt) => ({
    attemptId: attempt.id,
    lessonId: attempt.lessonId,
    title: attempt.material.title,
    submittedAt: attempt.submittedAt.toISOString(),
    score: attempt.score,
    maxScore: attempt.maxScore,
    percent: attempt.maxScore > 0 ? round2((attempt.score / attempt.maxScore) * 100) : 0,
  }));

  return {
    student: { id: student.id, name: student.name },
    language,
    summary: {
      attendance: { present, absent, rate: present + absent > 0 ? round2((present / (present + absent)) * 100) : null },
      homework: {
        rating: homeworkRating(homework),
        counted: homework.filter((entry) => entry.rating !== null).length,
        tails: homework.filter((entry) => entry.state === 'tail').length,
        missed: homework.filter((entry) => entry.state === 'missed').length,
      },
      tests: {
        average: tests.length > 0 ? round2(tests.reduce((sum, test) => sum + test.percent, 0) / tests.length) : null,
        count: tests.length,
      },
    },
    attendance,
    homework,
    tests,
  };
}
