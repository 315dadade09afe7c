import { materialContentColumns } from '@panda/api';
import type { Prisma } from '@panda/db';
import { CreateMaterialBody, toBoardMaterial, type BoardMaterial, type MaterialKind } from '@panda/shared';
import { indexBy } from './bulk.js';
import type { DemoPlanDefinition } from './library-content.js';
import type { DemoPeople } from './people.js';

/** A material as created: its id and the body it was created from (parsed, defaults applied). */
export type DemoMaterial = CreateMaterialBody & { id: string };

export interface DemoPlan {
  id: string;
  materials: DemoMaterial[];
}

/** Creates a plan's materials in its owner's library (their titles differ), then the plan holding them in order. */
export async function seedPlan(tx: Prisma.TransactionClient, people: DemoPeople, definition: DemoPlanDefinition, at: Date): Promise<DemoPlan> {
  const ownerId = people[definition.owner].id;
  const bodies = definition.materials.map((input) => CreateMaterialBody.parse({ ...definition.about, ...(input as object) }));
  const rows = await tx.material.createManyAndReturn({
    data: bodies.map((body) => {
      const { content: _content, ...fields } = body;
      return { ...fields, ownerId, ...materialContentColumns(body), createdAt: at };
    }),
    select: { id: true, title: true },
  });
  const rowTitled = indexBy(rows, (row) => row.title);
  const materials: DemoMaterial[] = bodies.map((body) => ({ ...body, id: rowTitled(body.title).id }));
  const plan = await tx.lessonPlan.create({
    data: {
      ...definition.about,
      ownerId,
      title: definition.title,
      createdAt: at,
      items: { create: materials.map((material, position) => ({ materialId: material.id, position })) },
    },
  });
  return { id: plan.id, materials };
}

/** The plan's material of a kind (each demo plan has one of each kind it uses). */
export function materialOf<K extends MaterialKind>(plan: DemoPlan, kind: K): Extract<DemoMaterial, { kind: K }> {
  const material = plan.materials.find((candidate): candidate is Extract<DemoMaterial, { kind: K }> => candidate.kind === kind);
  if (!material) throw new Error(`the demo plan has no ${kind} material`);
  return material;
}

/** A material as the board receives it when the teacher shows it. */
export const boardMaterialOf = (material: DemoMaterial): BoardMaterial => toBoardMaterial({ ...material, level: material.level ?? null });
