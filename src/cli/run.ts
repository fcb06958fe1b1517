// The pipeline of one invocation: parse argv against the model, assemble and validate the request,
// choose the backend, call it, format the answer; every failure mapped to AWS CLI v2's exit codes.
import { join } from 'node:path';
import type { Backend } from '../backend/backend.ts';
import { maskSensitive, maskUrlCredentials } from '../backend/remote/mask.ts';
import { homeOf } from '../config/home.ts';
import { ConfigError, EXIT, GeneralError, ParamError, ServiceError } from '../errors.ts';
import {
  cliName,
  type Operation,
  type OperationName,
  operationByCliName,
  operations,
} from '../model/index.ts';
import { COLOR_MODES, type Globals, OUTPUT_FORMATS, pagingOptions, SKELETON_TYPES } from './globals.ts';
import type { PagingArgs } from './paginate.ts';
import { checkOptionValues, parseOperation, valueTakingFlags } from './program.ts';
import { invalidChoice, PROG, USAGE } from './usage.ts';
import { VERSION } from './version.ts';

// Start-up is most of this program's life: only the model and the argv parser are imported here.
// Help, parameter assembly, validation, output formatting, configuration and the backends are
// imported where they are used (the bundle turns import() into require() of a lazily initialised
// module), so `--help` or a skeleton never loads node:crypto, ini or the formatters.

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
}

type CommandModule = { default: (args: string[], io: Io) => Promise<number> };

/** Commands of cognito-totp beyond the AWS operations, each loaded only when used. */
const EXTRA_COMMANDS: Record<string, { doc: string; load: () => Promise<CommandModule> }> = {
  quickstart: {
    doc: 'Create a demo pool and user locally, enrol a TOTP authenticator and verify it, in one step.',
    load: () => import('../commands/quickstart.ts'),
  },
  enroll: {
    doc: 'Interactive wizard: sign in, associate, scan the QR code, verify, make TOTP preferred.',
    load: () => import('../commands/enroll.ts'),
  },
  totp: {
    doc: 'Print the current TOTP code of a secret (for scripts and tests).',
    load: () => import('../commands/totp.ts'),
  },
  configure: {
    doc: 'Read and change settings: configure list|get|set|unset.',
    load: () => import('../commands/configure.ts'),
  },
  completion: {
    doc: 'Print the shell completion script: completion bash|zsh|fish.',
    load: () => import('../commands/completion.ts'),
  },
  serve: {
    doc: "Serve the local state over Cognito's wire protocol for the AWS CLI and SDKs.",
    load: () => import('../commands/serve.ts'),
  },
};

/** The names of the extra commands, for help and completions. */
export const extraCommands = (): { name: string; doc: string }[] =>
  Object.entries(EXTRA_COMMANDS).map(([name, c]) => ({ name, doc: c.doc }));

/** The global options as parsed by commander (keyed by flag) turned into settings. */
export function toGlobals(g: Record<string, string | boolean | undefined>, debug: boolean): Globals {
  const out: Globals = {
    debug,
    remote: g['--remote'] === true,
    verifySsl: g['--no-verify-ssl'] !== false,
    signRequest: g['--no-sign-request'] !== false,
  };
  const map: [keyof Globals, string][] = [
    ['endpointUrl', '--endpoint-url'],
    ['stateFile', '--state-file'],
    ['output', '--output'],
    ['query', '--query'],
    ['profile', '--profile'],
    ['region', '--region'],
    ['color', '--color'],
    ['caBundle', '--ca-bundle'],
    ['readTimeout', '--cli-read-timeout'],
    ['connectTimeout', '--cli-connect-timeout'],
  ];
  for (const [key, flag] of map) {
    const v = g[flag];
    if (typeof v === 'string') (out as unknown as Record<string, unknown>)[key] = v;
  }
  return out;
}

