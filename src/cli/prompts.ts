// Asking for what a flag did not give, on a terminal only (SPEC §4). inquirer is
// loaded only when a prompt is really needed. Ctrl-C ends with Interrupted: nothing is written.
import type { CliContext } from './context.js';
import { Interrupted, KefuError } from './errors.js';

export interface Question {
  flag: string;
  message: string;
  default?: string;
  required?: boolean;
  choices?: { value: string; name: string }[];
  multiple?: boolean;
  validate?: (value: string) => true | string;
}

/** Each missing answer: prompted on a terminal, else one error naming every missing flag. */
export async function askMissing(ctx: CliContext, questions: Question[]): Promise<Record<string, string>> {
  if (questions.length === 0) return {};
  if (!ctx.interactive) {
    const required = questions.filter((q) => q.required !== false);
    if (required.length === 0) return {};
    throw new KefuError('err.missingFlags', { flags: required.map((q) => q.flag).join(' ') });
  }
  const inquirer = (await import('inquirer')).default;
  const answers: Record<string, string> = {};
  try {
    for (const q of questions) {
      const base = { name: 'value', message: q.message, ...(q.default !== undefined ? { default: q.default } : {}) };
      if (q.choices && q.multiple) {
        const picked = (await inquirer.prompt([{ ...base, type: 'checkbox', choices: q.choices, validate: (v: readonly unknown[]) => q.required === false || v.length > 0 }])) as { value: string[] };
        answers[q.flag] = picked.value.join(',');
      } else if (q.choices) {
        const picked = (await inquirer.prompt([{ ...base, type: 'select', choices: q.choices }])) as { value: string };
        answers[q.flag] = picked.value;
      } else {
        const typed = (await inquirer.prompt([{ ...base, type: 'input', required: q.required !== false, ...(q.validate ? { validate: q.validate } : {}) }])) as { value: string };
        answers[q.flag] = typed.value.trim();
      }
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') throw new Interrupted();
    throw error;
  }
  return answers;
}
