// A small soak (docs/RELIABILITY.md, "Soak"): scripts/soak.mjs with two writers in two
// clones and a sync loop between them; every append present exactly once in both clones,
// validate and audit clean. KEFU_SOAK_APPENDS scales it up (the long runs are in RELIABILITY.md).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

const appends = Number(process.env.KEFU_SOAK_APPENDS) || 24;

describe('soak: two writers in two clones with a sync loop', () => {
  it(`${appends} appends: every one present once in both clones, validate and audit clean, the clones equal`, () => {
    const dir = tempDir('kefu-soak-');
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'soak.mjs'), '--appends', String(appends), '--dir', dir, '--pause', '500', '--json'], { encoding: 'utf8' });
    const summary = JSON.parse(r.stdout) as { ok: boolean; checks: { name: string; ok: boolean; detail?: string }[]; syncs: Record<string, number>; seconds: unknown; appendMs: unknown };
    console.log('soak:', JSON.stringify({ appends, seconds: summary.seconds, appendMs: summary.appendMs, syncs: summary.syncs }));
    expect(summary.checks.filter((c) => !c.ok)).toEqual([]);
    expect(summary.syncs.ok).toBeGreaterThan(0);
    expect(r.status).toBe(0);
  }, 240_000);
});
