// kefu decides colour and interactivity itself (SPEC §4): chalk ignores NO_COLOR
// and cli-table3 colours even when piped (FINDINGS.md).
import { Chalk, type ChalkInstance } from 'chalk';

export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export type Env = Record<string, string | undefined>;

/** --no-color and NO_COLOR win; then FORCE_COLOR; then TERM=dumb; then "is it a terminal". */
export function decideColor(stream: Stream, env: Env, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export function chalkFor(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}

/** A command prompts only when stdin and stdout are terminals and neither --no-input nor CI is set. */
export function decideInteractive(stdinIsTTY: boolean, stdoutIsTTY: boolean, env: Env, noInputFlag: boolean): boolean {
  return stdinIsTTY && stdoutIsTTY && !noInputFlag && !(env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0');
}
