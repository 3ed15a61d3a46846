// Takes the desk lock N times as fast as it can; inside, claims `inside` exclusively and
// gives it back — a second holder at the same moment finds it taken, and says so (exit 3).
// Used by tests/faults/concurrency.test.ts against the takeover race.
import { openSync, closeSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { withDeskLock } from '../../../dist/store/desk-lock.js';

const [root, count] = [process.argv[2], Number(process.argv[3])];
const inside = join(root, 'inside');
for (let i = 0; i < count; i++) {
  withDeskLock(root, () => {
    let fd;
    try {
      fd = openSync(inside, 'wx');
    } catch {
      process.stderr.write(`two holders at once (iteration ${i})\n`);
      process.exit(3);
    }
    closeSync(fd);
    rmSync(inside);
  });
}
