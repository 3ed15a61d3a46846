// One diagnostic per planted mistake, at the right line and column. Temp copies of the
// example desk get realistic mistakes planted (tests/planted/plants.ts: five copies with
// many mistakes each, and single-mistake copies for the hard cases); the pipeline runs
// in-process on each copy, and the list of `file:line:col CODE` must equal the expected
// list exactly — an extra diagnostic (a cascade) or a missing one fails. Expected
// positions are worked out from the planted text (tests/planted/desk.ts), so the test
// survives a regenerated example desk, and a plant whose text is gone throws.
//
// Left out, as todos (known limitations — one mistake hides another; KNOWN_LIMITATIONS):
//   config-clock-25-plus-window           a config whose shifts are unreadable hides a SHIFT_UNKNOWN in a duty file
//   staff-leave-bad-plus-roster-conflict  a staff member with unreadable leave hides a ROSTER_ON_LEAVE
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { loadDesk } from '../src/domain/load-desk.js';
import { readDeskSources } from '../src/store/desk-files.js';
import { AS_OF, runKefu } from './helpers/cli.js';
import { exampleDeskDigest, PlantedDesk, type Resolved } from './planted/desk.js';
import { COPIES, KNOWN_LIMITATIONS, SINGLES, type Plant } from './planted/plants.js';

const AS_OF_MS = Date.parse(AS_OF);

interface Place {
  file: string;
  line: number;
  col: number;
  code: string;
}

/** By file, then line, then column (then code): the order validate reports in. */
function byPlace(a: Place, b: Place): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.col - b.col || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

const head = (p: Place) => `${p.file}:${p.line}:${p.col} ${p.code}`;

/** Plants the mistakes in a fresh copy of the example desk, then validates it in-process. */
function plantAndLoad(plant: Plant): { expected: Resolved[]; diagnostics: Diagnostic[] } {
  const desk = new PlantedDesk();
  try {
    plant(desk);
    const expected = desk.resolve().sort(byPlace);
    const { diagnostics } = loadDesk(readDeskSources(desk.dir), { asOf: AS_OF_MS });
    return { expected, diagnostics };
  } finally {
    desk.remove();
  }
}

function expectOnePerMistake(expected: Resolved[], diagnostics: Diagnostic[]): void {
  const planted = ['planted:', ...expected.map((e) => `  ${head(e)}  — ${e.desc}`)].join('\n');
  expect(diagnostics.map(head), planted).toEqual(expected.map(head));
  for (const e of expected) {
    if (e.severity) expect(diagnostics.find((d) => head(d) === head(e))?.severity, `${head(e)} severity`).toBe(e.severity);
  }
}

describe('planted mistakes: one diagnostic per mistake, at its line and column', () => {
  // the copies are hard links to examples/desk until a plant replaces a file: make sure none wrote through
  let digest: string;
  beforeAll(() => {
    digest = exampleDeskDigest();
  });
  afterAll(() => {
    expect(exampleDeskDigest(), 'examples/desk must come out of the planting unchanged').toBe(digest);
  });

  it('the example desk itself validates clean', () => {
    expect(plantAndLoad(() => {}).diagnostics).toEqual([]);
  });

  describe('copies with many mistakes', () => {
    for (const [name, { about, plant }] of Object.entries(COPIES)) {
      it(`copy ${name}: ${about}`, () => {
        const { expected, diagnostics } = plantAndLoad(plant);
        expectOnePerMistake(expected, diagnostics);
      });
    }
  });

  describe('single mistakes', () => {
    for (const [name, plant] of Object.entries(SINGLES)) {
      it(name, () => {
        const { expected, diagnostics } = plantAndLoad(plant);
        expectOnePerMistake(expected, diagnostics);
      });
    }
    for (const [name, { reason }] of Object.entries(KNOWN_LIMITATIONS)) it.todo(`${name}: ${reason}`);
  });

  it('copy A through the built CLI: the json lists the same problems with exit 1, the zh-CN text the same headers', async () => {
    const desk = new PlantedDesk();
    try {
      COPIES.A.plant(desk);
      const expected = desk.resolve().sort(byPlace).map(head);
      const args = ['validate', '-C', desk.dir, '--as-of', AS_OF];
      const [json, zh] = await Promise.all([runKefu([...args, '--format', 'json', '--lang', 'en']), runKefu([...args, '--lang', 'zh-CN'])]);

      expect(json.status).toBe(1);
      const doc = JSON.parse(json.stdout) as { ok: boolean; problems: (Place & { severity: string; message: string })[] };
      expect(doc.ok).toBe(false);
      expect(doc.problems.map(head)).toEqual(expected);

      expect(zh.status).toBe(1);
      const headers = zh.stdout
        .split('\n')
        .map((l) => /^(\S+:\d+:\d+) {2}([A-Z_]+) {2}\S/.exec(l))
        .filter((m) => m !== null)
        .map((m) => `${m[1]} ${m[2]}`);
      expect(headers).toEqual(expected);
    } finally {
      desk.remove();
    }
  });
});
