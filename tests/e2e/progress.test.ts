// Issue 7 item 7: progress on stderr while a desk is read, on a terminal only. `script`
// (util-linux) gives kefu a real pseudo-terminal and records every byte it writes.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AS_OF, copyDesk, EXAMPLE_DESK, KEFU, runKefuSync } from '../helpers/cli.js';

const hasScript = spawnSync('script', ['--version']).status === 0;
const args = (desk: string) => ['validate', '-C', desk, '--lang', 'en', '--as-of', AS_OF];

describe.skipIf(!hasScript)('reading a desk shows progress on a terminal, and only there', () => {
  it('on a terminal: "Reading the desk: 100 of 433 files …" every hundred files, rewritten in place, cleared before the result', () => {
    const desk = copyDesk(EXAMPLE_DESK);
    const command = [process.execPath, KEFU, ...args(desk)].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, KEFU_PROGRESS_AFTER_MS: '0', CI: '' } });
    expect(r.status).toBe(0);
    const lines = [...r.stdout.matchAll(/\r\x1b\[2K(?:\x1b\[2m)?Reading the desk: (\d+) of (\d+) files …/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(lines).toEqual([[100, 433], [200, 433], [300, 433], [400, 433]]);
    // the line is cleared, then the result is printed on a clean line
    expect(r.stdout).toMatch(/files …(?:\x1b\[22m)?\r\x1b\[2K(?:\x1b\[\d+m)?433 files checked, no problems\./);
  });

  it('piped: no progress at all, even when reading is slow', () => {
    const desk = copyDesk(EXAMPLE_DESK);
    const r = runKefuSync(args(desk), { env: { KEFU_PROGRESS_AFTER_MS: '0' } });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('433 files checked, no problems.\n');
  });
});
