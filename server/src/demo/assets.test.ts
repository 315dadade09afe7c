import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileStore } from '@panda/api';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ASSETS, DEMO_ASSETS_DIR, removeDemoAssets, saveDemoAssets } from './assets.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panda-demo-assets-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the demo media', () => {
  it('are small enough to live in the repository', () => {
    const total = DEMO_ASSETS.reduce((sum, asset) => sum + fs.statSync(path.join(DEMO_ASSETS_DIR, asset.file)).size, 0);
    expect(total).toBeLessThan(512 * 1024);
  });

  it('go into the uploads folder through the file store, passing its type check, and come out again', async () => {
    const store = new FileStore(dir);
    const saved = await saveDemoAssets(store);
    expect(saved.map((asset) => asset.key)).toEqual(DEMO_ASSETS.map((asset) => asset.key));
    for (const asset of saved) {
      const bytes = fs.readFileSync(store.pathOf(asset.storageKey));
      expect(bytes.length).toBe(asset.size);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(asset.sha256);
    }
    await removeDemoAssets(store, saved);
    expect(saved.some((asset) => fs.existsSync(store.pathOf(asset.storageKey)))).toBe(false);
  });
});
