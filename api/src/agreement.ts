import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '@panda/db';

const AGREEMENT_DIR = fileURLToPath(new URL('../agreement', import.meta.url));

/**
 * The agreement's texts live in the repository as `v<N>.<locale>.md`; a version not yet in the
 * database is published at start-up. Extending the agreement means adding the next version's files.
 */
export async function publishAgreementVersions(db: Db, dir = AGREEMENT_DIR): Promise<void> {
  const versions = new Set(
    fs.readdirSync(dir).flatMap((file) => {
      const match = /^v(\d+)\.en\.md$/.exec(file);
      return match ? [Number(match[1])] : [];
    }),
  );
  const published = new Set((await db.agreementVersion.findMany({ select: { version: true } })).map((row) => row.version));
  for (const version of [...versions].sort((a, b) => a - b)) {
    if (published.has(version)) continue;
    const read = (locale: string) => fs.readFileSync(`${dir}/v${version}.${locale}.md`, 'utf8');
    await db.agreementVersion.createMany({
      data: [{ version, textEn: read('en'), textRu: read('ru') }],
      skipDuplicates: true,
    });
  }
}
