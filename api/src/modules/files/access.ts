import type { Db } from '@panda/db';
import type { Actor } from '@panda/shared';
import { visibleMaterials } from '../materials/access.js';

/**
 * Who may read an uploaded file: its owner and admins; staff when a material they can see uses it
 * (or one shown in a lesson they teach); a student when a material shown in a lesson they attend
 * uses it, or it is the recording of a word in their dictionary.
 */
export async function mayReadFile(db: Db, user: Actor, file: { id: string; ownerId: string }): Promise<boolean> {
  if (file.ownerId === user.id || user.role === 'admin') return true;
  const usedBy = { fileIds: { has: file.id } };
  if (user.role === 'student') {
    const [shown, inDictionary] = await Promise.all([
      db.lessonMaterial.findFirst({
        where: { material: usedBy, lesson: { students: { some: { studentId: user.id } } } },
        select: { lessonId: true },
      }),
      db.dictionaryEntry.findFirst({ where: { studentId: user.id, audioFileId: file.id }, select: { id: true } }),
    ]);
    return shown !== null || inDictionary !== null;
  }
  const material = await db.material.findFirst({
    where: { AND: [usedBy, { OR: [visibleMaterials(user), { shownIn: { some: { lesson: { teacherId: user.id } } } }] }] },
    select: { id: true },
  });
  return material !== null;
}
