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
 * no one: loading a three-year desk then holds its records, not also its 80 MB of text;
 * and each file's stamp (stampOf) is taken when asked for, for the record cache. `settleMs`
 * is how long ago a file must have been written for its stamp to count (2 s; the tests set 0).
 */
export function readDeskSources(root: string, options: { lazy?: boolean; settleMs?: number } = {}): SourceFile[] {
  const settle = BigInt(options.settleMs ?? SETTLE_MS) * 1_000_000n;
  const out: SourceFile[] = [];
  for (const name of [CONFIG_FILE, STAFF_FILE]) {
    const link = linkAt(root, name);
    if (link) {
      out.push(link);
      continue;
    }
    if (!isFile(join(root, name))) continue;
    out.push(options.lazy ? new LazySource(root, name, settle) : { path: name, bytes: readFileSync(join(root, name)) });
  }
  for (const folder of RECORD_FOLDERS) {
    const link = linkAt(root, folder);
    if (link) out.push(link);
    else walk(root, folder, out, options.lazy === true ? settle : undefined);
  }
  return out;
}

/**
 * A file read when its bytes are asked for (each time), stamped the first time its stamp is. A class,
 * not an object of getters: a three-year desk has 67,000 of these (7 MB rather than 67).
 */
class LazySource implements SourceFile {
  constructor(
    private readonly root: string,
    readonly path: string,
    private readonly settle: bigint,
  ) {}
  get bytes(): Uint8Array {
    return readFileSync(join(this.root, this.path));
  }
  #stamp: string | undefined | null = null;
  /** taken once (before the bytes are first read), so that all who ask get the same */
  get stamp(): string | undefined {
    if (this.#stamp === null) this.#stamp = stampOf(join(this.root, this.path), this.settle);
    return this.#stamp;
  }
}

/** A file changed this recently has no stamp: it could change again within the clock's tick and keep it. */
const SETTLE_MS = 2000;

/**
 * The file's size, modification and change times and inode as lstat gives them (what
 * git's index compares), for the record cache to know an unchanged file without reading
 * it — or undefined for a file written in the last two seconds (git's "racily clean"
 * file), or one lstat cannot read. The change time is set by the kernel on every write
 * and cannot be set back by anyone.
 */
export function stampOf(full: string, settle = BigInt(SETTLE_MS) * 1_000_000n): string | undefined {
  let st;
  try {
    st = lstatSync(full, { bigint: true, throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (!st?.isFile()) return undefined;
  const settled = BigInt(Date.now()) * 1_000_000n - settle;
  if (st.mtimeNs >= settled || st.ctimeNs >= settled) return undefined;
  return `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.dev}`;
}

/** `lazy`: the settling time of lazy sources' stamps, in ns; undefined reads every file now. */
function walk(root: string, rel: string, out: SourceFile[], lazy: bigint | undefined): void {
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
    else if (entry.isFile()) out.push(lazy !== undefined ? new LazySource(root, path, lazy) : { path, bytes: readFileSync(join(root, path)) });
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

function isFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}
