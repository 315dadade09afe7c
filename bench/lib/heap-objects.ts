import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import v8 from 'node:v8';

/**
 * Live objects of this process by constructor name, e.g. how many `LessonBoard`s are still in
 * the heap. Writes a heap snapshot (V8 collects garbage first; the process stands still meanwhile)
 * and counts in a child process, so that parsing the snapshot does not disturb this one's memory.
 * A class's prototype may count as one object of that class: compare with a count taken before.
 */
export async function countLiveObjects(names: readonly string[]): Promise<Record<string, number>> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'panda-heap-')), 'heap.heapsnapshot');
  try {
    v8.writeHeapSnapshot(file);
    const { stdout } = await promisify(execFile)(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(import.meta.url), file, ...names], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    return JSON.parse(stdout) as Record<string, number>;
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Run as a script: `node --import tsx heap-objects.ts <snapshot> <name>…` prints the counts as JSON. */
function countInFile(file: string, names: readonly string[]): Record<string, number> {
  const snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as HeapSnapshot;
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const counts: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
  const wanted = new Set(names);
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    if (types[snapshot.nodes[i + typeAt]!] !== 'object') continue;
    const name = snapshot.strings[snapshot.nodes[i + nameAt]!]!;
    if (wanted.has(name)) counts[name]! += 1;
  }
  return counts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, ...names] = process.argv.slice(2);
  if (!file) throw new Error('usage: heap-objects.ts <snapshot> <name>…');
  process.stdout.write(JSON.stringify(countInFile(file, names)));
}