export function defaultStateFile(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_STATE_HOME || join(homeOf(env), '.local', 'state');
  return join(base, 'cognito-totp', 'state.json');
}

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

async function writeError(io: Io, e: unknown, opName: string | undefined, debug: boolean): Promise<number> {
  // Error lines in red when stderr takes colour (--color, the color setting, FORCE_COLOR, NO_COLOR).
  const { stderrStyles, perLine } = await import('./color.ts');
  const red = (await stderrStyles(io)).error;
  const say = (message: string) => io.stderr(`\n${perLine(red, message)}\n`);
  if (e instanceof ParamError) {
    if (e.usage) {
      io.stderr(`\n${USAGE}\n${perLine(red, e.message)}\n\n`);
    } else say(e.message);
    return EXIT.param;
  }
  if (e instanceof ConfigError) {
    say(e.message);
    return EXIT.config;
  }
  if (e instanceof ServiceError) {
    const retries = e.retries !== undefined ? ` (reached max retries: ${e.retries})` : '';
    say(
      `An error occurred (${e.code}) when calling the ${opName ?? 'unknown'} operation${retries}: ${e.message}`,
    );
    return EXIT.service;
  }
  if (e instanceof GeneralError) {
    say(e.message);
    return EXIT.general;
  }
  // A bug of ours: say so plainly; the stack only with --debug.
  const err = e instanceof Error ? e : new Error(String(e));
  say(debug && err.stack ? err.stack : `Unexpected error: ${err.message}`);
  return EXIT.general;
}

export async function run(io: Io): Promise<number> {
  let argv = io.argv;
  let { before, command, after } = splitCommand(argv);
  // `cognito-totp cognito-idp <op>` is the AWS spelling of `cognito-totp <op>`.
  if (command === 'cognito-idp') {
    argv = [...before, ...after];
    ({ before, command, after } = splitCommand(argv));
  }
  const debug = argv.includes('--debug');
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
    if (opName) return await runOperation(io, opName, [...before, ...after]);
    // Own keys only: `toString`, `constructor` or `__proto__` as a command is an invalid choice (252).
    const extra = Object.hasOwn(EXTRA_COMMANDS, command) ? EXTRA_COMMANDS[command] : undefined;
    if (extra) {
      const mod = await extra.load();
      return await mod.default([...before, ...after], io);
    }
    const choices = [...Object.keys(operations).map(cliName), ...Object.keys(EXTRA_COMMANDS)];
    throw new ParamError(invalidChoice('command', choices).replace(/\n$/, ''), { usage: true });
  } catch (e) {
    return writeError(io, e, undefined, debug);
  }
}

async function showProgramHelp(io: Io): Promise<number> {
  const { programHelp } = await import('./help.ts');
  io.stdout(
    programHelp(
      Object.values(operations).map((o) => ({ name: cliName(o.name), doc: o.doc })),
      Object.entries(EXTRA_COMMANDS).map(([name, c]) => ({ name, doc: c.doc })),
    ),
  );
  return EXIT.ok;
}

function checkChoice(flag: string, value: unknown, choices: readonly string[]): void {
  if (value !== undefined && !choices.includes(String(value))) {
    throw new ParamError(invalidChoice(flag, choices).replace(/\n$/, ''), { usage: true });
  }
}

function debugLogger(io: Io, on: boolean): (msg: string) => void {
  if (!on) return () => {};
  return (msg) => {
    const d = new Date();
    const stamp = `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)},${String(d.getMilliseconds()).padStart(3, '0')}`;
    io.stderr(`${stamp} - MainThread - cognito-totp - DEBUG - ${msg}\n`);
  };
}

