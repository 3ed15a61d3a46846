// Writing files without ever overwriting or half-writing one (SPEC §2 Crash safety),
// and turning what the file system says when it cannot into a clear refusal.
import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { KefuError } from '../cli/errors.js';

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes all of `bytes` at the file's current end. write() may write less than asked
 * (a disk that fills up mid-item writes what fits and then fails): keep going until
 * everything is written or an error is thrown, never returning after half an item.
 */
export function writeAll(fd: number, bytes: Uint8Array, position?: number): void {
  let done = 0;
  while (done < bytes.length) {
    const n = writeSync(fd, bytes, done, bytes.length - done, position === undefined ? null : position + done);
    if (n <= 0) throw Object.assign(new Error('write returned 0'), { code: 'EIO' });
    done += n;
  }
}

/**
 * Creates a file that must not exist yet, whole or not at all: the text goes to a temp
 * file beside it (written, fsynced), which is then hard-linked to the name — link()
 * fails if the name exists, like open(…, 'wx'), and is atomic, so a crash leaves
 * either no file or the complete one, never an empty or cut-off record. File systems
 * without hard links fall back to open(…, 'wx').
 */
export function writeNewFile(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.kefu-${process.pid}.tmp`);
  try {
    writeWhole(temp, text, 'w');
    try {
      linkSync(temp, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
      writeNewFileDirectly(path, text);
    }
  } catch (error) {
    throw asWriteError(error, path);
  } finally {
    rmSync(temp, { force: true });
  }
  fsyncDir(dirname(path));
}

function writeNewFileDirectly(path: string, text: string): void {
  try {
    writeWhole(path, text, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(path, { force: true }); // ours, half-written
    throw error;
  }
}

function writeWhole(path: string, text: string, flag: 'w' | 'wx'): void {
  const fd = openSync(path, flag);
  try {
    writeAll(fd, Buffer.from(text, 'utf8'));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Replaces a non-record file (staff.yaml) atomically: temp file, fsync, rename. */
export function replaceFile(path: string, text: string): void {
  const temp = `${path}.kefu-${process.pid}.tmp`;
  try {
    writeWhole(temp, text, 'w');
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw asWriteError(error, path);
  }
  fsyncDir(dirname(path));
}

/** Failures that mean "this disk or folder cannot take the write", by errno. */
const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM']);
const NO_SPACE = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

/**
 * A file-system failure as the clear refusal the user reads (exit 2): a full disk, a
 * read-only or forbidden folder, an I/O error. Anything else (a KefuError, a bug) is
 * returned as it is.
 */
export function asWriteError(error: unknown, file: string): unknown {
  if (error instanceof KefuError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return error;
  if (NO_SPACE.has(code)) return new KefuError('store.noSpace', { file, code }, 'store.noSpace.hint');
  if (READ_ONLY.has(code)) return new KefuError('store.readOnly', { file, code }, 'store.readOnly.hint');
  if (code === 'EEXIST') return error;
  return new KefuError('store.ioFailed', { file, code }, 'store.ioFailed.hint');
}
