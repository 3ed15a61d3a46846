// Reading a desk's record files from disk. Synchronous reads: many small files
// read faster this way than with parallel async reads (FINDINGS.md).
import { lstatSync, readdirSync, readFileSync, readlinkSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { SourceFile } from '../domain/load-desk.js';
import { RECORD_FOLDERS } from '../domain/record-kinds.js';
import { CONFIG_FILE } from '../domain/records/config.js';
import { STAFF_FILE } from '../domain/records/staff.js';

/**
 * Every file kefu reads in a desk: kefu.yaml, staff.yaml and all files under the record
 * folders. With `lazy`, a file's bytes are read each time they are asked for and kept by
 * no one: loading a three-year desk then holds its records, not also its 80 MB of text.
 */
export function readDeskSources(root: string, options: { lazy?: boolean } = {}): SourceFile[] {
  const out: SourceFile[] = [];
  for (const name of [CONFIG_FILE, STAFF_FILE]) {
    const link = linkAt(root, name);
    if (link) {
      out.push(link);
      continue;
    }
    const bytes = readIfFile(join(root, name));
    if (bytes) out.push(options.lazy ? lazySource(root, name) : { path: name, bytes });
  }
  for (const folder of RECORD_FOLDERS) {
    const link = linkAt(root, folder);
    if (link) out.push(link);
    else walk(root, folder, out, options.lazy === true);
  }
  return out;
}

function lazySource(root: string, path: string): SourceFile {
  return {
    path,
    get bytes() {
      return readFileSync(join(root, path));
    },
  };
}

function walk(root: string, rel: string, out: SourceFile[], lazy: boolean): void {
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
    // as lstat sees it: a symlink is never followed out of the desk — and is reported (issue 8)
    if (entry.isDirectory()) walk(root, path, out, lazy);
    else if (entry.isSymbolicLink()) out.push(linkSource(root, path));
    else if (entry.isFile()) out.push(lazy ? lazySource(root, path) : { path, bytes: readFileSync(join(root, path)) });
  }
}

/**
 * A symbolic link at `rel`, as a source with no bytes (FILE_SYMLINK): a link in a desk is
 * never followed — it may lead to /etc/passwd, /dev/zero, another desk or itself — but a
 * record must not vanish from validation unnoticed either.
 */
function linkAt(root: string, rel: string): SourceFile | undefined {
  try {
    return lstatSync(join(root, rel)).isSymbolicLink() ? linkSource(root, rel) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The first symbolic link on the way from the desk to `path` (the file itself or a folder
 * above it), if any: a write there would land wherever the link leads (issue 8). Parts
 * that do not exist yet are no link.
 */
export function linkOnPath(root: string, path: string): { at: string; target: string } | undefined {
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const at = parts.slice(0, i).join('/');
    const link = linkAt(root, at);
    if (link) return { at, target: link.link ?? '?' };
  }
  return undefined;
}

function linkSource(root: string, path: string): SourceFile {
  let target: string;
  try {
    target = readlinkSync(join(root, path));
  } catch {
    target = '?'; // gone since it was listed
  }
  return { path, bytes: new Uint8Array(0), link: target };
}

function readIfFile(path: string): Buffer | undefined {
  try {
    return lstatSync(path).isFile() ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}
