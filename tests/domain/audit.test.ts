// The audit's pure core: versions of a record file in, findings out — no git, no disk.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditFileHistory, commonSubsequence, isAuditedPath, type Blob, type FileChange, type FileHistory, type Revision } from '../../src/domain/audit.js';
import { reviewDigest } from '../../src/domain/records/duty-day.js';

const DAY = 'duty/2026/11/2026-11-25.yaml';
const COMPLAINT = 'complaints/2026/11/TS-20261125-K7Q2.yaml';
const HEAD = '# yaml-language-server: $schema=../../../schemas/duty-day.schema.json\ndate: "2026-11-25"\nlog:\n';

function entry(id: string, content: string, hhmm = '09:00'): string {
  return `  - type: entry\n    id: ${id}\n    at: "2026-11-25T${hhmm}:00+08:00"\n    by: S02\n    channel: phone\n    kind: consult\n    content: ${content}\n    status: open\n`;
}
const A = entry('D-20261125-AAAA', '咨询物业费');
const B = entry('D-20261125-BBBB', '咨询停车', '10:00');
const C = entry('D-20261125-CCCC', '咨询装修', '11:00');

function blob(text: string): Blob {
  return { oid: createHash('sha1').update(text).digest('hex'), bytes: Buffer.from(text, 'utf8') };
}
function commit(n: number): Revision {
  return { kind: 'commit', id: `${n}`.padStart(40, 'c'), author: '李娜', date: `2026-11-25T1${n}:00:00+08:00` };
}
/** A straight line of versions (undefined: the file does not exist), one commit each. */
function linear(path: string, versions: (string | undefined)[], current = true): FileHistory {
  const changes: FileChange[] = versions.map((text, i) => {
    const before = i === 0 ? undefined : versions[i - 1];
    return { revision: commit(i + 1), before: [before === undefined ? undefined : blob(before)], ...(text === undefined ? {} : { after: blob(text) }) };
  });
  const last = versions[versions.length - 1];
  return { path, changes, ...(current && last !== undefined ? { current: { blob: blob(last) } } : {}) };
}
function summary(history: FileHistory) {
  return auditFileHistory(history).map((p) => ({
    code: p.diagnostic.code,
    line: p.diagnostic.line,
    col: p.diagnostic.col,
    params: p.diagnostic.params,
    commit: p.revision?.kind === 'commit' ? p.revision.id.slice(-1) : p.revision?.kind,
  }));
}
/** 1-based line where `needle` starts in `text`. */
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('audit: appends are fine', () => {
  it('the append-only record kinds are audited; settings and rosters are edited by design', () => {
    expect([DAY, COMPLAINT, 'workorders/2026/11/WO-20261125-3MX9.yaml', 'callbacks/2026/2026-11.yaml'].map(isAuditedPath)).toEqual([true, true, true, true]);
    expect(['kefu.yaml', 'staff.yaml', 'rosters/2026-12.yaml', 'duty/2026/11/notes.txt'].map(isAuditedPath)).toEqual([false, false, false, false]);
  });

  it('a file created, then appended to item by item, has no findings', () => {
    expect(summary(linear(DAY, [HEAD + A, HEAD + A + B, HEAD + A + B + C]))).toEqual([]);
  });

  it('new items between committed ones are no violation: the merge driver sorts both sides\' new items by time', () => {
    expect(summary(linear(DAY, [HEAD + A + C, HEAD + A + B + C]))).toEqual([]);
  });

  it('text appended after a clean version that no longer parses is for `kefu validate`, not a changed item', () => {
    expect(summary(linear(DAY, [HEAD + A, HEAD + A + B, `${HEAD + A + B}  - type: [unclosed\n`]))).toEqual([]);
  });

  it('a torn last item completed later was never a committed item', () => {
    const torn = HEAD + A + B.slice(0, 37); // cut mid-line: no final newline
    expect(summary(linear(DAY, [HEAD + A, torn, HEAD + A + B]))).toEqual([]);
  });
});

