// kefu audit — being written (issue 3).
import type { CliContext } from '../context.js';
import { KefuError } from '../errors.js';

export async function runAudit(_ctx: CliContext, _options: { format?: string; staged?: boolean }): Promise<number> {
  throw new KefuError('err.usage', { detail: 'audit: not built yet' });
}
