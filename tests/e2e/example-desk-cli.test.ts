// kefu validate on temp copies of the example desk, as git repos, with a fixed --as-of.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, copyDesk, EXAMPLE_DESK, git, runKefuSync as runKefu } from '../helpers/cli.js';

interface Problem { file: string; line: number; col: number; code: string; severity: string; message: string; hint: string }

function validateJson(desk: string, ...extra: string[]) {
  const r = runKefu(['validate', '-C', desk, '--format', 'json', '--lang', 'en', ...extra]);
  return { status: r.status, stderr: r.stderr, doc: JSON.parse(r.stdout) as { ok: boolean; problems: Problem[] } };
}

/** Replaces one exact snippet in a desk file and returns the 1-based line and column where the new text starts. */
function plant(desk: string, file: string, from: string, to: string): { line: number; col: number } {
  const path = join(desk, file);
  const text = readFileSync(path, 'utf8');
  const at = text.indexOf(from);
  expect(at, `${from} in ${file}`).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(from, at + 1), `${from} is unique in ${file}`).toBe(-1);
  writeFileSync(path, text.slice(0, at) + to + text.slice(at + from.length));
  const before = text.slice(0, at).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}

describe('the example desk through the CLI', () => {
  let desk: string;
  beforeAll(() => {
    desk = copyDesk(EXAMPLE_DESK);
    git(desk, ['init', '-q', '--initial-branch=main']);
    git(desk, ['add', '-A']);
    git(desk, ['commit', '-q', '-m', 'example desk']);
  });

  it('validates clean as of the morning of 2026-11-25: {"ok": true, "problems": []}, exit 0', () => {
    const r = validateJson(desk, '--as-of', AS_OF);
    expect(r.doc).toEqual({ ok: true, problems: [] });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(''); // json mode: the document is the whole answer
    expect(runKefu(['validate', '-C', desk, '--lang', 'en', '--as-of', AS_OF]).stderr).toBe('433 files checked, no problems.\n');
  });

  it('a month later, untested leak repairs are warnings only: ok stays true, exit 0', () => {
    const r = validateJson(desk, '--as-of', '2026-12-25T09:00:00+08:00');
    expect(r.status).toBe(0);
    expect(r.doc.ok).toBe(true);
    for (const p of r.doc.problems) expect(p).toMatchObject({ code: 'LEAK_NOT_TESTED', severity: 'warning' });
  });

  it('three planted mistakes give exactly three diagnostics at their places, in text and json alike', () => {
    const copy = copyDesk(EXAMPLE_DESK);
    const channel = plant(copy, 'duty/2026/11/2026-11-10.yaml', 'channel: wechat\n    kind: repair\n    from:\n      name: 孙女士', 'channel: weixin\n    kind: repair\n    from:\n      name: 孙女士');
    const link = plant(copy, 'duty/2026/11/2026-11-10.yaml', '      - WO-20261110-WK0R', '      - WO-20261110-WK0X');
    const update = plant(copy, 'duty/2026/11/2026-11-10.yaml', 'entry: D-20261109-HSDB\n    at: "2026-11-10T09:20:00+08:00"\n    by: S08', 'entry: D-20261109-HSDB\n    at: "2026-11-10T09:20:00+08:00"\n    by: S99');
    const r = validateJson(copy, '--as-of', AS_OF);
    expect(r.status).toBe(1);
    expect(r.doc.ok).toBe(false);
    const file = 'duty/2026/11/2026-11-10.yaml';
    expect(r.doc.problems.map((p) => [p.file, p.line, p.col, p.code])).toEqual([
      [file, channel.line, channel.col + 'channel: '.length, 'SCHEMA_ENUM'],
      [file, update.line + 2, 'by: '.length + 5, 'STAFF_UNKNOWN'],
      [file, link.line, link.col + '      - '.length, 'REF_DANGLING'],
    ]);
    const text = runKefu(['validate', '-C', copy, '--lang', 'en', '--as-of', AS_OF]);
    expect(text.status).toBe(1);
    const headers = text.stdout.split('\n').filter((l) => /^\S+:\d+:\d+ {2}[A-Z_]+ {2}/.test(l));
    expect(headers).toEqual(r.doc.problems.map((p) => `${p.file}:${p.line}:${p.col}  ${p.code}  ${p.message}`));
  });
});