async function runOperation(io: Io, opName: OperationName, args: string[]): Promise<number> {
  const op: Operation = operations[opName];
  const debug = args.includes('--debug');
  try {
    checkOptionValues(args, valueTakingFlags(op));
    const parsed = parseOperation(op, args);
    const g = parsed.globals;
    if (parsed.leftovers[0] === 'help' || g['--help']) {
      const { operationHelp } = await import('./help.ts');
      io.stdout(operationHelp(op));
      return EXIT.ok;
    }
    // argparse converts --page-size and --max-items (type=int) while it parses.
    const paging = op.paginator ? await pagingArgs(parsed.extras) : undefined;
    if (parsed.leftovers.length > 0) {
      throw new ParamError(`Unknown options: ${parsed.leftovers.join(', ')}`, { usage: true });
    }
    checkChoice('--output', g['--output'], OUTPUT_FORMATS);
    checkChoice('--color', g['--color'], COLOR_MODES);
    const skeleton = parsed.extras['--generate-cli-skeleton'];
    const skeletonType = skeleton === true ? 'input' : skeleton;
    checkChoice('--generate-cli-skeleton', skeletonType, SKELETON_TYPES);

    const globals = toGlobals(g, debug);

    const jsonDoc = parsed.extras['--cli-input-json'];
    const yamlDoc = parsed.extras['--cli-input-yaml'];
    // argparse requires the model's required members as flags unless a document may supply them or
    // a skeleton is asked for (an output skeleton needs nothing: our answer to aws/aws-cli#2337).
    if (jsonDoc === undefined && yamlDoc === undefined && skeletonType === undefined) {
      const missing = parsed.flags.filter(
        (f) => op.input.required?.includes(f.member) && !parsed.members.has(f.member),
      );
      if (missing.length) {
        throw new ParamError(
          `${PROG}: error: the following arguments are required: ${missing.map((f) => f.flag).join(', ')}`,
          { usage: true },
        );
      }
    }

    if (skeletonType === 'output') {
      // Placeholders that satisfy the model, formatted like a real answer (--output, --query apply).
      const { outputSkeletonValue } = await import('../params/skeleton.ts');
      const skeletonQuery =
        globals.query !== undefined
          ? (await import('../output/query.ts')).compileQuery(globals.query)
          : undefined;
      return printResult(io, op, outputSkeletonValue(op.output), globals, undefined, skeletonQuery);
    }

    // v2 loads file:// values, unpacks flags and reads --cli-input-* before anything else, so a
    // broken document fails even with --generate-cli-skeleton.
    const { assembleRequest } = await import('../params/assemble.ts');
    const request = assembleRequest(
      op.input,
      parsed.flags.flatMap((f) => {
        const raw = parsed.members.get(f.member);
        return raw === undefined ? [] : [{ member: f.member, flag: f.flag, raw }];
      }),
      {
        ...(typeof jsonDoc === 'string' ? { cliInputJson: jsonDoc } : {}),
        ...(typeof yamlDoc === 'string' ? { cliInputYaml: yamlDoc } : {}),
        env: { cwd: io.cwd, env: io.env },
      },
    );
    // Input skeletons are printed without sending anything.
    if (skeletonType === 'input') {
      const { inputSkeleton } = await import('../params/skeleton.ts');
      io.stdout(inputSkeleton(op.input));
      return EXIT.ok;
    }
    if (skeletonType === 'yaml-input') {
      const { yamlInputSkeleton } = await import('../params/skeleton.ts');
      io.stdout(yamlInputSkeleton(op.input));
      return EXIT.ok;
    }
    const { validateClientSide } = await import('../params/validate.ts');
    const problems = validateClientSide(op.input, request);
    if (problems.length) throw new ParamError(`Parameter validation failed:\n${problems.join('\n')}`);

    // A bad --query is refused before anything is sent, as v2 does.
    const query =
      globals.query !== undefined
        ? (await import('../output/query.ts')).compileQuery(globals.query)
        : undefined;

    const log = debugLogger(io, debug);
    log(`${PROG}/${VERSION} Node.js/${process.version}; operation ${op.name}`);
    const { backend, output } = await chooseBackend(io, globals, log);
    log(`backend: ${backend.describe()}`);

    const { shapeOutput } = await import('../output/shape-output.ts');
    if (op.paginator && paging) {
      const { pagingEnabled } = await import('./paginate.ts');
      const used = pagingOptions.map((o) => o.flag).filter((f) => parsed.extras[f] !== undefined);
      if (pagingEnabled(op.paginator, request, g['--no-paginate'] === false, used))
        return await printPages(io, op, request, paging, backend, globals, output, query, log);
    }
    // Serialised even without --debug, as always: JSON.stringify refuses a bigint (an integer beyond
    // 2**53 in a --cli-input-* document), and that refusal (255) comes before anything is sent.
    // (printPages logs each page's request the same way.)
    log(`request ${op.name}: ${JSON.stringify(maskSensitive(op.input, request))}`);
    const response = await backend.call(opName, request);
    log(`response ${op.name}: ${JSON.stringify(maskSensitive(op.output, response))}`);

    const code = await printResult(io, op, shapeOutput(op.output, response), globals, output, query);
    if (code !== EXIT.ok) return code;
    if (opName === 'AssociateSoftwareToken')
      await showEnrollment(io, parsed.extras, request, response, backend);
    return EXIT.ok;
  } catch (e) {
    return writeError(io, e, op.name, debug);
  }
}

