import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Schemas are kefu's own generated files, not records: plain overwrite is right here. */
export function writeSchemaFiles(dir: string, schemas: Map<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of schemas) writeFileSync(join(dir, name), text);
}
