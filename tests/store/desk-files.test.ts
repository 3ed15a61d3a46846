// Reading a desk's files from disk (src/store/desk-files.ts) with symbolic links in it
// (issue 8): a link is never followed, and each is handed to the loader, which reports it.
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KefuError } from '../../src/cli/errors.js';
import { loadDesk } from '../../src/domain/load-desk.js';
import { appendItem } from '../../src/store/append.js';
import { readDeskSources } from '../../src/store/desk-files.js';
import { copyDesk, ROOT, tempDir } from '../helpers/cli.js';

const BASE_DESK = join(ROOT, 'tests', 'fixtures', 'base-desk');
const AS_OF = Date.parse('2026-11-25T09:00:00+08:00');
const CANARY = 'CANARY-OUTSIDE-desk-files';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A base desk, a folder outside it holding a record that must never be read, and links from one to the other. */
function deskWithLinks(): { desk: string; outside: string } {
  const desk = copyDesk(BASE_DESK);
  const outside = tempDir('kefu-outside-');
  temps.push(desk, outside);
  mkdirSync(join(outside, 'rosters'));
  writeFileSync(join(outside, 'WO-20261125-SECR.yaml'), `id: WO-20261125-SECR\nsecret: ${CANARY}\n`);
  writeFileSync(join(outside, 'rosters', '2027-01.yaml'), `month: "2027-01"\nsecret: ${CANARY}\n`);
  writeFileSync(join(outside, 'staff.yaml'), readFileSync(join(desk, 'staff.yaml')));
  symlinkSync(join(outside, 'WO-20261125-SECR.yaml'), join(desk, 'workorders/2026/11/WO-20261125-SECR.yaml'));
  symlinkSync(outside, join(desk, 'workorders/2026/12'));
  symlinkSync('/nonexistent/nowhere.yaml', join(desk, 'duty/2026/11/2026-11-26.yaml'));
  symlinkSync('2026-11-27.yaml', join(desk, 'duty/2026/11/2026-11-27.yaml')); // a loop
  rmSync(join(desk, 'staff.yaml'));
  symlinkSync(join(outside, 'staff.yaml'), join(desk, 'staff.yaml'));
  return { desk, outside };
}

describe('symbolic links in a desk', () => {
  it('are listed with their target and no bytes, never followed — files, folders, dangling links and loops alike', () => {
    const { desk, outside } = deskWithLinks();
    for (const lazy of [false, true]) {
      const sources = readDeskSources(desk, { lazy });
      const links = sources.filter((s) => s.link !== undefined).map((s) => [s.path, s.link, s.bytes.length]);
      expect(links).toEqual([
        ['staff.yaml', join(outside, 'staff.yaml'), 0],
        ['duty/2026/11/2026-11-26.yaml', '/nonexistent/nowhere.yaml', 0],
        ['duty/2026/11/2026-11-27.yaml', '2026-11-27.yaml', 0],
        ['workorders/2026/11/WO-20261125-SECR.yaml', join(outside, 'WO-20261125-SECR.yaml'), 0],
        ['workorders/2026/12', outside, 0],
      ]);
      // nothing under the linked folder is listed, nothing outside is read
      expect(sources.some((s) => s.path.startsWith('workorders/2026/12/'))).toBe(false);
      for (const s of sources) expect(Buffer.from(s.bytes).toString('utf8')).not.toContain(CANARY);
    }
  });

  it('are each reported as FILE_SYMLINK at the link, in the loader, and the rest of the desk is checked as usual', () => {
    const { desk, outside } = deskWithLinks();
    const { diagnostics, desk: loaded } = loadDesk(readDeskSources(desk), { asOf: AS_OF });
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code} ${String(d.params.target)}`)).toEqual([
      'duty/2026/11/2026-11-26.yaml:1:1 FILE_SYMLINK /nonexistent/nowhere.yaml',
      'duty/2026/11/2026-11-27.yaml:1:1 FILE_SYMLINK 2026-11-27.yaml',
      `staff.yaml:1:1 FILE_SYMLINK ${join(outside, 'staff.yaml')}`,
      `workorders/2026/11/WO-20261125-SECR.yaml:1:1 FILE_SYMLINK ${join(outside, 'WO-20261125-SECR.yaml')}`,
      `workorders/2026/12:1:1 FILE_SYMLINK ${outside}`,
    ]);
    // the linked work order's id, from its name, still exists for references to it
    expect(loaded.unreadableIds.has('WO-20261125-SECR')).toBe(true);
    expect(loaded.staffKnown).toBe(false);
    expect(loaded.workOrders.map((w) => w.file)).not.toContain('workorders/2026/11/WO-20261125-SECR.yaml');
  });

  it('a record folder that is itself a link, and a linked kefu.yaml, are reported once each and not read', () => {
    const desk = copyDesk(BASE_DESK);
    const outside = tempDir('kefu-outside-');
    temps.push(desk, outside);
    mkdirSync(join(outside, 'rosters'));
    writeFileSync(join(outside, 'rosters', '2026-12.yaml'), readFileSync(join(desk, 'rosters', '2026-12.yaml')));
    writeFileSync(join(outside, 'kefu.yaml'), readFileSync(join(desk, 'kefu.yaml')));
    rmSync(join(desk, 'rosters'), { recursive: true });
    rmSync(join(desk, 'kefu.yaml'));
    symlinkSync(join(outside, 'rosters'), join(desk, 'rosters'));
    symlinkSync(join(outside, 'kefu.yaml'), join(desk, 'kefu.yaml'));
    const sources = readDeskSources(desk);
    expect(sources.filter((s) => s.link !== undefined).map((s) => s.path)).toEqual(['kefu.yaml', 'rosters']);
    expect(sources.some((s) => s.path.startsWith('rosters/'))).toBe(false);
    const { diagnostics, desk: loaded } = loadDesk(sources, { asOf: AS_OF });
    expect(diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual(['kefu.yaml FILE_SYMLINK', 'rosters FILE_SYMLINK']);
    expect(loaded.rosters).toEqual([]);
    expect(loaded.configKnown).toBe(false);
  });

  it('are never written through: an append to a linked file, or a new file under a linked folder, is refused and nothing changes', () => {
    const { desk, outside } = deskWithLinks();
    const secret = readFileSync(join(outside, 'WO-20261125-SECR.yaml'), 'utf8');
    const request = (path: string) => ({
      path,
      listKey: 'events',
      item: { type: 'note', at: '2026-11-25T10:00:00+08:00', by: 'S02', note: 'x' },
      newFile: () => 'id: WO-20261201-NEW1\nevents: []\n',
      check: () => undefined,
    });
    const refusal = (path: string) => {
      try {
        appendItem(desk, request(path));
      } catch (error) {
        return error instanceof KefuError ? [error.key, error.params.file] : error;
      }
      return 'written';
    };
    expect(refusal('workorders/2026/11/WO-20261125-SECR.yaml')).toEqual(['err.symlink', 'workorders/2026/11/WO-20261125-SECR.yaml']);
    expect(refusal('workorders/2026/12/WO-20261201-NEW1.yaml')).toEqual(['err.symlink', 'workorders/2026/12']);
    expect(readFileSync(join(outside, 'WO-20261125-SECR.yaml'), 'utf8')).toBe(secret);
    expect(() => readFileSync(join(outside, 'WO-20261201-NEW1.yaml'))).toThrow(); // nothing created in the folder outside
  });
});
