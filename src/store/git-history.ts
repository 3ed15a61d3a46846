// The desk's git history, for `kefu audit` (SPEC §4): every change git recorded to the
// append-only record files, with the bytes of each version. A handful of git processes
// for the whole history — one `git log --raw` for what changed where, then
// `git cat-file --batch` for the contents, a batch of files at a time — never one
// process per file per commit. git runs without a shell, from the top of the work tree,
// with literal pathspecs.
import { execFileSync } from 'node:child_process';
import { KefuError } from '../cli/errors.js';
import { isAuditedPath, type Blob, type FileChange, type FileHistory, type Revision } from '../domain/audit.js';
import { RECORD_FOLDERS } from '../domain/record-kinds.js';

/** Where the desk sits in its git repository. */
export interface DeskRepo {
  /** the top of the work tree */
  top: string;
  /** the desk's folder relative to `top`, with a trailing slash ('' when the desk is the top) */
  prefix: string;
}

/** The repository the desk is in, or undefined when it is not in one. */
export function openDeskRepo(root: string): DeskRepo | undefined {
  let out: string;
  try {
    out = execFileSync('git', ['rev-parse', '--show-toplevel', '--show-prefix'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
  const [top, prefix = ''] = out.split('\n');
  return top ? { top, prefix } : undefined;
}

/** Files per `git cat-file --batch` run: a batch's versions are in memory at once. */
const BATCH_BLOBS = 2000;
const ZERO_OID = /^0+$/;

/**
 * The history of every audited record file ever committed (reachable from HEAD), one
 * file at a time, with its version at HEAD. Side branches are followed too
 * (--full-history): an item changed on a branch is reported even if a merge dropped it.
 */
export function* readDeskHistories(repo: DeskRepo): Generator<FileHistory> {
  if (!hasCommit(repo, 'HEAD')) return;
  const log = gitText(repo, ['log', '--no-color', '--no-show-signature', '--raw', '--root', '-z', '--no-abbrev', '--find-renames=100%', '--full-history', '--topo-order', '--reverse', '--format=%x01%H%x00%P%x00%an%x00%aI', 'HEAD', '--', ...pathspecs(repo)]);
  const changes = new Map<string, PendingChange[]>();
  const add = (path: string, change: PendingChange) => {
    const list = changes.get(path);
    if (list) list.push(change);
    else changes.set(path, [change]);
  };
  for (const commit of parseLog(log)) {
    const revision: Revision = { kind: 'commit', id: commit.id, author: commit.author, date: commit.date };
    if (commit.parents.length > 1) {
      // `git log` shows no diff for a merge: compare it with each parent and the merge base
      for (const [path, change] of mergeChanges(repo, commit.id, commit.parents, revision)) add(path, change);
      continue;
    }
    for (const entry of commit.entries) {
      for (const [path, change] of entryChanges(repo, entry, revision)) add(path, change);
    }
  }
  const head = new Map<string, string>();
  for (const { path, oid } of listTree(repo, 'HEAD')) head.set(path, oid);
  yield* loadHistories(repo, changes, (path) => {
    const oid = head.get(path);
    return oid === undefined ? undefined : { oid };
  });
}

/** The staged changes to audited record files, against HEAD (and MERGE_HEAD while a merge is being committed). */
export function* readStagedHistories(repo: DeskRepo): Generator<FileHistory> {
  if (!hasCommit(repo, 'HEAD')) return; // the first commit: nothing committed can be changed
  const revision: Revision = { kind: 'staged' };
  const changes = new Map<string, PendingChange[]>();
  if (hasCommit(repo, 'MERGE_HEAD')) {
    const mergeHead = gitText(repo, ['rev-parse', '--verify', 'MERGE_HEAD']).trim();
    for (const [path, change] of mergeChanges(repo, undefined, ['HEAD', mergeHead], revision)) changes.set(path, [change]);
  } else {
    const diff = gitText(repo, ['diff', '--no-color', '--cached', '--raw', '-z', '--no-abbrev', '--find-renames=100%', 'HEAD', '--', ...pathspecs(repo)]);
    for (const entry of parseRawEntries(diff.split('\u0000'), 0)) {
      for (const [path, change] of entryChanges(repo, entry, revision)) changes.set(path, [change]);
    }
  }
  yield* loadHistories(repo, changes, (path) => {
    const after = changes.get(path)?.[0]?.after;
    return after === undefined ? undefined : { oid: after, revision };
  });
}

// ── what changed ─────────────────────────────────────────────────────

/** A FileChange with blob ids instead of bytes. */
interface PendingChange {
  revision: Revision;
  before: (string | undefined)[];
  /** a merge with a merge base: the file there (oid undefined: it was not there) */
  base?: { oid: string | undefined };
  after?: string;
  movedTo?: string;
}

interface RawEntry {
  status: string;
  oldOid: string;
  newOid: string;
  /** repository-relative */
  path: string;
  /** for a rename: where it went */
  to?: string;
}

interface LogCommit {
  id: string;
  parents: string[];
  author: string;
  date: string;
  entries: RawEntry[];
}

/** `--format=%x01%H%x00%P%x00%an%x00%aI` with `--raw -z`: \x01, four header fields, then raw entries. */
function parseLog(text: string): LogCommit[] {
  const commits: LogCommit[] = [];
  for (const record of text.split('\u0001')) {
    if (record === '') continue;
    const fields = record.split('\u0000');
    const [id = '', parents = '', author = '', date = ''] = fields;
    commits.push({ id, parents: parents.split(' ').filter(Boolean), author, date, entries: parseRawEntries(fields, 4) });
  }
  return commits;
}

/** `:mode mode oid oid STATUS\0path\0` (a rename or copy: `\0from\0to\0`), from fields[start]. */
function parseRawEntries(fields: string[], start: number): RawEntry[] {
  const entries: RawEntry[] = [];
  for (let i = start; i < fields.length; i++) {
    const spec = fields[i]!.replace(/^\n/, '');
    if (!spec.startsWith(':')) continue;
    const [, , oldOid = '', newOid = '', status = ''] = spec.slice(1).split(' ');
    const path = fields[++i] ?? '';
    const entry: RawEntry = { status, oldOid, newOid, path };
    if (status.startsWith('R') || status.startsWith('C')) entry.to = fields[++i] ?? '';
    entries.push(entry);
  }
  return entries;
}

/** The desk-relative path of a repository path, when it is an audited record file of this desk. */
function deskPath(repo: DeskRepo, repoPath: string): string | undefined {
  if (!repoPath.startsWith(repo.prefix)) return undefined;
  const path = repoPath.slice(repo.prefix.length);
  return isAuditedPath(path) ? path : undefined;
}

function entryChanges(repo: DeskRepo, entry: RawEntry, revision: Revision): [string, PendingChange][] {
  const out: [string, PendingChange][] = [];
  const oid = (o: string) => (ZERO_OID.test(o) ? undefined : o);
  const from = deskPath(repo, entry.path);
  if (entry.status.startsWith('R')) {
    // an exact rename (--find-renames=100%): the same bytes under a new name
    const to = entry.to === undefined ? undefined : deskPath(repo, entry.to);
    if (from !== undefined) out.push([from, { revision, before: [oid(entry.oldOid)], ...(to !== undefined ? { movedTo: to } : {}) }]);
    if (to !== undefined) out.push([to, { revision, before: [undefined], after: entry.newOid }]);
    return out;
  }
  if (from === undefined || entry.status === 'U') return out; // an unmerged path has no staged version yet
  const after = oid(entry.newOid);
  out.push([from, { revision, before: [oid(entry.oldOid)], ...(after !== undefined ? { after } : {}) }]);
  return out;
}

/**
 * What a merge did to each file that differs from one of its parents: the file in each
 * parent, at the merge base and in the result. `commit` undefined: the merge being
 * committed, whose result is the index.
 */
function mergeChanges(repo: DeskRepo, commit: string | undefined, parents: string[], revision: Revision): Map<string, PendingChange> {
  const afterOf = new Map<string, string | undefined>();
  const parentOids = parents.map(() => new Map<string, string | undefined>());
  parents.forEach((parent, i) => {
    const range = commit === undefined ? ['--cached', parent] : [parent, commit];
    const args = ['diff', '--no-color', '--raw', '-z', '--no-abbrev', '--no-renames', ...range];
    const diff = gitText(repo, [...args, '--', ...pathspecs(repo)]);
    for (const entry of parseRawEntries(diff.split('\u0000'), 0)) {
      const path = deskPath(repo, entry.path);
      if (path === undefined || entry.status === 'U') continue;
      parentOids[i]!.set(path, ZERO_OID.test(entry.oldOid) ? undefined : entry.oldOid);
      afterOf.set(path, ZERO_OID.test(entry.newOid) ? undefined : entry.newOid);
    }
  });
  const baseCommit = mergeBase(repo, parents);
  const base = new Map<string, string>();
  if (baseCommit) for (const { path, oid } of listTree(repo, baseCommit)) base.set(path, oid);
  const out = new Map<string, PendingChange>();
  for (const [path, after] of afterOf) {
    // a parent the diff did not list has the file exactly as the merge left it
    const before = parentOids.map((m) => (m.has(path) ? m.get(path) : after));
    out.set(path, { revision, before, ...(after !== undefined ? { after } : {}), ...(baseCommit ? { base: { oid: base.get(path) } } : {}) });
  }
  return out;
}

function mergeBase(repo: DeskRepo, parents: string[]): string | undefined {
  try {
    return gitText(repo, ['merge-base', ...(parents.length > 2 ? ['--octopus'] : []), ...parents]).trim() || undefined;
  } catch {
    return undefined; // unrelated histories
  }
}

function listTree(repo: DeskRepo, treeish: string): { path: string; oid: string }[] {
  const out: { path: string; oid: string }[] = [];
  for (const line of gitText(repo, ['ls-tree', '-r', '-z', '--full-tree', treeish, '--', ...pathspecs(repo)]).split('\u0000')) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(line);
    const path = m ? deskPath(repo, m[2]!) : undefined;
    if (m && path !== undefined) out.push({ path, oid: m[1]! });
  }
  return out;
}

// ── the bytes ────────────────────────────────────────────────────────

function* loadHistories(repo: DeskRepo, changes: Map<string, PendingChange[]>, currentOf: (path: string) => { oid: string; revision?: Revision } | undefined): Generator<FileHistory> {
  const paths = [...changes.keys()].sort();
  let batch: string[] = [];
  let oids = new Set<string>();
  const flush = function* (): Generator<FileHistory> {
    const blobs = readBlobs(repo, [...oids]);
    const blob = (oid: string): Blob => {
      const bytes = blobs.get(oid);
      if (!bytes) throw new KefuError('err.git', { detail: `object ${oid} is missing` });
      return { oid, bytes };
    };
    for (const path of batch) {
      const fileChanges: FileChange[] = changes.get(path)!.map((c) => ({
        revision: c.revision,
        before: c.before.map((o) => (o === undefined ? undefined : blob(o))),
        ...(c.base ? { base: c.base.oid === undefined ? undefined : blob(c.base.oid) } : {}),
        ...(c.after !== undefined ? { after: blob(c.after) } : {}),
        ...(c.movedTo !== undefined ? { movedTo: c.movedTo } : {}),
      }));
      const current = currentOf(path);
      yield { path, changes: fileChanges, ...(current ? { current: { blob: blob(current.oid), ...(current.revision ? { revision: current.revision } : {}) } } : {}) };
    }
    batch = [];
    oids = new Set();
  };
  for (const path of paths) {
    batch.push(path);
    for (const c of changes.get(path)!) {
      for (const o of [...c.before, c.base?.oid, c.after]) if (o !== undefined) oids.add(o);
    }
    const current = currentOf(path);
    if (current) oids.add(current.oid);
    if (oids.size >= BATCH_BLOBS) yield* flush();
  }
  if (batch.length > 0) yield* flush();
}

/** `git cat-file --batch`: `<oid> blob <size>\n<bytes>\n` per object asked for. */
function readBlobs(repo: DeskRepo, oids: string[]): Map<string, Uint8Array> {
  const blobs = new Map<string, Uint8Array>();
  if (oids.length === 0) return blobs;
  const out = gitBytes(repo, ['cat-file', '--batch'], `${oids.join('\n')}\n`);
  let at = 0;
  while (at < out.length) {
    const nl = out.indexOf(0x0a, at);
    if (nl < 0) break;
    const header = out.subarray(at, nl).toString('utf8');
    const m = /^([0-9a-f]+) blob (\d+)$/.exec(header);
    if (!m) {
      at = nl + 1; // `<oid> missing`: reported by whoever needs it
      continue;
    }
    const size = Number(m[2]);
    blobs.set(m[1]!, out.subarray(nl + 1, nl + 1 + size));
    at = nl + 1 + size + 1;
  }
  return blobs;
}

// ── running git ──────────────────────────────────────────────────────

function pathspecs(repo: DeskRepo): string[] {
  return RECORD_FOLDERS.map((folder) => `${repo.prefix}${folder}`);
}

function hasCommit(repo: DeskRepo, ref: string): boolean {
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: repo.top, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function gitText(repo: DeskRepo, args: string[]): string {
  return gitBytes(repo, args).toString('utf8');
}

function gitBytes(repo: DeskRepo, args: string[], input?: string): Buffer {
  try {
    return execFileSync('git', ['--literal-pathspecs', ...args], {
      cwd: repo.top,
      ...(input !== undefined ? { input } : {}),
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 1 << 30,
    });
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string; code?: string };
    const detail = e.code === 'ENOENT' ? 'git is not installed' : (e.stderr?.toString('utf8') || e.message).trim().split('\n')[0];
    throw new KefuError('err.git', { detail });
  }
}
