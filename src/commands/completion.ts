// cognito-totp completion bash|zsh|fish: shell completion scripts generated from the operation
// model (every operation, its flags, the enums of their values), the global options table and the
// options cognito-totp's own commands declare. completions/ holds the output; a test keeps it so.
import { Command } from 'commander';
import { extrasOf, type GlobalOption, globalOptions } from '../cli/globals.ts';
import { memberFlags } from '../cli/program.ts';
import { extraCommands, type Io } from '../cli/run.ts';
import { EXIT, ParamError } from '../errors.ts';
import { cliName, type Operation, operations, type Shape } from '../model/index.ts';
import { parseCommand } from './args.ts';
import { positionals as configurePositionals } from './configure.ts';
import { options as enrollOptions } from './enroll.ts';
import { options as quickstartOptions } from './quickstart.ts';
import { options as serveOptions } from './serve.ts';
import { options as totpOptions } from './totp.ts';

/** How an option takes its value: not at all (a switch), one word, a file, several, or optionally one. */
export type ValueKind = 'switch' | 'one' | 'file' | 'many' | 'optional';

export interface FlagSpec {
  flag: string;
  doc: string;
  kind: ValueKind;
  choices?: readonly string[];
}

/** Words offered for the next positional argument after `after` (the positionals so far). */
export interface PositionalRule {
  after: readonly string[];
  words: readonly string[];
}

export interface CommandSpec {
  name: string;
  /** An AWS operation (also reachable as `cognito-idp NAME`), not one of cognito-totp's own. */
  operation: boolean;
  doc: string;
  flags: FlagSpec[];
  positionals: PositionalRule[];
}

export interface CompletionSpec {
  commands: CommandSpec[];
  globals: FlagSpec[];
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export const positionals: PositionalRule[] = [{ after: [], words: SHELLS }];

const FILE_FLAGS = new Set(['--state-file', '--ca-bundle']);

/** A one-line description: the first sentence, cut to 100 characters. */
function short(doc: string | undefined): string {
  if (!doc) return '';
  const end = doc.search(/\.(\s|$)/);
  let s = (end === -1 ? doc : doc.slice(0, end)).replace(/\s+/g, ' ').trim();
  if (s.length > 100) s = `${s.slice(0, 97).replace(/\s+\S*$/, '')}...`;
  return s;
}

function enumOf(shape: Shape): readonly string[] | undefined {
  if (shape.type === 'string') return shape.enum;
  if (shape.type === 'list' && shape.member.type === 'string') return shape.member.enum;
  return undefined;
}

function fromTable(g: GlobalOption): FlagSpec {
  let kind: ValueKind = 'switch';
  if (g.flag === '--generate-cli-skeleton') kind = 'optional';
  else if (FILE_FLAGS.has(g.flag)) kind = 'file';
  else if (g.value) kind = 'one';
  return { flag: g.flag, doc: short(g.doc), kind, ...(g.choices ? { choices: g.choices } : {}) };
}

function operationFlags(op: Operation): FlagSpec[] {
  const out: FlagSpec[] = [];
  for (const f of memberFlags(op)) {
    const doc = short(f.shape.doc);
    const choices = enumOf(f.shape);
    if (f.shape.type === 'boolean') {
      out.push({ flag: f.flag, doc, kind: 'switch' });
      out.push({ flag: `--no-${f.flag.slice(2)}`, doc, kind: 'switch' });
    } else {
      out.push({
        flag: f.flag,
        doc,
        kind: f.shape.type === 'list' ? 'many' : 'one',
        ...(choices ? { choices } : {}),
      });
    }
  }
  for (const g of extrasOf(op)) out.push(fromTable(g));
  return out;
}

/** The options a commander definition declares (the command's own, not the globals). */
function commanderFlags(define: (cmd: Command) => Command): FlagSpec[] {
  const cmd = define(new Command('x'));
  return cmd.options
    .filter((o) => o.long !== undefined)
    .map((o) => {
      const kind: ValueKind = o.required
        ? /path|file/i.test(o.flags)
          ? 'file'
          : 'one'
        : o.optional
          ? 'optional'
          : 'switch';
      return {
        flag: o.long!,
        doc: short(o.description),
        kind,
        ...(o.argChoices ? { choices: o.argChoices } : {}),
      };
    });
}

const OWN: Record<string, { flags?: (cmd: Command) => Command; positionals?: PositionalRule[] }> = {
  totp: { flags: totpOptions },
  enroll: { flags: enrollOptions },
  quickstart: { flags: quickstartOptions },
  serve: { flags: serveOptions },
  configure: { positionals: configurePositionals },
  completion: { positionals },
};

export function completionSpec(): CompletionSpec {
  const commands: CommandSpec[] = Object.values(operations).map((op) => ({
    name: cliName(op.name),
    operation: true,
    doc: short(op.doc),
    flags: operationFlags(op),
    positionals: [],
  }));
  for (const { name, doc } of extraCommands()) {
    const own = OWN[name];
    commands.push({
      name,
      operation: false,
      doc: short(doc),
      flags: own?.flags ? commanderFlags(own.flags) : [],
      positionals: own?.positionals ?? [],
    });
  }
  commands.push({
    name: 'help',
    operation: false,
    doc: 'Show the list of commands and the global options',
    flags: [],
    positionals: [],
  });
  return { commands, globals: globalOptions.map(fromTable) };
}

// ---------------------------------------------------------------------------------------------
// bash

const HEADER = (shell: Shell, install: string) =>
  `${shell === 'zsh' ? '#compdef cognito-totp\n' : ''}# ${shell} completion for cognito-totp.
# Generated from the operation model by \`cognito-totp completion ${shell}\`: do not edit by hand.
${install
  .split('\n')
  .map((l) => `# ${l}`.trimEnd())
  .join('\n')}
