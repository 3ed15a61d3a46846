// Properties (issue 8 item 3) of kefu's merge driver (SPEC §2 Conflict-free sync): any two
// append-only histories of a base merge to the base followed by both sides' new items —
// an item both sides added, once — in `at` order, and the result reads clean; an edit or
// removal of an existing item is always refused, never resolved.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeRecordTexts } from '../../src/domain/merge.js';
import { canonicalJson, dutyDaySchema } from '../../src/domain/records/duty-day.js';
import { callbackMonthSchema } from '../../src/domain/records/callback-month.js';
import { serializeListItem, serializeRecordFile } from '../../src/domain/records/serialize.js';
import { parseRecordFile } from '../../src/domain/yaml-file.js';
import { freeText } from './zod-arbitrary.js';

const RUNS = Number(process.env.KEFU_PROPERTY_RUNS ?? 100);
const DUTY = 'duty/2026/11/2026-11-25.yaml';
const CALLBACKS = 'callbacks/2026/2026-11.yaml';
const MODELINE = '# yaml-language-server: $schema=../../../schemas/duty-day.schema.json';

type Item = Record<string, unknown>;

/** A duty entry with a unique id, timed within the duty day, with any text a clerk types. */
const entry = (n: number): fc.Arbitrary<Item> => fc.record({
  minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  content: freeText,
  kind: fc.constantFrom('consult', 'repair', 'notice', 'help'),
  status: fc.constantFrom('open', 'done'),
  phone: fc.option(fc.stringMatching(/^1[3-9]\d{9}$/), { nil: undefined }),
}).map(({ minute, content, kind, status, phone }) => {
  const t = new Date(Date.UTC(2026, 10, 25, 0, 30) + minute * 60_000); // 08:30 +08:00 on
  return {
    type: 'entry',
    id: `D-20261125-${n.toString(36).toUpperCase().padStart(4, '0')}`,
    at: `${t.toISOString().slice(0, 19)}Z`,
    by: 'S02',
    channel: 'phone',
    kind,
    ...(phone ? { from: { phone } } : {}),
    content,
    status,
  };
});

/** Base, ours and theirs: each side appends its own items and some both sides added alike. */
const histories = fc.record({
  base: fc.integer({ min: 1, max: 4 }), // kefu creates a record file with its first item: a list is never empty
  ours: fc.integer({ min: 0, max: 4 }),
  theirs: fc.integer({ min: 0, max: 4 }),
  shared: fc.integer({ min: 0, max: 2 }),
}).chain(({ base, ours, theirs, shared }) => {
  let n = 0;
  const items = (k: number) => fc.tuple(...Array.from({ length: k }, () => entry(n++)));
  return fc.record({ base: items(base), ours: items(ours), theirs: items(theirs), shared: items(shared), sharedAt: fc.array(fc.nat(), { minLength: 2 * shared, maxLength: 2 * shared }) });
});

const file = (items: Item[]) => serializeRecordFile({ date: '2026-11-25', log: items }, MODELINE);
const append = (text: string, items: Item[]) => text + items.map((i) => serializeListItem(i)).join('');
/**
 * A side's list: its own items interleaved with the items both sides added (the same
 * commits, so in the same order on both sides); `at` picks the interleaving.
 */
function withShared(own: Item[], shared: Item[], at: number[]): Item[] {
  const out = [...own];
  let from = 0;
  shared.forEach((item, i) => {
    const k = from + (at[i]! % (out.length - from + 1));
    out.splice(k, 0, item);
    from = k + 1;
  });
  return out;
}

function readItems(text: string, path = DUTY): Item[] {
  const { file: parsed, findings } = parseRecordFile(path, new TextEncoder().encode(text));
  expect(findings).toEqual([]);
  return (parsed.data as { log?: Item[]; callbacks?: Item[] }).log ?? (parsed.data as { callbacks: Item[] }).callbacks;
}

