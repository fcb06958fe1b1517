// Replays the answers recorded by scripts/capture-output-goldens.mjs through shapeOutput +
// compileQuery + formatOutput and compares with what AWS CLI v2 2.9.19 printed for them, byte for
// byte: stdout, stderr (v2 writes every error as "\n" + message + "\n") and the exit code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, GeneralError, ParamError } from '../../src/errors.ts';
import { operations } from '../../src/model/index.ts';
import type { StructureShape } from '../../src/model/types.ts';
import { formatOutput, type OutputFormat } from '../../src/output/format.ts';
import { OutputError } from '../../src/output/output-error.ts';
import { compileQuery } from '../../src/output/query.ts';
import { shapeOutput } from '../../src/output/shape-output.ts';

interface GoldenCase {
  output: OutputFormat | null;
  query: string | null;
  args: string[];
  body?: string | null;
  stdout: string;
  stderr: string;
  exitCode: number;
}
interface Golden {
  aws: string;
  description: string;
  operation: keyof typeof operations;
  source: 'moto' | 'moto-projected' | 'canned';
  tz: string;
  body?: string;
  cases: GoldenCase[];
}

const DIR = join(import.meta.dirname, '../golden/output');
const goldens = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && !f.startsWith('formatter-oracle'))
  .map((f) => ({ file: f, golden: JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Golden }));

interface Result {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** What the CLI does with one answer: --query is compiled before the request, applied after. */
function run(
  shape: StructureShape,
  operationName: string,
  body: string | null,
  c: GoldenCase,
  tz: string,
): Result {
  const fail = (e: unknown, stdout = ''): Result => {
    if (e instanceof ParamError) return { stdout, stderr: `\n${e.message}\n`, exitCode: EXIT.param };
    if (e instanceof GeneralError) return { stdout, stderr: `\n${e.message}\n`, exitCode: EXIT.general };
    throw e;
  };
  let query: ((data: unknown) => unknown) | undefined;
  try {
    if (c.query !== null) query = compileQuery(c.query);
  } catch (e) {
    return fail(e);
  }
  if (body === null) throw new Error('a case that reached the service must have a body');
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    raw = body; // not JSON: shapeOutput treats it as botocore does
  }
  try {
    const shaped = shapeOutput(shape, raw, { timeZone: tz });
    const data = query ? query(shaped) : shaped;
    return { stdout: formatOutput(data, c.output ?? 'json', operationName), stderr: '', exitCode: EXIT.ok };
  } catch (e) {
    return fail(e, e instanceof OutputError ? e.stdout : '');
  }
}

describe.each(goldens)('$file', ({ golden }) => {
  const op = operations[golden.operation];

  it('was recorded with AWS CLI v2 2.9.19', () => {
    expect(golden.aws).toMatch(/^aws-cli\/2\.9\.19 /);
    expect(golden.cases.length).toBeGreaterThan(0);
  });

  if (golden.operation === 'ListUsers') {
    it('has a single page (v2 paginates list-users and would follow a PaginationToken)', () => {
      expect(golden.body).not.toContain('PaginationToken');
    });
  }

  const comparable = golden.cases.filter((c) => c.output !== 'off');
  it.each(
    comparable.map((c) => ({
      ...c,
      label: `${c.output ?? '(default)'} ${c.query === null ? '' : JSON.stringify(c.query)}`,
    })),
  )('$label', (c) => {
    const body = c.body !== undefined ? c.body : (golden.body ?? null);
    const got = run(op.output, op.name, body, c, golden.tz);
    expect(got).toEqual({ stdout: c.stdout, stderr: c.stderr, exitCode: c.exitCode });
  });

  const off = golden.cases.filter((c) => c.output === 'off');
  if (off.length > 0) {
    // A deliberate difference: 2.9.19 has no `--output off` (an argparse error); later v2 releases
    // print nothing with it, and so do we.
    it('off: v2 2.9.19 rejects it; we print nothing, as later v2 releases do', () => {
      for (const c of off) {
        expect(c.exitCode).toBe(EXIT.param);
        expect(c.stderr).toContain('aws: error: argument --output: Invalid choice');
        const body = c.body ?? golden.body ?? golden.cases.find((x) => x.body)?.body;
        expect(body).toBeTruthy();
        const shaped = shapeOutput(op.output, JSON.parse(body!), { timeZone: golden.tz });
        expect(Object.keys(shaped).length).toBeGreaterThan(0);
        expect(formatOutput(shaped, 'off', op.name)).toBe('');
      }
    });
  }
});
