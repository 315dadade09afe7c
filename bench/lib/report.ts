import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A progress line on the console, stamped with the seconds since `started`. */
export function benchLog(started: number): (line: string) => void {
  return (line) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
}

/** The machine, for a report: cores, CPU model, memory and Node version. */
export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.availableParallelism()} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

/** Prints a Markdown report and writes it to `dir` as `<name>-<time>.md`; returns that file. */
export function writeReport(dir: string, name: string, text: string): string {
  console.log(`\n${text}`);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/:/g, '-').replace(/\..+/, '')}.md`);
  fs.writeFileSync(file, text);
  return file;
}
