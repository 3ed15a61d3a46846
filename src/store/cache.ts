// The desk's record cache (issue 7 item 3): the schema-checked records of clean files,
// kept under the desk's git-ignored scratch folder so that a run parses only the files
// that are new or changed since the last one.
//
// Keyed by content: an entry is the file's path, the SHA-256 of its exact bytes and the
// record read from those bytes; it is used only when the bytes read now hash the same —
// or, as git's index does, when the file's stamp (size, modification and change times,
// inode: desk-files.ts stampOf) is the one it had when its bytes were hashed, so that a
// warm run on an unchanged desk reads no record file at all. A file changed in the last
// seconds before it was stamped has no stamp (it could change again within the clock's
// tick, unseen): it is hashed every time until it settles.
// Every shard also carries a fingerprint of what reading depends on — kefu's version, its
// own domain code, the versions of yaml, js-yaml and zod, V8's serialization format, and
// the time-zone data and ICU —
// so an upgrade or a rebuild never meets an old entry.
//
// One shard file per desk folder (`.kefu/cache/<hash of the folder>.bin`), so that a new
// duty entry rewrites this month's shard, not the whole cache. A shard is written to a
// temporary file and renamed into place: a reader sees the old shard or the new one,
// never half of one, and of two kefu processes saving at once the last rename wins — each
// shard it leaves is whole and right. A shard whose header, length or checksum does not
// hold (a crash, a full disk, random bytes) is ignored and rebuilt, never trusted.
//
// Layout of a shard: "KEFUC004" | fingerprint (32 bytes) | payload length (u64 LE) |
// SHA-256 of the payload (32 bytes) | payload = entry count (u32 LE), then per entry: path
// length (u32 LE), path (UTF-8), SHA-256 of the file's bytes (32), stamp length (u32 LE),
// stamp (ASCII; empty for none); then the records of all entries, in the same order, each
// as its encoding (u8: 1 JSON, 2 v8.serialize), length (u32 LE) and bytes. JSON, parsed
// one record at a time, gives records of half the memory that v8.deserialize gives
// (flat strings, the short ones shared) in about the same time; a record JSON cannot give
// back exactly (-0, say) is kept by v8.serialize.
//
// Beside the shards, `checks.bin` keeps the findings of the checks that do not depend on
// "now" for one desk — the last one checked — named by a hash of all its files' paths and
// content hashes ("KEFUK001" | fingerprint | length | checksum | payload = that hash (32),
// then the v8.serialize'd findings): a warm run on an unchanged desk does not check it again.
//
// And `<report>.memo` keeps what a report derives from the records (openReportMemo), named
// by the stamps of the files it was derived from: a warm cron run reads none of them.
import { createHash, hash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { Finding } from '../diagnostics/diagnostic.js';
import type { FindingsMemo } from '../domain/checks/index.js';
import type { CleanRecord, ContentKey, RecordCache, SourceFile } from '../domain/load-desk.js';

const SHARD_MAGIC = Buffer.from('KEFUC004', 'latin1');
const FINDINGS_MAGIC = Buffer.from('KEFUK001', 'latin1');
const MEMO_MAGIC = Buffer.from('KEFUM001', 'latin1');
/** the one file of kept check findings (FindingsMemo), beside the shards */
const FINDINGS_FILE = 'checks.bin';
const HEADER = SHARD_MAGIC.length + 32 + 8 + 32;
const SCRATCH = '.kefu';
const CACHE_FOLDER = 'cache';
/** a temporary shard this old was left by a process that died while writing it */
const STALE_TEMP_MS = 10 * 60_000;

interface Entry {
  /** SHA-256 of the file's bytes, as a latin1 string (a string per entry, not a Buffer view: 67,000 of them) */
  hash: string;
  /** the file's stamp when its bytes were hashed (desk-files.ts stampOf), if it could vouch for them */
  stamp?: string;
  /** the record: set this run, or taken from the shard's records when first asked for */
  record?: CleanRecord;
  /** the entry's place in the shard's records array, for an entry read from disk */
  index?: number;
  /** handed to a load already: a second load gets a copy, so that no two loads share objects */
  given?: boolean;
  /** the record as JSON, when the reader made it (read-ahead.ts): written as it is */
  json?: Uint8Array;
}

interface Shard {
  entries: Map<string, Entry>;
  /** the serialized records of the shard as read, deserialized on the first hit */
  stored?: Buffer;
  /** how many records `stored` holds (entries set since may outnumber them) */
  storedCount?: number;
  records?: unknown[];
  /** entries changed since the shard was read (or it was unreadable): it must be written */
  dirty: boolean;
}

export interface DeskRecordCache extends RecordCache {
  /**
   * Whether a record of `path` is kept that is likely still its record: one kept for this
   * stamp, or where either side has no stamp to tell (get() then compares the bytes). A
   * file that is not is one to read, and read ahead when there are many (read-ahead.ts).
   */
  mayKnow(path: string, stamp: string | undefined): boolean;
  /**
   * Writes the shards that changed, dropping the entries of files that were not read
   * (deleted since). Call it after loading the whole desk. Never throws: a cache that
   * cannot be written only makes the next run slower.
   */
  save(): void;
}

/**
 * The record cache of the desk at `root` (nothing is read until a file is asked for), or
 * undefined when the desk is not the top of a git repository (SPEC §2: a desk is one).
 * The cache lives in the desk's git-ignored scratch folder; a folder that only looks like
 * a desk — kefu's own examples/desk, a copy in a temp folder — gets no scratch files.
 */
export function openRecordCache(root: string): DeskRecordCache | undefined {
  if (!existsSync(join(root, '.git'))) return undefined;
  return new ShardedCache(join(root, SCRATCH, CACHE_FOLDER), fingerprint());
}

/** What a report derived from the desk's records, kept for a desk of exactly these files (openReportMemo). */
export interface ReportMemo {
  /** what was kept for these very files, or undefined (none, another desk's, damaged) */
  read(): unknown;
  /** keeps `value` (v8.serialize'd) for these files; never throws: a memo not written only makes the next run slower */
  write(value: unknown): void;
}

/**
 * The memo `name` of a report over `sources` (issue 7: a warm `report overdue` reads no
 * record), or undefined when a file cannot vouch for its content by its stamp — one
 * written in the last seconds, one cut short by an interrupted append, a symbolic link —
 * or the desk has no scratch folder of its own (not a git repository). The key is every
 * file's path and stamp, in order; the file's header carries the cache's fingerprint
 * (kefu's code and libraries): a file added, removed or written since, or another kefu,
 * and the memo is not read.
 * One memo per report: `.kefu/cache/<name>.memo`, checksummed, renamed into place.
 */
export function openReportMemo(root: string, name: string, sources: readonly SourceFile[]): ReportMemo | undefined {
  if (!existsSync(join(root, '.git'))) return undefined;
  const h = createHash('sha256');
  h.update(`${name}\0`);
  for (const source of sources) {
    const stamp = source.link === undefined ? source.stamp : undefined;
    if (stamp === undefined) return undefined;
    h.update(`${source.path}\0${stamp}\0`);
  }
  const key = h.digest();
  const dir = join(root, SCRATCH, CACHE_FOLDER);
  const file = `${name}.memo`;
  return {
    read: () => readKeyed(join(dir, file), MEMO_MAGIC, fingerprint(), key),
    write: (value) => {
      try {
        writeChecked(dir, file, MEMO_MAGIC, fingerprint(), keyed(key, value));
      } catch {
        // a read-only desk, a full disk: the next run works it out again
      }
    },
  };
}

class ShardedCache implements DeskRecordCache {
  private readonly shards = new Map<string, Shard>();
  private readonly seen = new Set<string>();
  private readonly hashes = new WeakMap<Uint8Array, string>();
  /** the findings to keep (key, then the serialized findings), written by save() */
  private findings: Buffer | undefined;

  constructor(
    private readonly dir: string,
    private readonly print: Buffer,
  ) {}

  get(path: string, bytes: () => Uint8Array, stamp: string | undefined): CleanRecord | undefined {
    this.seen.add(path);
    const shard = this.shardOf(path);
    const entry = shard.entries.get(path);
    if (!entry) return undefined;
    // the same stamp: the file has not been written since its bytes were hashed (as git's
    // index trusts a file's stat) — else the bytes are read and hashed
    if (stamp === undefined || entry.stamp !== stamp) {
      if (entry.hash !== this.hashOf(bytes())) {
        shard.entries.delete(path); // the file changed: its record is read again and set anew
        shard.dirty = true;
        return undefined;
      }
      if (entry.stamp !== stamp) {
        if (stamp === undefined) delete entry.stamp;
        else entry.stamp = stamp;
        shard.dirty = true;
      }
    }
    if (!entry.record) {
      const record = storedRecords(shard)?.[entry.index ?? -1] as CleanRecord | undefined;
      if (!record || typeof record !== 'object' || typeof record.kind !== 'string' || !('data' in record)) {
        this.forget(path); // records that do not deserialize are as good as absent
        return undefined;
      }
      entry.record = record;
    }
    if (entry.given) return structuredClone(entry.record);
    entry.given = true;
    return entry.record;
  }

  /**
   * Keeps a record. It is serialized when saved, right after the load that read it:
   * loading (the checks included) never changes a record, and the tests compare every
   * warm load with a load without the cache.
   */
  set(path: string, content: Uint8Array | ContentKey, record: CleanRecord, stamp: string | undefined): void {
    this.seen.add(path);
    const shard = this.shardOf(path);
    const hash = content instanceof Uint8Array ? this.hashOf(content) : content.hash;
    const json = content instanceof Uint8Array ? undefined : content.json;
    shard.entries.set(path, { hash, record, given: true, ...(stamp !== undefined ? { stamp } : {}), ...(json ? { json } : {}) });
    shard.dirty = true;
    // A load sets the files of one folder after another (in path order): a shard is written
    // as soon as the load has gone past its folder, so that the JSON its records came in
    // (read ahead) is let go of on the way, not all kept to the end (~75 MB on a large desk).
    // Written again at the end only if something changes it after.
    const previous = this.lastSet;
    this.lastSet = { name: shardName(folderOf(path)), shard };
    if (previous !== undefined && previous.shard !== shard && previous.shard.dirty) {
      try {
        this.write(previous.name, previous.shard);
      } catch {
        // a read-only desk, a full disk: save() tries again, and swallows it
      }
    }
  }

  /** the shard the last record was set in */
  private lastSet: { name: string; shard: Shard } | undefined;

  checks(paths: readonly string[]): FindingsMemo | undefined {
    // the desk's content id: every file's path and the hash of the bytes its record is kept for
    const h = createHash('sha256');
    for (const path of paths) {
      const entry = this.shardOf(path).entries.get(path);
      if (!entry) return undefined;
      h.update(`${path}\0`);
      h.update(entry.hash, 'latin1');
    }
    const key = h.digest();
    return {
      get: () => {
        const findings = readKeyed(join(this.dir, FINDINGS_FILE), FINDINGS_MAGIC, this.print, key);
        return Array.isArray(findings) ? (findings as Finding[]) : undefined;
      },
      set: (findings) => {
        this.findings = keyed(key, findings);
      },
    };
  }

  vouches(path: string, stamp: string | undefined): boolean {
    this.seen.add(path); // a file of the desk, read or not: its entry is kept
    return stamp !== undefined && this.shardOf(path).entries.get(path)?.stamp === stamp;
  }

  mayKnow(path: string, stamp: string | undefined): boolean {
    const entry = this.shardOf(path).entries.get(path);
    return entry !== undefined && (stamp === undefined || entry.stamp === undefined || entry.stamp === stamp);
  }

  forget(path: string): void {
    const shard = this.shardOf(path);
    if (shard.entries.delete(path)) shard.dirty = true;
    // the checks' findings of this run were worked out from the record now forgotten: not kept
    this.findings = undefined;
  }

  recordsRead(): void {
    try {
      this.saveShards();
    } catch {
      // a read-only desk, a full disk: the next run reads the files again
    }
  }

  /** Writes the shards that changed, without the entries of files this run did not see (gone from the desk). */
  private saveShards(): void {
    for (const [name, shard] of this.shards) {
      for (const path of shard.entries.keys()) {
        if (!this.seen.has(path)) {
          shard.entries.delete(path);
          shard.dirty = true;
        }
      }
      if (shard.dirty) this.write(name, shard);
    }
  }

  save(): void {
    try {
      const keep = new Set<string>([FINDINGS_FILE]);
      for (const path of this.seen) keep.add(shardName(folderOf(path)));
      this.saveShards();
      if (this.findings) {
        writeChecked(this.dir, FINDINGS_FILE, FINDINGS_MAGIC, this.print, this.findings);
        this.findings = undefined;
      }
      // shards of folders the desk no longer has, and temporary files of killed processes
      for (const file of safeReaddir(this.dir)) {
        const path = join(this.dir, file);
        if (file.endsWith('.bin') && !keep.has(file)) rmSync(path, { force: true });
        else if (file.endsWith('.tmp') && Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > STALE_TEMP_MS) rmSync(path, { force: true });
      }
    } catch {
      // a read-only desk, a full disk: the next run reads the files again
    }
  }

  private write(name: string, shard: Shard): void {
    const parts: Uint8Array[] = [u32(shard.entries.size)];
    const records: Uint8Array[] = [];
    for (const [path, entry] of shard.entries) {
      const record = entry.record ?? (storedRecords(shard)?.[entry.index ?? -1] as CleanRecord | undefined);
      if (!record) return; // cannot happen: a stored shard whose records do not read is read as empty
      const pathBytes = Buffer.from(path, 'utf8');
      const stampBytes = Buffer.from(entry.stamp ?? '', 'latin1');
      parts.push(u32(pathBytes.length), pathBytes, Buffer.from(entry.hash, 'latin1'), u32(stampBytes.length), stampBytes);
      // JSON where it gives back the very record (most): parsed one record at a time it makes
      // flat strings, the short ones shared — half the memory of v8.deserialize's records
      const json = entry.json !== undefined || exactInJson(record);
      const bytes = entry.json ?? (json ? Buffer.from(JSON.stringify(record), 'utf8') : serialize(record));
      records.push(Buffer.of(json ? AS_JSON : AS_V8), u32(bytes.length), bytes);
    }
    for (const part of records) parts.push(part);
    writeChecked(this.dir, name, SHARD_MAGIC, this.print, Buffer.concat(parts));
    shard.dirty = false;
    for (const entry of shard.entries.values()) delete entry.json; // written: the reader's JSON need not be kept
  }

  private shardOf(path: string): Shard {
    const name = shardName(folderOf(path));
    let shard = this.shards.get(name);
    if (!shard) {
      shard = readShard(join(this.dir, name), this.print);
      this.shards.set(name, shard);
    }
    return shard;
  }

  private hashOf(bytes: Uint8Array): string {
    let hash = this.hashes.get(bytes);
    if (hash === undefined) {
      hash = sha256(bytes).toString('latin1');
      this.hashes.set(bytes, hash);
    }
    return hash;
  }
}

/** A shard's entries, or an empty (dirty) shard when the file is missing, stale or damaged. */
function readShard(file: string, print: Buffer): Shard {
  const empty = (): Shard => ({ entries: new Map(), dirty: true });
  const payload = readChecked(file, SHARD_MAGIC, print);
  if (!payload) return empty();
  if (payload.length < 4) return empty();
  const count = payload.readUInt32LE(0);
  const entries = new Map<string, Entry>();
  if (count * 40 > payload.length - 4) return empty(); // every entry takes at least 40 bytes
  let p = 4;
  for (let index = 0; index < count; index++) {
    if (p + 4 > payload.length) return empty();
    const pathLength = payload.readUInt32LE(p);
    p += 4;
    if (p + pathLength + 32 > payload.length) return empty();
    const path = payload.toString('utf8', p, p + pathLength);
    p += pathLength;
    const hash = payload.toString('latin1', p, p + 32);
    p += 32;
    if (p + 4 > payload.length) return empty();
    const stampLength = payload.readUInt32LE(p);
    p += 4;
    if (p + stampLength > payload.length) return empty();
    const stamp = stampLength > 0 ? payload.toString('latin1', p, p + stampLength) : undefined;
    p += stampLength;
    entries.set(path, { hash, index, ...(stamp !== undefined ? { stamp } : {}) });
  }
  return { entries, stored: payload.subarray(p), storedCount: count, dirty: false };
}

const AS_JSON = 1;
const AS_V8 = 2;

/**
 * Whether JSON gives `value` back exactly (sameData in load-desk.ts): plain objects and
 * arrays of text, finite numbers other than -0, booleans and null — no undefined, no
 * holes, no other prototypes. Records that are not so are kept by v8.serialize.
 */
export function exactInJson(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!(i in value) || !exactInJson(value[i])) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const key in value) if (!Object.hasOwn(value, key) || !exactInJson((value as Record<string, unknown>)[key])) return false;
      return Object.getOwnPropertySymbols(value).length === 0;
    }
    default:
      return false;
  }
}

