// Reading part of a desk (issue 7: appends do not load the desk): what every write
// needs — kefu.yaml, staff.yaml and the rosters of the months it touches — and the
// record files it names.
import { lstatSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { SourceFile } from '../domain/load-desk.js';
import { CONFIG_FILE } from '../domain/records/config.js';
import { STAFF_FILE } from '../domain/records/staff.js';

/** kefu.yaml and staff.yaml. */
export function readDeskBase(root: string): SourceFile[] {
  return readDeskFiles(root, [CONFIG_FILE, STAFF_FILE]);
}

/** The roster files (every team's) of the given months, YYYY-MM. */
export function readRosters(root: string, months: ReadonlySet<string>): SourceFile[] {
  return readDeskFiles(root, rosterPaths(root).filter((p) => months.has(p.slice('rosters/'.length, 'rosters/'.length + 7))));
}

/** Every roster file's path (regular files only), sorted. */
export function rosterPaths(root: string): string[] {
  let entries: Dirent[] = [];
  try {
    entries = readdirSync(join(root, 'rosters'), { withFileTypes: true });
  } catch {
    // a desk need not have rosters yet
  }
  return entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => `rosters/${e.name}`).sort();
}

/** The files among `paths` (desk-relative) that exist as regular files — a symlink is never followed. */
export function readDeskFiles(root: string, paths: readonly string[]): SourceFile[] {
  const out: SourceFile[] = [];
  for (const path of new Set(paths)) {
    try {
      if (lstatSync(join(root, path)).isFile()) out.push({ path, bytes: readFileSync(join(root, path)) });
    } catch {
      // not there (yet): a new day's file, a record that does not exist
    }
  }
  return out;
}

/**
 * The files of `folder` (complaints or workorders: one file a record, in YYYY/MM/ by the
 * date in its id) whose ids start with `prefix` — one month's folder listed. Undefined
 * when the prefix is too short to name its month (TS-2026… is not; TS-202611… is).
 */
export function recordFilesByPrefix(root: string, folder: 'complaints' | 'workorders', prefix: string): string[] | undefined {
  const p = prefix.trim().toUpperCase();
  const m = /^[A-Z]+-(\d{4})(\d{2})/.exec(p);
  if (!m) return undefined;
  const dir = `${folder}/${m[1]}/${m[2]}`;
  let names: string[] = [];
  try {
    names = readdirSync(join(root, dir));
  } catch {
    // no records that month
  }
  return names.filter((n) => n.startsWith(p) && n.endsWith('.yaml')).map((n) => `${dir}/${n}`);
}
