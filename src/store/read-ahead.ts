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
/** a worker that sends nothing for this long is given up (its files are read on the main thread) */
const STALL_MS = 20_000;

const WORKER = new URL('./read-ahead-worker.js', import.meta.url);

/** One batch, as a worker posts it: per file its path, the content key of the bytes read, and the record or null. */
export type AheadBatch = { path: string; content: ContentKey; record: CleanRecord | null }[];

/** What a worker posts: a batch of files read, or that it is done (or failed: the rest of its files are not read). */
export type AheadMessage = { batch: AheadBatch } | { done: true } | { failed: string };

export interface WorkerInput {
  root: string;
  paths: string[];
  port: MessagePort;
  counter: Int32Array;
}

/**
 * Reads `paths` (desk-relative) of the desk at `root` ahead, on as many worker threads as
 * the machine has cores (at most 4), and returns what was read; undefined when it is not
 * worth it (one core, few files) or workers cannot run here.
 */
export function readAhead(root: string, paths: readonly string[], progress?: (done: number, total: number) => void): (ReadAhead & { threads: number; files: number }) | undefined {
  const threads = Math.min(4, availableParallelism());
  if (threads < 2 || paths.length < READ_AHEAD_MIN_FILES || !existsSync(fileURLToPath(WORKER))) return undefined;
  const batches: string[][] = [];
  for (let i = 0; i < paths.length; i += BATCH) batches.push(paths.slice(i, i + BATCH));
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const read = new Map<string, { record: CleanRecord | null; content: ContentKey }>();
  const running: { worker: Worker; port: MessagePort }[] = [];
  for (let t = 0; t < threads; t++) {
    const mine = batches.filter((_, i) => i % threads === t).flat();
    if (mine.length === 0) continue;
    const { port1, port2 } = new MessageChannel();
    try {
      const input: WorkerInput = { root, paths: mine, port: port2, counter };
      const worker = new Worker(WORKER, { workerData: input, transferList: [port2], stdout: true, stderr: true });
      worker.on('error', () => {}); // told by its port; the load reads what it did not
      running.push({ worker, port: port1 });
    } catch {
      port1.close();
    }
  }
  if (running.length === 0) return undefined;
  const threadsUsed = running.length;

  let lastNews = performance.now();
  let seen = Atomics.load(counter, 0);
  while (running.length > 0) {
    seen = Atomics.load(counter, 0);
    let news = false;
    for (let i = running.length - 1; i >= 0; i--) {
      const { worker, port } = running[i]!;
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        news = true;
        const message = m.message as AheadMessage;
        if ('batch' in message) {
          for (const file of message.batch) read.set(file.path, { record: file.record, content: file.content });
          progress?.(read.size, paths.length);
        } else {
          port.close();
          void worker.terminate();
          running.splice(i, 1);
          break;
        }
      }
    }
    if (news) lastNews = performance.now();
    else if (performance.now() - lastNews > STALL_MS) break;
    else Atomics.wait(counter, 0, seen, 200);
  }
  for (const { worker, port } of running) {
    port.close();
    void worker.terminate();
  }
  return {
    threads: threadsUsed,
    files: read.size,
    take(path) {
      const file = read.get(path);
      read.delete(path); // the load keeps the record; this map need not
      return file;
    },
  };
}
