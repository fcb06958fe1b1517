// An Io that records what a command writes, for calling command modules in-process.
import type { Io } from '../../src/shared/io.ts';

export interface FakeIo extends Io {
  out: string[];
  err: string[];
  stdoutText(): string;
  stderrText(): string;
}

export function fakeIo(opts: Partial<Io> & { stdin?: string } = {}): FakeIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    argv: [],
    env: { HOME: '/nonexistent-home', COGNITO_TOTP_CONFIG_DIR: '/nonexistent-config' },
    cwd: process.cwd(),
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    stdinIsTTY: false,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    readStdin: async () => opts.stdin ?? '',
    ...opts,
    out,
    err,
    stdoutText: () => out.join(''),
    stderrText: () => err.join(''),
  };
}
