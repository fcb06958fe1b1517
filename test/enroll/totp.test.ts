// `cognito-totp totp` against oathtool (an independent RFC 6238 implementation) on random secrets
// and times, for every algorithm, several digit counts and periods.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import totpCommand, { normaliseSecret, parseAt, totpAt } from '../../src/commands/totp.ts';
import { ParamError } from '../../src/errors.ts';
import { fakeIo } from './fake-io.ts';

function oathtool(secret: string, epochSec: number, extra: string[] = []): string {
  const when = new Date(epochSec * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  const mode = extra.some((a) => a.startsWith('--totp=')) ? [] : ['--totp'];
  return execFileSync('oathtool', [...mode, '-b', '--now', when, ...extra, secret], {
    encoding: 'utf8',
  }).trim();
}

async function ours(args: string[], stdin?: string): Promise<{ rc: number; out: string; err: string }> {
  const io = fakeIo(stdin !== undefined ? { stdin } : {});
  const rc = await totpCommand(args, io);
  return { rc, out: io.stdoutText(), err: io.stderrText() };
}

const randomSecret = () =>
  new Secret({ buffer: randomBytes(randomInt(10, 40)).buffer as ArrayBuffer }).base32.replace(/=+$/, '');
// Between 1970 and 2100, whole seconds (oathtool's --now has a one-second resolution).
const randomTime = () => randomInt(0, 4_102_444_800);

describe('totp agrees with oathtool --totp -b', () => {
  const cases: { name: string; flags: string[]; oath: string[] }[] = [
    { name: 'defaults (SHA1, 6 digits, 30 s)', flags: [], oath: [] },
    { name: '8 digits', flags: ['--digits', '8'], oath: ['-d', '8'] },
    { name: '7 digits', flags: ['--digits', '7'], oath: ['-d', '7'] },
    { name: 'SHA256', flags: ['--algorithm', 'SHA256'], oath: ['--totp=sha256'] },
    { name: 'SHA512', flags: ['--algorithm', 'sha512'], oath: ['--totp=sha512'] },
    { name: '60-second period', flags: ['--period', '60'], oath: ['-s', '60'] },
    {
      name: 'SHA256, 8 digits, 60 s',
      flags: ['--algorithm', 'SHA256', '--digits', '8', '--period', '60'],
      oath: ['--totp=sha256', '-d', '8', '-s', '60'],
    },
  ];
  for (const c of cases) {
    it(`${c.name}, 40 random secrets and times`, async () => {
      for (let i = 0; i < 40; i++) {
        const secret = randomSecret();
        const t = randomTime();
        const at = i % 2 === 0 ? String(t) : new Date(t * 1000).toISOString();
        const got = await ours(['--secret', secret, '--at', at, ...c.flags]);
        expect(got.rc, got.err).toBe(0);
        expect(got.out, `secret ${secret} at ${at}`).toBe(`${oathtool(secret, t, c.oath)}\n`);
      }
    });
  }

  it('the window edges: the last second of a step and the first of the next', async () => {
    const secret = randomSecret();
    for (const t of [1_767_225_599, 1_767_225_600, 1_767_225_629, 1_767_225_630]) {
      expect((await ours(['--secret', secret, '--at', String(t)])).out).toBe(`${oathtool(secret, t)}\n`);
    }
  });
});

describe('totp input and output', () => {
  const secret = 'JBSWY3DPEHPK3PXP';
  const at = '2026-01-01T00:00:10Z';
  const expected = oathtool(secret, Date.parse(at) / 1000);

  it('--remaining prints the code and the seconds left, one space apart', async () => {
    expect((await ours(['--secret', secret, '--at', at, '--remaining'])).out).toBe(`${expected} 20\n`);
    expect((await ours(['--secret', secret, '--at', '2026-01-01T00:00:00Z', '--remaining'])).out).toMatch(
      / 30\n$/,
    );
    expect((await ours(['--secret', secret, '--at', '2026-01-01T00:00:29.9Z', '--remaining'])).out).toMatch(
      / 1\n$/,
    );
  });

  it('reads the secret from stdin (-) and from file://, tolerating spaces, case and padding', async () => {
    expect((await ours(['--secret', '-', '--at', at], 'jbsw y3dp ehpk 3pxp====\n')).out).toBe(
      `${expected}\n`,
    );
    const dir = mkdtempSync(join(tmpdir(), 'ct-totp-'));
    writeFileSync(join(dir, 's.txt'), `${secret}\n`);
    expect((await ours(['--secret', `file://${join(dir, 's.txt')}`, '--at', at])).out).toBe(`${expected}\n`);
    const io = fakeIo({ cwd: dir });
    expect(await totpCommand(['--secret', 'file://s.txt', '--at', at], io)).toBe(0);
    expect(io.stdoutText()).toBe(`${expected}\n`);
  });

  it('takes an otpauth:// URI with its parameters, flags winning', async () => {
    const uri = `otpauth://totp/Demo:alice?secret=${secret}&issuer=Demo&algorithm=SHA256&digits=8&period=60`;
    const t = Date.parse(at) / 1000;
    expect((await ours(['--secret', uri, '--at', at])).out).toBe(
      `${oathtool(secret, t, ['--totp=sha256', '-d', '8', '-s', '60'])}\n`,
    );
    expect((await ours(['--secret', uri, '--at', at, '--digits', '6'])).out).toBe(
      `${oathtool(secret, t, ['--totp=sha256', '-s', '60'])}\n`,
    );
  });

  it('takes --at as epoch seconds, ISO 8601 with an offset, or without one as UTC', () => {
    expect(parseAt('1767225600')).toBe(1_767_225_600_000);
    expect(parseAt('2026-01-01T00:00:00Z')).toBe(1_767_225_600_000);
    expect(parseAt('2026-01-01 00:00:00')).toBe(1_767_225_600_000);
    expect(parseAt('2026-01-01T02:00:00+02:00')).toBe(1_767_225_600_000);
    expect(() => parseAt('yesterday')).toThrow(ParamError);
    expect(() => parseAt('-5')).toThrow(ParamError);
  });

  it('refuses what is not a secret or a setting, as parameter errors', async () => {
    await expect(ours(['--secret', 'not base32!'])).rejects.toThrow(/not base32/);
    await expect(ours([])).rejects.toThrow(/--secret option is required/);
    await expect(ours(['--secret', secret, '--digits', '3'])).rejects.toThrow(/--digits/);
    await expect(ours(['--secret', secret, '--algorithm', 'MD5'])).rejects.toThrow(/algorithm/);
    await expect(ours(['--secret', secret, '--nope'])).rejects.toThrow(ParamError);
    await expect(ours(['--secret', 'file:///does/not/exist'])).rejects.toThrow(/Unable to load/);
    expect(() => normaliseSecret('')).toThrow(/empty/);
  });

  it('uses the clock when no --at is given', async () => {
    const io = fakeIo();
    await totpCommand(['--secret', secret, '--remaining'], io, () => Date.parse(at));
    expect(io.stdoutText()).toBe(`${expected} 20\n`);
    expect(totpAt({ secret, algorithm: 'SHA1', digits: 6, period: 30 }, Date.parse(at)).code).toBe(expected);
  });

  it('prints its help on stdout', async () => {
    const got = await ours(['--help']);
    expect(got.rc).toBe(0);
    expect(got.out).toMatch(/--remaining/);
    expect(got.out).toMatch(/123456 17/);
  });
});