describe('audit: what is not an append', () => {
  it('an item whose bytes changed: named by its id, at its line in the version before the change', () => {
    const v2 = HEAD + A + B;
    const found = summary(linear(DAY, [HEAD + A, v2, HEAD + A + B.replace('停车', '停车位') + C]));
    expect(found).toEqual([{ code: 'AUDIT_ITEM_CHANGED', line: lineOf(v2, '  - type: entry\n    id: D-20261125-BBBB'), col: 5, params: { item: 'D-20261125-BBBB' }, commit: '3' }]);
    expect(found[0]!.line).toBe(12);
  });

  it('the problem carries the older text, for a code frame', () => {
    const v1 = HEAD + A + B;
    const [p] = auditFileHistory(linear(DAY, [v1, HEAD + A.replace('09:00', '09:01') + B]));
    expect(p!.text).toBe(v1);
    expect(p!.diagnostic).toMatchObject({ code: 'AUDIT_ITEM_CHANGED', file: DAY, severity: 'error', line: 4 });
  });

  it('an item removed from the middle: only it is reported, not the items after it', () => {
    const v1 = HEAD + A + B + C;
    expect(summary(linear(DAY, [v1, HEAD + A + C]))).toEqual([{ code: 'AUDIT_ITEM_REMOVED', line: 12, col: 5, params: { item: 'D-20261125-BBBB' }, commit: '2' }]);
  });

  it('the last item cut off, and the last item removed while another is appended', () => {
    expect(summary(linear(DAY, [HEAD + A + B, HEAD + A]))).toMatchObject([{ code: 'AUDIT_ITEM_REMOVED', params: { item: 'D-20261125-BBBB' } }]);
    expect(summary(linear(DAY, [HEAD + A + B, HEAD + A + C]))).toMatchObject([{ code: 'AUDIT_ITEM_REMOVED', params: { item: 'D-20261125-BBBB' } }]);
  });

  it('bytes appended that continue the last item change it, though the old text is a prefix', () => {
    expect(summary(linear(DAY, [HEAD + A, `${HEAD + A}    action: 已答复\n`]))).toEqual([
      { code: 'AUDIT_ITEM_CHANGED', line: 4, col: 5, params: { item: 'D-20261125-AAAA' }, commit: '2' },
    ]);
  });

  it('a comment between committed items is part of the item above it', () => {
    expect(summary(linear(DAY, [HEAD + A + B, `${HEAD + A}  # 补记\n${B}`]))).toMatchObject([{ code: 'AUDIT_ITEM_CHANGED', line: 4, params: { item: 'D-20261125-AAAA' } }]);
  });

  it('a header change is reported at the changed line', () => {
    expect(summary(linear(DAY, [HEAD + A, HEAD.replace('2026-11-25', '2026-11-24') + A + B]))).toEqual([
      { code: 'AUDIT_HEADER_CHANGED', line: 2, col: 17, params: { list: 'log' }, commit: '2' },
    ]);
  });

  it('a deleted file is reported at its first line; a move of the same bytes (git mv) is not', () => {
    expect(summary(linear(DAY, [HEAD + A, undefined]))).toEqual([{ code: 'AUDIT_FILE_DELETED', line: 1, col: 1, params: {}, commit: '2' }]);
    const moved: FileHistory = { path: DAY, changes: [{ revision: commit(2), before: [blob(HEAD + A)], movedTo: 'duty/2026/11/2026-11-24.yaml' }] };
    expect(summary(moved)).toEqual([]);
  });

  it('items without ids are named by their list and index, and matched by place and type', () => {
    const head = 'id: TS-20261125-K7Q2\nreceived_at: "2026-11-25T09:00:00+08:00"\nsummary: 噪音\nevents:\n';
    const e0 = '  - { type: escalated, at: "2026-11-25T09:10:00+08:00", by: S02, to: S01 }\n';
    const e1 = '  - { type: assigned, at: "2026-11-25T09:20:00+08:00", by: S01, department: 保安部, assignee: S07 }\n';
    const e2 = '  - { type: note, at: "2026-11-25T09:30:00+08:00", by: S02, text: 已联系 }\n';
    expect(summary(linear(COMPLAINT, [head + e0 + e1, head + e0 + e1.replace('S07', 'S08') + e2]))).toEqual([
      { code: 'AUDIT_ITEM_CHANGED', line: 6, col: 5, params: { item: 'events[1] (assigned)' }, commit: '2' },
    ]);
    expect(summary(linear(COMPLAINT, [head + e0 + e1 + e2, head + e0 + e2]))).toMatchObject([{ code: 'AUDIT_ITEM_REMOVED', line: 6, params: { item: 'events[1] (assigned)' } }]);
  });

  it('a file that did not parse and was rewritten: the text changed, at the first difference', () => {
    const broken = `${HEAD + A}<<<<<<< ours\n${B}=======\n${C}>>>>>>> theirs\n`;
    expect(summary(linear(DAY, [HEAD + A, broken, HEAD + A + B + C]))).toEqual([
      { code: 'AUDIT_TEXT_CHANGED', line: 12, col: 1, params: {}, commit: '3' },
    ]);
  });

  it('each commit answers for its own change', () => {
    const found = summary(linear(DAY, [HEAD + A + B, HEAD + A.replace('物业费', '水费') + B, HEAD + A.replace('物业费', '水费') + B + C, HEAD + A.replace('物业费', '水费') + C]));
    expect(found.map((f) => [f.code, f.commit])).toEqual([['AUDIT_ITEM_CHANGED', '2'], ['AUDIT_ITEM_REMOVED', '4']]);
  });
});

