// What the fault tests share (docs/RELIABILITY.md): trial counts that CI keeps small and
// a long run raises (KEFU_FAULT_TRIALS), a desk of the right size, and reading a duty day.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { newDesk } from '../helpers/cli.js';

/** Trials for a randomized fault test: `ci` by default, KEFU_FAULT_TRIALS for the long runs recorded in RELIABILITY.md. */
export function trials(ci: number): number {
  const n = Number(process.env.KEFU_FAULT_TRIALS);
  return Number.isInteger(n) && n > 0 ? n : ci;
}

/** A new desk (kefu init + four staff), in a git repository. */
export const freshDesk = (): string => newDesk();

export const DAY = '2026-11-25';
export const DAY_FILE = `duty/2026/11/${DAY}.yaml`;

/** The items of a duty-day file as YAML reads them (undefined when it does not parse). */
export function dutyItems(desk: string, file = DAY_FILE): { type: string; id?: string; content?: string }[] | undefined {
  try {
    return ((parse(readFileSync(join(desk, file), 'utf8')) as { log?: unknown[] }).log ?? []) as { type: string; id?: string; content?: string }[];
  } catch {
    return undefined;
  }
}

/** A seeded random number generator (mulberry32), so that a failing trial can be rerun. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of this run: KEFU_FAULT_SEED to replay one, else the clock (printed by the tests). */
export const SEED = Number(process.env.KEFU_FAULT_SEED) || Date.now() % 1_000_000;
