// amazon-cognito-identity-js's account calls against `cognito-totp serve` on loopback (issue 16):
// userPool.signUp, confirmRegistration with the code the emulator "sent" (read from its outbox with
// `cognito-totp messages`, as a shell script or test would), resendConfirmationCode, forgotPassword
// + confirmPassword, changePassword, and the library's default SRP sign-in (authenticateUser)
// after each. The errors are checked as the library hands them to the app (err.code): a wrong
// code, an expired one (the server's clock moved a day on, see clock.ts), a taken user name, a
// password the policy refuses, and signing in before confirming.
import { execFileSync } from 'node:child_process';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
  type ISignUpResult,
} from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv } from '../helpers/cli.ts';
import { type MovableClock, movableClock } from './clock.ts';
import { call, type Served, serve } from './harness.ts';

const P1 = 'First-Passw0rd!';
const P2 = 'Second-Passw0rd!';
const P3 = 'Third-Passw0rd!';

let srv: Served;
let clock: MovableClock;

beforeAll(async () => {
  clock = movableClock();
  srv = await serve(undefined, { wrap: clock.wrap });
});

afterAll(async () => {
  clock.set(0);
  expect(await srv.stop()).toBe(0);
});

/** A pool that sends a code to the email address at sign-up, and a client of SRP and refresh. */
async function signUpPool(name: string): Promise<CognitoUserPool> {
  const pool = (await call(srv.port, 'CreateUserPool', { PoolName: name, AutoVerifiedAttributes: ['email'] }))
    .UserPool.Id as string;
  const client = (
    await call(srv.port, 'CreateUserPoolClient', {
      UserPoolId: pool,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    })
  ).UserPoolClient.ClientId as string;
  return new CognitoUserPool({ UserPoolId: pool, ClientId: client, endpoint: srv.url });
}

/** The latest code in the outbox, through the CLI on the state file the server writes. */
function outboxCode(pool: CognitoUserPool, username: string): string {
  return execFileSync(
    process.execPath,
    [
      BIN,
      'messages',
      '--state-file',
      srv.stateFile,
      '--user-pool-id',
      pool.getUserPoolId(),
      '--username',
      username,
      '--query',
      'Messages[-1].Code',
      '--output',
      'text',
    ],
    { env: cleanEnv(), encoding: 'utf8' },
  ).trim();
}

/** What the library handed to a node-style callback: the error's code and message, or the result. */
type Answer<T> = { ok: true; value: T } | { ok: false; code: string; message: string };
function answer<T>(start: (cb: (err: any, value?: T) => void) => void): Promise<Answer<T>> {
  return new Promise((resolve) =>
    start((err, value) =>
      resolve(err ? { ok: false, code: err.code, message: err.message } : { ok: true, value: value as T }),
    ),
  );
}

const signUp = (
  pool: CognitoUserPool,
  username: string,
  password: string,
  email = `${username}@example.com`,
) =>
  answer<ISignUpResult>((cb) =>
    pool.signUp(username, password, [new CognitoUserAttribute({ Name: 'email', Value: email })], [], cb),
  );

const confirm = (pool: CognitoUserPool, username: string, code: string) =>
  answer<string>((cb) =>
    new CognitoUser({ Username: username, Pool: pool }).confirmRegistration(code, false, cb),
  );

/** authenticateUser (USER_SRP_AUTH, the library's default): the session, or the error's code. */
function signIn(pool: CognitoUserPool, username: string, password: string) {
  const user = new CognitoUser({ Username: username, Pool: pool });
  return {
    user,
    done: answer<CognitoUserSession>((cb) =>
      user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
        onSuccess: (s) => cb(null, s),
        onFailure: (e) => cb(e),
        totpRequired: () => cb({ code: 'totpRequired', message: 'not expected here' }),
        mfaSetup: () => cb({ code: 'mfaSetup', message: 'not expected here' }),
        newPasswordRequired: () => cb({ code: 'newPasswordRequired', message: 'not expected here' }),
      }),
    ),
  };
}