/** --qr / --qr-small / --otpauth-uri: the enrollment for a person, on stderr so pipes stay clean. */
async function showEnrollment(
  io: Io,
  extras: Record<string, string | boolean | undefined>,
  request: Record<string, unknown>,
  response: Record<string, unknown>,
  backend: Backend,
): Promise<void> {
  const mode = extras['--qr-small']
    ? 'qr-small'
    : extras['--qr']
      ? 'qr'
      : extras['--otpauth-uri']
        ? 'uri'
        : undefined;
  const secret = response.SecretCode;
  if (!mode || typeof secret !== 'string') return;
  const subject = backend.subjectInfo ? backend.subjectInfo(request) : {};
  const { accountNameFromToken } = await import('./enrollment.ts');
  const fromToken =
    typeof request.AccessToken === 'string' ? accountNameFromToken(request.AccessToken) : undefined;
  const accountName =
    (typeof extras['--account-name'] === 'string' ? extras['--account-name'] : undefined) ??
    subject.username ??
    fromToken;
  if (accountName === undefined) {
    io.stderr(
      'warning: the user name cannot be read from a Session here; pass --account-name to label the entry.\n',
    );
  }
  const { readSetting } = await import('../config/settings.ts');
  const issuer =
    (typeof extras['--issuer'] === 'string' ? extras['--issuer'] : undefined) ??
    readSetting(io.env, 'issuer') ??
    subject.poolName ??
    'AWSCognito';
  const { printEnrollment } = await import('./enrollment.ts');
  await printEnrollment(io, { secret, issuer, accountName: accountName ?? 'user', mode });
}

/** --page-size, --max-items (Python int()s, as argparse's type=int) and --starting-token. */
async function pagingArgs(extras: Record<string, string | boolean | undefined>): Promise<PagingArgs> {
  const { parseIntArg } = await import('./paginate.ts');
  const int = (flag: string) => {
    const v = extras[flag];
    return typeof v === 'string' ? parseIntArg(flag, v) : undefined;
  };
  const out: PagingArgs = {};
  const pageSize = int('--page-size');
  const maxItems = int('--max-items');
  const start = extras['--starting-token'];
  if (pageSize !== undefined) out.pageSize = pageSize;
  if (maxItems !== undefined) out.maxItems = maxItems;
  if (typeof start === 'string') out.startingToken = start;
  return out;
}

/**
 * A paginated call, printed as v2 prints a paginator's result: json, table and yaml get the merged
 * result (then NextToken if --max-items cut it); text prints each page's result list (--query
 * applied to each page) and then the NextToken; yaml-stream prints each page as it is.
 */
