// What a command may know of its process: argv, environment, cwd, the three streams and the
// signals. Only src/cli/main.ts makes one from `process`; tests make fake ones, so every command
// runs in-process under a test exactly as it runs for a user.

export type StopSignal = 'SIGINT' | 'SIGTERM';

export interface Io {
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  // May be getters (src/cli/main.ts): finding out creates the stream, so ask only when it matters.
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readStdin: () => Promise<string>;
  /**
   * Takes SIGINT and SIGTERM over from the default (exit 130 at once): a command that must finish
   * work in flight (serve) says what to do instead. Without it a signal ends the process as usual.
   */
  onStopSignal?: (handler: (signal: StopSignal) => void) => void;
  /** Ends the process now with this code (a second Ctrl-C while stopping). */
  exitNow?: (code: number) => never;
}
