// kefu sync [--no-push] (SPEC §2 Conflict-free sync, §4): commit the pending record
// files, `git pull --rebase` (record files merge through kefu's driver), `git push`.
// Any conflict or failure stops it and leaves the repository as git left it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { kindOfPath, type KindName } from '../../domain/record-kinds.js';
import { parseRecordFile } from '../../domain/yaml-file.js';
import { deskRootFor } from '../../store/desk.js';
import { findInterruptedAppends } from '../../store/append.js';
import { withDeskLock } from '../../store/desk-lock.js';
import { commitPaths, git, HOUSEKEEPING_IN_FOREGROUND, repoState } from '../../store/git.js';
import { ensureMergeDriver } from '../../store/git-config.js';
import type { CliContext } from '../context.js';
import { EXIT, KefuError } from '../errors.js';

export interface SyncOptions {
  /** false with --no-push */
  push?: boolean;
}

/** Kinds whose committed items are never rewritten (SPEC §2 Append-only); config, staff and rosters are edited in place. */
const APPEND_ONLY: readonly KindName[] = ['duty-day', 'complaint', 'work-order', 'callback-month'];

export async function runSync(ctx: CliContext, options: SyncOptions): Promise<number> {
  const root = deskRootFor(ctx.io.cwd, ctx.deskOption);
  const repo = repoState(root);
  if (repo.kind === 'no-git') throw new KefuError('store.gitNotFound', {}, 'store.gitNotFound.hint');
  if (repo.kind === 'none') throw new KefuError('sync.notRepo', { dir: root });
  ensureMergeDriver(root, { required: true });
  const say = (line: string) => ctx.io.stderr.write(`${line}\n`);

  const { upstream, remote, mergeRef } = withDeskLock(root, () => {
    assertNothingInProgress(root);
    const target = upstreamOf(root);
    // an append cut off at a line break can read as a shorter valid item: never commit one
    const torn = findInterruptedAppends(root)[0];
    if (torn) throw new KefuError('store.tornAppend', { file: `${torn.path}:${torn.line}`, line: torn.line }, 'store.tornAppend.hint');
    const pending = pendingRecordFiles(root);
    if (pending.length > 0) {
      const message = `sync: ${pending.length} record file${pending.length === 1 ? '' : 's'}\n\n${pending.join('\n')}\n`;
      commitPaths(root, pending, message);
      say(ctx.t('sync.committed', { count: pending.length }));
    }

    const before = git(root, ['rev-parse', 'HEAD']).trim();
    // the merge driver git starts speaks the language of this run
    const pull = runGit(root, [...HOUSEKEEPING_IN_FOREGROUND, ...identityFlags(root), 'pull', '--rebase', '--no-autostash', '--quiet'], { LC_ALL: undefined, LC_MESSAGES: ctx.lang === 'en' ? 'en_US.UTF-8' : 'zh_CN.UTF-8' });
    if (pull.status !== 0) {
      const unmerged = git(root, ['diff', '--name-only', '--diff-filter=U']).trim().split('\n').filter(Boolean);
      if (unmerged.length === 0 && operationInProgress(root)) {
        // a step git could not do, and rescheduled (RELIABILITY finding 17): no conflict to resolve
        throw new KefuError('sync.stoppedMidRebase', { upstream: target.upstream }, 'sync.stoppedMidRebase.hint', EXIT.failure, indent(pull.output));
      }
      if (unmerged.length > 0) {
        throw new KefuError('sync.conflict', { upstream: target.upstream, files: unmerged.join(', ') }, 'sync.conflict.hint', EXIT.failure, indent(pull.output));
      }
      throw new KefuError('sync.pullFailed', { upstream: target.upstream, detail: lastLine(pull.output) }, 'sync.pullFailed.hint', EXIT.failure, indent(pull.output));
    }
    const pulled = Number(git(root, ['rev-list', '--count', `${before}..@{u}`]).trim());
    say(ctx.t('sync.pulled', { upstream: target.upstream, count: pulled }));
    return target;
  }, { purpose: 'sync' });

  const ahead = Number(git(root, ['rev-list', '--count', '@{u}..HEAD']).trim());
  if (options.push === false) {
    say(ctx.t('sync.notPushed', { count: ahead }));
    return EXIT.clean;
  }
  if (ahead > 0) {
    const push = runGit(root, ['push', '--quiet', remote, `HEAD:${mergeRef}`]);
    if (push.status !== 0) {
      throw new KefuError('sync.pushFailed', { upstream, detail: lastLine(push.output) }, 'sync.pushFailed.hint', EXIT.failure, indent(push.output));
    }
  }
  say(ctx.t('sync.done', { upstream, count: ahead }));
  return EXIT.clean;
}

/** A rebase, merge or cherry-pick left unfinished (by an earlier sync, say) must be finished first. */
function assertNothingInProgress(root: string): void {
  if (operationInProgress(root)) throw new KefuError('sync.inProgress', {}, 'sync.inProgress.hint');
}

