// Writing files without ever overwriting or half-writing one (SPEC §2 Crash safety).
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Creates a file that must not exist yet ('wx'), writes it whole, fsyncs it and its folder. */
export function writeNewFile(path: string, text: string): void {
  const fd = openSync(path, 'wx');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  fsyncDir(dirname(path));
}

/** Replaces a non-record file (staff.yaml) atomically: temp file, fsync, rename. */
export function replaceFile(path: string, text: string): void {
  const temp = `${path}.kefu-${process.pid}.tmp`;
  writeNewFile(temp, text);
  renameSync(temp, path);
  fsyncDir(dirname(path));
}