describe('merge driver (SPEC §2)', () => {
  it(`two append-only histories merge to base + both sides' items, valid — ${RUNS} runs`, () => {
    fc.assert(fc.property(histories, ({ base, ours, theirs, shared, sharedAt }) => {
      const baseText = file(base);
      const oursItems = withShared(ours, shared, sharedAt.slice(0, shared.length));
      const theirsItems = withShared(theirs, shared, sharedAt.slice(shared.length));
      const oursText = append(baseText, oursItems);
      const theirsText = append(baseText, theirsItems);
      const result = mergeRecordTexts(baseText, oursText, theirsText, DUTY);
      expect(result.ok, JSON.stringify(!result.ok && result.reason)).toBe(true);
      if (!result.ok) return;
      // the base, byte for byte, then the new items
      expect(result.text.startsWith(baseText)).toBe(true);
      const merged = readItems(result.text);
      expect(merged.slice(0, base.length)).toEqual(base);
      const added = merged.slice(base.length);
      const key = (i: Item) => canonicalJson(i);
      const expected = [...new Set([...oursItems, ...theirsItems].map(key))].sort();
      expect(added.map(key).sort()).toEqual(expected);
      // each side's order is kept: all of ours, and theirs but for the items ours has too
      // (kept once, where ours has them — SPEC §2)
      const inOurs = new Set(oursItems.map(key));
      for (const side of [oursItems, theirsItems.filter((i) => !inOurs.has(key(i)))]) {
        const positions = side.map((i) => added.findIndex((a) => key(a) === key(i)));
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      }
      // the merged file is a valid duty day, and merging is symmetric in content
      expect(dutyDaySchema.safeParse({ date: '2026-11-25', log: merged }).success).toBe(true);
      const swapped = mergeRecordTexts(baseText, theirsText, oursText, DUTY);
      expect(swapped.ok).toBe(true);
      if (swapped.ok) expect(readItems(swapped.text).map(key).sort()).toEqual(merged.map(key).sort());
    }), { numRuns: RUNS });
  });

  it(`when only one side appended, the merge is that side — ${RUNS} runs`, () => {
    fc.assert(fc.property(histories, ({ base, ours }) => {
      const baseText = file(base);
      const oursText = append(baseText, ours);
      for (const [a, b] of [[oursText, baseText], [baseText, oursText]] as const) {
        const result = mergeRecordTexts(baseText, a, b, DUTY);
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.text).toBe(oursText);
      }
    }), { numRuns: RUNS });
  });

  it(`an edit or a removal of an existing item is always refused — ${RUNS} runs`, () => {
    const change = fc.oneof(
      freeText.map((content) => ({ how: 'content' as const, content })),
      fc.constant({ how: 'status' as const }),
      fc.constant({ how: 'remove' as const }),
      fc.constant({ how: 'swap' as const }),
    );
    fc.assert(fc.property(histories.filter((h) => h.base.length >= 2), change, fc.nat(), fc.boolean(), ({ base, ours, theirs }, c, pick, oursEdits) => {
      const k = pick % base.length;
      const edited = base.map((item) => ({ ...item }));
      if (c.how === 'content') {
        if (c.content === edited[k]!.content) return; // not an edit
        edited[k]!.content = c.content;
      } else if (c.how === 'status') edited[k]!.status = edited[k]!.status === 'open' ? 'done' : 'open';
      else if (c.how === 'remove') edited.splice(k, 1);
      else [edited[0], edited[1]] = [edited[1]!, edited[0]!];
      const baseText = file(base);
      const editor = append(file(edited), oursEdits ? ours : theirs);
      const other = append(baseText, oursEdits ? theirs : ours);
      const result = oursEdits ? mergeRecordTexts(baseText, editor, other, DUTY) : mergeRecordTexts(baseText, other, editor, DUTY);
      expect(result.ok, `${c.how} of item ${k + 1} was merged`).toBe(false);
      if (!result.ok) {
        expect(['item-changed', 'item-removed', 'text-changed']).toContain(result.reason.code);
        expect(result.reason.side).toBe(oursEdits ? 'ours' : 'theirs');
      }
    }), { numRuns: RUNS });
  });

  it(`callbacks of one month (another list key) merge the same way — ${RUNS} runs`, () => {
    const callback = (n: number) => fc.record({ minute: fc.integer({ min: 0, max: 29 * 24 * 60 }), note: freeText }).map(({ minute, note }) => ({
      type: 'plan',
      subject: `WO-20261101-${n.toString(36).toUpperCase().padStart(4, '0')}`,
      assignee: 'S03',
      at: `${new Date(Date.UTC(2026, 10, 1) + minute * 60_000).toISOString().slice(0, 19)}Z`,
      by: 'S01',
      notes: note,
    }));
    const side = (from: number, k: number) => fc.tuple(...Array.from({ length: k }, (_, i) => callback(from + i)));
    fc.assert(fc.property(fc.integer({ min: 1, max: 3 }).chain((b) => fc.tuple(side(0, b), side(10, 2), side(20, 2))), ([base, ours, theirs]) => {
      const header = serializeRecordFile({ month: '2026-11', callbacks: base });
      const result = mergeRecordTexts(header, append(header, ours), append(header, theirs), CALLBACKS);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const merged = readItems(result.text, CALLBACKS);
      expect(merged).toHaveLength(base.length + ours.length + theirs.length);
      expect(callbackMonthSchema.safeParse({ month: '2026-11', callbacks: merged }).success).toBe(true);
    }), { numRuns: RUNS });
  });
});