`;

/** Groups (command, flag) → value by flag when every command with the flag agrees. */
function byFlag<T>(
  spec: CompletionSpec,
  value: (f: FlagSpec) => T | undefined,
  same: (a: T, b: T) => boolean,
): { flag: string; value: T; commands?: string[] }[] {
  const seen = new Map<string, { cmd: string; value: T | undefined }[]>();
  for (const c of spec.commands) {
    for (const f of c.flags) {
      const list = seen.get(f.flag) ?? [];
      list.push({ cmd: c.name, value: value(f) });
      seen.set(f.flag, list);
    }
  }
  const out: { flag: string; value: T; commands?: string[] }[] = [];
  for (const g of spec.globals) {
    const v = value(g);
    if (v !== undefined) out.push({ flag: g.flag, value: v });
  }
  for (const [flag, list] of seen) {
    if (spec.globals.some((g) => g.flag === flag)) continue;
    const first = list[0]!.value;
    if (list.every((e) => e.value !== undefined && first !== undefined && same(e.value, first))) {
      out.push({ flag, value: first! });
      continue;
    }
    for (const e of list) if (e.value !== undefined) out.push({ flag, value: e.value, commands: [e.cmd] });
  }
  return out;
}

const sameWords = (a: readonly string[], b: readonly string[]) => a.join(' ') === b.join(' ');

function bashCase(rows: { flag: string; value: string; commands?: string[] }[]): string {
  const lines: string[] = [];
  const grouped = new Map<string, string[]>();
  for (const r of rows) {
    const pats = r.commands ? r.commands.map((c) => `"${c} ${r.flag}"`) : [`*" ${r.flag}"`];
    const list = grouped.get(r.value) ?? [];
    list.push(...pats);
    grouped.set(r.value, list);
  }
  for (const [value, pats] of grouped) lines.push(`    ${pats.join('|')}) echo "${value}" ;;`);
  return lines.join('\n');
}

export function bashScript(spec: CompletionSpec): string {
  const kinds = byFlag<ValueKind>(
    spec,
    (f) => (f.kind === 'switch' ? undefined : f.kind),
    (a, b) => a === b,
  );
  const choices = byFlag<readonly string[]>(spec, (f) => f.choices, sameWords);
  const flagsCase = spec.commands
    .filter((c) => c.flags.length)
    .map((c) => `    ${c.name}) echo "${c.flags.map((f) => f.flag).join(' ')}" ;;`)
    .join('\n');
  const positionalCase = spec.commands
    .flatMap((c) =>
      c.positionals.map((p) => ({ key: [c.name, ...p.after].join(' '), words: p.words.join(' ') })),
    )
    .map((p) => `    "${p.key}") echo "${p.words}" ;;`)
    .join('\n');
  return `${HEADER(
    'bash',
    `Install: add to ~/.bashrc
  source <(cognito-totp completion bash)
or copy completions/cognito-totp.bash to
  \${XDG_DATA_HOME:-~/.local/share}/bash-completion/completions/cognito-totp`,
  )}
