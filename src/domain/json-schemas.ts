// JSON Schemas generated from the zod schemas, so that editors (the VS Code YAML
// extension) check record files as people type. schemas/ is this output, committed;
// a test keeps it in sync.
import { z } from 'zod';
import { RECORD_KINDS, type KindName } from './record-kinds.js';

export const SCHEMA_FILES: Record<KindName, string> = {
  config: 'kefu.schema.json',
  staff: 'staff.schema.json',
  roster: 'roster.schema.json',
  'duty-day': 'duty-day.schema.json',
  complaint: 'complaint.schema.json',
  'work-order': 'work-order.schema.json',
  'callback-month': 'callback-month.schema.json',
};

/** file name → pretty JSON text, for every record kind. */
export function buildJsonSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  for (const kind of RECORD_KINDS) {
    const json = z.toJSONSchema(kind.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    tidy(json);
    json.$id = `urn:kefu:schema:${kind.name}`;
    out.set(SCHEMA_FILES[kind.name], `${JSON.stringify(json, null, 2)}\n`);
  }
  return out;
}

/**
 * Strict objects also accept `x-` keys (SPEC §3); a `format` makes zod's long
 * `pattern` redundant and only adds noise to editor messages (FINDINGS.md).
 */
function tidy(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(tidy);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.type === 'object' && o.additionalProperties === false) o.patternProperties = { '^x-': {} };
  if (typeof o.format === 'string' && typeof o.pattern === 'string') delete o.pattern;
  for (const value of Object.values(o)) tidy(value);
}

/** The first line of a file kefu writes: tells the editor which schema applies (relative to the desk root). */
export function schemaModeline(recordPath: string, kind: KindName): string {
  const depth = recordPath.split('/').length - 1;
  return `# yaml-language-server: $schema=${'../'.repeat(depth)}schemas/${SCHEMA_FILES[kind]}`;
}
