// Property (issue 8 item 3): any record kefu writes, kefu reads back equal. Random valid
// records of every kind, drawn from the zod schemas' own shapes (zod-arbitrary.ts), are
// written the two ways kefu writes — a whole new file (serializeRecordFile, with the
// editor's schema line) and items appended to it (serializeListItem) — and read back by
// the loader's parser: no finding, the same data, and the data still passes its schema.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { schemaModeline } from '../../src/domain/json-schemas.js';
import { RECORD_KINDS, type KindName } from '../../src/domain/record-kinds.js';
import { serializeListItem, serializeRecordFile } from '../../src/domain/records/serialize.js';
import { parseRecordFile } from '../../src/domain/yaml-file.js';
import { arbitraryOf } from './zod-arbitrary.js';

const RUNS = Number(process.env.KEFU_PROPERTY_RUNS ?? 100);

const PATHS: Record<KindName, string> = {
  config: 'kefu.yaml',
  staff: 'staff.yaml',
  roster: 'rosters/2026-12.yaml',
  'duty-day': 'duty/2026/11/2026-11-25.yaml',
  complaint: 'complaints/2026/11/TS-20261120-K7Q2.yaml',
  'work-order': 'workorders/2026/11/WO-20261125-3MX9.yaml',
  'callback-month': 'callbacks/2026/2026-11.yaml',
};

/** Valid records of a kind: drawn from the shape, kept when the schema (with its refinements) accepts them. */
function validRecords(schema: z.ZodType): fc.Arbitrary<Record<string, unknown>> {
  return arbitraryOf(schema).filter((v) => schema.safeParse(v).success) as fc.Arbitrary<Record<string, unknown>>;
}

function readBack(path: string, text: string) {
  const { file, findings } = parseRecordFile(path, new TextEncoder().encode(text));
  return { data: file.data, findings: findings.map((f) => `${f.code} ${f.line}:${f.col}`) };
}

describe('loader round trip: what kefu writes, kefu reads back equal', () => {
  for (const kind of RECORD_KINDS) {
    const path = PATHS[kind.name];
    const records = validRecords(kind.schema);

    it(`${kind.name}: a whole file (serializeRecordFile) — ${RUNS} runs`, () => {
      fc.assert(fc.property(records, (record) => {
        const text = serializeRecordFile(record, schemaModeline(path, kind.name));
        const back = readBack(path, text);
        expect(back.findings, text).toEqual([]);
        expect(back.data).toEqual(record);
        expect(kind.schema.safeParse(back.data).success).toBe(true);
      }), { numRuns: RUNS });
    });

    if (!kind.listKey) continue;
    const listKey = kind.listKey;
    it(`${kind.name}: items appended one by one (serializeListItem) — ${RUNS} runs`, () => {
      fc.assert(fc.property(records.filter((r) => (r[listKey] as unknown[]).length > 0), fc.nat(), (record, cut) => {
        // kefu appends to the list that is the file's last key
        const { [listKey]: list, ...header } = record;
        const items = list as unknown[];
        const first = 1 + (cut % items.length); // a new file holds the first item(s); the rest are appended
        let text = serializeRecordFile({ ...header, [listKey]: items.slice(0, first) }, schemaModeline(path, kind.name));
        for (const item of items.slice(first)) {
          text += serializeListItem(item);
          const back = readBack(path, text);
          expect(back.findings, text).toEqual([]);
        }
        expect(readBack(path, text).data).toEqual({ ...header, [listKey]: items });
      }), { numRuns: RUNS });
    });
  }
});
