// A worker thread of read-ahead.ts: reads its share of a desk's files the fast way and
// posts the records back in batches, bumping the shared counter after each post so that
// the sleeping main thread wakes. It ends with `done` — or `failed`, whatever went wrong:
// the files it did not post are then read by the main thread.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { readRecordFast } from '../domain/load-desk.js';
import { contentKeyOf } from './cache.js';
import type { AheadBatch, AheadMessage, WorkerInput } from './read-ahead.js';

const { root, paths, port, counter } = workerData as WorkerInput;
const BATCH = 250;

function post(message: AheadMessage): void {
  port.postMessage(message);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
}

try {
  let batch: AheadBatch = [];
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(root, path));
    } catch {
      continue; // gone or unreadable since it was listed: the main thread finds out and says so
    }
    batch.push({ path, content: contentKeyOf(bytes), record: readRecordFast(path, bytes) ?? null });
    if (batch.length === BATCH) {
      post({ batch });
      batch = [];
    }
  }
  if (batch.length > 0) post({ batch });
  post({ done: true });
} catch (error) {
  post({ failed: error instanceof Error ? error.message : String(error) });
} finally {
  port.close();
}
