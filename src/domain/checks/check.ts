import type { Finding } from '../../diagnostics/diagnostic.js';
import type { Desk } from '../desk.js';

export interface CheckContext {
  /** "now" as epoch ms (SPEC §4 --as-of) */
  asOf: number;
  /**
   * The computer's clock, told only when "now" is the clock's (no --as-of): the checks that
   * point out items timed after the real now (items-after-now.ts) run only then.
   */
  clock?: number;
}

/** One cross-record rule of SPEC §5.5: reads the desk, returns what it found. */
export type Check = (desk: Desk, ctx: CheckContext) => Finding[];