describe('audit: merges answer only for what they did', () => {
  const base = HEAD + A;
  const ours = HEAD + A + B;
  const theirsChanged = HEAD + A.replace('物业费', '水费');

  function merge(result: string | undefined, parents: (string | undefined)[]): FileHistory {
    return {
      path: DAY,
      changes: [{ revision: commit(9), before: parents.map((p) => (p === undefined ? undefined : blob(p))), base: blob(base), ...(result === undefined ? {} : { after: blob(result) }) }],
    };
  }

  it('a change the other side made (and was reported for) is not the merge\'s', () => {
    expect(summary(merge(HEAD + A.replace('物业费', '水费') + B, [ours, theirsChanged]))).toEqual([]);
    expect(summary(merge(undefined, [ours, undefined]))).toEqual([]); // the other side deleted the file
  });

  it('an item both parents had and the merge dropped is the merge\'s', () => {
    expect(summary(merge(HEAD + B + C, [ours, HEAD + A + C]))).toMatchObject([{ code: 'AUDIT_ITEM_REMOVED', line: 4, params: { item: 'D-20261125-AAAA' }, commit: '9' }]);
    // and each parent's own new item dropped is the merge's too
    expect(summary(merge(HEAD + A, [ours, HEAD + A + C])).map((f) => f.params.item)).toEqual(['D-20261125-BBBB', 'D-20261125-CCCC']);
  });

  it('both sides\' new items in time order are no violation', () => {
    expect(summary(merge(HEAD + A + C + B, [HEAD + A + B, HEAD + A + C]))).toEqual([]);
  });
});

describe('audit: review digests', () => {
  const review = (items: string[], at = '2026-11-26T08:40:00+08:00') =>
    `  - { type: review, at: "${at}", by: S01, comment: 已阅, digest: "${reviewDigest(items.map(entryValue))}" }\n`;
  function entryValue(text: string): Record<string, unknown> {
    const get = (key: string) => new RegExp(`^ {4}${key}: "?([^"\\n]*)"?$`, 'm').exec(text)![1]!;
    return { type: 'entry', id: get('id'), at: get('at'), by: 'S02', channel: 'phone', kind: 'consult', content: get('content'), status: 'open' };
  }

  it('a review whose digest matches the items above it is fine', () => {
    expect(summary(linear(DAY, [HEAD + A + B, HEAD + A + B + review([A, B])]))).toEqual([]);
  });

  it('an item above a signed review altered later: the change and the mismatch, the mismatch at the review\'s line in the current file', () => {
    const signed = HEAD + A + B + review([A, B]);
    const altered = HEAD + A + B.replace('停车', '停车位') + review([A, B]);
    const found = summary(linear(DAY, [HEAD + A + B, signed, altered]));
    expect(found).toEqual([
      { code: 'AUDIT_ITEM_CHANGED', line: 12, col: 5, params: { item: 'D-20261125-BBBB' }, commit: '3' },
      { code: 'REVIEW_DIGEST_MISMATCH', line: lineOf(altered, '  - { type: review'), col: 5, params: { by: 'S01', at: '2026-11-26T08:40:00+08:00' }, commit: undefined },
    ]);
  });

  it('a review written with a wrong digest is a mismatch from the start; staged, it says so', () => {
    const wrong = HEAD + A + B + review([A]);
    const history = linear(DAY, [HEAD + A + B, wrong]);
    history.current = { blob: blob(wrong), revision: { kind: 'staged' } };
    expect(summary(history)).toEqual([{ code: 'REVIEW_DIGEST_MISMATCH', line: 20, col: 5, params: { by: 'S01', at: '2026-11-26T08:40:00+08:00' }, commit: 'staged' }]);
  });

  it('x- keys are left out of the digest, as `kefu duty review` leaves them out', () => {
    const withX = A.replace('    status: open\n', '    status: open\n    x-source: 电话录音\n');
    expect(summary(linear(DAY, [HEAD + withX + review([A])]))).toEqual([]);
  });

  it('only duty days are checked for reviews', () => {
    const callbacks = 'month: "2026-11"\ncallbacks:\n  - { type: review, callback: HF-20261123-Q3ZP, at: "2026-11-24T09:00:00+08:00", by: S01, digest: "sha256:' + '0'.repeat(64) + '" }\n';
    expect(summary(linear('callbacks/2026/2026-11.yaml', [callbacks]))).toEqual([]);
  });
});

describe('commonSubsequence', () => {
  it('matches the common head and tail, and the longest run in between', () => {
    expect(commonSubsequence(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd'])).toEqual([[0, 0], [2, 2], [3, 3]]);
    expect(commonSubsequence(['a', 'b', 'c'], ['b', 'c', 'a'])).toEqual([[1, 0], [2, 1]]);
    expect(commonSubsequence([], ['a'])).toEqual([]);
  });
});
