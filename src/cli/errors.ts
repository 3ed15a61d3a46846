// Outcomes that end a command early. The error boundary in main.ts maps them to
// exit codes (SPEC §4): 2 for usage, bad input and runtime failures, 130 for Ctrl-C.
import type { MessageKey } from '../i18n/messages.js';

export class KefuError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, unknown> = {},
    readonly hintKey?: MessageKey,
    readonly exitCode = 2,
    /** more lines to print after the message (diagnostics of a refused write) */
    readonly details?: string,
  ) {
    super(key);
  }
}

/** The user pressed Ctrl-C: nothing was written. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

export const EXIT = { clean: 0, findings: 1, failure: 2, interrupted: 130 } as const;
