// Reading a desk's files the fast way on worker threads (issue 7 item 4: both cores), so
// that a cold run — a fresh clone, `--no-cache`, the first run after an upgrade — parses
// 67,000 files in parallel rather than one after the other. Each worker reads, hashes and
// fast-reads (js-yaml, then the schema) a share of the files and sends back the records;
// the load then takes them as it would take them from the cache (load-desk.ts ReadAhead).
// A record that crosses threads is copied whole, so it holds no slice of its file's text:
// the records of a cold run take the memory of a warm run's.
//
// Synchronous for its caller, as the rest of the load is: the main thread sleeps on a
// shared counter (Atomics.wait) that each worker bumps after every batch it posts, and
// takes the batches with receiveMessageOnPort. Whatever goes wrong with a worker — it
// cannot start, throws, dies, stalls — its files are simply not read ahead: the load
// reads them itself, so the outcome is the same, only slower.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { CleanRecord, ContentKey, ReadAhead } from '../domain/load-desk.js';

/**
 * Fewer files than this are read faster on the main thread than workers start (~0.2 s);
 * KEFU_READ_AHEAD_MIN sets it for the tests.
 */
export const READ_AHEAD_MIN_FILES = Number(process.env.KEFU_READ_AHEAD_MIN ?? 2000);
/** files per message: big enough to cost little to post, small enough to keep both sides busy */
const BATCH = 250;
/**
 * A worker that sends nothing for this long is given up (its files are read on the main
 * thread): one that died cannot say so — its exit event waits for the main thread, which
 * sleeps. KEFU_READ_AHEAD_STALL_MS sets it for the tests.
 */
const STALL_MS = Number(process.env.KEFU_READ_AHEAD_STALL_MS ?? 20_000);

/** the content key of a file read ahead without hashing: never asked for, as no cache keeps it */
const NO_KEY: ContentKey = { hash: '' };

const WORKER = new URL('./read-ahead-worker.js', import.meta.url);

/**
 * One batch, as a worker posts it: the files' paths; their content keys (when the load
 * keeps a cache); their records as JSON text, UTF-8, one after another in `json` (file i's
 * ends at ends[i]; none where JSON would not give the record back exactly: cache.ts
 * exactInJson) — else in `others[i]` the record itself, or null where the fast reader
 * declined the file. The bytes are handed over, not copied, and stay outside the heap
 * until each record is parsed, one at a time, into records of half the memory that a
 * structured clone of them takes.
 */
export interface AheadBatch {
  paths: string[];
  hashes?: string[];
  json: Uint8Array;
  ends: number[];
  others: (CleanRecord | null | undefined)[];
}

/** What a worker posts: a batch of files read, or that it is done (or failed: the rest of its files are not read). */
export type AheadMessage = { batch: AheadBatch } | { done: true } | { failed: string };

export interface WorkerInput {
  root: string;
  /** all the files to read: the workers take them `batch` at a time (counter[2]) */
  paths: string[];
  batch: number;
  /** hash the bytes (for the cache) */
  hash: boolean;
  port: MessagePort;
  counter: Int32Array;
}

/**
 * Reads `paths` (desk-relative) of the desk at `root` ahead, on as many worker threads as
 * the machine has cores (at most 4), and returns what was read; undefined when it is not
 * worth it (one core, few files) or workers cannot run here.
 */
export function readAhead(root: string, paths: readonly string[], options: { hash: boolean; progress?: (done: number, total: number) => void }): (ReadAhead & { threads: number; files: number }) | undefined {
  const { hash, progress } = options;
  const threads = Math.min(4, availableParallelism());
  if (threads < 2 || paths.length < READ_AHEAD_MIN_FILES || !existsSync(fileURLToPath(WORKER))) return undefined;
  /**
   * [0]: batches posted by all workers, [1]: workers finished (done or failed), [2]: the
   * next batch to take — each worker takes the next batch when done with one, so that all
   * finish together however the files' sizes fall
   */
  const counter = new Int32Array(new SharedArrayBuffer(12));
  const read = new Map<string, { batch: AheadBatch; json: Buffer; index: number }>();
  const running: { worker: Worker; port: MessagePort }[] = [];
  for (let t = 0; t < threads; t++) {
    const { port1, port2 } = new MessageChannel();
    try {
      const input: WorkerInput = { root, paths: [...paths], batch: BATCH, hash, port: port2, counter };
      // its output captured, never mixed into kefu's stdout; its errors are told by its port
      // (`failed`) or not at all (it died): either way the load reads what it did not post
      const worker = new Worker(WORKER, { workerData: input, transferList: [port2], stdout: true, stderr: true });
      worker.on('error', () => {});
      running.push({ worker, port: port1 });
    } catch {
      port1.close();
    }
  }
  if (running.length === 0) return undefined;
  const threadsUsed = running.length;

  // Sleep until every worker is finished (counter[1]) — taking a batch costs the main thread
  // a structured-clone read, and on a two-core machine every cycle it spends while the
  // workers run is taken from them — waking on each batch posted (counter[0]) only to tell
  // progress and to notice a worker that has stalled. Then take all the batches.
  let lastNews = performance.now();
  let posted = Atomics.load(counter, 0);
  while (Atomics.load(counter, 1) < running.length) {
    Atomics.wait(counter, 0, posted, 200);
    const now = Atomics.load(counter, 0);
    if (now !== posted) {
      posted = now;
      lastNews = performance.now();
      progress?.(Math.min(paths.length, posted * BATCH), paths.length);
    } else if (performance.now() - lastNews > STALL_MS) break;
  }
  for (const { worker, port } of running) {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const message = m.message as AheadMessage;
      if (!('batch' in message)) break;
      const { batch } = message;
      const json = Buffer.from(batch.json.buffer, batch.json.byteOffset, batch.json.byteLength);
      batch.paths.forEach((path, index) => read.set(path, { batch, json, index }));
    }
    port.close();
    void worker.terminate();
  }
  return {
    threads: threadsUsed,
    files: read.size,
    take(path) {
      const file = read.get(path);
      if (!file) return undefined;
      read.delete(path); // the load keeps the record; this map need not
      const { batch, json, index } = file;
      const start = index === 0 ? 0 : batch.ends[index - 1]!;
      const end = batch.ends[index]!;
      const record = end > start ? (JSON.parse(json.toString('utf8', start, end)) as CleanRecord) : (batch.others[index] ?? null);
      // the JSON goes on to the cache, which keeps it as it is rather than make it again
      return { record, content: batch.hashes ? { hash: batch.hashes[index]!, ...(end > start ? { json: json.subarray(start, end) } : {}) } : NO_KEY };
    },
  };
}
