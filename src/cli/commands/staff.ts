// kefu staff list|add (SPEC §4): set up a desk's people without hand-editing YAML.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq } from 'yaml';
import { describe } from '../../diagnostics/catalogue.js';
import { schemaModeline } from '../../domain/json-schemas.js';
import { ROLES, type Role } from '../../domain/records/common.js';
import { serializeListItem, serializeRecordFile } from '../../domain/records/serialize.js';
import { STAFF_FILE, staffFileSchema, staffMemberSchema, type StaffFile, type StaffMember } from '../../domain/records/staff.js';
import { checkSchema } from '../../domain/schema-check.js';
import { parseRecordFile } from '../../domain/yaml-file.js';
import { deskRootFor } from '../../store/desk.js';
import { commitPaths, isInsideGitRepo } from '../../store/git.js';
import { ensureMergeDriver } from '../../store/git-config.js';
import { replaceFile } from '../../store/write-file.js';
import { checkFormat, type CliContext } from '../context.js';
import { EXIT, KefuError } from '../errors.js';
import { askMissing, type Question } from '../prompts.js';
import { renderTable } from '../render/table.js';
import { renderJson } from '../render/terminal-text.js';

export interface StaffAddFlags {
  id?: string;
  name?: string;
  roles?: string;
  phone?: string;
  commit?: boolean;
}

function readStaffFile(root: string): { text: string; data: StaffFile; lastKeyIsStaffBlock: boolean } {
  const path = join(root, STAFF_FILE);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return { text: '', data: { staff: [] }, lastKeyIsStaffBlock: false };
  }
  const { file, findings } = parseRecordFile(STAFF_FILE, bytes);
  const checked = findings.length === 0 ? checkSchema(staffFileSchema, file.data, STAFF_FILE) : undefined;
  if (!checked?.ok) throw new KefuError('err.staffFileBroken');
  const root_ = file.doc?.contents;
  const last = isMap(root_) ? root_.items[root_.items.length - 1] : undefined;
  const lastKeyIsStaffBlock = !!last && String((last.key as { value?: unknown })?.value) === 'staff' && isSeq(last.value) && !last.value.flow;
  return { text: file.text, data: checked.data, lastKeyIsStaffBlock };
}

export async function runStaffList(ctx: CliContext, options: { format?: string }): Promise<number> {
  const format = checkFormat(options.format, ['table', 'json'] as const, 'table');
  const root = deskRootFor(ctx.io.cwd, ctx.deskOption);
  ensureMergeDriver(root);
  const { data } = readStaffFile(root);
  if (format === 'json') {
    ctx.io.stdout.write(`${renderJson(data.staff)}\n`);
    return EXIT.clean;
  }
  if (data.staff.length === 0) {
    ctx.io.stderr.write(`${ctx.t('staff.none')}\n`);
    return EXIT.clean;
  }
  const head = (['staff.col.id', 'staff.col.name', 'staff.col.roles', 'staff.col.phone', 'staff.col.active', 'staff.col.leave'] as const).map((k) => ctx.t(k));
  const rows = data.staff.map((s) => [
    s.id,
    s.name,
    s.roles.join(', '),
    s.phone ?? '',
    s.active === false ? '✗' : '✓',
    (s.leave ?? []).map((l) => `${l.from}~${l.to}${l.reason ? ` ${l.reason}` : ''}`).join('\n'),
  ]);
  ctx.io.stdout.write(`${renderTable(head, rows, ctx.colorOut)}\n`);
  return EXIT.clean;
}

export async function runStaffAdd(ctx: CliContext, flags: StaffAddFlags): Promise<number> {
  const root = deskRootFor(ctx.io.cwd, ctx.deskOption);
  ensureMergeDriver(root);
  const current = readStaffFile(root);
  const nextId = suggestId(current.data.staff);
  const missing: Question[] = [];
  if (!flags.id) missing.push({ flag: '--id', message: ctx.t('prompt.staff.id'), default: nextId });
  if (!flags.name) missing.push({ flag: '--name', message: ctx.t('prompt.staff.name') });
  if (!flags.roles) missing.push({ flag: '--roles', message: ctx.t('prompt.staff.roles'), multiple: true, choices: ROLES.map((r) => ({ value: r, name: r })) });
  if (flags.phone === undefined && missing.length > 0) missing.push({ flag: '--phone', message: ctx.t('prompt.staff.phone'), required: false });
  const answers = await askMissing(ctx, missing);

  const phone = flags.phone ?? answers['--phone'];
  const member: StaffMember = {
    id: (flags.id ?? answers['--id'] ?? '').trim(),
    name: (flags.name ?? answers['--name'] ?? '').trim(),
    roles: (flags.roles ?? answers['--roles'] ?? '').split(',').map((r) => r.trim()).filter(Boolean) as Role[],
    ...(phone ? { phone } : {}),
    active: true,
  };
  const checked = checkSchema(staffMemberSchema, member, STAFF_FILE);
  if (!checked.ok) {
    const f = checked.findings[0]!;
    const field = String(f.path?.[0] ?? '');
    const value = String((member as unknown as Record<string, unknown>)[field] ?? '');
    throw new KefuError('err.badValue', { flag: `--${field}`, value, reason: describe(f.code, f.params ?? {}, ctx.lang).message });
  }
  const existing = current.data.staff.find((s) => s.id === member.id);
  if (existing) throw new KefuError('err.staffExists', { id: member.id, name: existing.name });

  // staff.yaml is the desk's list of people, not an append-only record: when its list
  // is not a block list at the end of the file, it is written anew.
  const text = current.lastKeyIsStaffBlock
    ? `${current.text}${current.text.endsWith('\n') ? '' : '\n'}${serializeListItem(member)}`
    : serializeRecordFile({ staff: [...current.data.staff, member] }, schemaModeline(STAFF_FILE, 'staff'));
  const reread = parseRecordFile(STAFF_FILE, Buffer.from(text));
  if (reread.findings.length > 0 || !checkSchema(staffFileSchema, reread.file.data, STAFF_FILE).ok) throw new KefuError('err.staffInvalid');
  replaceFile(join(root, STAFF_FILE), text);
  if (flags.commit !== false && isInsideGitRepo(root)) commitPaths(root, [STAFF_FILE], `kefu: staff ${member.id} added`);
  ctx.io.stderr.write(`${ctx.t('staff.added', { id: member.id, name: member.name, roles: member.roles.join(', ') })}\n`);
  return EXIT.clean;
}

/** The next free id in the desk's own numbering (S01, S02 … → S13). */
function suggestId(staff: StaffMember[]): string {
  const numbers = staff.map((s) => /^([A-Z]*)(\d+)$/.exec(s.id)).filter((m): m is RegExpExecArray => !!m);
  if (numbers.length === 0) return 'S01';
  const last = numbers.reduce((a, b) => (Number(a[2]) >= Number(b[2]) ? a : b));
  const n = String(Number(last[2]) + 1).padStart(last[2]!.length, '0');
  return `${last[1]}${n}`;
}
