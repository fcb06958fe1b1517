// file:// / fileb:// loading and --cli-input-* decoding: the parts the recorded cases cannot reach
// (another user's home, the environment given as a parameter, Python-level failures).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GeneralError, ParamError } from '../../src/errors.ts';
import { parseCliInput } from '../../src/params/cli-input.ts';
import { expandUser, expandVars, resolveParamFile } from '../../src/params/paramfile.ts';
import { PyFloat } from '../../src/python/value.ts';

const dir = mkdtempSync(join(tmpdir(), 'ct-paramfile-'));
writeFileSync(join(dir, 'code.txt'), '123456\r\n');
writeFileSync(join(dir, 'bin'), Buffer.from([0x00, 0xff, 0x31]));

describe('resolveParamFile', () => {
  const env = { cwd: dir, env: { HOME: dir, SUB: 'code.txt' } };
  it('leaves values without a file prefix alone', () => {
    expect(resolveParamFile('123456', '--user-code', env)).toBe('123456');
    expect(resolveParamFile('File://code.txt', '--user-code', env)).toBe('File://code.txt');
  });
  it('reads text with universal newlines, relative to the given directory, through ~ and $VAR', () => {
    expect(resolveParamFile('file://code.txt', '--user-code', env)).toBe('123456\n');
    expect(resolveParamFile('file://~/code.txt', '--user-code', env)).toBe('123456\n');
    expect(resolveParamFile('file://$SUB', '--user-code', env)).toBe('123456\n');
    expect(resolveParamFile(`file://${dir}/code.txt`, '--user-code', { env: {} })).toBe('123456\n');
  });
  it('gives fileb:// contents as bytes, untouched', () => {
    const b = resolveParamFile('fileb://bin', '--x', env);
    expect(Buffer.isBuffer(b)).toBe(true);
    expect([...(b as Buffer)]).toEqual([0x00, 0xff, 0x31]);
    expect([...(resolveParamFile('fileb://code.txt', '--x', env) as Buffer)].slice(-2)).toEqual([13, 10]);
  });
  it('fails as a ParamError naming the flag', () => {
    expect(() => resolveParamFile('file://nope', '--session', env)).toThrow(
      new ParamError(
        "Error parsing parameter '--session': Unable to load paramfile file://nope: [Errno 2] No such file or directory: 'nope'",
      ),
    );
  });
});

describe('expandUser / expandVars (posixpath)', () => {
  it('expands ~ from HOME and ~user from the password database, else leaves it', () => {
    expect(expandUser('~/x', { HOME: '/home/me/' })).toBe('/home/me/x');
    expect(expandUser('~', { HOME: '/' })).toBe('/');
    expect(expandUser('~root/x', {})).toBe('/root/x');
    expect(expandUser('~no-such-user-here/x', {})).toBe('~no-such-user-here/x');
    expect(expandUser('a/~/x', { HOME: '/h' })).toBe('a/~/x');
  });
  it('expands set $NAME and {NAME} after a $, leaves everything else as written', () => {
    const env = { HOME: '/root', A_1: 'v' };
    // Built by concatenation: these are shell-style variables, not template placeholders.
    const braced = (name: string) => `$${'{'}${name}}`;
    expect(
      expandVars(`$HOME/${braced('HOME')}/$NOPE/${braced('NOPE')}/$/${braced('')}/$1a/$é/$A_1x/$A_1`, env),
    ).toBe(`/root//root/$NOPE/${braced('NOPE')}/$/${braced('')}/$1a/$é/$A_1x/v`);
  });
});

describe('parseCliInput', () => {
  it('keeps Python floats apart from ints', () => {
    const doc = parseCliInput('json', '{"A": 1, "B": 1.0}');
    expect(doc.A).toBe(1);
    expect(doc.B).toBeInstanceOf(PyFloat);
  });
  it('reports a YAML value Python cannot build as v2 does: a general error with Python text', () => {
    expect(() => parseCliInput('yaml', 'A: 2020-13-01')).toThrow(new GeneralError('month must be in 1..12'));
    expect(() => parseCliInput('yaml', 'A: !!int abc')).toThrow(GeneralError);
  });
  it('reports control characters YAML forbids as invalid YAML', () => {
    expect(() => parseCliInput('yaml', 'A: "\u0001"')).toThrow(
      new ParamError("Error parsing parameter 'cli-input-yaml': Invalid YAML received."),
    );
  });
  it('reads fileb:// YAML in UTF-16 with a BOM, as ruamel does', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("UserCode: '123456'\n", 'utf16le')]);
    expect(parseCliInput('yaml', bytes)).toEqual({ UserCode: '123456' });
  });
});
