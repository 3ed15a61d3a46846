// kefu init [DIR] --property NAME [--profile residential|office] — a new desk (SPEC §4).
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildJsonSchemas, schemaModeline } from '../../domain/json-schemas.js';
import { CONFIG_FILE } from '../../domain/records/config.js';
import { serializeRecordFile } from '../../domain/records/serialize.js';
import { STAFF_FILE } from '../../domain/records/staff.js';
import { commitPaths, git, isInsideGitRepo } from '../../store/git.js';
import { ensureMergeDriver, KEFU_BIN } from '../../store/git-config.js';
import { writeNewFile } from '../../store/write-file.js';
import { writeSchemaFiles } from '../../store/schema-files.js';
import type { CliContext } from '../context.js';
import { EXIT, KefuError } from '../errors.js';

export interface InitOptions {
  dir?: string;
  property: string;
  profile: 'residential' | 'office';
  commit?: boolean;
  /** install the pre-commit hook that runs `kefu audit --staged` */
  hooks?: boolean;
}

/** Record files merge through kefu's own driver (SPEC §2 Conflict-free sync). */
export const GITATTRIBUTES = `# kefu: record files are append-only YAML; kefu's merge driver joins both sides' new items.
duty/**/*.yaml merge=kefu
complaints/**/*.yaml merge=kefu
workorders/**/*.yaml merge=kefu
callbacks/**/*.yaml merge=kefu
*.yaml text eol=lf
`;

export const GITIGNORE = `# kefu's own scratch files (cache, lock)
.kefu/
`;

function deskReadme(property: string): string {
  return `# ${property} 客服中心台账

This folder is a kefu desk: the customer-service center's records as YAML files in git.

| path | what |
| --- | --- |
| kefu.yaml | configuration: property, timezone, shifts, deadlines |
| staff.yaml | staff, roles, leave |
| rosters/YYYY-MM.yaml | the month's duty roster 值班安排表 |
| duty/YYYY/MM/YYYY-MM-DD.yaml | one duty day: entries, handovers, the supervisor's review |
| complaints/YYYY/MM/TS-….yaml | one complaint with its events |
| workorders/YYYY/MM/WO-….yaml | one work order with its events |
| callbacks/YYYY/YYYY-MM.yaml | the month's callbacks, reviews and plans |
| schemas/ | JSON Schemas, so editors check the files as you type |

Records are append-only: never edit or delete a committed item; append a correction.
Run \`kefu validate\` after any hand edit.
`;
}

export async function runInit(ctx: CliContext, options: InitOptions): Promise<number> {
  const dir = resolve(ctx.io.cwd, options.dir ?? ctx.deskOption ?? '.');
  if (existsSync(resolve(dir, CONFIG_FILE))) throw new KefuError('err.deskExists', { dir });
  if (options.property.trim() === '') throw new KefuError('err.badValue', { flag: '--property', value: '""', reason: '—' });
  mkdirSync(dir, { recursive: true });
  if (!isInsideGitRepo(dir)) git(dir, ['init', '--quiet', '--initial-branch=main']);
  ensureMergeDriver(dir);
  const hook = options.hooks ? installPreCommitHook(dir) : undefined;

  const config = {
    property: options.property,
    profile: options.profile,
    timezone: 'Asia/Shanghai',
    duty_day_start: options.profile === 'office' ? '09:00' : '08:30',
  };
  const files: [string, string][] = [
    [CONFIG_FILE, serializeRecordFile(config, `${schemaModeline(CONFIG_FILE, 'config')}\n# kefu desk configuration (SPEC §3.1): whatever is left out takes the ${options.profile} profile's defaults.`)],
    [STAFF_FILE, serializeRecordFile({ staff: [] }, schemaModeline(STAFF_FILE, 'staff'))],
    ['.gitattributes', GITATTRIBUTES],
    ['.gitignore', GITIGNORE],
    ['README.md', deskReadme(options.property)],
  ];
  for (const [name, text] of files) {
    if (!existsSync(resolve(dir, name))) writeNewFile(resolve(dir, name), text);
  }
  const schemas = buildJsonSchemas();
  writeSchemaFiles(resolve(dir, 'schemas'), schemas);
  if (options.commit !== false) {
    commitPaths(dir, [...files.map(([name]) => name), 'schemas'], `kefu: new desk for ${options.property}`);
  }
  ctx.io.stderr.write(`${ctx.t('init.done', { property: options.property, dir })}\n${ctx.t('init.next')}\n`);
  if (hook) ctx.io.stderr.write(`pre-commit: ${hook}\n`);
  return EXIT.clean;
}

const HOOK_MARK = '# kefu pre-commit hook';

/**
 * `.git/hooks/pre-commit` running `kefu audit --staged` (SPEC §2 Append-only): a hand
 * commit that changes or removes a committed item is refused. Absolute node and kefu
 * paths, as for the merge driver; hooks run at the top of the work tree, so the desk is
 * named relative to it. A hook kefu did not write is never replaced.
 */
function installPreCommitHook(dir: string): string {
  const path = resolve(dir, git(dir, ['rev-parse', '--git-path', 'hooks/pre-commit']).trim());
  if (existsSync(path) && !readFileSync(path, 'utf8').includes(HOOK_MARK)) {
    throw new KefuError('err.writeFailed', { file: path, detail: `a pre-commit hook kefu did not write is there; add \`kefu audit --staged\` to it by hand` });
  }
  const desk = git(dir, ['rev-parse', '--show-prefix']).trim() || '.';
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `#!/bin/sh\n${HOOK_MARK} (kefu init --hooks): records are append-only; a commit that changes\n# or removes a committed record item is refused. \`git commit --no-verify\` skips it.\nexec ${quote(process.execPath)} ${quote(KEFU_BIN)} -C ${quote(desk)} audit --staged\n`);
  chmodSync(path, 0o755);
  return path;
}
