import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contentMatchesType, type FileStore, type StoredFile } from '@panda/api';
import type { Prisma } from '@panda/db';
import type { UploadMediaType } from '@panda/shared';
import { indexBy } from './bulk.js';
import type { DemoKey, DemoPeople } from './people.js';

/** The committed media (see server/demo-assets/README.md for how they were made). */
export const DEMO_ASSETS_DIR = fileURLToPath(new URL('../../demo-assets/', import.meta.url));

const englishWords = ['airport', 'luggage', 'passport', 'journey', 'abroad'] as const;
const chineseWords = ['caidan', 'mifan', 'cha', 'maidan', 'haochi'] as const;

export type EnglishWord = (typeof englishWords)[number];
export type ChineseWord = (typeof chineseWords)[number];
export type AssetKey = 'video' | `en-${EnglishWord}` | `zh-${ChineseWord}`;

interface DemoAsset {
  key: AssetKey;
  file: string;
  mimeType: UploadMediaType;
  /** The teacher who "uploaded" it. */
  owner: DemoKey;
}

export const DEMO_ASSETS: readonly DemoAsset[] = [
  { key: 'video', file: 'present-perfect.webm', mimeType: 'video/webm', owner: 'anna' },
  ...englishWords.map((word): DemoAsset => ({ key: `en-${word}`, file: `en-${word}.ogg`, mimeType: 'audio/ogg', owner: 'anna' })),
  ...chineseWords.map((word): DemoAsset => ({ key: `zh-${word}`, file: `zh-${word}.ogg`, mimeType: 'audio/ogg', owner: 'li' })),
];

export type DemoFiles = Record<AssetKey, string>;

export type SavedAsset = DemoAsset & StoredFile;

/**
 * Copies the media into the uploads folder through the file store, checked like an upload (a file
 * whose bytes are not its type is refused), before the transaction: the store cannot join it.
 */
export async function saveDemoAssets(store: FileStore): Promise<SavedAsset[]> {
  const saved: SavedAsset[] = [];
  try {
    for (const asset of DEMO_ASSETS) {
      const stored = await store.save(createReadStream(`${DEMO_ASSETS_DIR}${asset.file}`), {
        maxBytes: Number.MAX_SAFE_INTEGER,
        accepts: (head) => contentMatchesType(head, asset.mimeType),
      });
      saved.push({ ...asset, ...stored });
    }
  } catch (error) {
    await removeDemoAssets(store, saved);
    throw error;
  }
  return saved;
}

/** Takes the copies back when the school could not be created after all. */
export async function removeDemoAssets(store: FileStore, saved: readonly SavedAsset[]): Promise<void> {
  await Promise.all(saved.map((asset) => store.remove(asset.storageKey)));
}

/** The uploaded-file rows of the copies, as an upload makes them. */
export async function recordDemoAssets(tx: Prisma.TransactionClient, saved: readonly SavedAsset[], people: DemoPeople, at: Date): Promise<DemoFiles> {
  const rows = await tx.uploadedFile.createManyAndReturn({
    data: saved.map((asset) => ({
      ownerId: people[asset.owner].id,
      name: asset.file,
      mimeType: asset.mimeType,
      size: asset.size,
      sha256: asset.sha256,
      storageKey: asset.storageKey,
      createdAt: at,
    })),
    select: { id: true, storageKey: true },
  });
  const rowOf = indexBy(rows, (row) => row.storageKey);
  const files = {} as DemoFiles;
  for (const asset of saved) files[asset.key] = rowOf(asset.storageKey).id;
  return files;
}
