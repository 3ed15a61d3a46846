// Appending one item to a record file (SPEC §2): the file must end with a
// complete item and, in a git repo, hold only appends since its last commit; the
// new text is one write() followed by fsync; a new file is created exclusively.
// Whatever the check of the file-to-be finds, nothing is written.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { serializeListItem } from '../domain/records/serialize.js';
import { KefuError } from '../cli/errors.js';
import { committedText } from './git.js';
import { withDeskLock } from './desk-lock.js';
import { writeNewFile } from './write-file.js';

export interface AppendRequest {
  /** desk-relative path of the record file */
  path: string;
  /** the top-level list the item goes under */
  listKey: string;
  item: unknown;
  /** the whole file to create when it does not exist yet */
  newFile: () => string;
  /** checks the file as it will be; throws (writing nothing) when it is not right */
  check: (text: string, appendedFromLine: number) => void;
}

export function appendItem(root: string, request: AppendRequest): { created: boolean } {
  return withDeskLock(root, () => {
    const abs = join(root, request.path);
    if (!existsSync(abs)) {
      const text = request.newFile();
      request.check(text, 1);
      mkdirSync(dirname(abs), { recursive: true });
      writeNewFile(abs, text);
      return { created: true };
    }
    const current = readFileSync(abs, 'utf8');
    assertCleanTail(root, request.path, current);
    const addition = serializeListItem(request.item, listIndent(current, request.listKey, request.path));
    const next = current + addition;
    request.check(next, current.split('\n').length);
    const fd = openSync(abs, 'a');
    try {
      writeSync(fd, Buffer.from(addition, 'utf8')); // one write of the whole item
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return { created: false };
  });
}

/** A torn tail, or an uncommitted change that is not an append, stops every further append. */
function assertCleanTail(root: string, path: string, current: string): void {
  if (!current.endsWith('\n')) {
    throw new KefuError('err.tornTail', { file: `${path}:${current.split('\n').length}` }, 'err.tornTail.hint');
  }
  const committed = committedText(root, path);
  if (committed !== undefined && !current.startsWith(committed)) {
    let i = 0;
    while (i < committed.length && committed[i] === current[i]) i++;
    throw new KefuError('err.notAppendOnly', { file: `${path}:${current.slice(0, i).split('\n').length}` }, 'err.notAppendOnly.hint');
  }
}

/**
 * The column of the `-` of the list's items, so an appended item lines up with them.
 * A text scan, not a parse: appending must not cost a parse of the whole file. The
 * list must be a block list and the file's last top-level key.
 */
function listIndent(text: string, listKey: string, path: string): number {
  const lines = text.split('\n');
  const keyLine = lines.findIndex((l) => l === `${listKey}:` || l.startsWith(`${listKey}:`) && /^[^:]+:\s*(#.*)?\r?$/.test(l));
  let indent = Infinity;
  for (let i = keyLine + 1; keyLine >= 0 && i < lines.length; i++) {
    const line = lines[i]!;
    if (/^[^\s#-]/.test(line)) return refuse(path, listKey); // another top-level key after the list
    const dash = /^( *)- /.exec(line) ?? /^( *)-\r?$/.exec(line);
    if (dash) indent = Math.min(indent, dash[1]!.length);
  }
  return indent === Infinity ? refuse(path, listKey) : indent;
}

function refuse(path: string, listKey: string): never {
  throw new KefuError('err.cannotAppend', { file: path, key: listKey });
}
