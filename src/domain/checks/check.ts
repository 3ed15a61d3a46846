import type { Finding } from '../../diagnostics/diagnostic.js';
import type { Desk } from '../desk.js';

export interface CheckContext {
  /** "now" as epoch ms (SPEC §4 --as-of) */
  asOf: number;
}

/** One cross-record rule of SPEC §5.5: reads the desk, returns what it found. */
export type Check = (desk: Desk, ctx: CheckContext) => Finding[];
