// What a local verify-software-token loads of Node itself, with the built binary: no node:crypto
// (about 3 ms with the streams it loads, checked in JavaScript instead: src/shared/sha.ts,
// rs256.ts) and no node:module (its ESM loader). Start-up is measured by `npm run bench`; this
// keeps the reason for part of it from coming back unnoticed, through any module the handler
// table initialises.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, cliPoolWithUser, json, oathtool, tempStateFile } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'ct-modules-'));
const HOOK = join(dir, 'hook.cjs');
// Preloaded: Node's own modules at start, then those loaded by the command, written at exit.
writeFileSync(
  HOOK,
  `const before = new Set(process.moduleLoadList);
process.on('exit', () => require('node:fs').writeFileSync(process.env.CT_MODULES_OUT,
  JSON.stringify(process.moduleLoadList.filter((m) => !before.has(m)))));\n`,
);

function loadedBy(args: string[]): { status: number; modules: string[]; stdout: string } {
  const out = join(dir, `modules-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(process.execPath, ['-r', HOOK, BIN, ...args], {
    env: cleanEnv({ CT_MODULES_OUT: out }),
    encoding: 'utf8',
  });
  return { status: r.status ?? -1, modules: JSON.parse(readFileSync(out, 'utf8')), stdout: r.stdout };
}

describe('Node modules a local call loads', () => {
  let sf: string[];
  let token: string;
  beforeAll(() => {
    sf = ['--state-file', tempStateFile()];
    const { client } = cliPoolWithUser(sf, {
      mfa: 'OPTIONAL',
      user: 'alice',
      password: 'Passw0rd!',
      poolName: 'modules',
      clientName: 'app',
    });
    const auth = ['--auth-parameters', 'USERNAME=alice,PASSWORD=Passw0rd!'];
    token = json([
      'initiate-auth',
      '--auth-flow',
      'USER_PASSWORD_AUTH',
      '--client-id',
      client,
      ...auth,
      ...sf,
    ]).AuthenticationResult.AccessToken;
  });

  it('a successful verify-software-token loads neither node:crypto nor node:module', () => {
    const secret = json(['associate-software-token', '--access-token', token, ...sf]).SecretCode;
    const r = loadedBy([
      'verify-software-token',
      '--access-token',
      token,
      '--user-code',
      oathtool(secret),
      ...sf,
    ]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ Status: 'SUCCESS' });
    expect(r.modules.length).toBeGreaterThan(0); // the hook saw the command's own loads (vm, at least)
    expect(r.modules).toContain('NativeModule vm');
    expect(r.modules.filter((m) => /crypto|^NativeModule (module|stream)$/.test(m))).toEqual([]);
  });

  it('a forged token is refused without node:crypto too (the signature checked in JavaScript)', () => {
    const [h, p, s] = token.split('.');
    const forged = `${h}.${p}.${s!.slice(0, -4)}${s!.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const r = loadedBy(['get-user', '--access-token', forged, ...sf]);
    expect(r.status).toBe(254);
    expect(r.modules.filter((m) => /crypto/.test(m))).toEqual([]);
  });

  it('associate-software-token does load it (a secret is random bytes): the check above is not vacuous', () => {
    const r = loadedBy(['associate-software-token', '--access-token', token, ...sf]);
    expect(r.status).toBe(0);
    expect(r.modules).toContain('NativeModule crypto');
  });
});
