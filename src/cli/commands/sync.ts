// kefu sync — being written (issue 3).
import type { CliContext } from '../context.js';
import { KefuError } from '../errors.js';

export async function runSync(_ctx: CliContext, _options: { push?: boolean }): Promise<number> {
  throw new KefuError('err.usage', { detail: 'sync: not built yet' });
}
