// Where each of cognito-totp's own commands lives: one lazy loader per name of specs.ts (a command
// without one is a compile error), so running one command loads only its own code.
import type { Io } from '../shared/io.ts';
import type { CommandName } from './specs.ts';

export type CommandMain = (args: string[], io: Io) => Promise<number>;

export const commandLoaders: Readonly<Record<CommandName, () => Promise<{ default: CommandMain }>>> = {
  quickstart: () => import('./quickstart.ts'),
  enroll: () => import('./enroll.ts'),
  messages: () => import('./messages.ts'),
  seed: () => import('./seed.ts'),
  'sign-in': () => import('./sign-in.ts'),
  totp: () => import('./totp.ts'),
  configure: () => import('./configure.ts'),
  completion: () => import('./completion.ts'),
  serve: () => import('./serve.ts'),
};
