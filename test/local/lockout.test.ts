// Issue 17, item 5: the README's lockout rule (five wrong codes in a row, then 2^(n-5) s, at most
// 15 minutes) for every code check, to the millisecond, with an injected clock: verify with and
// without a pending association, and the SOFTWARE_TOKEN_MFA challenge (user and admin API).
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Harness, harness, PASSWORD, seed } from '../helpers/local.ts';

/** alice signed in, with a verified authenticator (TOTP on for sign-in). */
function verified() {
  const h = harness();
  const s = seed(h, { mfa: 'OPTIONAL' });
  const token = s.signIn().AuthenticationResult.AccessToken as string;
  const { SecretCode } = h.call('AssociateSoftwareToken', { AccessToken: token });
  h.call('VerifySoftwareToken', { AccessToken: token, UserCode: h.code(SecretCode) });
  h.call('SetUserMFAPreference', { AccessToken: token, SoftwareTokenMfaSettings: { Enabled: true } });
  // The next accepted code must be of a later step than the one just used.
  h.advance(30);
  return { h, ...s, token, secret: SecretCode as string };
}

/** A six-digit code that is none of the accepted ones now (nor in the next few seconds). */
function wrongCode(h: Harness, secret: string): string {
  const window = [-1, 0, 1, 2].map((s) => h.code(secret, s));
  return ['000000', '111111', '222222', '333333', '444444'].find((c) => !window.includes(c))!;
}

const verify = (h: Harness, token: string, code: string) =>
  h.fail('VerifySoftwareToken', { AccessToken: token, UserCode: code }).code;

/** Answers to the SOFTWARE_TOKEN_MFA challenge, through the user or the admin API. */
function challenger(h: Harness, poolId: string, clientId: string, admin: boolean) {
  const start = () =>
    admin
      ? h.call('AdminInitiateAuth', {
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'alice', PASSWORD },
        })
      : h.call('InitiateAuth', {
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'alice', PASSWORD },
        });
  let session = start().Session as string;
  const request = (code: string) => ({
    ...(admin ? { UserPoolId: poolId } : {}),
    ClientId: clientId,
    ChallengeName: 'SOFTWARE_TOKEN_MFA',
    Session: session,
    ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: code },
  });
  const op = admin ? 'AdminRespondToAuthChallenge' : 'RespondToAuthChallenge';
  return {
    /** The error code of a wrong answer; the session is not used up by it. */
    fail: (code: string) => h.fail(op, request(code)).code,
    /** A right answer: tokens, then a fresh challenge for the next attempt. */
    pass: (code: string) => {
      const tokens = h.call(op, request(code)).AuthenticationResult;
      session = start().Session;
      return tokens;
    },
    restart: () => {
      session = start().Session;
    },
  };
}

describe('verify-software-token against an already verified authenticator', () => {
  it('five wrong codes, then TooManyRequestsException even for the right code, growing 2^(n-5) s', () => {
    const { h, token, secret } = verified();
    const wrong = wrongCode(h, secret);
    for (let i = 0; i < 5; i++) expect(verify(h, token, wrong)).toBe('EnableSoftwareTokenMFAException');
    expect(verify(h, token, h.code(secret))).toBe('TooManyRequestsException');
    h.advance(1);
    expect(verify(h, token, wrong)).toBe('EnableSoftwareTokenMFAException'); // sixth: 2 s
    h.advance(1);
    expect(verify(h, token, h.code(secret))).toBe('TooManyRequestsException');
    h.advance(1);
    expect(verify(h, token, wrong)).toBe('EnableSoftwareTokenMFAException'); // seventh: 4 s
    h.advance(3);
    expect(verify(h, token, wrong)).toBe('TooManyRequestsException');
    h.advance(1);
    h.advance(30); // a code of a step not used yet
    expect(h.call('VerifySoftwareToken', { AccessToken: token, UserCode: h.code(secret) }).Status).toBe(
      'SUCCESS',
    );
    // The success reset the count: five more tries before the next lock.
    const w = wrongCode(h, secret);
    for (let i = 0; i < 5; i++) expect(verify(h, token, w)).toBe('EnableSoftwareTokenMFAException');
    expect(verify(h, token, w)).toBe('TooManyRequestsException');
  });

  it('shares its count with the sign-in challenge: the same secret gets five tries, not five per door', () => {
    for (const admin of [false, true]) {
      const { h, token, secret, poolId, clientId } = verified();
      const wrong = wrongCode(h, secret);
      const mfa = challenger(h, poolId, clientId, admin);
      for (let i = 0; i < 3; i++) expect(verify(h, token, wrong)).toBe('EnableSoftwareTokenMFAException');
      for (let i = 0; i < 2; i++) expect(mfa.fail(wrong)).toBe('CodeMismatchException');
      expect(mfa.fail(h.code(secret))).toBe('NotAuthorizedException');
      expect(verify(h, token, h.code(secret))).toBe('TooManyRequestsException');
    }
  });

  it('a pending association keeps its own count (a new secret), the verified one is not touched', () => {
    const { h, token, secret } = verified();
    const { SecretCode: fresh } = h.call('AssociateSoftwareToken', { AccessToken: token });
    const wrong = wrongCode(h, fresh);
    for (let i = 0; i < 5; i++) expect(verify(h, token, wrong)).toBe('EnableSoftwareTokenMFAException');
    expect(verify(h, token, h.code(fresh))).toBe('TooManyRequestsException');
    const state = readFileSync(h.stateFile, 'utf8');
    expect(state).not.toMatch(/"mfaFailures"/);
    expect(secret).not.toBe(fresh);
  });
});

