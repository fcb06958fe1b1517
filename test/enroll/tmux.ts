// A real terminal for tests: a tmux server of its own (its own socket, no user configuration),
// one pane running a command, keys sent as a person types them, the screen read back with
// capture-pane. Waits poll the screen for the text expected, never sleep for a fixed time.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export const hasTmux = spawnSync('sh', ['-c', 'command -v tmux']).status === 0;

export class Terminal {
  private readonly socket = `ct-test-${process.pid}-${randomBytes(4).toString('hex')}`;

  private constructor() {}

  /** Starts `command` (a shell command line) in a 120x50 pane; its exit code is shown as __EXIT__N. */
  static start(command: string, env: NodeJS.ProcessEnv, cwd: string): Terminal {
    const t = new Terminal();
    t.tmux(
      [
        '-f',
        '/dev/null',
        'new-session',
        '-d',
        '-x',
        '120',
        '-y',
        '50',
        '-s',
        'w',
        `${command}; echo __EXIT__$?; sleep 600`,
      ],
      env,
      cwd,
    );
    t.tmux(['set-option', '-t', 'w', 'history-limit', '5000']);
    return t;
  }

  private tmux(args: string[], env?: NodeJS.ProcessEnv, cwd?: string): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], {
      encoding: 'utf8',
      ...(env ? { env } : {}),
      ...(cwd ? { cwd } : {}),
    });
  }

  /** The whole pane with its scrollback; with `escapes`, colours as SGR sequences. */
  screen(escapes = false): string {
    return this.tmux([
      'capture-pane',
      '-p',
      '-J',
      '-S',
      '-',
      '-E',
      '-',
      ...(escapes ? ['-e'] : []),
      '-t',
      'w',
    ]);
  }

  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = pattern.exec(this.screen());
      if (m) return m;
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${pattern}; the screen shows:\n${this.screen()}`);
      }
      await new Promise((r) => setTimeout(r, 40));
    }
  }

  /** Text typed as is. */
  type(text: string): void {
    this.tmux(['send-keys', '-t', 'w', '-l', text]);
  }

  /** Named keys: Enter, C-c, Down... */
  press(...keys: string[]): void {
    this.tmux(['send-keys', '-t', 'w', ...keys]);
  }

  async exitCode(timeoutMs = 20_000): Promise<number> {
    return Number((await this.waitFor(/__EXIT__(\d+)/, timeoutMs))[1]);
  }

  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
  }
}
