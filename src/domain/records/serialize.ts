// How kefu writes YAML: readable block style that YAML 1.1 readers read the same
// way — "08:30", "no", phone and id numbers quoted (SPEC §2 Times).
import { stringify } from 'yaml';

const OPTIONS = { compat: 'yaml-1.1', lineWidth: 0, indentSeq: true } as const;

/** Characters YAML 1.2 allows only escaped (yaml-file.ts refuses them raw); the yaml package writes some raw. */
// eslint-disable-next-line no-control-regex
const NOT_PRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;
const EVERY_NOT_PRINTABLE = new RegExp(NOT_PRINTABLE.source, 'g');

/**
 * YAML text for a value. When a string or key holds a character YAML text may not hold
 * raw (DEL, C1 controls, U+FFFE…), every string and key is written double-quoted and those
 * characters as escapes, so that what kefu writes it reads back equal (a rare shape, seen
 * only in pasted text; tests/properties/loader-roundtrip.test.ts).
 */
function toYaml(value: unknown): string {
  const text = stringify(value, OPTIONS);
  if (!NOT_PRINTABLE.test(text)) return text;
  const quoted = stringify(value, { ...OPTIONS, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'QUOTE_DOUBLE' });
  return quoted.replace(EVERY_NOT_PRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A whole new record file, starting with the editor's schema line. */
export function serializeRecordFile(value: unknown, modeline?: string): string {
  const body = toYaml(value);
  return modeline ? `${modeline}\n${body}` : body;
}

/** One item to append under a top-level list key: `- …` lines indented like the list's items, ending in a newline. */
export function serializeListItem(item: unknown, indent = 2): string {
  const text = toYaml([item]);
  const pad = ' '.repeat(indent);
  return text.split('\n').map((line) => (line === '' ? line : `${pad}${line}`)).join('\n');
}
