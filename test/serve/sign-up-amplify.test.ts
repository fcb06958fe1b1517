// Amplify v6 (aws-amplify) in Node, configured as an app is (Auth.Cognito.userPoolEndpoint), doing
// its account calls against `cognito-totp serve` (issue 16): signUp (with autoSignIn), confirmSignUp
// with the code read by the programmatic API's latestCode (the built package, as an app's test
// suite imports it), resendSignUpCode, resetPassword + confirmResetPassword, updatePassword, and
// its default SRP signIn after each. The errors as Amplify surfaces them: error.name for the
// service's exceptions, and the signIn steps CONFIRM_SIGN_UP and RESET_PASSWORD it turns
// UserNotConfirmedException and PasswordResetRequiredException into. An expired code is reached by
// moving the server's clock (clock.ts), never by waiting.

import { Amplify } from 'aws-amplify';
import {
  autoSignIn,
  confirmResetPassword,
  confirmSignUp,
  fetchAuthSession,
  getCurrentUser,
  resendSignUpCode,
  resetPassword,
  signIn,
  signOut,
  signUp,
  updatePassword,
} from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { ConsoleLogger, sharedInMemoryStorage } from 'aws-amplify/utils';
import { latestCode } from 'cognito-totp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type MovableClock, movableClock } from './clock.ts';
import { call, type Served, serve } from './harness.ts';

const P1 = 'First-Passw0rd!';
const P2 = 'Second-Passw0rd!';
const P3 = 'Third-Passw0rd!';
const P4 = 'Fourth-Passw0rd!';

let srv: Served;
let clock: MovableClock;
/** The X-Amz-Target of every request Amplify sent to serve (the wire, not Amplify's word). */
let targets: string[] = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  ConsoleLogger.LOG_LEVEL = 'ERROR';
  clock = movableClock();
  srv = await serve(undefined, { wrap: clock.wrap });
  // Observes only: each request goes on unchanged to the real server over loopback.
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith(srv.url)) {
      const t = new Headers(input instanceof Request ? input.headers : init?.headers).get('x-amz-target');
      if (t) targets.push(t.replace('AWSCognitoIdentityProviderService.', ''));
    }
    return realFetch(input, init);
  };
});

afterEach(async () => {
  // Amplify is one signed-in user per process: leave none behind for the next test.
  await signOut().catch(() => undefined);
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  clock.set(0);
  expect(await srv.stop()).toBe(0);
});

/** A pool that sends a code to the email address at sign-up, a client of SRP and refresh; Amplify on it. */
async function configuredPool(name: string): Promise<string> {
  const pool = (await call(srv.port, 'CreateUserPool', { PoolName: name, AutoVerifiedAttributes: ['email'] }))
    .UserPool.Id as string;
  const client = (
    await call(srv.port, 'CreateUserPoolClient', {
      UserPoolId: pool,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    })
  ).UserPoolClient.ClientId as string;
  Amplify.configure({
    Auth: { Cognito: { userPoolId: pool, userPoolClientId: client, userPoolEndpoint: srv.url } },
  });
  cognitoUserPoolsTokenProvider.setKeyValueStorage(sharedInMemoryStorage);
  targets = [];
  return pool;
}

/** The latest code the emulator "sent" the user, read from the state file by the programmatic API. */
function code(pool: string, username: string, kind?: 'CONFIRM_SIGN_UP' | 'RESET_PASSWORD'): string {
  const sent = latestCode(srv.stateFile, { userPoolId: pool, username, ...(kind ? { kind } : {}) });
  if (!sent) throw new Error(`no code in the outbox for ${username}`);
  return sent.code;
}

/** A code that is not `c` (the last digit moved on). */
const otherThan = (c: string) => c.slice(0, -1) + ((Number(c.at(-1)) + 1) % 10);

const EMAIL_DELIVERY = (username: string) => ({
  destination: `${username[0]}***@e***`,
  deliveryMedium: 'EMAIL',
  attributeName: 'email',
});

