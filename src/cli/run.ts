// Dispatch: which command argv names (an AWS operation, one of cognito-totp's own, help, or
// --version), handed to its runner; anything else is the AWS CLI's invalid-choice error.
import { EXIT, ParamError } from '../errors.ts';
import { cliName, operationByCliName, operations } from '../model/index.ts';
import type { Io } from '../shared/io.ts';
import { VERSION } from '../shared/version.ts';
import { valueTakingFlags } from './program.ts';
import { invalidChoice, PROG } from './usage.ts';

// Start-up is most of this program's life: only the model and the argv parser are imported here.
// Help, the operation pipeline, own commands, the error boundary, configuration and the backends
// are imported where they are used (the bundle turns import() into require() of a lazily
// initialised module), so `--help` or a skeleton never loads node:crypto, ini or the formatters.

/** Which word is the command: the first one that is neither an option nor an option's value. */
function splitCommand(argv: string[]): { before: string[]; command?: string; after: string[] } {
  const takesValue = valueTakingFlags(undefined);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('-')) {
      if (!a.includes('=') && takesValue.get(a) === 'one') i++;
      continue;
    }
    return { before: argv.slice(0, i), command: a, after: argv.slice(i + 1) };
  }
  return { before: argv, after: [] };
}

export async function run(io: Io): Promise<number> {
  let argv = io.argv;
  let { before, command, after } = splitCommand(argv);
  // `cognito-totp cognito-idp <op>` is the AWS spelling of `cognito-totp <op>`.
  if (command === 'cognito-idp') {
    argv = [...before, ...after];
    ({ before, command, after } = splitCommand(argv));
  }
  try {
    if (argv.includes('--version') && (command === undefined || before.includes('--version'))) {
      io.stdout(`${PROG}/${VERSION} Node.js/${process.version} ${process.platform}/${process.arch}\n`);
      return EXIT.ok;
    }
    if (command === undefined) {
      if (argv.includes('--help')) return await showProgramHelp(io);
      throw new ParamError(`${PROG}: error: the following arguments are required: command`, { usage: true });
    }
    if (command === 'help') return await showProgramHelp(io);
    const opName = operationByCliName(command);
    if (opName) {
      // The pipeline has its own boundary: it names the operation in a service error.
      const { runOperation } = await import('./operation.ts');
      return await runOperation(io, opName, [...before, ...after]);
    }
    const { commandSpec, commandNames } = await import('../commands/specs.ts');
    if (commandSpec(command)) {
      const { commandLoaders } = await import('../commands/registry.ts');
      const mod = await commandLoaders[command as keyof typeof commandLoaders]();
      return await mod.default([...before, ...after], io);
    }
    const choices = [...Object.keys(operations).map(cliName), ...commandNames];
    throw new ParamError(invalidChoice('command', choices).replace(/\n$/, ''), { usage: true });
  } catch (e) {
    const { reportError } = await import('./report.ts');
    return reportError(io, e, { debug: argv.includes('--debug') });
  }
}

async function showProgramHelp(io: Io): Promise<number> {
  const { programHelp } = await import('./help.ts');
  const { commandNames, commandSpecs } = await import('../commands/specs.ts');
  io.stdout(
    programHelp(
      Object.values(operations).map((o) => ({ name: cliName(o.name), doc: o.doc })),
      commandNames.map((name) => ({ name, doc: commandSpecs[name].summary })),
    ),
  );
  return EXIT.ok;
}
