import type { Prisma } from '@panda/db';
import {
  AssignLessonPlanBody,
  IdParams,
  LessonPlan,
  LessonPlanBody,
  LessonPlanList,
  LessonPlanOfLesson,
  LessonPlanQuery,
  STAFF,
  type Actor,
  type Language,
} from '@panda/shared';
import { DomainError, invalidField } from '../../domain-error.js';
import type { ApiModule } from '../../module.js';
import { requireTeacherSeat, seatInLesson } from '../lesson-materials/lesson-seat.js';
import { curatesLibrary, mayChange, visibleMaterials } from '../materials/access.js';
import { catalogEntry, materialWithOwner, toMaterialSummary } from '../materials/material-dto.js';
import { pageOf, pageWhere } from '../materials/paging.js';

const owner = { select: { id: true, name: true } } as const;

const planWithMaterials = {
  owner,
  items: { orderBy: { position: 'asc' }, include: { material: { include: materialWithOwner } } },
} satisfies Prisma.LessonPlanInclude;

type PlanRecord = Prisma.LessonPlanGetPayload<{ include: typeof planWithMaterials }>;

const toPlanDto = (plan: PlanRecord): LessonPlan => ({
  ...catalogEntry(plan),
  materials: plan.items.map((item) => toMaterialSummary(item.material)),
});

/** Plans are their owner's; methodists and admins see and change them all. */
const visiblePlans = (user: Actor): Prisma.LessonPlanWhereInput => (curatesLibrary(user) ? {} : { ownerId: user.id });

/** Everything that describes a plan but its title; a missing optional detail is cleared. */
const planDetails = (plan: { language: Language; level?: string | null; course?: string | null; topic?: string | null; lessonNumber?: number | null }) => ({
  language: plan.language,
  level: plan.level ?? null,
  course: plan.course ?? null,
  topic: plan.topic ?? null,
  lessonNumber: plan.lessonNumber ?? null,
});

const planItems = (materialIds: readonly string[]) => ({
  create: materialIds.map((materialId, position) => ({ position, materialId })),
});

