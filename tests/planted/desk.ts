// A temp copy of examples/desk with planted mistakes, and where each one's diagnostic
// must point (for planted-mistakes.test.ts; ported from an adversarial tester's scripts).
// Plants change the copy only through PlantedDesk's methods (see freshCopy).
//
// Every edit checks that the text it edits is there (and unique where an anchor or the
// old text is given as a plain string), and every expected position is worked out from
// the planted text — a needle that must occur exactly once in the file (or an anchor
// that must occur exactly once, and the needle after it). A regenerated example desk
// that no longer has the text fails loudly instead of silently testing nothing.
import { createHash } from 'node:crypto';
import { cpSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Code, Severity } from '../../src/diagnostics/catalogue.js';
import { EXAMPLE_DESK } from '../helpers/cli.js';

/** A plain string must occur exactly once in the file; `{ first }` takes its first occurrence. */
export type Anchor = string | { first: string };

export interface Expectation {
  /** desk-relative path with forward slashes, as diagnostics name it */
  file: string;
  code: Code;
  /** what was planted, for the failure message */
  desc: string;
  /** checked when given (a warning does not fail validate) */
  severity?: Severity;
  /** the text the diagnostic points at: exactly once in the file, or the first after `anchor` */
  needle?: string;
  /** text that must occur exactly once in the file; the needle is looked for after it */
  anchor?: string;
  /** characters to move right from the start of the needle */
  offset?: number;
  /** point just past the end of the needle's line (where a parser notices an unclosed quote) */
  lineEnd?: boolean;
  /** point just past the last character of the file (a torn tail) */
  fileEnd?: boolean;
  /** a problem with the file as a whole: line 1, column 1 */
  wholeFile?: boolean;
}

export interface Resolved {
  file: string;
  line: number;
  col: number;
  code: Code;
  desc: string;
  severity?: Severity;
}

export class PlantedDesk {
  readonly dir: string;
  readonly expectations: Expectation[] = [];

