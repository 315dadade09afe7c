import type { Db } from '@panda/db';
import { Language, type MyPlacementList, type PlacementStatus } from '@panda/shared';
import { enrollmentWithPeople, lessonWithMethodist, requestWithPeople, toDirectPlacementDto, toMyPlacementDto, toPlacementResult } from './placement-dto.js';

/** A free lesson the student still waits for (the lesson or its result): asking again would add nothing. */
const UNDER_WAY: ReadonlySet<PlacementStatus> = new Set(['new', 'scheduled', 'held']);

/**
 * The languages whose result each assessed request shows. Assessments are not stored per request,
 * but enrollments come only from them: a language's result belongs to the latest assessed request
 * for that language, else to the latest assessed request of all (the methodist assessed it there,
 * alongside the language the student asked for).
 */
export function resultLanguagesByRequest(assessedLatestFirst: ReadonlyArray<{ id: string; language: Language }>, enrolled: readonly Language[]): Map<string, Language[]> {
  const byRequest = new Map<string, Language[]>();
  const latest = assessedLatestFirst[0];
  if (!latest) return byRequest;
  for (const language of enrolled) {
    const owner = assessedLatestFirst.find((request) => request.language === language) ?? latest;
    byRequest.set(owner.id, [...(byRequest.get(owner.id) ?? []), language]);
  }
  return byRequest;
}

/**
 * The student's cabinet view of the free placement lesson: their requests, placement lessons booked
 * for them without a request (a rescheduled request's cancelled lesson is not one of them), the
 * result of each assessed one, and the languages they may still ask for.
 */
export async function listMyPlacements(db: Db, studentId: string): Promise<MyPlacementList> {
  const [requests, directLessons, enrollments] = await Promise.all([
    db.placementRequest.findMany({ where: { studentId }, include: requestWithPeople }),
    db.lesson.findMany({
      where: { kind: 'placement', status: { not: 'cancelled' }, placementRequest: { is: null }, students: { some: { studentId } } },
      include: lessonWithMethodist,
    }),
    db.enrollment.findMany({ where: { studentId }, include: enrollmentWithPeople, orderBy: { language: 'asc' } }),
  ]);

  // An assessment follows its lesson, so the latest lesson is the latest assessment.
  const assessed = requests
    .flatMap(({ id, language, status, lesson }) => (status === 'assessed' && lesson ? [{ id, language, startsAt: lesson.startsAt.getTime() }] : []))
    .toSorted((a, b) => b.startsAt - a.startsAt);
  const resultLanguages = resultLanguagesByRequest(assessed, enrollments.map((enrollment) => enrollment.language));
  const resultsOf = (requestId: string) => {
    const languages = resultLanguages.get(requestId) ?? [];
    return enrollments.filter((enrollment) => languages.includes(enrollment.language)).map(toPlacementResult);
  };

  const items = [
    ...requests.map((request) => ({ at: request.createdAt, item: toMyPlacementDto(request, resultsOf(request.id)) })),
    ...directLessons.map((lesson) => ({ at: lesson.createdAt, item: toDirectPlacementDto(lesson) })),
  ]
    .toSorted((a, b) => b.at.getTime() - a.at.getTime())
    .map(({ item }) => item);

  const taken = new Set([...enrollments.map((enrollment) => enrollment.language), ...items.filter((item) => UNDER_WAY.has(item.status)).map((item) => item.language)]);
  return { items, languagesToAsk: Language.options.filter((language) => !taken.has(language)) };
}
