// How the emulator keeps a password (context.ts hashPassword / checkPassword): scrypt with N = 2^10
// under the tag `scrypt10`, since the SRP verifier kept beside it is a cheaper test of a guess
// than any costlier hash; `scrypt$` hashes of N = 2^14 in files made before still sign in; a tag
// it does not know is a wrong password, never a crash.
import { scryptSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { harness, PASSWORD, seed } from '../helpers/local.ts';

/** The stored record of `username`, and a way to write it back changed (the file is plain JSON lines). */
function userRecord(stateFile: string, username: string) {
  const lines = readFileSync(stateFile, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.startsWith('[') && JSON.parse(l.replace(/,$/, ''))[1] === username);
  if (i < 0) throw new Error(`no line for ${username} in ${stateFile}`);
  const comma = lines[i]!.endsWith(',');
  const entry = JSON.parse(lines[i]!.replace(/,$/, '')) as [string, string, Record<string, any>];
  return {
    user: entry[2],
    write(change: (u: Record<string, any>) => void) {
      change(entry[2]);
      lines[i] = JSON.stringify(entry) + (comma ? ',' : '');
      writeFileSync(stateFile, lines.join('\n'), { mode: 0o600 });
    },
  };
}

describe('stored passwords', () => {
  it('a password set now is kept as scrypt10$salt$hash: scrypt of N = 1024 over that salt, nothing else', () => {
    const h = harness();
    seed(h);
    const pw = userRecord(h.stateFile, 'alice').user.pw as string;
    const [tag, salt, hash] = pw.split('$');
    expect(tag).toBe('scrypt10');
    const expected = scryptSync(PASSWORD, Buffer.from(salt!, 'base64'), 32, { N: 1024 });
    expect(Buffer.from(hash!, 'base64').equals(expected)).toBe(true);
    expect(JSON.stringify(userRecord(h.stateFile, 'alice').user)).not.toContain(PASSWORD);
  });

  it('a file made before, holding scrypt$ (N = 16384), still signs in; a password changed then is stored the new way', () => {
    const h = harness();
    const s = seed(h);
    const salt = Buffer.alloc(16, 7);
    const old = `scrypt$${salt.toString('base64')}$${scryptSync(PASSWORD, salt, 32).toString('base64')}`;
    userRecord(h.stateFile, 'alice').write((u) => {
      u.pw = old;
      delete u.srp; // as a file from before SRP: the verifier is made at the next password sign-in
    });
    const auth = (password: string) => ({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: s.clientId,
      AuthParameters: { USERNAME: 'alice', PASSWORD: password },
    });
    expect(h.fail('InitiateAuth', auth('Wrong-Passw0rd!')).code).toBe('NotAuthorizedException');
    const token = h.call('InitiateAuth', auth(PASSWORD)).AuthenticationResult.AccessToken as string;
    expect(userRecord(h.stateFile, 'alice').user.pw).toBe(old);
    h.call('ChangePassword', {
      AccessToken: token,
      PreviousPassword: PASSWORD,
      ProposedPassword: 'N3w-Passw0rd!',
    });
    expect(userRecord(h.stateFile, 'alice').user.pw).toMatch(/^scrypt10\$/);
    expect(h.call('InitiateAuth', auth('N3w-Passw0rd!')).AuthenticationResult.AccessToken).toBeTruthy();
  });

  it('a stored password of a tag it does not know (or not 32 bytes) is a wrong password, not a crash', () => {
    const h = harness();
    const s = seed(h);
    const good = userRecord(h.stateFile, 'alice').user.pw as string;
    const [, salt, hash] = good.split('$');
    for (const pw of [
      `constructor$${salt}$${hash}`,
      `__proto__$${salt}$${hash}`,
      `bcrypt$${salt}$${hash}`,
      `scrypt10$${salt}$${Buffer.from(hash!, 'base64').subarray(0, 16).toString('base64')}`,
    ]) {
      userRecord(h.stateFile, 'alice').write((u) => {
        u.pw = pw;
      });
      const e = h.fail('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: s.clientId,
        AuthParameters: { USERNAME: 'alice', PASSWORD },
      });
      expect([e.code, e.message]).toEqual(['NotAuthorizedException', 'Incorrect username or password.']);
    }
  });
});
