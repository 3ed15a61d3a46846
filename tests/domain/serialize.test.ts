// What kefu writes, kefu reads back equal — also a string holding characters YAML text
// may not hold raw (DEL, C1 controls, U+FFFE), which the yaml package writes raw.
import { describe, expect, it } from 'vitest';
import { serializeListItem, serializeRecordFile } from '../../src/domain/records/serialize.js';
import { parseRecordFile } from '../../src/domain/yaml-file.js';

const read = (text: string) => parseRecordFile('staff.yaml', new TextEncoder().encode(text));

describe('serializing strings with characters YAML allows only escaped', () => {
  const odd = { id: 'S01', name: 'a\u008db\u007fc\ufffe', roles: ['clerk'], notes: { 'k\u0090': 'x\\\u0085y' } };

  it('a whole file: written double-quoted with escapes, read back equal, no finding', () => {
    const text = serializeRecordFile({ staff: [odd] });
    expect(text).toContain('"name": "a\\x8db\\x7fc\\ufffe"');
    expect(text).toContain('"k\\x90": "x\\\\\u0085y"');
    const back = read(text);
    expect(back.findings).toEqual([]);
    expect(back.file.data).toEqual({ staff: [odd] });
  });

  it('an appended item the same way; ordinary text keeps its plain style', () => {
    const text = `${serializeRecordFile({ staff: [{ id: 'S02', name: '李娜', roles: ['clerk'] }] })}${serializeListItem(odd)}`;
    expect(text).toContain('  - id: S02\n    name: 李娜\n');
    const back = read(text);
    expect(back.findings).toEqual([]);
    expect(back.file.data).toEqual({ staff: [{ id: 'S02', name: '李娜', roles: ['clerk'] }, odd] });
  });
});
