// The command line derived from the model: one commander command per operation, one flag per
// input member (--kebab-case; booleans as --flag / --no-flag; lists take several words), plus the
// global options. No flag is written by hand. Parsing follows AWS CLI v2's argparse rules.
import { Command, type CommanderError } from 'commander';
import { ParamError } from '../errors.ts';
import { cliName, type Operation, type Shape } from '../model/index.ts';
import { extrasOf } from './customizations.ts';
import { type GlobalOption, globalOptions } from './globals.ts';
import { PROG } from './usage.ts';

export interface MemberFlag {
  member: string;
  shape: Shape;
  flag: string;
  /** commander's key for the option's value. */
  key: string;
}

export interface ParsedOperation {
  /** Raw values by member name: string, string[] (lists) or boolean (switches). */
  members: Map<string, string | string[] | boolean>;
  globals: Record<string, string | boolean | undefined>;
  extras: Record<string, string | boolean | undefined>;
  leftovers: string[];
  flags: MemberFlag[];
}

function camel(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function memberFlags(op: Operation): MemberFlag[] {
  return Object.entries(op.input.members).map(([member, shape]) => {
    const flag = `--${cliName(member)}`;
    return { member, shape, flag, key: camel(flag) };
  });
}

function addGlobal(cmd: Command, g: GlobalOption): void {
  if (g.flag === '--generate-cli-skeleton') cmd.option(`${g.flag} [type]`, g.doc);
  else if (g.value) cmd.option(`${g.flag} <${g.value}>`, g.doc);
  else cmd.option(g.flag, g.doc);
}

/** Options that take a value: the words after them are values, not commands or options. */
export function valueTakingFlags(op: Operation | undefined): Map<string, 'one' | 'many' | 'optional'> {
  const m = new Map<string, 'one' | 'many' | 'optional'>();
  for (const g of globalOptions) if (g.value) m.set(g.flag, 'one');
  if (op) {
    for (const g of extrasOf(op))
      if (g.value) m.set(g.flag, g.flag === '--generate-cli-skeleton' ? 'optional' : 'one');
    for (const f of memberFlags(op)) {
      if (f.shape.type !== 'boolean') m.set(f.flag, f.shape.type === 'list' ? 'many' : 'one');
    }
  }
  return m;
}

const isNegativeNumber = (s: string) => /^-\d+$|^-\d*\.\d+$/.test(s);

/**
 * argparse refuses an option whose value is missing or looks like another option; commander would
 * take `--user-code` as the value of `--access-token`. Check first, with argparse's message.
 */
export function checkOptionValues(
  args: readonly string[],
  flags: Map<string, 'one' | 'many' | 'optional'>,
): void {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (!a.startsWith('--') || a.includes('=')) continue;
    const kind = flags.get(a);
    if (kind === undefined || kind === 'optional') continue;
    const next = args[i + 1];
    if (next === undefined || (next.startsWith('-') && !isNegativeNumber(next))) {
      throw new ParamError(
        `${PROG}: error: argument ${a}: expected ${kind === 'many' ? 'at least one argument' : 'one argument'}`,
        { usage: true },
      );
    }
  }
}

export function parseOperation(op: Operation, args: readonly string[]): ParsedOperation {
  const flags = memberFlags(op);
  const cmd = new Command(cliName(op.name))
    .exitOverride()
    .allowUnknownOption()
    .allowExcessArguments()
    .helpOption(false)
    .configureOutput({ writeOut: () => {}, writeErr: () => {} });
  for (const f of flags) {
    if (f.shape.type === 'boolean') {
      cmd.option(f.flag);
      cmd.option(`--no-${f.flag.slice(2)}`);
    } else if (f.shape.type === 'list') cmd.option(`${f.flag} <values...>`);
    else cmd.option(`${f.flag} <value>`);
  }
  for (const g of extrasOf(op)) addGlobal(cmd, g);
  for (const g of globalOptions) addGlobal(cmd, g);
  cmd.option('--help');
  try {
    cmd.parse(args as string[], { from: 'user' });
  } catch (e) {
    const err = e as CommanderError;
    throw new ParamError(`${PROG}: error: ${err.message.replace(/^error: /, '')}`, { usage: true });
  }
  const opts = cmd.opts() as Record<string, string | string[] | boolean | undefined>;
  const members = new Map<string, string | string[] | boolean>();
  for (const f of flags) {
    const v = opts[f.key];
    if (v !== undefined) members.set(f.member, v);
  }
  const pick = (list: readonly GlobalOption[]) => {
    const out: Record<string, string | boolean | undefined> = {};
    for (const g of list) {
      const key = camel(g.flag.replace(/^--no-/, '--'));
      out[g.flag] = opts[key] as string | boolean | undefined;
    }
    return out;
  };
  const globals = pick(globalOptions);
  globals['--help'] = opts.help as boolean | undefined;
  return { members, globals, extras: pick(extrasOf(op)), leftovers: [...cmd.args], flags };
}