/**
 * The records of a shard as read from disk, all parsed at the first hit (and the shard's
 * bytes let go); undefined when they do not read.
 */
function storedRecords(shard: Shard): unknown[] | undefined {
  if (!shard.records && shard.stored) {
    const stored = shard.stored;
    shard.stored = undefined;
    const records: unknown[] = [];
    try {
      // as many records as were stored: entries set since (a file new to the folder) have their record already
      for (let p = 0, index = 0; index < (shard.storedCount ?? 0); index++) {
        if (p + 5 > stored.length) throw new RangeError('short');
        const how = stored[p]!;
        const length = stored.readUInt32LE(p + 1);
        p += 5;
        if (p + length > stored.length) throw new RangeError('short');
        // one small string per record, parsed and dropped: no record keeps a slice of a big one
        records.push(how === AS_JSON ? JSON.parse(stored.toString('utf8', p, p + length)) : how === AS_V8 ? deserialize(stored.subarray(p, p + length)) : undefined);
        p += length;
      }
      shard.records = records;
    } catch {
      // checksummed, so only a bug or a V8 change (which the fingerprint covers) gets here
      shard.entries.clear();
      shard.dirty = true;
    }
  }
  return shard.records;
}

/**
 * Writes `payload` as the scratch file `name` under a header (magic, fingerprint, length,
 * checksum): to a temporary file, renamed into place — a reader sees the old file or the
 * new one, never half of one. Throws on a write error (save() swallows it).
 */
