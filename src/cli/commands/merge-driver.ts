// kefu merge-driver BASE OURS THEIRS [--path P] — git's merge driver for record
// files (SPEC §2 Conflict-free sync; registered as `merge=kefu`, see store/git-config.ts).
// Merged: the result goes into OURS (git's %A) and the exit status is 0. Not merged:
// OURS is left as it is, the reason goes to stderr and the exit status is 1, so
// git records a normal conflict. Bad input is a conflict, never a crash.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mergeRecordTexts, type MergeConflict, type MergeConflictCode, type MergeSide } from '../../domain/merge.js';
import type { MessageKey } from '../../i18n/messages.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../errors.js';

export interface MergeDriverOptions { base: string; ours: string; theirs: string; path?: string }

const CONFLICT = 1;

const REASONS: Record<MergeConflictCode, MessageKey> = {
  'not-appendable': 'merge.reason.notAppendable',
  unparseable: 'merge.reason.unparseable',
  'no-list': 'merge.reason.noList',
  'header-changed': 'merge.reason.headerChanged',
  'item-changed': 'merge.reason.itemChanged',
  'item-removed': 'merge.reason.itemRemoved',
  'text-changed': 'merge.reason.textChanged',
  'headers-differ': 'merge.reason.headersDiffer',
  'result-invalid': 'merge.reason.resultInvalid',
};
const SIDES: Record<MergeSide, MessageKey> = { base: 'merge.side.base', ours: 'merge.side.ours', theirs: 'merge.side.theirs' };
const decoder = new TextDecoder('utf-8', { fatal: true });

export async function runMergeDriver(ctx: CliContext, options: MergeDriverOptions): Promise<number> {
  const path = options.path ?? options.ours;
  const texts: Partial<Record<MergeSide, string>> = {};
  for (const side of ['base', 'ours', 'theirs'] as const) {
    const file = resolve(ctx.io.cwd, options[side]);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      return refuse(ctx, path, ctx.t('merge.unreadable', { file, detail: (error as Error).message }));
    }
    try {
      texts[side] = decoder.decode(bytes);
    } catch {
      return refuse(ctx, path, describeConflict(ctx, path, { code: 'unparseable', side, line: 1 }));
    }
  }
  let result;
  try {
    result = mergeRecordTexts(texts.base!, texts.ours!, texts.theirs!, path);
  } catch (error) {
    // a bug in the merge must still leave git a plain conflict, not a half-written file
    return refuse(ctx, path, `${describeConflict(ctx, path, { code: 'result-invalid', side: 'ours' })}${ctx.debug ? `\n${(error as Error).stack}` : ''}`);
  }
  if (!result.ok) return refuse(ctx, path, describeConflict(ctx, path, result.reason));
  try {
    writeFileSync(resolve(ctx.io.cwd, options.ours), result.text, 'utf8');
  } catch (error) {
    return refuse(ctx, path, ctx.t('merge.unwritable', { file: options.ours, detail: (error as Error).message }));
  }
  return EXIT.clean;
}

function refuse(ctx: CliContext, path: string, reason: string): number {
  ctx.io.stderr.write(`${ctx.t('merge.conflict', { file: path, reason })}\n`);
  return CONFLICT;
}

function describeConflict(ctx: CliContext, path: string, reason: MergeConflict): string {
  const side = ctx.t(SIDES[reason.side]);
  return ctx.t(REASONS[reason.code], { side, file: path, line: reason.line ?? 1, item: reason.item ?? '?', key: reason.key ?? '?' });
}
