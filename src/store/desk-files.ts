// Reading a desk's record files from disk. Synchronous reads: many small files
// read faster this way than with parallel async reads (FINDINGS.md).
import { lstatSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { SourceFile } from '../domain/load-desk.js';
import { RECORD_FOLDERS } from '../domain/record-kinds.js';
import { CONFIG_FILE } from '../domain/records/config.js';
import { STAFF_FILE } from '../domain/records/staff.js';

/** Every file kefu reads in a desk: kefu.yaml, staff.yaml and all files under the record folders. */
export function readDeskSources(root: string): SourceFile[] {
  const out: SourceFile[] = [];
  for (const name of [CONFIG_FILE, STAFF_FILE]) {
    const bytes = readIfFile(join(root, name));
    if (bytes) out.push({ path: name, bytes });
  }
  for (const folder of RECORD_FOLDERS) walk(root, folder, out);
  return out;
}

function walk(root: string, rel: string, out: SourceFile[]): void {
  let entries: Dirent[];
  try {
    // the entry types come with the listing (no lstat per file: ~0.4 s on a three-year desk)
    entries = readdirSync(join(root, rel), { withFileTypes: true });
  } catch {
    return; // a desk need not have every folder yet
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue; // editor swap files, .gitkeep
    const path = `${rel}/${entry.name}`;
    // as lstat sees it: a symlink is never followed out of the desk
    if (entry.isDirectory()) walk(root, path, out);
    else if (entry.isFile()) out.push({ path, bytes: readFileSync(join(root, path)) });
  }
}

function readIfFile(path: string): Buffer | undefined {
  try {
    return lstatSync(path).isFile() ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}
