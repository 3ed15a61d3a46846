// kefu merge-driver BASE OURS THEIRS — being written (issue 3).
import type { CliContext } from '../context.js';
import { KefuError } from '../errors.js';

export interface MergeDriverOptions { base: string; ours: string; theirs: string; path?: string }

export async function runMergeDriver(_ctx: CliContext, _options: MergeDriverOptions): Promise<number> {
  throw new KefuError('err.usage', { detail: 'merge-driver: not built yet' });
}
