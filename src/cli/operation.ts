// The pipeline of one AWS operation, in order: parse argv against the model, answer help and
// skeletons, assemble and validate the request, compile --query, choose the backend, call it (page
// by page when it pages), format the answer, run the operation's after-print customization.
import { type Backend, callChecked } from '../backend/backend.ts';
import { EXIT, ParamError } from '../errors.ts';
import { type Operation, type OperationName, operations } from '../model/index.ts';
import { COLOR_MODES, OUTPUT_FORMATS, type OutputFormat } from '../output/formats.ts';
import type { Io } from '../shared/io.ts';
import { maskSensitive } from '../shared/mask.ts';
import { VERSION } from '../shared/version.ts';
import { chooseBackend } from './compose.ts';
import { customizations } from './customizations.ts';
import { type Globals, pagingOptions, SKELETON_TYPES, toGlobals } from './globals.ts';
import type { PagingArgs } from './paginate.ts';
import { checkOptionValues, parseOperation, valueTakingFlags } from './program.ts';
import { debugLogger, reportError } from './report.ts';
import { invalidChoice, PROG } from './usage.ts';

function checkChoice(flag: string, value: unknown, choices: readonly string[]): void {
  if (value !== undefined && !choices.includes(String(value))) {
    throw new ParamError(invalidChoice(flag, choices).replace(/\n$/, ''), { usage: true });
  }
}

export async function runOperation(io: Io, opName: OperationName, args: string[]): Promise<number> {
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

    const globals = toGlobals(g);

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
    const response = await callChecked(backend, opName, request);
    log(`response ${op.name}: ${JSON.stringify(maskSensitive(op.output, response))}`);

    const code = await printResult(io, op, shapeOutput(op.output, response), globals, output, query);
    if (code !== EXIT.ok) return code;
    await customizations[opName]?.afterPrint?.({ io, extras: parsed.extras, request, response, backend });
    return EXIT.ok;
  } catch (e) {
    return reportError(io, e, { operation: op.name, debug });
  }
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
    const page = await callChecked(backend, op.name as OperationName, req);
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

/**
 * An answer printed as the operation's own would be (--query, --output, the profile's output), for
 * commands that make the calls themselves (sign-in prints InitiateAuth's answer). `query` is
 * compiled by the caller before anything is sent, as v2 refuses a bad --query first.
 */
export async function printAnswer(
  io: Io,
  opName: OperationName,
  response: unknown,
  globals: Globals,
  profileOutput: string | undefined,
  query: ((data: unknown) => unknown) | undefined,
): Promise<number> {
  const op = operations[opName];
  const { shapeOutput } = await import('../output/shape-output.ts');
  return printResult(io, op, shapeOutput(op.output, response), globals, profileOutput, query);
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
  const format = (globals.output ?? profileOutput ?? 'json') as OutputFormat;
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