_cognito_totp_commands="${spec.commands.map((c) => c.name).join(' ')} cognito-idp"
_cognito_totp_operations="${spec.commands
    .filter((c) => c.operation)
    .map((c) => c.name)
    .join(' ')}"
_cognito_totp_globals="${spec.globals.map((g) => g.flag).join(' ')}"

# How option $2 of command $1 takes its value: one, file, many, optional; nothing for a switch.
_cognito_totp_kind() {
  case "$1 $2" in
${bashCase(kinds.map((k) => ({ ...k, value: k.value })))}
  esac
}

# The values option $2 of command $1 accepts, when they are a closed list.
_cognito_totp_choices() {
  case "$1 $2" in
${bashCase(choices.map((c) => ({ ...c, value: c.value.join(' ') })))}
  esac
}

# The options of command $1.
_cognito_totp_flags() {
  case "$1" in
${flagsCase}
  esac
}

# The words for the next positional argument of command $1 after the positionals $2...
_cognito_totp_positional() {
  case "$*" in
${positionalCase}
  esac
}

_cognito_totp() {
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  local cmd="" idp="" pending="" list_opt="" list_kind="" kind w i
  local -a pos=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    if [[ -n $pending ]]; then
      pending=""
      continue
    fi
    if [[ $w == -* ]]; then
      list_opt=""
      [[ $w == *=* ]] && continue
      kind="$(_cognito_totp_kind "$cmd" "$w")"
      case "$kind" in
        one | file) pending="$w" ;;
        many | optional) list_opt="$w" list_kind="$kind" ;;
      esac
      continue
    fi
    if [[ -n $list_opt ]]; then
      [[ $list_kind == optional ]] && list_opt=""
      continue
    fi
    if [[ -z $cmd ]]; then
      if [[ $w == cognito-idp && -z $idp ]]; then
        idp=1
        continue
      fi
      cmd="$w"
    else
      pos+=("$w")
    fi
  done

  local IFS=$' \\t\\n'
  if [[ -n $pending ]]; then
    if [[ "$(_cognito_totp_kind "$cmd" "$pending")" == file ]]; then
      compopt -o filenames 2>/dev/null
      local IFS=$'\\n'
      COMPREPLY=($(compgen -f -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$(_cognito_totp_choices "$cmd" "$pending")" -- "$cur"))
    fi
    return 0
  fi
  if [[ -n $list_opt && $cur != -* ]]; then
    COMPREPLY=($(compgen -W "$(_cognito_totp_choices "$cmd" "$list_opt")" -- "$cur"))
    [[ \${#COMPREPLY[@]} -gt 0 || $list_kind == many ]] && return 0
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_cognito_totp_flags "$cmd") $_cognito_totp_globals" -- "$cur"))
  elif [[ -z $cmd ]]; then
    if [[ -n $idp ]]; then
      COMPREPLY=($(compgen -W "$_cognito_totp_operations" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$_cognito_totp_commands" -- "$cur"))
    fi
  else
    COMPREPLY=($(compgen -W "$(_cognito_totp_positional "$cmd" "\${pos[@]}")" -- "$cur"))
  fi
  return 0
}
complete -F _cognito_totp cognito-totp
`;
}

// ---------------------------------------------------------------------------------------------
// zsh

/** Inside single quotes in zsh: ' becomes '\''. In an _arguments description, []:\ are escaped. */
function zq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
function zdesc(s: string): string {
  return s.replace(/[[\]:\\]/g, (c) => `\\${c}`);
}

function zshSpec(f: FlagSpec): string {
  const desc = `[${zdesc(f.doc)}]`;
  const action = f.choices ? `(${f.choices.join(' ')})` : f.kind === 'file' ? '_files' : ' ';
  const name = f.flag.replace(/^--/, '');
  switch (f.kind) {
    case 'switch':
      return zq(`${f.flag}${desc}`);
    case 'one':
    case 'file':
      return zq(`${f.flag}${desc}:${name}:${action}`);
    case 'many':
      return zq(`${f.flag}${desc}:*-*:${name}:${action}`);
    case 'optional':
      return zq(`${f.flag}${desc}::${name}:${action}`);
  }
}

export function zshScript(spec: CompletionSpec): string {
  const described = (list: CommandSpec[]) =>
    list.map((c) => `    ${zq(`${c.name}:${c.doc.replace(/:/g, '\\:')}`)}`).join('\n');
  const cases = spec.commands
    .map((c) => {
      const args = [...c.flags.map((f) => `        ${zshSpec(f)}`)];
      if (c.positionals.length) args.push(`        '*:: :_cognito-totp_positional ${c.name}'`);
      return `    ${c.name})\n      _arguments -S $globals \\\n${args.join(' \\\n')}${args.length ? '' : '        \\'}\n      ;;`;
    })
    .join('\n')
    .replace(/ \\\n {8}\\\n/g, '\n');
  const positionalCase = spec.commands
    .flatMap((c) => c.positionals.map((p) => ({ key: [c.name, ...p.after].join(' '), words: p.words })))
    .map((p) => `    ${zq(p.key)}) words_=(${p.words.join(' ')}) ;;`)
    .join('\n');
  return `${HEADER(
    'zsh',
    `Install: save as _cognito-totp in a folder of $fpath, before compinit runs, e.g.
  mkdir -p ~/.zfunc && cognito-totp completion zsh > ~/.zfunc/_cognito-totp
  # in ~/.zshrc, before compinit:  fpath=(~/.zfunc $fpath)`,
  )}
# Called by _arguments as an action: compadd options first, the command name last.
_cognito-totp_positional() {
  local -a words_
  local cmd_=\${@[-1]}
  # The positional arguments before the one being completed (options and their values left out).
  local -a before_
  local w_
  for w_ in \${words[1,CURRENT-1]}; do
    [[ $w_ == -* ]] || before_+=($w_)
  done
  case "$cmd_\${before_:+ }\${before_[*]}" in
${positionalCase}
    *) return 1 ;;
  esac
  compadd "\${@[1,-2]}" -a words_
}

_cognito-totp() {
  local -a globals commands operations
  globals=(
${spec.globals.map((g) => `    ${zshSpec(g)}`).join('\n')}
  )
  commands=(
${described(spec.commands)}
    'cognito-idp:the AWS CLI spelling\\: cognito-totp cognito-idp COMMAND'
  )
  operations=(
${described(spec.commands.filter((c) => c.operation))}
  )
  local curcontext="$curcontext" state state_descr line ret=1
  typeset -A opt_args
  _arguments -C -S $globals '1:command:->command' '*::argument:->argument' && ret=0
  case $state in
    command)
      _describe -t commands 'cognito-totp command' commands && ret=0
      return ret
      ;;
    argument)
      if [[ $words[1] == cognito-idp ]]; then
        if (( CURRENT == 2 )); then
          _describe -t commands 'cognito-idp command' operations && ret=0
          return ret
        fi
        shift words
        (( CURRENT-- ))
      fi
      curcontext="\${curcontext%:*:*}:cognito-totp-$words[1]:"
      ;;
    *) return ret ;;
  esac
  case $words[1] in