function writeChecked(dir: string, name: string, magic: Buffer, print: Buffer, payload: Buffer): void {
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(payload.length));
  const header = Buffer.concat([magic, print, length, sha256(payload)]);
  ensureScratch(dir);
  const final = join(dir, name);
  const temp = `${final}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const fd = openSync(temp, 'wx');
    try {
      writeAll(fd, header);
      writeAll(fd, payload);
    } finally {
      closeSync(fd);
    }
    // no fsync: after a crash the file may be short or hold old blocks, and its checksum says so
    renameSync(temp, final);
  } finally {
    rmSync(temp, { force: true });
  }
}

/** The payload of a file writeChecked wrote, or undefined when it is missing, stale or damaged. */
function readChecked(file: string, magic: Buffer, print: Buffer): Buffer | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return undefined;
  }
  if (buf.length < HEADER || !buf.subarray(0, magic.length).equals(magic)) return undefined;
  let at = magic.length;
  if (!buf.subarray(at, at + 32).equals(print)) return undefined;
  at += 32;
  const length = buf.readBigUInt64LE(at);
  at += 8;
  if (length !== BigInt(buf.length - HEADER)) return undefined;
  const payload = buf.subarray(HEADER);
  return sha256(payload).equals(buf.subarray(at, at + 32)) ? payload : undefined;
}

/** A scratch file's payload of the form key (32 bytes) then a v8.serialize'd value: the value, when the key is `key`. */
function readKeyed(file: string, magic: Buffer, print: Buffer, key: Buffer): unknown {
  const payload = readChecked(file, magic, print);
  if (!payload || payload.length < 32 || !payload.subarray(0, 32).equals(key)) return undefined;
  try {
    return deserialize(payload.subarray(32));
  } catch {
    return undefined; // checksummed, so only a bug or a V8 change (which the fingerprint covers) gets here
  }
}

/** The payload readKeyed reads. */
function keyed(key: Buffer, value: unknown): Buffer {
  return Buffer.concat([key, serialize(value)]);
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

const shardNames = new Map<string, string>();

/** The shard file of a desk folder: named by a hash, whatever characters the folder has. */
function shardName(folder: string): string {
  let name = shardNames.get(folder);
  if (name === undefined) {
    name = `${sha256(Buffer.from(folder, 'utf8')).toString('hex').slice(0, 24)}.bin`;
    shardNames.set(folder, name);
  }
  return name;
}

/** The content key of some bytes, as the cache knows them (for reading ahead on other threads). */
export function contentKeyOf(bytes: Uint8Array): ContentKey {
  return { hash: sha256(bytes).toString('latin1') };
}

function sha256(bytes: Uint8Array): Buffer {
  return hash('sha256', bytes, 'buffer'); // one-shot: ~2× createHash on small files
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * The scratch folder exists and git ignores it, also in a desk whose .gitignore (written
 * by `kefu init`) lacks `.kefu/`: a `.gitignore` of `*` inside it ignores the folder's
 * every file, itself included.
 */
function ensureScratch(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const ignore = join(dir, '..', '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, "# kefu's scratch files (cache, lock): never committed\n*\n");
}

let cachedPrint: Buffer | undefined;

/** What a cached record depends on besides the file's bytes. */
export function fingerprint(): Buffer {
  if (cachedPrint) return cachedPrint;
  const h = createHash('sha256');
  h.update('kefu record cache 1\n');
  const require = createRequire(import.meta.url);
  const pkg = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
  h.update(`kefu ${(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version}\n`);
  h.update(`yaml ${pkg('yaml')}\njs-yaml ${pkg('js-yaml')}\nzod ${pkg('zod')}\nv8 ${process.versions.v8}\n`);
  // the time-zone rules and ICU that local dates, deadlines and duty windows are worked out with
  // (a kept report basis holds instants; a Node patch release may bring new tz data alone)
  h.update(`tz ${process.versions.tz ?? ''}\nicu ${process.versions.icu ?? ''}\nunicode ${process.versions.unicode ?? ''}\n`);
  // kefu's own reading code: the schemas, the readers, the salvage — a rebuild with any
  // change there (even at the same version number) starts a fresh cache
  const domain = fileURLToPath(new URL('../domain/', import.meta.url));
  for (const file of filesUnder(domain)) {
    h.update(`${file}\n`);
    h.update(readFileSync(join(domain, file)));
  }
  cachedPrint = h.digest();
  return cachedPrint;
}

function filesUnder(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesUnder(dir, path));
    else if (entry.isFile() && !entry.name.endsWith('.map')) out.push(path);
  }
  return out;
}
