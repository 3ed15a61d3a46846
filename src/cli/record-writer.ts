// What every write command shares (SPEC §2, §4): reading --at, finding a record by a
// unique id prefix, the staff member most likely typing, and writing one item —
// append (or create exclusively), check the file as it will be, commit as its author.
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newId, resolvePrefix } from '../domain/ids.js';
import { schemaModeline } from '../domain/json-schemas.js';
import { homeOfId, type KindName } from '../domain/record-kinds.js';
import { serializeRecordFile } from '../domain/records/serialize.js';
import { onDutyAt } from '../domain/shifts.js';
import { addDays, fromLocal, localDateOf } from '../domain/time.js';
import { appendItem } from '../store/append.js';
import { withDeskLock } from '../store/desk-lock.js';
import { commitPaths, repoState } from '../store/git.js';
import type { MessageKey } from '../i18n/messages.js';
import type { CliContext } from './context.js';
import { checkFileToBe, type DeskSession } from './desk-session.js';
import { KefuError } from './errors.js';

/**
 * --at: an ISO time (offset optional: local to the desk), or a clock time HH:mm meaning
 * its most recent occurrence up to now — a clerk backfilling 23:50 at 02:15 means last night.
 */
export function parseAt(value: string | undefined, now: number, tz: string, flag = '--at'): number {
  if (value === undefined) return now;
  const clock = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (clock) {
    const hhmm = `${clock[1]!.padStart(2, '0')}:${clock[2]}`;
    const today = localDateOf(now, tz);
    const t = fromLocal(today, hhmm, tz);
    if (hhmm < '24:00' && !Number.isNaN(t)) return t <= now ? t : fromLocal(addDays(today, -1), hhmm, tz);
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)$/.exec(value);
  if (local && !Number.isNaN(Date.parse(local[1]!))) return fromLocal(local[1]!, local[2]!, tz);
  throw new KefuError('err.badValue', { flag, value, reason: 'HH:mm | YYYY-MM-DDTHH:mm[:ss][+08:00]' });
}

/** The git author of a write: the staff member who made it (staff data is not personal data, SPEC §2). */
export function authorOf(desk: DeskSession['desk'], staffId: string | undefined): { name: string; email: string } | undefined {
  const member = desk.staff.find((s) => s.id === staffId);
  return member ? { name: member.name, email: `${member.id.toLowerCase()}@kefu.invalid` } : undefined;
}

/** The clerk the roster has on duty at `at` (else anyone on duty), for a `--by` default. */
export function staffOnDuty(session: DeskSession, at: number): string | undefined {
  const { desk } = session;
  const staff = new Map(desk.staff.map((s) => [s.id, s]));
  const onShift = onDutyAt(desk, at).flatMap((d) => d.staff);
  return onShift.find((id) => staff.get(id)?.roles.includes('clerk')) ?? onShift[0];
}

/** Refuses a staff id the desk does not know, naming the flag it came from. */
export function checkStaff(ctx: CliContext, session: DeskSession, flag: string, id: string): string {
  const value = id.trim();
  if (session.desk.staffKnown && !session.desk.staff.some((s) => s.id === value)) {
    throw new KefuError('err.badValue', { flag, value, reason: ctx.t('err.unknownStaff') });
  }
  return value;
}

/** One record of `records` by a unique prefix of its id (SPEC §2 IDs), or a clear error. */
export function findById<T extends { data: { id: string } }>(records: readonly T[], prefix: string | undefined, flag: string): T {
  if (!prefix) throw new KefuError('err.missingFlags', { flags: flag });
  const match = resolvePrefix(prefix, records.map((r) => r.data.id));
  if (match.kind === 'none') throw new KefuError('err.noSuchId', { id: prefix });
  if (match.kind === 'many') throw new KefuError('err.ambiguousId', { id: prefix, ids: match.ids.slice(0, 8).join(', ') });
  return records.find((r) => r.data.id === match.id)!;
}

/** Every id the desk holds or could not read, so a new id never collides with one. */
export function takenIds(session: DeskSession): Set<string> {
  const { desk } = session;
  return new Set<string>([
    ...desk.complaints.map((c) => c.data.id),
    ...desk.workOrders.map((w) => w.data.id),
    ...desk.callbackMonths.flatMap((m) => m.data.callbacks.flatMap((c) => (c.type === 'callback' ? [c.id] : []))),
    ...desk.unreadableIds,
  ]);
}

