// Appending one item to a record file (SPEC §2): the file must end with a
// complete item and, in a git repo, hold only appends since its last commit; the
// new text is one write() followed by fsync; a new file is created exclusively.
// Whatever the check of the file-to-be finds, nothing is written.
//
// A cut-off item is not always visible in the file itself: cut at a line break, it can
// read as a shorter valid item (an update without its `note:`, an entry without its
// `links:`). So before writing, kefu notes what it is about to append (file, offset,
// length, sha-256) in `.kefu/appending/`, fsynced, and removes the note once the item
// is written and fsynced. A note still there means an append was interrupted: the next
// append to that file, and `kefu sync`, compare the file with it and refuse while the
// item is incomplete (docs/RELIABILITY.md).
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { serializeListItem } from '../domain/records/serialize.js';
import { KefuError } from '../cli/errors.js';
import { linkOnPath } from './desk-files.js';
import { committedText } from './git.js';
import { withDeskLock } from './desk-lock.js';
import { asWriteError, writeAll, writeNewFile } from './write-file.js';

export interface AppendRequest {
  /** desk-relative path of the record file */
  path: string;
  /** the top-level list the item goes under */
  listKey: string;
  item: unknown;
  /** the whole file to create when it does not exist yet */
  newFile: () => string;
  /** checks the file as it will be; throws (writing nothing) when it is not right */
  check: (text: string, appendedFromLine: number) => void;
}

export function appendItem(root: string, request: AppendRequest): { created: boolean } {
  return withDeskLock(root, () => {
    const abs = join(root, request.path);
    // a link in the desk is never followed, for reading (FILE_SYMLINK) or for writing
    const link = linkOnPath(root, request.path);
    if (link) throw new KefuError('err.symlink', { file: link.at, target: link.target }, 'err.symlink.hint');
    assertNoInterruptedAppend(root, request.path);
    if (!existsSync(abs)) {
      const text = request.newFile();
      request.check(text, 1);
      try {
        mkdirSync(dirname(abs), { recursive: true });
      } catch (error) {
        throw asWriteError(error, request.path);
      }
      writeNewFile(abs, text);
      return { created: true };
    }
    const bytes = readFileSync(abs);
    const current = bytes.toString('utf8');
    assertCleanTail(root, request.path, current);
    const addition = serializeListItem(request.item, listIndent(current, request.listKey, request.path));
    const next = current + addition;
    request.check(next, current.split('\n').length);
    appendBytes(root, request.path, bytes.length, Buffer.from(addition, 'utf8'));
    return { created: false };
  });
}

/**
 * One write of the whole item at the end of the file, then fsync. When the disk
 * refuses part of it (full, I/O error), the file is cut back to its old length —
 * removing only the bytes just written, never one that was there — so it is left as
 * it was and the error is reported.
 */
function appendBytes(root: string, path: string, size: number, addition: Buffer): void {
  const abs = join(root, path);
  const note = noteIntent(root, path, size, addition);
  let fd: number;
  try {
    fd = openSync(abs, 'a');
  } catch (error) {
    rmSync(note, { force: true });
    throw asWriteError(error, path);
  }
  if (fstatSync(fd).size !== size) {
    // changed since it was read and checked (by something that does not take the lock)
    closeSync(fd);
    rmSync(note, { force: true });
    throw new KefuError('err.notAppendOnly', { file: path }, 'err.notAppendOnly.hint');
  }
  try {
    writeAll(fd, addition); // one write() unless the disk takes less
    fsyncSync(fd);
  } catch (error) {
    try {
      ftruncateSync(fd, size);
      fsyncSync(fd);
      rmSync(note, { force: true });
    } catch {
      // the note stays: the next append finds the cut item and refuses
    }
    throw asWriteError(error, path);
  } finally {
    closeSync(fd);
  }
  rmSync(note, { force: true });
}

interface Intent {
  path: string;
  offset: number;
  length: number;
  sha256: string;
}

const INTENT_DIR = join('.kefu', 'appending');

function intentPath(root: string, path: string): string {
  return join(root, INTENT_DIR, `${encodeURIComponent(path)}.json`);
}

