// One request from the flags and a --cli-input-json/--cli-input-yaml document, in the order AWS CLI
// v2 does the work (awscli/clidriver.py ServiceOperation._build_call_parameters, then the
// calling-command handler of awscli/customizations/cliinput.py), so that when several things are
// wrong the same error is reported first.
import { ParamError } from '../errors.ts';
import type { StructureShape } from '../model/types.ts';
import { mergeInput, parseCliInput } from './cli-input.ts';
import { type ParamFileEnv, resolveParamFile } from './paramfile.ts';
import { type RawArgument, unpackArgument } from './shorthand.ts';

/** A member flag as the command line gave it (the last occurrence when repeated, as argparse keeps). */
export interface FlagValue {
  /** The member's API name, e.g. UserCode. */
  readonly member: string;
  /** The flag as typed, for messages, e.g. --user-code. */
  readonly flag: string;
  /** The word after the flag; the words of a list flag (nargs '+'); true/false for --x/--no-x. */
  readonly raw: string | readonly string[] | boolean;
}

export interface AssembleOptions {
  readonly cliInputJson?: string;
  readonly cliInputYaml?: string;
  readonly env?: ParamFileEnv;
}

/**
 * The request v2 would validate and send. Steps, in v2's order:
 *  1. each member flag, in model order: file:// / fileb:// loading (for a list flag only when it has
 *     exactly one word), then unpacking (JSON, shorthand, int);
 *  2. file:// loading of --cli-input-json, then of --cli-input-yaml;
 *  3. "Only one --cli-input- parameter may be specified.";
 *  4. decoding the document and merging it under the flags.
 * v2 prints an input skeleton only after all of this (so a bad --cli-input-json fails even with
 * --generate-cli-skeleton), and validates the result (validateClientSide) after that.
 */
export function assembleRequest(
  shape: StructureShape,
  flags: readonly FlagValue[],
  opts: AssembleOptions = {},
): Record<string, unknown> {
  const order = Object.keys(shape.members);
  const byMember = new Map(flags.map((f) => [f.member, f]));
  const fromFlags: Record<string, unknown> = {};
  for (const member of order) {
    const f = byMember.get(member);
    if (f === undefined) continue;
    fromFlags[member] = unpackArgument(shape.members[member]!, loadFlag(f, opts.env), f.flag);
  }
  const json =
    opts.cliInputJson === undefined
      ? undefined
      : resolveParamFile(opts.cliInputJson, '--cli-input-json', opts.env);
  const yaml =
    opts.cliInputYaml === undefined
      ? undefined
      : resolveParamFile(opts.cliInputYaml, '--cli-input-yaml', opts.env);
  if (json !== undefined && yaml !== undefined)
    throw new ParamError('Only one --cli-input- parameter may be specified.');
  let document: Record<string, unknown> | undefined;
  if (json !== undefined) document = parseCliInput('json', json);
  else if (yaml !== undefined) document = parseCliInput('yaml', yaml);
  return mergeInput(fromFlags, document, shape);
}

/** awscli/paramfile.py URIArgumentHandler: a one-word list is loaded as a plain value. */
function loadFlag(f: FlagValue, env: ParamFileEnv | undefined): RawArgument {
  const raw = f.raw;
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string') return resolveParamFile(raw, f.flag, env);
  const only = raw.length === 1 ? raw[0]! : undefined;
  if (only !== undefined && (only.startsWith('file://') || only.startsWith('fileb://'))) {
    return resolveParamFile(only, f.flag, env);
  }
  return raw;
}
