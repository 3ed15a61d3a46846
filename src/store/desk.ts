// Opening the desk a command works on: -C/--desk or the nearest kefu.yaml upward.
import { resolve } from 'node:path';
import { KefuError } from '../cli/errors.js';
import { findDeskRoot } from './find-desk.js';

export function deskRootFor(cwd: string, deskOption: string | undefined): string {
  const start = resolve(cwd, deskOption ?? '.');
  const root = findDeskRoot(start);
  if (!root) throw new KefuError('err.deskNotFound', { dir: start }, 'err.deskNotFound.hint');
  return root;
}