async function printPages(
  io: Io,
  op: Operation,
  request: Record<string, unknown>,
  args: PagingArgs,
  backend: Backend,
  globals: Globals,
  profileOutput: string | undefined,
  query: ((data: unknown) => unknown) | undefined,
  log: (msg: string) => void,
): Promise<number> {
  const p = op.paginator!;
  const { paginate, fullResult } = await import('./paginate.ts');
  const { shapeOutput } = await import('../output/shape-output.ts');
  const { validateClientSide } = await import('../params/validate.ts');
  const result = await paginate(p, request, args, async (req) => {
    // botocore validates each page's parameters: --page-size -1 is a bad Limit (252), not a call.
    const problems = validateClientSide(op.input, req);
    if (problems.length) throw new ParamError(`Parameter validation failed:\n${problems.join('\n')}`);
    log(`request ${op.name}: ${JSON.stringify(maskSensitive(op.input, req))}`);
    const page = (await backend.call(op.name as OperationName, req)) as Record<string, unknown>;
    log(`response ${op.name}: ${JSON.stringify(maskSensitive(op.output, page))}`);
    return page;
  });
  const format = globals.output ?? profileOutput ?? 'json';
  const print = (data: unknown) => printResult(io, op, data, globals, profileOutput, query);
  if (format === 'text' || format === 'yaml-stream') {
    for (const page of result.pages) {
      const shaped = shapeOutput(op.output, page) as Record<string, unknown>;
      const code = await print(format === 'text' ? { [p.resultKey]: shaped[p.resultKey] ?? null } : shaped);
      if (code !== EXIT.ok) return code;
    }
    if (format === 'text' && result.resumeToken !== undefined)
      return print({ NextToken: { NextToken: result.resumeToken } });
    return EXIT.ok;
  }
  const { NextToken, ...merged } = fullResult(p, result);
  const shaped = shapeOutput(op.output, merged) as Record<string, unknown>;
  return print(NextToken === undefined ? shaped : { ...shaped, NextToken });
}

/** --query, then the output format, then stdout. A formatter crash v2 reproduces as 255 with partial stdout. */
async function printResult(
  io: Io,
  op: Operation,
  shaped: unknown,
  globals: Globals,
  profileOutput: string | undefined,
  query?: (data: unknown) => unknown,
): Promise<number> {
  const data = query ? query(shaped) : shaped;
  const format = (globals.output ?? profileOutput ?? 'json') as (typeof OUTPUT_FORMATS)[number];
  const { formatOutput } = await import('../output/format.ts');
  const { OutputError } = await import('../output/output-error.ts');
  try {
    io.stdout(formatOutput(data, format, op.name));
  } catch (e) {
    if (e instanceof OutputError) {
      io.stdout(e.stdout);
      io.stderr(`\n${e.message}\n`);
      return EXIT.general;
    }
    throw e;
  }
  return EXIT.ok;
}

