// kefu schema export [DIR] — writes the JSON Schemas (SPEC §4).
import { resolve } from 'node:path';
import { buildJsonSchemas } from '../../domain/json-schemas.js';
import { findDeskRoot } from '../../store/find-desk.js';
import { writeSchemaFiles } from '../../store/schema-files.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../errors.js';

export async function runSchemaExport(ctx: CliContext, dir: string | undefined): Promise<number> {
  const base = ctx.deskOption ? resolve(ctx.io.cwd, ctx.deskOption) : ctx.io.cwd;
  const target = dir !== undefined ? resolve(ctx.io.cwd, dir) : resolve(findDeskRoot(base) ?? ctx.io.cwd, 'schemas');
  const schemas = buildJsonSchemas();
  writeSchemaFiles(target, schemas);
  ctx.io.stderr.write(`${ctx.t('schema.written', { count: schemas.size, dir: target })}\n`);
  return EXIT.clean;
}