const forgot = (user: CognitoUser) =>
  answer<any>((cb) =>
    user.forgotPassword({
      onSuccess: (d) => cb(null, d),
      onFailure: (e) => cb(e),
      inputVerificationCode: (d) => cb(null, d),
    }),
  );

const confirmNewPassword = (user: CognitoUser, code: string, password: string) =>
  answer<string>((cb) =>
    user.confirmPassword(code, password, { onSuccess: (s) => cb(null, s), onFailure: (e) => cb(e) }),
  );

function expectSignedIn(a: Answer<CognitoUserSession>, username: string): CognitoUserSession {
  if (!a.ok) throw new Error(`expected a session, got ${a.code}: ${a.message}`);
  expect(a.value.getAccessToken().decodePayload().username).toBe(username);
  return a.value;
}

/** A code that is not `code` (the last digit moved on). */
const otherThan = (code: string) => code.slice(0, -1) + ((Number(code.at(-1)) + 1) % 10);

describe('amazon-cognito-identity-js: sign-up, confirm, passwords, then its default SRP sign-in, through serve', () => {
  it('signUp → UNCONFIRMED (sign-in refused) → resendConfirmationCode → confirmRegistration → authenticateUser → changePassword → forgotPassword → confirmPassword', async () => {
    const pool = await signUpPool('ijs-signup');
    const up = await signUp(pool, 'nina', P1);
    if (!up.ok) throw new Error(`signUp failed: ${up.code}`);
    expect(up.value.userConfirmed).toBe(false);
    expect(up.value.codeDeliveryDetails).toEqual({
      Destination: 'n***@e***',
      DeliveryMedium: 'EMAIL',
      AttributeName: 'email',
    });
    expect(up.value.userSub).toMatch(/^[0-9a-f-]{36}$/);
    const first = outboxCode(pool, 'nina');
    expect(first).toMatch(/^\d{6}$/);

    // Not confirmed yet: the SRP sign-in is refused with the exception apps branch on.
    expect(await signIn(pool, 'nina', P1).done).toEqual({
      ok: false,
      code: 'UserNotConfirmedException',
      message: 'User is not confirmed.',
    });
    // Only after the proof holds: a wrong password says nothing of the user's state.
    expect(await signIn(pool, 'nina', P2).done).toMatchObject({ ok: false, code: 'NotAuthorizedException' });

    // A second code replaces the first, which stops working.
    const resent = await answer<any>((cb) =>
      new CognitoUser({ Username: 'nina', Pool: pool }).resendConfirmationCode(cb),
    );
    expect(resent).toEqual({
      ok: true,
      value: {
        CodeDeliveryDetails: { Destination: 'n***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' },
      },
    });
    const second = outboxCode(pool, 'nina');
    if (second !== first) {
      expect(await confirm(pool, 'nina', first)).toMatchObject({ ok: false, code: 'CodeMismatchException' });
    }
    expect(await confirm(pool, 'nina', otherThan(second))).toEqual({
      ok: false,
      code: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
    expect(await confirm(pool, 'nina', second)).toEqual({ ok: true, value: 'SUCCESS' });
    // Used once: the same code again is refused (the user is no longer UNCONFIRMED).
    expect(await confirm(pool, 'nina', second)).toMatchObject({ ok: false, code: 'NotAuthorizedException' });

    const { user, done } = signIn(pool, 'nina', P1);
    const session = expectSignedIn(await done, 'nina');
    // The code proved the address: email_verified is in the ID token.
    expect(session.getIdToken().decodePayload()).toMatchObject({
      email: 'nina@example.com',
      email_verified: true,
    });

    // changePassword (the signed-in user's access token): the old password stops working.
    expect(await answer<string>((cb) => user.changePassword(P1, 'weak', cb))).toMatchObject({
      ok: false,
      code: 'InvalidPasswordException',
    });
    expect(await answer<string>((cb) => user.changePassword('Wrong-Passw0rd!', P2, cb))).toMatchObject({
      ok: false,
      code: 'NotAuthorizedException',
    });
    expect(await answer<string>((cb) => user.changePassword(P1, P2, cb))).toEqual({
      ok: true,
      value: 'SUCCESS',
    });
    expect(await signIn(pool, 'nina', P1).done).toMatchObject({ ok: false, code: 'NotAuthorizedException' });
    expectSignedIn(await signIn(pool, 'nina', P2).done, 'nina');

    // forgotPassword: a code to the verified address, then confirmPassword sets a new password.
    const forgetful = new CognitoUser({ Username: 'nina', Pool: pool });
    expect(await forgot(forgetful)).toEqual({
      ok: true,
      value: {
        CodeDeliveryDetails: { Destination: 'n***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' },
      },
    });
    const reset = outboxCode(pool, 'nina');
    expect(reset).not.toBe(second);
    expect(await confirmNewPassword(forgetful, otherThan(reset), P3)).toMatchObject({
      ok: false,
      code: 'CodeMismatchException',
    });
    expect(await confirmNewPassword(forgetful, reset, 'short')).toMatchObject({
      ok: false,
      code: 'InvalidPasswordException',
    });
    expect(await confirmNewPassword(forgetful, reset, P3)).toEqual({ ok: true, value: 'SUCCESS' });
    expect(await signIn(pool, 'nina', P2).done).toMatchObject({ ok: false, code: 'NotAuthorizedException' });
    expectSignedIn(await signIn(pool, 'nina', P3).done, 'nina');
  });

  it('signUp refusals: a taken user name (UsernameExistsException), a password against the policy (InvalidPasswordException, naming the rule)', async () => {
    const pool = await signUpPool('ijs-refusals');
    expect((await signUp(pool, 'omar', P1)).ok).toBe(true);
    expect(await signUp(pool, 'omar', P2)).toEqual({
      ok: false,
      code: 'UsernameExistsException',
      message: 'User already exists',
    });
    const short = await signUp(pool, 'pia', 'Sh0rt!');
    expect(short).toMatchObject({ ok: false, code: 'InvalidPasswordException' });
    expect((short as { message: string }).message).toContain('Password not long enough');
    const noSymbol = await signUp(pool, 'pia', 'NoSymbols1234');
    expect(noSymbol).toMatchObject({ ok: false, code: 'InvalidPasswordException' });
    expect((noSymbol as { message: string }).message).toContain('Password must have symbol characters');
    // Nothing was stored for the refused sign-ups: the name is still free.
    expect((await signUp(pool, 'pia', P1)).ok).toBe(true);
  });

  it('expired codes: a sign-up code a day later and a reset code an hour later are ExpiredCodeException; a new code works', async () => {
    const pool = await signUpPool('ijs-expiry');
    expect((await signUp(pool, 'quinn', P1)).ok).toBe(true);
    const code = outboxCode(pool, 'quinn');
    try {
      clock.set(24 * 3600 + 60);
      expect(await confirm(pool, 'quinn', code)).toEqual({
        ok: false,
        code: 'ExpiredCodeException',
        message: 'Invalid code provided, please request a code again.',
      });
      // resendConfirmationCode, on the moved clock: a fresh code that confirms.
      expect(
        (
          await answer<any>((cb) =>
            new CognitoUser({ Username: 'quinn', Pool: pool }).resendConfirmationCode(cb),
          )
        ).ok,
      ).toBe(true);
      expect(await confirm(pool, 'quinn', outboxCode(pool, 'quinn'))).toEqual({ ok: true, value: 'SUCCESS' });

      const user = new CognitoUser({ Username: 'quinn', Pool: pool });
      expect((await forgot(user)).ok).toBe(true);
      const reset = outboxCode(pool, 'quinn');
      clock.set(24 * 3600 + 60 + 3600 + 60);
      expect(await confirmNewPassword(user, reset, P2)).toMatchObject({
        ok: false,
        code: 'ExpiredCodeException',
      });
    } finally {
      clock.set(0);
    }
    // Back on real time (the SRP TIMESTAMP must be near the server's clock): the old password stands.
    expectSignedIn(await signIn(pool, 'quinn', P1).done, 'quinn');
  });
});
