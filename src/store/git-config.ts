// Registering kefu's merge driver in the clone's own git config (SPEC §2
// Conflict-free sync): `.gitattributes` names `merge=kefu`, but git only knows what
// that means once `merge.kefu.driver` is set, and config is not cloned — so every
// kefu command that opens a desk makes sure it is there.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { KefuError } from '../cli/errors.js';

const NAME = 'kefu: append-only YAML records (both sides\' new items, in time order)';

/** kefu's launcher, found from this module rather than argv or PATH (FINDINGS: git looks the driver up when it runs it). */
export const KEFU_BIN = fileURLToPath(new URL('../../bin/kefu.js', import.meta.url));

/**
 * The driver command, with absolute paths. git runs it through `sh -c` and puts the
 * temp files' names for %O %A %B and the quoted path for %P.
 */
export function mergeDriverCommand(node = process.execPath, bin = KEFU_BIN): string {
  return `${shellQuote(node)} ${shellQuote(bin)} merge-driver %O %A %B --path %P`;
}

/**
 * Sets merge.kefu.name and merge.kefu.driver in the local config of the repo
 * holding `root`, writing only what differs. Silent when `root` is not in a git repo.
 * A clone that cannot be written (a read-only disk or share, no permission) still
 * reads, validates and reports: the config is then left as it is, unless `required`
 * (kefu sync, which merges) — docs/RELIABILITY.md.
 */
export function ensureMergeDriver(root: string, options: { required?: boolean } = {}): void {
  const current = readLocalKefuConfig(root);
  if (current === undefined) return; // not a git repository
  const wanted: [string, string][] = [
    ['merge.kefu.name', NAME],
    ['merge.kefu.driver', mergeDriverCommand()],
  ];
  for (const [key, value] of wanted) {
    if (current.get(key) === value) continue;
    try {
      setLocal(root, key, value);
    } catch (error) {
      if (options.required) throw error;
      return;
    }
  }
}

/** The local merge.kefu.* values; undefined when `root` is not in a git repository. */
function readLocalKefuConfig(root: string): Map<string, string> | undefined {
  const r = spawnSync('git', ['config', '--local', '--null', '--get-regexp', '^merge\\.kefu\\.'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) return undefined; // no git at all: nothing to register with
  const values = new Map<string, string>();
  if (r.status === 1) return values; // none set yet
  if (r.status !== 0) return undefined; // "--local can only be used inside a git repository"
  for (const entry of r.stdout.split('\0')) {
    const nl = entry.indexOf('\n');
    if (nl > 0) values.set(entry.slice(0, nl), entry.slice(nl + 1));
  }
  return values;
}

/**
 * Another kefu process may be writing the same value at the same moment (git
 * locks the config file): after a failed write, a re-read showing the value
 * wanted is success.
 */
function setLocal(root: string, key: string, value: string): void {
  let detail = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      execFileSync('git', ['config', '--local', key, value], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
      return;
    } catch (error) {
      detail = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split('\n')[0] ?? '';
      if (readLocalKefuConfig(root)?.get(key) === value) return;
      if (/Read-only file system|Permission denied|Operation not permitted/i.test(detail)) break; // waiting will not help
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50 * (attempt + 1));
    }
  }
  throw new KefuError('err.git', { detail });
}

/**
 * Quotes for `sh`: double quotes, as a reader expects, when the text has nothing
 * that is special inside them; single quotes otherwise.
 */
function shellQuote(text: string): string {
  if (!/["$`\\!]/.test(text)) return `"${text}"`;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
