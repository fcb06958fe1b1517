// The parameter layer against AWS CLI v2's recorded behaviour (test/golden/params/results.json,
// captured by scripts/capture-params-goldens.sh): each recorded command line is replayed through
// our functions in v2's order, and the exit code, stderr, stdout and the request body must match.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GeneralError, ParamError } from '../../src/errors.ts';
import { cliName, operationByCliName, operations } from '../../src/model/index.ts';
import type { Operation } from '../../src/model/types.ts';
import { assembleRequest, type FlagValue } from '../../src/params/assemble.ts';
import { inputSkeleton, yamlInputSkeleton } from '../../src/params/skeleton.ts';
import { validateClientSide } from '../../src/params/validate.ts';

const GOLDEN = join(import.meta.dirname, '../golden/params');
const FIXTURES = join(GOLDEN, 'fixtures');

interface Case {
  id: string;
  model: 'aws' | 'ours';
  args: string[];
  rc: number;
  stdout: string;
  stderr: string;
  body?: string;
}
const results = JSON.parse(readFileSync(join(GOLDEN, 'results.json'), 'utf8')) as {
  aws: string;
  cases: Case[];
};

interface Outcome {
  rc: number;
  stdout: string;
  stderr: string;
  body?: string;
}

/** argv words after `cognito-idp <op>`, split the way v2's argparse table does for this operation. */
function parseArgs(op: Operation, words: readonly string[]) {
  const flags = new Map<string, FlagValue>();
  const byFlag = new Map<string, { member: string; kind: 'bool' | 'nobool' | 'list' | 'one' }>();
  for (const [member, shape] of Object.entries(op.input.members)) {
    const flag = `--${cliName(member)}`;
    if (shape.type === 'boolean') {
      byFlag.set(flag, { member, kind: 'bool' });
      byFlag.set(`--no-${cliName(member)}`, { member, kind: 'nobool' });
    } else byFlag.set(flag, { member, kind: shape.type === 'list' ? 'list' : 'one' });
  }
  let cliInputJson: string | undefined;
  let cliInputYaml: string | undefined;
  let skeleton: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--cli-input-json') cliInputJson = words[++i]!;
    else if (w === '--cli-input-yaml') cliInputYaml = words[++i]!;
    else if (w === '--generate-cli-skeleton') {
      const next = words[i + 1];
      skeleton = next === 'input' || next === 'output' || next === 'yaml-input' ? words[++i]! : 'input';
    } else {
      const spec = byFlag.get(w);
      if (!spec) throw new Error(`harness: unknown word ${w}`);
      const flag = spec.kind === 'nobool' ? `--${cliName(spec.member)}` : w;
      if (spec.kind === 'bool' || spec.kind === 'nobool') {
        flags.set(spec.member, { member: spec.member, flag, raw: spec.kind === 'bool' });
      } else if (spec.kind === 'list') {
        const list: string[] = [];
        while (i + 1 < words.length && !words[i + 1]!.startsWith('--')) list.push(words[++i]!);
        flags.set(spec.member, { member: spec.member, flag, raw: list });
      } else flags.set(spec.member, { member: spec.member, flag, raw: words[++i]! });
    }
  }
  return { flags: [...flags.values()], cliInputJson, cliInputYaml, skeleton };
}

/** What our parameter layer makes of a recorded command line, as v2 would print it. */
function replay(c: Case, home: string): Outcome {
  const [, opCli, ...words] = c.args;
  const opName = operationByCliName(opCli!);
  if (!opName) throw new Error(`harness: unknown operation ${opCli}`);
  const op: Operation = operations[opName];
  const { flags, cliInputJson, cliInputYaml, skeleton } = parseArgs(op, words);
  try {
    const request = assembleRequest(op.input, flags, {
      ...(cliInputJson !== undefined ? { cliInputJson } : {}),
      ...(cliInputYaml !== undefined ? { cliInputYaml } : {}),
      env: { cwd: FIXTURES, env: { HOME: home, CT_GOLDEN_VAR: 'dir' } },
    });
    if (skeleton === 'input') return { rc: 0, stdout: inputSkeleton(op.input), stderr: '' };
    if (skeleton === 'yaml-input') return { rc: 0, stdout: yamlInputSkeleton(op.input), stderr: '' };
    const problems = validateClientSide(op.input, request);
    if (problems.length) throw new ParamError(`Parameter validation failed:\n${problems.join('\n')}`);
    // Valid: v2 goes on to send it, and fails to connect to the dead endpoint.
    return {
      rc: 255,
      stdout: '',
      stderr: '\nCould not connect to the endpoint URL: "http://127.0.0.1:1/"\n',
      body: JSON.stringify(request),
    };
  } catch (e) {
    const msg = (e as Error).message.split(home).join('{HOME}');
    if (e instanceof ParamError) return { rc: 252, stdout: '', stderr: `\n${msg}\n` };
    if (e instanceof GeneralError) return { rc: 255, stdout: '', stderr: `\n${msg}\n` };
    throw e;
  }
}

// Cases whose outcome is outside the parameter layer or differs on purpose:
//  - the real model's skeletons of operations where our model has fewer members (skeleton.test.ts
//    compares those member by member), and its yaml-input (AWS's documentation text);
//  - --generate-cli-skeleton output, where we deliberately do not reproduce aws/aws-cli#2337.
const sameMembersAsAws = new Set(['associate-software-token', 'verify-software-token']);
function replayable(c: Case): boolean {
  if (c.args.includes('output')) return false;
  if (c.model === 'aws') return sameMembersAsAws.has(c.args[1]!) && !c.args.includes('yaml-input');
  return true;
}

describe(`recorded ${results.aws}`, () => {
  const home = mkdtempSync(join(tmpdir(), 'ct-params-home-'));
  it('has cases to replay', () => {
    expect(results.cases.filter(replayable).length).toBeGreaterThan(150);
  });
  for (const c of results.cases.filter(replayable)) {
    it(`${c.model}: ${c.id}`, () => {
      const got = replay(c, home);
      expect({ rc: got.rc, stdout: got.stdout, stderr: got.stderr }).toEqual({
        rc: c.rc,
        stdout: c.stdout,
        stderr: c.stderr,
      });
      if (typeof c.body === 'string') {
        // Same members, same values, same order as the body botocore serialised.
        expect(got.body).toBe(JSON.stringify(JSON.parse(c.body)));
      }
    });
  }
});
