// Appends N duty entries to one duty-day file through kefu's own append path
// (lock, one write, fsync), as fast as it can: used by the concurrency and kill tests.
import { appendItem } from '../../../dist/store/append.js';
import { serializeRecordFile } from '../../../dist/domain/records/serialize.js';

const [root, tag, count] = [process.argv[2], process.argv[3], Number(process.argv[4])];
const path = 'duty/2026/11/2026-11-25.yaml';
for (let i = 0; i < count; i++) {
  const item = {
    type: 'entry',
    id: `D-20261125-${tag}${String(i).padStart(3, '0')}`,
    at: '2026-11-25T10:00:00+08:00',
    by: 'S02',
    channel: 'phone',
    kind: 'consult',
    content: `第${i}条 ${'咨询物业费缴纳方式'.repeat(1 + (i % 5))}`,
    status: 'open',
  };
  appendItem(root, { path, listKey: 'log', item, newFile: () => serializeRecordFile({ date: '2026-11-25', log: [item] }), check: () => {} });
  if (process.send) process.send(i);
}