/** Notes, durably, the append about to be made; returns the note's path. */
function noteIntent(root: string, path: string, offset: number, addition: Buffer): string {
  const note = intentPath(root, path);
  const intent: Intent = { path, offset, length: addition.length, sha256: sha256(addition) };
  try {
    mkdirSync(dirname(note), { recursive: true });
    const fd = openSync(note, 'w');
    try {
      writeAll(fd, Buffer.from(`${JSON.stringify(intent)}\n`, 'utf8'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    rmSync(note, { force: true });
    throw asWriteError(error, path);
  }
  return note;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Where an interrupted append's item starts (its line, and the column of its `-`), when
 * the file holds only part of it; undefined when the append never began, completed, or
 * the file was cut back to before it (then the note is removed, unless `readOnly`).
 */
function interruptedAppendAt(root: string, path: string, readOnly = false): { line: number; col: number; offset: number } | undefined {
  const note = intentPath(root, path);
  if (!existsSync(note)) return undefined;
  const done = () => {
    if (!readOnly) rmSync(note, { force: true });
    return undefined;
  };
  let intent: Intent;
  try {
    intent = JSON.parse(readFileSync(note, 'utf8')) as Intent;
    if (typeof intent.offset !== 'number' || typeof intent.length !== 'number' || typeof intent.sha256 !== 'string') throw new Error('not an intent');
  } catch {
    // the note itself was cut off: it is fsynced before the item is written, so nothing was
    return done();
  }
  const abs = join(root, path);
  const bytes = existsSync(abs) ? readFileSync(abs) : Buffer.alloc(0);
  const complete = bytes.length >= intent.offset + intent.length && sha256(bytes.subarray(intent.offset, intent.offset + intent.length)) === intent.sha256;
  if (complete || bytes.length <= intent.offset) return done();
  let dash = intent.offset;
  while (bytes[dash] === 0x20) dash++;
  return { line: bytes.subarray(0, intent.offset).toString('utf8').split('\n').length, col: dash - intent.offset + 1, offset: intent.offset };
}

/** Refuses to append to a file whose earlier append was cut off (SPEC §2 Crash safety). */
function assertNoInterruptedAppend(root: string, path: string): void {
  const line = interruptedAppendAt(root, path)?.line;
  if (line !== undefined) throw new KefuError('store.tornAppend', { file: `${path}:${line}`, line }, 'store.tornAppend.hint');
}

/**
 * Every record file whose last append was interrupted, with where its cut item starts
 * (for `kefu sync` and `kefu validate`). With `readOnly` (validate, which also runs on a
 * read-only desk) notes that are done with are left for the next write to remove, and a
 * note naming a path outside the desk or through a link is passed over: never followed.
 */
export function findInterruptedAppends(root: string, options: { readOnly?: boolean } = {}): { path: string; line: number; col: number; offset: number }[] {
  const dir = join(root, INTENT_DIR);
  if (!existsSync(dir)) return [];
  const found: { path: string; line: number; col: number; offset: number }[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    let path: string;
    try {
      path = decodeURIComponent(name.slice(0, -'.json'.length));
    } catch {
      continue; // not a name kefu gave a note
    }
    if (options.readOnly && (isAbsolute(path) || path.split(/[\\/]/).includes('..') || linkOnPath(root, path))) continue;
    const at = interruptedAppendAt(root, path, options.readOnly);
    if (at !== undefined) found.push({ path, ...at });
  }
  return found;
}

/** A torn tail, or an uncommitted change that is not an append, stops every further append. */
function assertCleanTail(root: string, path: string, current: string): void {
  if (!current.endsWith('\n')) {
    throw new KefuError('err.tornTail', { file: `${path}:${current.split('\n').length}` }, 'err.tornTail.hint');
  }
  const committed = committedText(root, path);
  if (committed !== undefined && !current.startsWith(committed)) {
    let i = 0;
    while (i < committed.length && committed[i] === current[i]) i++;
    throw new KefuError('err.notAppendOnly', { file: `${path}:${current.slice(0, i).split('\n').length}` }, 'err.notAppendOnly.hint');
  }
}

/**
 * The column of the `-` of the list's items, so an appended item lines up with them.
 * A text scan, not a parse: appending must not cost a parse of the whole file. The
 * list must be a block list and the file's last top-level key.
 */
function listIndent(text: string, listKey: string, path: string): number {
  const lines = text.split('\n');
  const keyLine = lines.findIndex((l) => l === `${listKey}:` || l.startsWith(`${listKey}:`) && /^[^:]+:\s*(#.*)?\r?$/.test(l));
  let indent = Infinity;
  for (let i = keyLine + 1; keyLine >= 0 && i < lines.length; i++) {
    const line = lines[i]!;
    if (/^[^\s#-]/.test(line)) return refuse(path, listKey); // another top-level key after the list
    const dash = /^( *)- /.exec(line) ?? /^( *)-\r?$/.exec(line);
    if (dash) indent = Math.min(indent, dash[1]!.length);
  }
  return indent === Infinity ? refuse(path, listKey) : indent;
}

function refuse(path: string, listKey: string): never {
  throw new KefuError('err.cannotAppend', { file: path, key: listKey });
}