function operationInProgress(root: string): boolean {
  return ['rebase-merge', 'rebase-apply', 'MERGE_HEAD', 'CHERRY_PICK_HEAD'].some((name) => existsSync(resolve(root, git(root, ['rev-parse', '--git-path', name]).trim())));
}

/** The branch's upstream, or a refusal naming what is missing. */
function upstreamOf(root: string): { upstream: string; remote: string; mergeRef: string } {
  const branch = tryGit(root, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  if (branch === undefined) throw new KefuError('sync.detached');
  const remotes = (tryGit(root, ['remote']) ?? '').trim();
  if (remotes === '') throw new KefuError('sync.noRemote', { branch }, 'sync.noRemote.hint');
  const upstream = tryGit(root, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{u}']);
  const remote = tryGit(root, ['config', `branch.${branch}.remote`]);
  const mergeRef = tryGit(root, ['config', `branch.${branch}.merge`]);
  if (upstream === undefined || remote === undefined || mergeRef === undefined) {
    throw new KefuError('sync.noUpstream', { branch, remote: remotes.split('\n')[0] }, 'sync.noUpstream.hint');
  }
  return { upstream, remote, mergeRef };
}

/**
 * The record files to commit (kefu.yaml, staff.yaml, files under the record folders,
 * desk-relative). Refuses — committing nothing — a deleted record, an append-only
 * record changed other than by appending, a file that does not read as YAML, and any
 * other uncommitted change to a tracked file (the rebase would stop on it).
 */
function pendingRecordFiles(root: string): string[] {
  const prefix = git(root, ['rev-parse', '--show-prefix']).trim();
  const entries = git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all']).split('\0');
  const pending: string[] = [];
  const others: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.length < 4) continue;
    const [x, y, full] = [entry[0]!, entry[1]!, entry.slice(3)];
    const renamedFrom = x === 'R' || x === 'C' ? entries[++i] : undefined;
    const rel = full.startsWith(prefix) ? full.slice(prefix.length) : undefined;
    const kind = rel !== undefined ? kindOfPath(rel)?.kind : undefined;
    const untracked = x === '?';
    if (renamedFrom !== undefined && renamedFrom.startsWith(prefix) && kindOfPath(renamedFrom.slice(prefix.length))) {
      throw new KefuError('sync.deleted', { file: renamedFrom.slice(prefix.length) }, 'sync.deleted.hint');
    }
    if (!kind || rel === undefined) {
      if (!untracked && x !== '!') others.push(full);
      continue;
    }
    if (x === 'U' || y === 'U' || (x === 'A' && y === 'A') || (x === 'D' && y === 'D')) throw new KefuError('sync.inProgress', {}, 'sync.inProgress.hint');
    if (x === 'D' || y === 'D') throw new KefuError('sync.deleted', { file: rel }, 'sync.deleted.hint');
    assertCommittable(root, rel, APPEND_ONLY.includes(kind.name));
    pending.push(rel);
  }
  if (others.length > 0) throw new KefuError('sync.otherChanges', { files: others.join(', ') }, 'sync.otherChanges.hint');
  return pending;
}

/** The file reads as YAML, ends with a complete line and, for append-only kinds, only adds to its committed text. */
function assertCommittable(root: string, rel: string, appendOnly: boolean): void {
  const bytes = readFileSync(resolve(root, rel));
  const { findings } = parseRecordFile(rel, bytes);
  const first = findings[0];
  if (first) throw new KefuError('sync.badFile', { file: `${rel}:${first.line}` }, 'sync.badFile.hint');
  if (!appendOnly) return;
  const committed = tryGit(root, ['show', `HEAD:./${rel}`], false);
  const current = bytes.toString('utf8');
  if (committed !== undefined && !current.startsWith(committed)) {
    let k = 0;
    while (k < committed.length && committed[k] === current[k]) k++;
    throw new KefuError('err.notAppendOnly', { file: `${rel}:${current.slice(0, k).split('\n').length}` }, 'err.notAppendOnly.hint');
  }
}

/** A machine without a git identity still rebases (as kefu), like commitPaths commits. */
function identityFlags(root: string): string[] {
  return tryGit(root, ['config', 'user.email']) === undefined ? ['-c', 'user.name=kefu', '-c', 'user.email=kefu@localhost'] : [];
}

/** git's output when it succeeds, undefined when it fails (no shell; exit status only). */
function tryGit(root: string, args: string[], trim = true): string | undefined {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  if (r.status !== 0) return undefined;
  return trim ? r.stdout.trim() : r.stdout;
}

/** git with everything it said, for the commands whose failure the user must read (pull, push). */
function runGit(root: string, args: string[], env: Record<string, string | undefined> = {}): { status: number | null; output: string } {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: childEnv });
  if (r.error) throw new KefuError('err.git', { detail: r.error.message });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

function lastLine(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('hint:'));
  return lines[lines.length - 1] ?? '—';
}

function indent(output: string): string {
  return output === '' ? '' : `${output.split('\n').map((l) => `  ${l}`).join('\n')}\n`;
}
