// Command-line parsing shared by cognito-totp's own commands (totp, quickstart, enroll, configure,
// completion): commander with exitOverride, the global options accepted (hidden from help), and
// every parse error turned into a ParamError (exit 252) that points at the command's help.
import { Command, type CommanderError, Option } from 'commander';
import { type Globals, globalOptions, toGlobals } from '../cli/globals.ts';
import { PROG } from '../cli/usage.ts';
import { ParamError } from '../errors.ts';
import { type CommandName, commandSpecs } from './specs.ts';

export interface Parsed {
  opts: Record<string, unknown>;
  globals: Globals;
  operands: string[];
}

function camel(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * A commander program for one command: its own options from specs.ts, then the global options,
 * hidden from help. `help` is the text `--help`/`help` print.
 */
export function parseCommand(
  name: CommandName,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Parsed | { help: string } {
  const spec = commandSpecs[name];
  const notes = 'notes' in spec ? spec.notes(env) : '';
  const cmd = new Command(`${PROG} ${name}`)
    .exitOverride()
    .allowExcessArguments()
    .helpOption('-h, --help', 'Show this help.')
    .configureOutput({ writeOut: () => {}, writeErr: () => {} });
  if ('options' in spec) spec.options(cmd);
  const own = new Set(cmd.options.map((o) => o.long));
  for (const g of globalOptions) {
    if (own.has(g.flag)) continue;
    const o = new Option(g.value ? `${g.flag} <${g.value}>` : g.flag, g.doc).hideHelp();
    if (g.choices) o.choices(g.choices as string[]);
    cmd.addOption(o);
  }
  if (args[0] === 'help' || args.includes('--help') || args.includes('-h')) {
    const tail = `The global options of ${PROG} (see '${PROG} help') are accepted too.\n`;
    return { help: `${cmd.helpInformation()}${notes ? `\n${notes.replace(/\n*$/, '\n')}` : ''}\n${tail}` };
  }
  try {
    cmd.parse(args as string[], { from: 'user' });
  } catch (e) {
    const err = e as CommanderError;
    throw new ParamError(
      `${PROG} ${name}: ${err.message.replace(/^error: /, '')}\nSee '${PROG} ${name} --help'.`,
    );
  }
  const opts = cmd.opts();
  const g: Record<string, string | boolean | undefined> = {};
  for (const o of globalOptions) {
    g[o.flag] = opts[camel(o.flag.replace(/^--no-/, '--'))] as string | boolean | undefined;
  }
  return { opts, globals: toGlobals(g), operands: [...cmd.args] };
}

/** An integer option value within bounds, or a ParamError naming the flag. */
export function intOption(value: unknown, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const s = String(value);
  const n = Number(s);
  if (!/^\d+$/.test(s) || n < min || n > max) {
    throw new ParamError(`${PROG}: argument ${flag}: expected an integer from ${min} to ${max}, got '${s}'`);
  }
  return n;
}
