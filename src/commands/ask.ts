// Questions asked in a terminal (enroll, sign-in): enquirer, loaded only when a question is asked.
// A rejected question (Ctrl-C, Esc) is reported as Cancelled.
import { loadEnquirer } from '../shared/lazy.ts';

/** The questions the wizard asks; a rejection (Ctrl-C) is reported as Cancelled. */
export interface Asker {
  input(message: string, validate?: (v: string) => true | string): Promise<string>;
  password(message: string): Promise<string>;
  select(message: string, choices: { name: string; message: string }[]): Promise<string>;
  confirm(message: string, initial: boolean): Promise<boolean>;
}

export class Cancelled extends Error {
  override readonly name = 'Cancelled';
}

/** enquirer on the process's terminal, loaded only when a question is asked. */
export function enquirerAsker(): Asker {
  const ask = async <T>(question: Record<string, unknown>): Promise<T> => {
    const Enquirer = loadEnquirer();
    try {
      const answers = (await Enquirer.prompt({ name: 'value', ...question } as never)) as { value: T };
      return answers.value;
    } catch {
      // enquirer rejects (with an empty string) when the question is cancelled with Ctrl-C or Esc.
      throw new Cancelled();
    }
  };
  return {
    input: (message, validate) => ask<string>({ type: 'input', message, ...(validate ? { validate } : {}) }),
    password: (message) =>
      ask<string>({ type: 'password', message, validate: (v: string) => (v === '' ? 'required' : true) }),
    select: (message, choices) => ask<string>({ type: 'select', message, choices }),
    confirm: (message, initial) => ask<boolean>({ type: 'confirm', message, initial }),
  };
}
