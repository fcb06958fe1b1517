// Whether stderr gets colour, and the styles when it does (chalk, imported only then). stdout is
// never coloured: JSON, text and table output stay byte-identical to the AWS CLI's.
//
// Precedence, first that speaks wins: --color on|off, the `color` setting (on|off), FORCE_COLOR
// (0/false: off, anything else: on), NO_COLOR (non-empty: off), then auto: on only when stderr is a
// terminal whose TERM is not `dumb`. The setting above NO_COLOR follows https://no-color.org/
// ("user-level configuration files and per-instance command-line arguments should override").
import { readSetting } from '../config/settings.ts';
import type { Io } from '../shared/io.ts';
import { loadChalk } from '../shared/lazy.ts';

export interface Styles {
  error(s: string): string;
  warning(s: string): string;
  heading(s: string): string;
  success(s: string): string;
  dim(s: string): string;
  code(s: string): string;
}

const plain: Styles = {
  error: (s) => s,
  warning: (s) => s,
  heading: (s) => s,
  success: (s) => s,
  dim: (s) => s,
  code: (s) => s,
};

/** The value of --color in argv (`--color X` or `--color=X`), the last one winning. */
export function colorFlag(argv: readonly string[]): string | undefined {
  let v: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--color') v = argv[++i];
    else if (a.startsWith('--color=')) v = a.slice('--color='.length);
  }
  return v;
}

export function wantColor(
  env: NodeJS.ProcessEnv,
  // A function is asked only when nothing above decides: finding out creates the stderr stream.
  isTTY: boolean | (() => boolean),
  flag: string | undefined,
  setting: () => string | undefined = () => readSetting(env, 'color'),
): boolean {
  if (flag === 'on') return true;
  if (flag === 'off') return false;
  let s: string | undefined;
  try {
    s = setting();
  } catch {
    s = undefined; // a broken settings file is reported elsewhere; colour is not worth failing for
  }
  if (s === 'on') return true;
  if (s === 'off') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return (typeof isTTY === 'function' ? isTTY() : isTTY) && env.TERM !== 'dumb';
}

/** The styles for stderr, given the command's --color value (or argv to find it in). */
export async function stderrStyles(io: Io, flag: string | undefined = colorFlag(io.argv)): Promise<Styles> {
  if (!wantColor(io.env, () => io.stderrIsTTY, flag)) return plain;
  const { Chalk } = await loadChalk();
  // Level 1 (16 colours) is all these styles use, and every colour terminal has it.
  const c = new Chalk({ level: 1 });
  return {
    error: (s) => c.red(s),
    warning: (s) => c.yellow(s),
    heading: (s) => c.bold.cyan(s),
    success: (s) => c.green(s),
    dim: (s) => c.dim(s),
    code: (s) => c.bold(s),
  };
}

export const plainStyles: Styles = plain;

/** Applies a style line by line, so that colour never spans a newline (pagers, `less -R`, tmux). */
export function perLine(style: (s: string) => string, text: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? l : style(l)))
    .join('\n');
}
