// A worker thread of read-ahead.ts: reads its share of a desk's files the fast way and
// posts the records back in batches, bumping the shared counter after each post so that
// the sleeping main thread wakes. It ends with `done` — or `failed`, whatever went wrong:
// the files it did not post are then read by the main thread.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { readRecordFast, type CleanRecord } from '../domain/load-desk.js';
import { contentKeyOf, exactInJson } from './cache.js';
import type { AheadBatch, AheadMessage, WorkerInput } from './read-ahead.js';

const { root, paths: files, batch: BATCH, hash, port, counter } = workerData as WorkerInput;
const EMPTY = Buffer.alloc(0);
/** fault injection for tests/store/read-ahead.test.ts: the worker dies (no `done`, no `failed`) with a batch taken, after posting this many */
const DIE_AFTER = Number(process.env.KEFU_TEST_READ_AHEAD_DIE_AFTER ?? -1);
let posted = 0;

/** Says the worker is finished (done or failed): counted in counter[1]. */
function post(message: AheadMessage): void {
  port.postMessage(message);
  Atomics.add(counter, 1, 1);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
}

/** Posts the files read so far, their JSON bytes handed over (transferred), not copied. */
function flush(paths: string[], hashes: string[], texts: Buffer[], others: (CleanRecord | null | undefined)[]): void {
  const ends: number[] = [];
  let total = 0;
  for (const text of texts) ends.push((total += text.length));
  const json = new Uint8Array(total);
  let at = 0;
  for (const text of texts) {
    json.set(text, at);
    at += text.length;
  }
  const batch: AheadBatch = { paths, ...(hash ? { hashes } : {}), json, ends, others };
  port.postMessage({ batch } satisfies AheadMessage, [json.buffer]);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
  posted++;
}

try {
  // the next batch not yet taken by any worker, until there are none
  for (let b = Atomics.add(counter, 2, 1); b * BATCH < files.length; b = Atomics.add(counter, 2, 1)) {
    if (posted === DIE_AFTER) process.exit(1); // ends this thread only, as a crash of it would
    const paths: string[] = [];
    const hashes: string[] = [];
    const texts: Buffer[] = [];
    const others: (CleanRecord | null | undefined)[] = [];
    for (const path of files.slice(b * BATCH, (b + 1) * BATCH)) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(root, path));
      } catch {
        continue; // gone or unreadable since it was listed: the main thread finds out and says so
      }
      const record = readRecordFast(path, bytes);
      const json = record !== undefined && exactInJson(record);
      paths.push(path);
      if (hash) hashes.push(contentKeyOf(bytes).hash);
      texts.push(json ? Buffer.from(JSON.stringify(record), 'utf8') : EMPTY);
      others.push(json ? undefined : (record ?? null));
    }
    flush(paths, hashes, texts, others);
  }
  post({ done: true });
} catch (error) {
  post({ failed: error instanceof Error ? error.message : String(error) });
} finally {
  port.close();
}
