// Generated values run through AWS CLI v2's own formatter classes (recorded in-process by
// scripts/capture-output-goldens.mjs) must print the same through formatOutput: the same stdout,
// or the same failure (message, and what the streaming text formatter wrote before it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatOutput, type OutputFormat } from '../../src/output/format.ts';
import { OutputError } from '../../src/output/output-error.ts';

interface OracleCase {
  data: unknown;
  format: OutputFormat;
  width: number;
  operation: string;
  stdout: string;
  error?: string;
  type?: string;
}

const golden = JSON.parse(
  readFileSync(join(import.meta.dirname, '../golden/output/formatter-oracle.json'), 'utf8'),
) as {
  aws: string;
  cases: OracleCase[];
};

describe('formatter oracle (v2 formatter classes on generated values)', () => {
  it('was recorded with AWS CLI v2 2.9.19 and covers every format, with and without failures', () => {
    expect(golden.aws).toMatch(/^aws-cli\/2\.9\.19 /);
    const formats = new Set(golden.cases.map((c) => c.format));
    expect([...formats].sort()).toEqual(['json', 'table', 'text', 'yaml', 'yaml-stream']);
    expect(golden.cases.some((c) => c.error !== undefined && c.format === 'text')).toBe(true);
    expect(golden.cases.some((c) => c.error !== undefined && c.format === 'table')).toBe(true);
  });

  it.each(
    golden.cases.map((c, i) => ({ ...c, label: `#${i} ${c.format}${c.error ? ' (fails)' : ''}` })),
  )('$label', (c) => {
    const opts = { terminalWidth: c.width };
    if (c.error === undefined) {
      expect(formatOutput(c.data, c.format, c.operation, opts)).toBe(c.stdout);
      return;
    }
    let thrown: unknown;
    try {
      formatOutput(c.data, c.format, c.operation, opts);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(OutputError);
    expect({ message: (thrown as OutputError).message, stdout: (thrown as OutputError).stdout }).toEqual({
      message: c.error,
      stdout: c.stdout,
    });
  });
});