describe('Amplify v6: sign-up, confirm, passwords, then its default SRP signIn, through serve', () => {
  it('signUp → signIn says CONFIRM_SIGN_UP → resendSignUpCode → confirmSignUp → signIn (SRP) → updatePassword → resetPassword → confirmResetPassword → signIn', async () => {
    const pool = await configuredPool('amp-signup');
    const up = await signUp({
      username: 'rosa',
      password: P1,
      options: { userAttributes: { email: 'rosa@example.com' } },
    });
    expect(up).toMatchObject({
      isSignUpComplete: false,
      nextStep: { signUpStep: 'CONFIRM_SIGN_UP', codeDeliveryDetails: EMAIL_DELIVERY('rosa') },
    });
    expect(up.userId).toMatch(/^[0-9a-f-]{36}$/);
    const first = code(pool, 'rosa', 'CONFIRM_SIGN_UP');

    // UNCONFIRMED: Amplify turns the service's UserNotConfirmedException into a step of its own.
    targets = [];
    expect(await signIn({ username: 'rosa', password: P1 })).toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_UP' },
    });
    expect(targets).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);

    expect(await resendSignUpCode({ username: 'rosa' })).toEqual(EMAIL_DELIVERY('rosa'));
    const second = code(pool, 'rosa', 'CONFIRM_SIGN_UP');
    if (second !== first) {
      await expect(confirmSignUp({ username: 'rosa', confirmationCode: first })).rejects.toMatchObject({
        name: 'CodeMismatchException',
      });
    }
    await expect(
      confirmSignUp({ username: 'rosa', confirmationCode: otherThan(second) }),
    ).rejects.toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
    expect(await confirmSignUp({ username: 'rosa', confirmationCode: second })).toEqual({
      isSignUpComplete: true,
      nextStep: { signUpStep: 'DONE' },
    });

    // Its default sign-in: SRP (InitiateAuth, then the PASSWORD_VERIFIER answer).
    targets = [];
    expect(await signIn({ username: 'rosa', password: P1 })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect(targets).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    const tokens = (await fetchAuthSession()).tokens!;
    expect(tokens.accessToken.payload.username).toBe('rosa');
    expect(tokens.idToken?.payload).toMatchObject({ email: 'rosa@example.com', email_verified: true });
    expect(await getCurrentUser()).toMatchObject({ username: 'rosa' });

    // updatePassword (ChangePassword with Amplify's access token).
    await expect(updatePassword({ oldPassword: P1, newPassword: 'weak' })).rejects.toMatchObject({
      name: 'InvalidPasswordException',
    });
    await expect(updatePassword({ oldPassword: 'Wrong-Passw0rd!', newPassword: P2 })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    await updatePassword({ oldPassword: P1, newPassword: P2 });
    await signOut();
    await expect(signIn({ username: 'rosa', password: P1 })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    expect((await signIn({ username: 'rosa', password: P2 })).isSignedIn).toBe(true);
    await signOut();

    // resetPassword + confirmResetPassword with the code from the outbox.
    expect(await resetPassword({ username: 'rosa' })).toEqual({
      isPasswordReset: false,
      nextStep: {
        resetPasswordStep: 'CONFIRM_RESET_PASSWORD_WITH_CODE',
        codeDeliveryDetails: EMAIL_DELIVERY('rosa'),
      },
    });
    const reset = code(pool, 'rosa', 'RESET_PASSWORD');
    await expect(
      confirmResetPassword({ username: 'rosa', confirmationCode: otherThan(reset), newPassword: P3 }),
    ).rejects.toMatchObject({ name: 'CodeMismatchException' });
    await expect(
      confirmResetPassword({ username: 'rosa', confirmationCode: reset, newPassword: 'nouppercase1!' }),
    ).rejects.toMatchObject({ name: 'InvalidPasswordException' });
    await confirmResetPassword({ username: 'rosa', confirmationCode: reset, newPassword: P3 });
    await expect(signIn({ username: 'rosa', password: P2 })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    expect(await signIn({ username: 'rosa', password: P3 })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
  });

  it('signUp with autoSignIn → confirmSignUp says COMPLETE_AUTO_SIGN_IN → autoSignIn() signs in by SRP with the kept password', async () => {
    const pool = await configuredPool('amp-auto');
    const up = await signUp({
      username: 'otto',
      password: P1,
      options: { userAttributes: { email: 'otto@example.com' }, autoSignIn: true },
    });
    expect(up.nextStep.signUpStep).toBe('CONFIRM_SIGN_UP');
    expect(await confirmSignUp({ username: 'otto', confirmationCode: code(pool, 'otto') })).toEqual({
      isSignUpComplete: true,
      nextStep: { signUpStep: 'COMPLETE_AUTO_SIGN_IN' },
      userId: undefined,
    });
    targets = [];
    expect(await autoSignIn()).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect(targets).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    expect((await fetchAuthSession()).tokens?.idToken?.payload).toMatchObject({
      'cognito:username': 'otto',
      email_verified: true,
    });
  });

  it('an admin reset: signIn says RESET_PASSWORD; confirmResetPassword with the code signs in again', async () => {
    const pool = await configuredPool('amp-admin-reset');
    await signUp({
      username: 'sami',
      password: P1,
      options: { userAttributes: { email: 'sami@example.com' } },
    });
    await confirmSignUp({ username: 'sami', confirmationCode: code(pool, 'sami') });
    await call(srv.port, 'AdminResetUserPassword', { UserPoolId: pool, Username: 'sami' });
    expect(await signIn({ username: 'sami', password: P1 })).toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'RESET_PASSWORD' },
    });
    await confirmResetPassword({
      username: 'sami',
      confirmationCode: code(pool, 'sami', 'RESET_PASSWORD'),
      newPassword: P2,
    });
    expect((await signIn({ username: 'sami', password: P2 })).isSignedIn).toBe(true);
  });

  it('signUp refusals: UsernameExistsException, InvalidPasswordException naming the rule; nothing kept of a refused sign-up', async () => {
    await configuredPool('amp-refusals');
    await signUp({
      username: 'tara',
      password: P1,
      options: { userAttributes: { email: 'tara@example.com' } },
    });
    await expect(signUp({ username: 'tara', password: P2 })).rejects.toMatchObject({
      name: 'UsernameExistsException',
      message: 'User already exists',
    });
    const weak = signUp({ username: 'uma', password: 'alllowercase1!' });
    await expect(weak).rejects.toMatchObject({ name: 'InvalidPasswordException' });
    await expect(weak).rejects.toThrow(/Password must have uppercase characters/);
    // Refused: the name is still free, and the user can sign up with a good password.
    expect((await signUp({ username: 'uma', password: P1 })).userId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('expired codes: confirmSignUp a day later and confirmResetPassword an hour later are ExpiredCodeException', async () => {
    const pool = await configuredPool('amp-expiry');
    await signUp({
      username: 'vera',
      password: P1,
      options: { userAttributes: { email: 'vera@example.com' } },
    });
    try {
      clock.set(24 * 3600 + 60);
      await expect(
        confirmSignUp({ username: 'vera', confirmationCode: code(pool, 'vera') }),
      ).rejects.toMatchObject({
        name: 'ExpiredCodeException',
        message: 'Invalid code provided, please request a code again.',
      });
      await resendSignUpCode({ username: 'vera' });
      expect(await confirmSignUp({ username: 'vera', confirmationCode: code(pool, 'vera') })).toMatchObject({
        isSignUpComplete: true,
      });
      await resetPassword({ username: 'vera' });
      const reset = code(pool, 'vera', 'RESET_PASSWORD');
      clock.set(24 * 3600 + 60 + 3600 + 60);
      await expect(
        confirmResetPassword({ username: 'vera', confirmationCode: reset, newPassword: P4 }),
      ).rejects.toMatchObject({ name: 'ExpiredCodeException' });
    } finally {
      clock.set(0);
    }
    // Back on real time (SRP's TIMESTAMP is checked against the server's clock): P1 still stands.
    expect((await signIn({ username: 'vera', password: P1 })).isSignedIn).toBe(true);
  });
});
