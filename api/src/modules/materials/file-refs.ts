import type { Db } from '@panda/db';
import { fileFitsCategory, materialFileRefs, type Actor, type FileCategory, type KindedContent } from '@panda/shared';
import { invalidField } from '../../domain-error.js';
import { mayReadFile } from '../files/access.js';

const WHAT: Record<FileCategory, string> = { video: 'a video file', audio: 'an audio file', image: 'an image', any: 'a file' };

/**
 * Every uploaded file a material's content names must be one the author may read, and of the
 * right sort; the first that is not is named as a bad field under `at`.
 */
export async function checkFileRefs(db: Db, user: Actor, material: KindedContent, at = 'body.content'): Promise<void> {
  const refs = materialFileRefs(material);
  if (refs.length === 0) return;
  const files = await db.uploadedFile.findMany({
    where: { id: { in: refs.map((ref) => ref.fileId) } },
    select: { id: true, ownerId: true, mimeType: true },
  });
  for (const ref of refs) {
    const file = files.find((candidate) => candidate.id === ref.fileId);
    const path = `${at}.${ref.path}`;
    if (!file || !(await mayReadFile(db, user, file))) throw invalidField(path, 'no such file among those you may use');
    if (!fileFitsCategory(file.mimeType, ref.category)) throw invalidField(path, `must be ${WHAT[ref.category]}`);
  }
}
