// The output registry: what each format prints for the values v2 special-cases, and the module
// boundaries that keep start-up cheap and the formatters pure.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatOutput } from '../../src/output/format.ts';
import { OUTPUT_FORMATS } from '../../src/output/formats.ts';

describe('formatOutput', () => {
  it('prints nothing for {} in any format (an operation without output)', () => {
    for (const f of OUTPUT_FORMATS) expect(formatOutput({}, f, 'GlobalSignOut')).toBe('');
  });

  it('prints a null result as v2 does per format (formatter.py)', () => {
    expect(formatOutput(null, 'json', 'Op')).toBe('null\n');
    expect(formatOutput(null, 'text', 'Op')).toBe('None\n');
    expect(formatOutput(null, 'table', 'Op')).toBe('');
    expect(formatOutput(null, 'yaml', 'Op')).toBe('null\n');
    expect(formatOutput(null, 'yaml-stream', 'Op')).toBe('- null\n');
  });

  it('draws only the title box for a truthy scalar in a table, nothing for a falsy one', () => {
    expect(formatOutput('SUCCESS', 'table', 'VerifySoftwareToken')).toBe(
      '---------------------\n|VerifySoftwareToken|\n+-------------------+\n',
    );
    for (const v of [0, false, '', []]) expect(formatOutput(v, 'table', 'Op')).toBe('');
  });

  it('prints `off` as nothing', () => {
    expect(formatOutput({ Status: 'SUCCESS' }, 'off', 'VerifySoftwareToken')).toBe('');
  });

  it('redraws a table wider than the terminal with one-row sections vertical', () => {
    // Expected: v2's TableFormatter with its terminal width set to 60 (and 80: no redraw).
    const data = { Alpha: 'a'.repeat(30), Beta: 'b'.repeat(30), Gamma: 'c' };
    expect(formatOutput(data, 'table', 'Op', { terminalWidth: 60 })).toBe(
      [
        '---------------------------------------------',
        '|                    Op                     |',
        '+-------+-----------------------------------+',
        `|  Alpha|  ${'a'.repeat(30)}   |`,
        `|  Beta |  ${'b'.repeat(30)}   |`,
        '|  Gamma|  c                                |',
        '+-------+-----------------------------------+',
        '',
      ].join('\n'),
    );
    expect(formatOutput(data, 'table', 'Op').split('\n')[3]).toBe(
      '|              Alpha              |              Beta                | Gamma  |',
    );
  });
});

describe('module boundaries', () => {
  const dir = join(import.meta.dirname, '../../src/output');
  const imports = (file: string): string[] =>
    [...readFileSync(join(dir, file), 'utf8').matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)].map(
      (m) => `${m[1] ? 'type ' : ''}${m[2]}`,
    );

  it('format.ts reaches neither jmespath nor the yaml package (query.ts is loaded only for --query)', () => {
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of imports(file)) {
        expect(spec).not.toMatch(/^(type )?(jmespath|yaml)$/);
        if (spec.startsWith('./')) walk(spec.slice(2));
      }
    };
    walk('format.ts');
    expect(seen.has('query.ts')).toBe(false);
  });

  it('only query.ts imports jmespath; nothing imports the model except as types, or backends / CLI libraries', () => {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      for (const spec of imports(file)) {
        if (spec === 'jmespath') expect(file).toBe('query.ts');
        expect(spec).not.toMatch(/^(commander|chalk|yaml)$|backend|\/cli\//);
        if (spec.includes('/model/')) expect(spec.startsWith('type ')).toBe(true);
      }
    }
  });
});