describe('a lock lasts its full length, to the millisecond', () => {
  // The fifth wrong code lands 999 ms into a second: with whole seconds the 1 s lock ended 1 ms later.
  type Door = { fail: (code: string) => string; locked: string; secret: string };
  const cases: [string, (x: ReturnType<typeof verified>) => Door][] = [
    [
      'verify with a pending association',
      ({ h, token }) => {
        const { SecretCode } = h.call('AssociateSoftwareToken', { AccessToken: token });
        return { fail: (c) => verify(h, token, c), locked: 'TooManyRequestsException', secret: SecretCode };
      },
    ],
    [
      'verify against the verified authenticator',
      ({ h, token, secret }) => ({
        fail: (c) => verify(h, token, c),
        locked: 'TooManyRequestsException',
        secret,
      }),
    ],
    [
      'RespondToAuthChallenge SOFTWARE_TOKEN_MFA',
      ({ h, poolId, clientId, secret }) => ({
        fail: challenger(h, poolId, clientId, false).fail,
        locked: 'NotAuthorizedException',
        secret,
      }),
    ],
    [
      'AdminRespondToAuthChallenge SOFTWARE_TOKEN_MFA',
      ({ h, poolId, clientId, secret }) => ({
        fail: challenger(h, poolId, clientId, true).fail,
        locked: 'NotAuthorizedException',
        secret,
      }),
    ],
  ];
  for (const [name, setup] of cases) {
    it(name, () => {
      const x = verified();
      const { h } = x;
      const door = setup(x);
      const wrong = wrongCode(h, door.secret);
      for (let i = 1; i < 5; i++) expect(door.fail(wrong)).not.toBe(door.locked);
      h.clock.t += 999;
      expect(door.fail(wrong)).not.toBe(door.locked); // the fifth
      h.clock.t += 2; // 1 ms after the next whole second: the old lock was over here
      expect(door.fail(wrong)).toBe(door.locked);
      h.clock.t += 997; // 1 ms before the full second since the fifth code
      expect(door.fail(wrong)).toBe(door.locked);
      h.clock.t += 1; // exactly 1 s after it: over, and the sixth wrong code counts
      expect(door.fail(wrong)).not.toBe(door.locked);
      expect(door.fail(wrong)).toBe(door.locked);
    });
  }
});

describe('the password lockout, to the millisecond too', () => {
  it('USER_PASSWORD_AUTH: five wrong passwords ending 999 ms into a second lock for a full second', () => {
    const h = harness();
    const s = seed(h, { mfa: 'OPTIONAL' });
    const attempt = (password: string) => {
      try {
        h.call('InitiateAuth', {
          ClientId: s.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'alice', PASSWORD: password },
        });
        return 'signed in';
      } catch (e) {
        return (e as Error).message;
      }
    };
    for (let i = 1; i < 5; i++) expect(attempt('Wrong-1')).toBe('Incorrect username or password.');
    h.clock.t += 999;
    expect(attempt('Wrong-1')).toBe('Incorrect username or password.'); // the fifth
    h.clock.t += 2; // 1 ms after the next whole second: a whole-second lock was over here
    expect(attempt(PASSWORD)).toBe('Password attempts exceeded');
    h.clock.t += 997; // 1 ms before the full second
    expect(attempt(PASSWORD)).toBe('Password attempts exceeded');
    h.clock.t += 1;
    expect(attempt(PASSWORD)).toBe('signed in');
  });
});

describe('the stored lock', () => {
  it('is epoch seconds with the milliseconds as a fraction; a whole-second lock of an older file still holds', () => {
    const { h, token, secret } = verified();
    const wrong = wrongCode(h, secret);
    for (let i = 0; i < 4; i++) verify(h, token, wrong);
    h.clock.t += 250;
    verify(h, token, wrong);
    const lockAt = h.clock.t + 1000;
    const line = () =>
      readFileSync(h.stateFile, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('[') && l.includes('"alice"'))!;
    expect(JSON.parse(line().replace(/,$/, ''))[2].mfaLockUntil).toBe(lockAt / 1000);

    // An older version's file: whole seconds, locked until that second begins.
    const until = Math.floor(h.clock.t / 1000) + 10;
    const text = readFileSync(h.stateFile, 'utf8').replace(
      /"mfaLockUntil":[0-9.]+/,
      `"mfaLockUntil":${until}`,
    );
    writeFileSync(h.stateFile, text);
    h.clock.t = until * 1000 - 1;
    expect(verify(h, token, wrong)).toBe('TooManyRequestsException');
    h.clock.t = until * 1000;
    expect(verify(h, token, wrong)).toBe('EnableSoftwareTokenMFAException');
  });
});
