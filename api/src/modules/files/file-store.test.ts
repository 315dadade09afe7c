import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStore, UploadRejected } from './file-store.js';

let dir: string;
let store: FileStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panda-files-'));
  store = new FileStore(dir);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const chunks = (...parts: string[]) => Readable.from(parts.map((part) => Buffer.from(part)));
const startsWithPdf = (head: Buffer) => head.toString('latin1').startsWith('%PDF-');
/** Every file left in the store, relative to it. */
const filesIn = () => fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));

describe('FileStore', () => {
  it('keeps a complete file under its key, with size and sha256', async () => {
    const stored = await store.save(chunks('%PDF-1.7', ' hello'), { maxBytes: 100, accepts: startsWithPdf });
    expect(stored).toMatchObject({ size: 14, sha256: createHash('sha256').update('%PDF-1.7 hello').digest('hex') });
    expect(fs.readFileSync(store.pathOf(stored.storageKey), 'latin1')).toBe('%PDF-1.7 hello');
    expect(filesIn()).toEqual([stored.storageKey]);
  });

  it('leaves nothing behind when the file is too large, empty, of the wrong type, or cut off', async () => {
    const rejected = (source: Readable, maxBytes = 10) =>
      store.save(source, { maxBytes, accepts: startsWithPdf }).then(
        () => 'kept',
        (error: unknown) => (error instanceof UploadRejected ? error.reason : 'failed'),
      );
    expect(await rejected(chunks('%PDF-', '1234', '56789'))).toBe('too_large');
    expect(await rejected(chunks())).toBe('empty');
    expect(await rejected(chunks('<html>'))).toBe('type_mismatch');
    const cut = new Readable({ read() {} });
    cut.push('%PDF-');
    setTimeout(() => cut.destroy(new Error('connection reset')), 10);
    expect(await rejected(cut, 1000)).toBe('failed');
    expect(filesIn()).toEqual([]);
  });
});