  /** A fresh temp copy of the example desk. */
  constructor() {
    this.dir = freshCopy();
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  read(file: string): string {
    return readFileSync(join(this.dir, file), 'utf8');
  }

  /** Replaces the file (never writes into it: it may be a hard link to examples/desk). */
  write(file: string, text: string): void {
    mkdirSync(dirname(join(this.dir, file)), { recursive: true });
    rmSync(join(this.dir, file), { force: true });
    writeFileSync(join(this.dir, file), text);
  }

  append(file: string, text: string): void {
    this.write(file, this.read(file) + text);
  }

  rename(from: string, to: string): void {
    mkdirSync(dirname(join(this.dir, to)), { recursive: true });
    renameSync(join(this.dir, from), join(this.dir, to));
  }

  /**
   * Replaces `old` by `neu`: the unique occurrence of `old` in the file, or, with an
   * anchor, the first occurrence of `old` after the anchor.
   */
  sub(file: string, old: string, neu: string, anchor?: Anchor): void {
    const text = this.read(file);
    let at: number;
    if (anchor === undefined) {
      at = uniqueIndex(text, old, `${file}: text to replace`);
    } else {
      at = text.indexOf(old, anchorIndex(text, anchor, file));
      if (at < 0) throw new Error(`${file}: ${JSON.stringify(old)} not found after anchor ${JSON.stringify(anchor)}`);
    }
    this.write(file, text.slice(0, at) + neu + text.slice(at + old.length));
  }

  /** Replaces the first match of `re` (after the anchor, if any), which must match; `$1` works as in String.replace. */
  subRe(file: string, re: RegExp, replacement: string, anchor?: Anchor): void {
    const text = this.read(file);
    const from = anchor === undefined ? 0 : anchorIndex(text, anchor, file);
    const once = new RegExp(re.source, re.flags.replace('g', ''));
    const rest = text.slice(from);
    if (!once.test(rest)) throw new Error(`${file}: ${re} does not match${anchor === undefined ? '' : ` after anchor ${JSON.stringify(anchor)}`}`);
    this.write(file, text.slice(0, from) + rest.replace(once, replacement));
  }

  /** Inserts text before the unique `anchor`. */
  insertBefore(file: string, anchor: string, text: string): void {
    this.sub(file, anchor, text + anchor);
  }

  /** Cuts the file just before the unique `marker`. */
  truncateAt(file: string, marker: string): void {
    const text = this.read(file);
    this.write(file, text.slice(0, uniqueIndex(text, marker, `${file}: cut marker`)));
  }

  expect(e: Expectation): void {
    this.expectations.push(e);
  }

  /** Each expectation's file:line:col (1-based), from the files as they are now. */
  resolve(): Resolved[] {
    return this.expectations.map((e, k) => {
      const what = `expectation ${k + 1} (${e.desc})`;
      const base = { file: e.file, code: e.code, desc: e.desc, ...(e.severity ? { severity: e.severity } : {}) };
      if (e.wholeFile) return { ...base, line: 1, col: 1 };
      // A byte-order mark is not a character of line 1: columns count from after it.
      const text = this.read(e.file).replace(/^\uFEFF/, '');
      let at: number;
      if (e.fileEnd) {
        at = text.length;
      } else {
        if (e.needle === undefined) throw new Error(`${what}: no needle`);
        if (e.anchor !== undefined) {
          at = text.indexOf(e.needle, uniqueIndex(text, e.anchor, `${what}: anchor`));
          if (at < 0) throw new Error(`${what}: needle ${JSON.stringify(e.needle)} not found after anchor ${JSON.stringify(e.anchor)}`);
        } else {
          at = uniqueIndex(text, e.needle, `${what}: needle`);
        }
        if (e.lineEnd) {
          const nl = text.indexOf('\n', at);
          at = nl < 0 ? text.length : nl;
        }
        at += e.offset ?? 0;
      }
      return { ...base, ...lineCol(text, at) };
    });
  }
}

/**
 * A temp copy of the example desk: `mkdtempSync(tmpdir()/kefu-planted-)` with its folders
 * made and its files hard-linked from examples/desk. Copying the ~440 files with cpSync
 * (and removing them) took about as long as validating the copy; linking them takes a
 * fraction of that. Where links cannot be made (tmpdir on another file system) it falls
 * back to cpSync. A link shares its content with examples/desk, so a copy is only ever
 * changed through PlantedDesk, whose `write` replaces a file rather than writing into it;
 * exampleDeskDigest() lets the test check that examples/desk came out unchanged.
 */
export function freshCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-planted-'));
  if (linking) {
    try {
      linkTree(EXAMPLE_DESK, dir);
      return dir;
    } catch {
      linking = false;
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
    }
  }
  cpSync(EXAMPLE_DESK, dir, { recursive: true });
  return dir;
}

let linking = true;

function linkTree(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [src, dest] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) {
      mkdirSync(dest);
      linkTree(src, dest);
    } else {
      linkSync(src, dest);
    }
  }
}

/** A digest of every file under examples/desk (path and content). */
export function exampleDeskDigest(): string {
  const hash = createHash('sha256');
  const walk = (dir: string, rel: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, `${rel}${entry.name}/`);
      else hash.update(`${rel}${entry.name}\0`).update(readFileSync(path)).update('\0');
    }
  };
  walk(EXAMPLE_DESK, '');
  return hash.digest('hex');
}

export function lineCol(text: string, at: number): { line: number; col: number } {
  const before = text.slice(0, at);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, col: at - lineStart + 1 };
}

function uniqueIndex(text: string, s: string, what: string): number {
  const at = text.indexOf(s);
  if (at < 0) throw new Error(`${what}: not found: ${JSON.stringify(s)}`);
  if (text.indexOf(s, at + 1) >= 0) throw new Error(`${what}: not unique: ${JSON.stringify(s)}`);
  return at;
}

function anchorIndex(text: string, anchor: Anchor, file: string): number {
  if (typeof anchor === 'string') return uniqueIndex(text, anchor, `${file}: anchor`);
  const at = text.indexOf(anchor.first);
  if (at < 0) throw new Error(`${file}: anchor not found: ${JSON.stringify(anchor.first)}`);
  return at;
}