${cases}
    *) _message 'no more arguments' ;;
  esac
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _cognito-totp "$@"
else
  compdef _cognito-totp cognito-totp
fi
`;
}

// ---------------------------------------------------------------------------------------------
// fish

function fq(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function fishFlag(f: FlagSpec, condition: string): string[] {
  const parts = ['complete -c cognito-totp', `-n ${fq(condition)}`, `-l ${f.flag.replace(/^--/, '')}`];
  if (f.kind === 'one' || f.kind === 'many')
    parts.push(f.choices ? `-x -a ${fq(f.choices.join(' '))}` : '-x');
  else if (f.kind === 'file') parts.push('-r -F');
  if (f.doc) parts.push(`-d ${fq(f.doc)}`);
  const out = [parts.join(' ')];
  // fish completes an option's value only right after it: the further words of a list, and the
  // optional value of --generate-cli-skeleton, need a condition of their own.
  if (f.choices && (f.kind === 'many' || f.kind === 'optional')) {
    const where = f.kind === 'many' ? '__cognito_totp_in_list' : '__cognito_totp_prev';
    out.push(
      `complete -c cognito-totp -n ${fq(`${condition}; and ${where} ${f.flag}`)} -a ${fq(f.choices.join(' '))}`,
    );
  }
  return out;
}

export function fishScript(spec: CompletionSpec): string {
  const valueGlobals = spec.globals.filter((g) => g.kind !== 'switch').map((g) => g.flag);
  const lines: string[] = [];
  lines.push(
    HEADER(
      'fish',
      `Install: cognito-totp completion fish > ~/.config/fish/completions/cognito-totp.fish`,
    ).trimEnd(),
    '',
    '# The command word (skipping cognito-idp, options and the values of global options), or nothing.',
    'function __cognito_totp_command',
    '    set -l tokens (commandline -opc)',
    '    set -e tokens[1]',
    '    set -l skip 0',
    '    set -l idp 0',
    '    for t in $tokens',
    '        if test $skip = 1',
    '            set skip 0',
    '            continue',
    '        end',
    '        switch $t',
    `            case ${valueGlobals.map((f) => fq(f)).join(' ')}`,
    '                set skip 1',
    "            case '-*'",
    '                continue',
    '            case cognito-idp',
    '                if test $idp = 0',
    '                    set idp 1',
    '                    continue',
    '                end',
    '                echo $t',
    '                return 0',
    "            case '*'",
    '                echo $t',
    '                return 0',
    '        end',
    '    end',
    '    if test $idp = 1',
    '        echo cognito-idp',
    '    end',
    '    return 1',
    'end',
    '',
    '# The positional arguments after the command word (options left out).',
    'function __cognito_totp_positionals',
    '    set -l tokens (commandline -opc)',
    '    set -l cmd (__cognito_totp_command)',
    '    set -l seen 0',
    '    for t in $tokens[2..-1]',
    '        if test $seen = 0',
    '            test "$t" = "$cmd"; and set seen 1',
    '            continue',
    '        end',
    "        string match -q -- '-*' $t; or echo $t",
    '    end',
    'end',
    '',
    'function __cognito_totp_needs_command',
    '    set -l cmd (__cognito_totp_command)',
    '    test -z "$cmd"; or test "$cmd" = cognito-idp',
    'end',
    '',
    'function __cognito_totp_using',
    '    set -l cmd (__cognito_totp_command)',
    '    test "$cmd" = "$argv[1]"',
    'end',
    '',
    '# The word before the cursor is the option $argv[1].',
    'function __cognito_totp_prev',
    '    set -l tokens (commandline -opc)',
    '    test "$tokens[-1]" = "$argv[1]"',
    'end',
    '',
    '# The last option before the cursor is $argv[1] (the words since are its list of values).',
    'function __cognito_totp_in_list',
    '    set -l tokens (commandline -opc)',
    '    for t in $tokens[-1..2]',
    "        if string match -q -- '-*' $t",
    '            test "$t" = "$argv[1]"',
    '            return',
    '        end',
    '    end',
    '    return 1',
    'end',
    '',
    'function __cognito_totp_after',
    '    set -l p (__cognito_totp_positionals)',
    '    test "$p" = "$argv"',
    'end',
    '',
    'complete -c cognito-totp -f',
    '',
    '# Commands',
  );
  for (const c of spec.commands) {
    const when = c.operation
      ? '__cognito_totp_needs_command'
      : '__cognito_totp_needs_command; and not __fish_seen_subcommand_from cognito-idp';
    lines.push(`complete -c cognito-totp -n ${fq(when)} -a ${c.name} -d ${fq(c.doc)}`);
  }
  lines.push(
    "complete -c cognito-totp -n 'not __fish_seen_subcommand_from cognito-idp; and __cognito_totp_needs_command' -a cognito-idp -d 'the AWS CLI spelling: cognito-totp cognito-idp COMMAND'",
    '',
    '# Global options',
  );
  for (const g of spec.globals) lines.push(...fishFlag(g, 'true'));
  for (const c of spec.commands) {
    if (!c.flags.length && !c.positionals.length) continue;
    lines.push('', `# ${c.name}`);
    for (const f of c.flags) lines.push(...fishFlag(f, `__cognito_totp_using ${c.name}`));
    for (const p of c.positionals) {
      const cond = `__cognito_totp_using ${c.name}; and __cognito_totp_after${p.after.map((w) => ` ${w}`).join('')}`;
      lines.push(`complete -c cognito-totp -n ${fq(cond)} -a ${fq(p.words.join(' '))}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: Shell, spec: CompletionSpec = completionSpec()): string {
  if (shell === 'bash') return bashScript(spec);
  if (shell === 'zsh') return zshScript(spec);
  return fishScript(spec);
}

/** Where each script lives in completions/ (the names the shells look for). */
export const COMPLETION_FILES: Record<Shell, string> = {
  bash: 'cognito-totp.bash',
  zsh: '_cognito-totp',
  fish: 'cognito-totp.fish',
};

export function options(cmd: Command): Command {
  return cmd.description('Print the shell completion script for bash, zsh or fish.').usage('bash|zsh|fish');
}

export default async function completionCommand(args: string[], io: Io): Promise<number> {
  const parsed = parseCommand(
    'completion',
    args,
    options,
    `Install:
  bash   source <(cognito-totp completion bash)                      (in ~/.bashrc)
  zsh    cognito-totp completion zsh > ~/.zfunc/_cognito-totp        (fpath=(~/.zfunc $fpath) before compinit)
  fish   cognito-totp completion fish > ~/.config/fish/completions/cognito-totp.fish
The same scripts are in the package's completions/ folder.`,
  );
  if ('help' in parsed) {
    io.stdout(parsed.help);
    return EXIT.ok;
  }
  const [shell, ...rest] = parsed.operands;
  if (shell === undefined || rest.length || !(SHELLS as readonly string[]).includes(shell)) {
    throw new ParamError(
      `cognito-totp completion: ${shell === undefined ? 'which shell?' : rest.length ? `unexpected argument '${rest[0]}'` : `unknown shell '${shell}'`} Choose one of: ${SHELLS.join(', ')}.`,
    );
  }
  io.stdout(completionScript(shell as Shell));
  return EXIT.ok;
}
