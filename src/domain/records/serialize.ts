// How kefu writes YAML: readable block style that YAML 1.1 readers read the same
// way — "08:30", "no", phone and id numbers quoted (SPEC §2 Times).
import { stringify } from 'yaml';

const OPTIONS = { compat: 'yaml-1.1', lineWidth: 0, indentSeq: true } as const;

/** A whole new record file, starting with the editor's schema line. */
export function serializeRecordFile(value: unknown, modeline?: string): string {
  const body = stringify(value, OPTIONS);
  return modeline ? `${modeline}\n${body}` : body;
}

/** One item to append under a top-level list key: `- …` lines indented like the list's items, ending in a newline. */
export function serializeListItem(item: unknown, indent = 2): string {
  const text = stringify([item], OPTIONS);
  const pad = ' '.repeat(indent);
  return text.split('\n').map((line) => (line === '' ? line : `${pad}${line}`)).join('\n');
}
