import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SNIFF_BYTES } from './sniff.js';

/** Why an upload was not kept. */
export class UploadRejected extends Error {
  constructor(readonly reason: 'too_large' | 'empty' | 'type_mismatch') {
    super(`upload rejected: ${reason}`);
  }
}

export interface StoredFile {
  /** Path of the bytes relative to the uploads folder. */
  storageKey: string;
  size: number;
  sha256: string;
}

/**
 * Uploaded bytes on disk. A file is written to `tmp/` and renamed into place only when it is
 * complete and checked, so the folder never holds half a file under a real name.
 */
export class FileStore {
  constructor(readonly dir: string) {}

  pathOf(storageKey: string): string {
    return path.join(this.dir, storageKey);
  }

  /**
   * Streams `source` to disk, hashing and counting as it goes; stops at `maxBytes`, and when the
   * first bytes fail `accepts`. On any failure the partial file is removed.
   */
  async save(source: Readable, limits: { maxBytes: number; accepts: (head: Buffer) => boolean }): Promise<StoredFile> {
    const name = randomUUID();
    // Two-character folders keep any one folder small.
    const storageKey = `${name.slice(0, 2)}/${name}`;
    const temporary = path.join(this.dir, 'tmp', `${name}.part`);
    await fs.mkdir(path.dirname(temporary), { recursive: true });
    const hash = createHash('sha256');
    let size = 0;
    let head: Buffer | null = Buffer.alloc(0);
    const checkHead = (bytes: Buffer) => {
      if (!limits.accepts(bytes)) throw new UploadRejected('type_mismatch');
      head = null;
    };
    const inspect = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        try {
          size += chunk.length;
          if (size > limits.maxBytes) throw new UploadRejected('too_large');
          hash.update(chunk);
          if (head) {
            head = Buffer.concat([head, chunk]);
            if (head.length >= SNIFF_BYTES) checkHead(head);
          }
          done(null, chunk);
        } catch (error) {
          done(error as Error);
        }
      },
      flush(done) {
        try {
          if (size === 0) throw new UploadRejected('empty');
          if (head) checkHead(head);
          done();
        } catch (error) {
          done(error as Error);
        }
      },
    });
    try {
      // Not destroyed on a refusal: see below.
      await pipeline(source.iterator({ destroyOnReturn: false }), inspect, createWriteStream(temporary, { flags: 'wx', mode: 0o640 }));
      await fs.mkdir(path.dirname(this.pathOf(storageKey)), { recursive: true });
      await fs.rename(temporary, this.pathOf(storageKey));
      return { storageKey, size, sha256: hash.digest('hex') };
    } catch (error) {
      // The rest of a refused upload is read and dropped: cutting the connection instead would
      // reach the sender as a reset rather than the answer saying why.
      source.resume();
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }

  async remove(storageKey: string): Promise<void> {
    await fs.rm(this.pathOf(storageKey), { force: true });
  }
}