export async function chooseBackend(
  io: Io,
  globals: Globals,
  log: (msg: string) => void,
): Promise<{ backend: Backend; output?: string }> {
  // cognito-totp's own settings (configure set): below flags and environment, above the AWS profile.
  const { configPath, readSettings } = await import('../config/settings.ts');
  const saved = readSettings(io.env);
  const savedKeys = Object.entries(saved);
  log(
    `settings file ${configPath(io.env)}: ${savedKeys.length ? savedKeys.map(([k, v]) => `${k}=${v}`).join(', ') : 'nothing set'}`,
  );
  const regionFromSetting =
    globals.region === undefined &&
    io.env.AWS_REGION === undefined &&
    io.env.AWS_DEFAULT_REGION === undefined &&
    saved.region !== undefined;
  if (regionFromSetting) log(`region ${saved.region} from the region setting`);
  const region = regionFromSetting ? saved.region : globals.region;
  const { loadAwsSettings } = await import('../config/aws-config.ts');
  const settings = loadAwsSettings({
    ...(globals.profile !== undefined ? { profile: globals.profile } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(globals.endpointUrl !== undefined ? { endpointUrl: globals.endpointUrl } : {}),
    env: io.env,
  });
  // backend=remote acts as --remote; backend=local sets aside an endpoint_url of the AWS profile
  // (not --endpoint-url or the AWS_ENDPOINT_URL* variables, which are above settings).
  const remote = globals.remote || saved.backend === 'remote';
  const keepLocal =
    !remote && saved.backend === 'local' && !/^(flag|env) /.test(settings.source('endpointUrl'));
  const target = keepLocal
    ? ({ kind: 'local' } as const)
    : (await import('../backend/remote/endpoint.ts')).resolveEndpoint(settings, remote);
  const outputFromSetting =
    globals.output === undefined && io.env.AWS_DEFAULT_OUTPUT === undefined && saved.output !== undefined;
  if (outputFromSetting) log(`output ${saved.output} from the output setting`);
  const output = outputFromSetting ? saved.output : settings.output;
  if (target.kind === 'local') {
    const stateFile =
      globals.stateFile ?? io.env.COGNITO_TOTP_STATE_FILE ?? saved.stateFile ?? defaultStateFile(io.env);
    log(
      `backend choice: local (${
        keepLocal
          ? 'the backend setting is local'
          : 'no --endpoint-url, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, AWS_ENDPOINT_URL, profile endpoint_url, --remote or backend setting'
      }); state file from ${
        globals.stateFile
          ? '--state-file'
          : io.env.COGNITO_TOTP_STATE_FILE
            ? 'COGNITO_TOTP_STATE_FILE'
            : saved.stateFile
              ? 'the stateFile setting'
              : 'the default location'
      }`,
    );
    const { LocalBackend } = await import('../backend/local/index.ts');
    const backend = new LocalBackend({
      stateFile: resolvePath(io, stateFile),
      env: { region: settings.region ?? 'us-east-1' },
    });
    return { backend, ...(output !== undefined ? { output } : {}) };
  }
  log(
    `backend choice: remote ${maskUrlCredentials(target.url)} (from ${globals.remote || target.source !== 'flag --remote (the regional endpoint)' ? target.source : 'the backend setting'}), region ${target.region}`,
  );
  if (!globals.verifySsl) {
    io.stderr(
      'urllib3/connectionpool.py: InsecureRequestWarning: Unverified HTTPS request is being made. Certificate verification is disabled (--no-verify-ssl).\n',
    );
  }
  const { createRemoteBackend } = await import('../backend/remote/index.ts');
  const seconds = (v: string | undefined, flag: string): number => {
    if (v === undefined) return 60_000;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0)
      throw new ParamError(`${PROG}: error: argument ${flag}: invalid int value: '${v}'`, { usage: true });
    return n * 1000;
  };
  const backend = createRemoteBackend({
    endpoint: target.url,
    region: target.region,
    ...(globals.profile !== undefined ? { profile: globals.profile } : {}),
    verifySsl: globals.verifySsl,
    ...((globals.caBundle ?? settings.caBundle)
      ? { caBundle: (globals.caBundle ?? settings.caBundle)! }
      : {}),
    connectTimeoutMs: seconds(globals.connectTimeout, '--cli-connect-timeout'),
    readTimeoutMs: seconds(globals.readTimeout, '--cli-read-timeout'),
    signRequest: globals.signRequest,
    maxAttempts: settings.maxAttempts ?? 3,
    retryMode: (settings.retryMode ?? 'standard') as 'standard',
    debug: log,
    env: io.env,
  });
  return { backend, ...(output !== undefined ? { output } : {}) };
}

function resolvePath(io: Io, p: string): string {
  if (p.startsWith('~/')) return join(homeOf(io.env), p.slice(2));
  return p.startsWith('/') ? p : join(io.cwd, p);
}