/**
 * A fresh id PREFIX-YYYYMMDD-XXXX for a record made at `at`. With part of the desk read,
 * a complaint's or work order's id is also free only if no file has it as its name.
 */
export function freshId(session: DeskSession, prefix: string, at: number, taken = takenIds(session)): string {
  const onDisk = (x: string) => {
    const home = homeOfId(x);
    return home !== undefined && /^(complaints|workorders)\//.test(home) && existsSync(join(session.root, home));
  };
  const id = newId(prefix, localDateOf(at, session.desk.config.timezone), (x) => taken.has(x) || (session.partial === true && onDisk(x)), randomInt);
  taken.add(id);
  return id;
}

export interface WriteRequest {
  /** desk-relative path of the record file */
  path: string;
  listKey: string;
  item: unknown;
  /** when the file does not exist yet: the whole record, written exclusively */
  create?: { record: unknown; kind: KindName };
  /** the staff member who made the write: the commit's author */
  by: string | undefined;
  /** the commit message: ids and kinds only, never personal data (SPEC §2) */
  message: string;
  commit: boolean | undefined;
}

/**
 * Appends one item (or creates the file), refusing — and writing nothing — when the
 * file as it will be has any error; then commits it as its author. The session's view
 * of the file is refreshed, so several writes in one run see each other.
 *
 * The append and its commit happen under the desk lock, so that two kefu processes
 * in one clone never run git at once (docs/RELIABILITY.md). In a repository, a write
 * is refused while a rebase or merge is unfinished or HEAD is on no branch. Once the
 * item is written, a commit that fails (git missing, a full disk, a lock held by
 * someone's git) does not undo it and does not fail the command — the record is safe on
 * disk, and a retry would write it twice: a note says so, and the next write or
 * `kefu sync` commits it.
 */
export function writeItem(ctx: CliContext, session: DeskSession, request: WriteRequest): { path: string; created: boolean } {
  const { root } = session;
  const { path } = request;
  return withDeskLock(root, () => {
    const repo = repoState(root);
    if (repo.kind === 'repo' && repo.inProgress) throw new KefuError('store.inProgress', {}, 'sync.inProgress.hint');
    if (repo.kind === 'repo' && repo.detached) throw new KefuError('store.detached', {}, 'store.detached.hint');
    const { created } = appendItem(root, {
      path,
      listKey: request.listKey,
      item: request.item,
      newFile: () => {
        if (!request.create) throw new KefuError('err.noRecordFile', { file: path });
        return serializeRecordFile(request.create.record, schemaModeline(path, request.create.kind));
      },
      check: (text) => checkFileToBe(ctx, session, path, text),
    });
    const bytes = readFileSync(join(root, path));
    session.sources = session.sources.filter((s) => s.path !== path).concat({ path, bytes });
    if (request.commit === false) return { path, created };
    if (repo.kind === 'no-git') {
      note(ctx, 'store.gitMissing', { file: path }, 'store.gitMissing.hint');
    } else if (repo.kind === 'repo') {
      try {
        commitPaths(root, [path], request.message, authorOf(session.desk, request.by));
      } catch (error) {
        if (!(error instanceof KefuError)) throw error;
        const detail = ctx.t(error.key, error.params);
        // a git killed mid-commit leaves its lock behind, and every commit fails until a person removes it
        const lock = /'([^']*index\.lock)': File exists/.exec(detail)?.[1];
        if (lock) note(ctx, 'store.notCommitted', { file: path, detail, lock }, 'store.notCommitted.indexLock.hint');
        else note(ctx, 'store.notCommitted', { file: path, detail }, 'store.notCommitted.hint');
      }
    }
    return { path, created };
  });
}

/** A line on stderr that is not a failure: the write was made. */
function note(ctx: CliContext, key: MessageKey, params: Record<string, unknown>, hint: MessageKey): void {
  ctx.io.stderr.write(`${ctx.err.yellow('kefu:')} ${ctx.t(key, params)}\n${ctx.err.dim(ctx.t(hint, params))}\n`);
}