export const plansModule: ApiModule = {
  name: 'plans',
  register(router, { db }) {
    const tag = 'lesson plans';

    async function findVisible(id: string, user: Actor): Promise<PlanRecord> {
      const plan = await db.lessonPlan.findFirst({ where: { AND: [{ id }, visiblePlans(user)] }, include: planWithMaterials });
      if (!plan) throw new DomainError('not_found', 'no such plan');
      return plan;
    }

    /** Every material of a plan must be one the author can see (or already in the plan). */
    async function checkMaterials(user: Actor, materialIds: readonly string[], alreadyIn: readonly string[] = []): Promise<void> {
      const visible = await db.material.findMany({
        where: { AND: [{ id: { in: [...materialIds] } }, visibleMaterials(user)] },
        select: { id: true },
      });
      const allowed = new Set([...visible.map((material) => material.id), ...alreadyIn]);
      const index = materialIds.findIndex((id) => !allowed.has(id));
      if (index >= 0) throw invalidField(`body.materialIds.${index}`, 'no such material in your library');
    }

    router.operation(
      { method: 'post', path: '/plans', summary: 'Prepare a lesson plan: an ordered set of materials', tag, access: STAFF, body: LessonPlanBody, response: LessonPlan, status: 201 },
      async ({ body, user }) => {
        const { materialIds, ...fields } = body;
        await checkMaterials(user, materialIds);
        const plan = await db.lessonPlan.create({
          data: { ...fields, ownerId: user.id, items: planItems(materialIds) },
          include: planWithMaterials,
        });
        return toPlanDto(plan);
      },
    );

    router.operation(
      { method: 'get', path: '/plans', summary: 'Lesson plans: mine (methodists and admins: all), newest first', tag, access: STAFF, query: LessonPlanQuery, response: LessonPlanList },
      async ({ query, user }) => {
        const plans = await db.lessonPlan.findMany({
          where: {
            AND: [
              visiblePlans(user),
              query.mine ? { ownerId: user.id } : {},
              query.language ? { language: query.language } : {},
              query.lessonNumber ? { lessonNumber: query.lessonNumber } : {},
              query.course ? { course: { equals: query.course, mode: 'insensitive' } } : {},
              query.q ? { title: { contains: query.q, mode: 'insensitive' } } : {},
              pageWhere(query.cursor),
            ],
          },
          include: { owner, _count: { select: { items: true } } },
          orderBy: { id: 'desc' },
          take: query.limit + 1,
        });
        return pageOf(
          plans.map((plan) => ({ ...catalogEntry(plan), materialCount: plan._count.items })),
          query.limit,
        );
      },
    );

    router.operation(
      { method: 'get', path: '/plans/:id', summary: 'A lesson plan with its materials in order', tag, access: STAFF, params: IdParams, response: LessonPlan },
      async ({ params, user }) => toPlanDto(await findVisible(params.id, user)),
    );

    router.operation(
      { method: 'put', path: '/plans/:id', summary: 'Replace a lesson plan: its details and the full ordered list of materials (a reorder is this with the new order)', tag, access: STAFF, params: IdParams, body: LessonPlanBody, response: LessonPlan },
      async ({ params, body, user }) => {
        const plan = await findVisible(params.id, user);
        if (!mayChange(user, plan)) throw new DomainError('forbidden', 'only its owner, methodists and admins change a plan');
        const { materialIds, ...fields } = body;
        await checkMaterials(user, materialIds, plan.items.map((item) => item.materialId));
        const replaced = await db.$transaction(async (tx) => {
          await tx.lessonPlanItem.deleteMany({ where: { planId: plan.id } });
          return tx.lessonPlan.update({
            where: { id: plan.id },
            data: { ...planDetails(fields), title: fields.title, items: planItems(materialIds) },
            include: planWithMaterials,
          });
        });
        return toPlanDto(replaced);
      },
    );

    router.operation(
      { method: 'delete', path: '/plans/:id', summary: 'Delete a lesson plan (lessons it was assigned to keep their materials shown, but lose the plan)', tag, access: STAFF, params: IdParams, status: 204 },
      async ({ params, user }) => {
        const plan = await findVisible(params.id, user);
        if (!mayChange(user, plan)) throw new DomainError('forbidden', 'only its owner, methodists and admins delete a plan');
        await db.lessonPlan.delete({ where: { id: plan.id } });
      },
    );

    router.operation(
      { method: 'post', path: '/plans/:id/copy', summary: 'Copy a lesson plan into a new plan of my own', tag, access: STAFF, params: IdParams, response: LessonPlan, status: 201 },
      async ({ params, user }) => {
        const plan = await findVisible(params.id, user);
        const copy = await db.lessonPlan.create({
          data: {
            ...planDetails(plan),
            title: `${plan.title} (copy)`.slice(0, 200),
            ownerId: user.id,
            items: planItems(plan.items.map((item) => item.materialId)),
          },
          include: planWithMaterials,
        });
        return toPlanDto(copy);
      },
    );

    router.operation(
      { method: 'put', path: '/lessons/:id/plan', summary: 'Assign a plan to a lesson, or none (the lesson’s teacher, or an admin)', tag, access: STAFF, params: IdParams, body: AssignLessonPlanBody, response: LessonPlanOfLesson },
      async ({ params, body, user }) => {
        const { lesson, seat } = await seatInLesson(db, params.id, user);
        requireTeacherSeat(seat);
        if (body.planId) {
          const plan = await db.lessonPlan.findFirst({ where: { AND: [{ id: body.planId }, visiblePlans(user)] }, select: { language: true } });
          if (!plan) throw invalidField('body.planId', 'no such plan');
          if (plan.language !== lesson.language) throw invalidField('body.planId', `the plan is for ${plan.language}, the lesson for ${lesson.language}`);
        }
        await db.lesson.update({ where: { id: lesson.id }, data: { planId: body.planId } });
        return outlineOf(lesson.id, body.planId);
      },
    );

    router.operation(
      { method: 'get', path: '/lessons/:id/plan', summary: 'A lesson’s plan for its teacher and students: material titles, no content', tag, access: 'user', params: IdParams, response: LessonPlanOfLesson },
      async ({ params, user }) => {
        const { lesson } = await seatInLesson(db, params.id, user);
        return outlineOf(lesson.id, lesson.planId);
      },
    );

    async function outlineOf(lessonId: string, planId: string | null): Promise<LessonPlanOfLesson> {
      const plan = planId
        ? await db.lessonPlan.findUnique({
            where: { id: planId },
            include: { items: { orderBy: { position: 'asc' }, include: { material: { select: { id: true, kind: true, title: true } } } } },
          })
        : null;
      return {
        lessonId,
        plan: plan && {
          id: plan.id,
          title: plan.title,
          language: plan.language,
          level: plan.level,
          materials: plan.items.map((item) => item.material),
        },
      };
    }
  },
};
