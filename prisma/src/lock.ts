import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite is single-process: two processes on one data folder corrupt it. The lock file holds the
 * owner's pid; a lock left by a dead process is taken over.
 */
export class DataDirLock {
  readonly #file: string;

  private constructor(file: string) {
    this.#file = file;
  }

  static acquire(dir: string): DataDirLock {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, '..', `${path.basename(dir)}.lock`);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
        return new DataDirLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number(fs.readFileSync(file, 'utf8'));
        if (isAlive(owner) && owner !== process.pid) {
          throw new Error(
            `the embedded database ${dir} is in use by process ${owner}; ` +
              'stop it first, or set DATABASE_URL to a PostgreSQL server to run several processes',
          );
        }
        fs.rmSync(file, { force: true });
      }
    }
    throw new Error(`could not lock ${dir}`);
  }

  release(): void {
    fs.rmSync(this.#file, { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
