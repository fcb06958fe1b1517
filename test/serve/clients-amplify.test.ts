// Amplify v6 (aws-amplify) in Node against `cognito-totp serve` on loopback, configured as an app
// would (Auth.Cognito.userPoolEndpoint) with its DEFAULT sign-in (USER_SRP_AUTH; Amplify computes
// SRP_A and the PASSWORD_VERIFIER answer itself). Both TOTP flows (setUpTOTP/verifyTOTPSetup/
// updateMFAPreference then CONFIRM_SIGN_IN_WITH_TOTP_CODE; CONTINUE_SIGN_IN_WITH_TOTP_SETUP at the
// first sign-in of a pool with MFA ON), refresh forced and on expiry (Amplify 6.x calls
// GetTokensFromRefreshToken, seen here on the wire), with rotation when the client has it, and
// signOut, local and global. Issue 15.
//
// Amplify keeps its tokens in a key-value storage; Node 20 has no localStorage, so the token
// provider is given Amplify's own in-memory storage (what a Node app or test suite does).
import { Amplify } from 'aws-amplify';
import {
  confirmSignIn,
  fetchAuthSession,
  fetchMFAPreference,
  getCurrentUser,
  setUpTOTP,
  signIn,
  signOut,
  updateMFAPreference,
  verifyTOTPSetup,
} from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { ConsoleLogger, sharedInMemoryStorage } from 'aws-amplify/utils';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { claimsOf, clientPool, mfaOf, PASSWORD, TEMP_PASSWORD, totpCode } from './clients.ts';
import { raw, type Served, serve, target } from './harness.ts';

let srv: Served;
/** The X-Amz-Target of every request Amplify sent to serve, in order (the wire, not Amplify's word). */
let targets: string[] = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  // Amplify warns on every configure that the endpoint is a custom one: true, and known here.
  ConsoleLogger.LOG_LEVEL = 'ERROR';
  srv = await serve();
  // Observes the calls only: each goes on unchanged to the real server over loopback.
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith(srv.url)) {
      const headers = new Headers(input instanceof Request ? input.headers : init?.headers);
      const t = headers.get('x-amz-target');
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
  expect(await srv.stop()).toBe(0);
});

function configure(pool: string, client: string): void {
  Amplify.configure({
    Auth: { Cognito: { userPoolId: pool, userPoolClientId: client, userPoolEndpoint: srv.url } },
  });
  cognitoUserPoolsTokenProvider.setKeyValueStorage(sharedInMemoryStorage);
  targets = [];
}

/** A raw REFRESH_TOKEN_AUTH with a refresh token: the service's own answer about it. */
async function refreshWith(client: string, refreshToken: string) {
  const a = await raw(srv.port, {
    target: target('InitiateAuth'),
    body: JSON.stringify({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: client,
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }),
  });
  return { status: a.status, type: a.status === 200 ? undefined : JSON.parse(a.body).__type };
}

describe('Amplify v6 in Node, default SRP signIn, through serve', () => {
  it('a wrong password is refused by the PASSWORD_VERIFIER check: NotAuthorizedException', async () => {
    const { pool, client } = await clientPool(srv.port, { username: 'wendy', mfa: 'OPTIONAL' });
    configure(pool, client);
    await expect(signIn({ username: 'wendy', password: 'Not-the-passw0rd' })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    // Amplify's default really is SRP: InitiateAuth, then the proof answered and refused.
    expect(targets).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    expect(await signIn({ username: 'wendy', password: PASSWORD })).toMatchObject({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
  });

  it('flow A: signIn → setUpTOTP → verifyTOTPSetup → updateMFAPreference; signIn → CONFIRM_SIGN_IN_WITH_TOTP_CODE; fetchAuthSession({ forceRefresh }) ; signOut', async () => {
    const { pool, client } = await clientPool(srv.port, { username: 'alice', mfa: 'OPTIONAL' });
    configure(pool, client);

    expect(await signIn({ username: 'alice', password: PASSWORD })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect(await getCurrentUser()).toMatchObject({ username: 'alice' });
    const setup = await setUpTOTP();
    expect(setup.sharedSecret).toMatch(/^[A-Z2-7]{32,}$/);
    expect(setup.getSetupUri('cognito-totp-test').toString()).toContain(`secret=${setup.sharedSecret}`);
    await verifyTOTPSetup({ code: totpCode(setup.sharedSecret) });
    await updateMFAPreference({ totp: 'PREFERRED' });
    expect(await fetchMFAPreference()).toEqual({ enabled: ['TOTP'], preferred: 'TOTP' });
    expect(await mfaOf(srv.port, pool, 'alice')).toEqual({
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
    });
    await signOut();

    const asked = await signIn({ username: 'alice', password: PASSWORD });
    expect(asked).toEqual({ isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' } });
    // A wrong code is refused (and the sign-in can still be completed with the right one).
    const wrong = (Number(totpCode(setup.sharedSecret, 1)) + 1).toString().padStart(6, '0').slice(-6);
    await expect(confirmSignIn({ challengeResponse: wrong })).rejects.toMatchObject({
      name: 'CodeMismatchException',
    });
    expect((await signIn({ username: 'alice', password: PASSWORD })).nextStep.signInStep).toBe(
      'CONFIRM_SIGN_IN_WITH_TOTP_CODE',
    );
    // The step verifyTOTPSetup used is spent: the next step's code, as an authenticator shows it.
    expect(await confirmSignIn({ challengeResponse: totpCode(setup.sharedSecret, 1) })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });

    const before = (await fetchAuthSession()).tokens!;
    expect(before.accessToken.payload.username).toBe('alice');
    expect(before.accessToken.payload.iss).toBe(`${srv.url}/${pool}`);
    targets = [];
    const after = (await fetchAuthSession({ forceRefresh: true })).tokens!;
    expect(targets).toEqual(['GetTokensFromRefreshToken']);
    expect(after.accessToken.toString()).not.toBe(before.accessToken.toString());
    expect(after.accessToken.payload.username).toBe('alice');
    expect(after.idToken?.payload['cognito:username']).toBe('alice');
    expect(claimsOf(after.accessToken.toString()).origin_jti).toBe(before.accessToken.payload.origin_jti);

    // signOut (local) revokes the refresh token (the tokens carry origin_jti): the service refuses it.
    const refreshToken = await refreshTokenInStore(client);
    expect(await refreshWith(client, refreshToken)).toEqual({ status: 200, type: undefined });
    targets = [];
    await signOut();
    expect(targets).toEqual(['RevokeToken']);
    await expect(getCurrentUser()).rejects.toMatchObject({ name: 'UserUnAuthenticatedException' });
    expect(await refreshWith(client, refreshToken)).toEqual({ status: 400, type: 'NotAuthorizedException' });
  });

  it('refresh on expiry: once its clock is past the access token, fetchAuthSession() refreshes by itself with GetTokensFromRefreshToken', async () => {
    const { pool, client } = await clientPool(srv.port, { username: 'erin', mfa: 'OPTIONAL' });
    configure(pool, client);
    await signIn({ username: 'erin', password: PASSWORD });
    const before = (await fetchAuthSession()).tokens!;
    targets = [];
    // Amplify decides expiry with Date.now(): two hours on for Amplify only; serve keeps real time.
    const realNow = Date.now.bind(Date);
    const spy = vi.spyOn(Date, 'now').mockImplementation(() => realNow() + 2 * 3600_000);
    let after: typeof before;
    try {
      after = (await fetchAuthSession()).tokens!;
    } finally {
      spy.mockRestore();
    }
    expect(targets).toEqual(['GetTokensFromRefreshToken']);
    expect(after.accessToken.toString()).not.toBe(before.accessToken.toString());
    expect(after.accessToken.payload.username).toBe('erin');
    // Back in real time the new tokens are fresh: no further call.
    targets = [];
    expect((await fetchAuthSession()).tokens!.accessToken.toString()).toBe(after.accessToken.toString());
    expect(targets).toEqual([]);
  });

  it('refresh token rotation on the client: each forced refresh stores the new refresh token Amplify was given; the old one is refused', async () => {
    const { pool, client } = await clientPool(srv.port, {
      username: 'rita',
      mfa: 'OPTIONAL',
      rotation: true,
    });
    configure(pool, client);
    await signIn({ username: 'rita', password: PASSWORD });
    const first = await refreshTokenInStore(client);
    await fetchAuthSession({ forceRefresh: true });
    const second = await refreshTokenInStore(client);
    expect(second).not.toBe(first);
    await fetchAuthSession({ forceRefresh: true });
    const third = await refreshTokenInStore(client);
    expect(third).not.toBe(second);
    expect(targets.filter((t) => t === 'GetTokensFromRefreshToken')).toHaveLength(2);
    const reuse = await raw(srv.port, {
      target: target('GetTokensFromRefreshToken'),
      body: JSON.stringify({ ClientId: client, RefreshToken: first }),
    });
    expect([reuse.status, JSON.parse(reuse.body).__type]).toEqual([400, 'RefreshTokenReuseException']);
    expect((await fetchAuthSession()).tokens?.accessToken.payload.username).toBe('rita');
  });

  it('flow B: pool MFA ON, new user: NEW_PASSWORD_REQUIRED → CONTINUE_SIGN_IN_WITH_TOTP_SETUP → code → DONE; refresh; global signOut', async () => {
    const { pool, client } = await clientPool(srv.port, { username: 'bob', mfa: 'ON', temporary: true });
    configure(pool, client);

    expect(await signIn({ username: 'bob', password: TEMP_PASSWORD })).toMatchObject({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED' },
    });
    const setup = await confirmSignIn({ challengeResponse: PASSWORD });
    expect(setup.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
    const secret = (setup.nextStep as { totpSetupDetails: { sharedSecret: string } }).totpSetupDetails
      .sharedSecret;
    expect(await confirmSignIn({ challengeResponse: totpCode(secret) })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect(targets).toEqual([
      'InitiateAuth',
      'RespondToAuthChallenge', // PASSWORD_VERIFIER
      'RespondToAuthChallenge', // NEW_PASSWORD_REQUIRED
      'AssociateSoftwareToken',
      'VerifySoftwareToken',
      'RespondToAuthChallenge', // MFA_SETUP
    ]);
    expect(await mfaOf(srv.port, pool, 'bob')).toMatchObject({ UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] });
    const session = await fetchAuthSession({ forceRefresh: true });
    expect(session.tokens?.accessToken.payload.username).toBe('bob');
    await signOut();

    // The next sign-in asks for the code of the authenticator just set up.
    expect((await signIn({ username: 'bob', password: PASSWORD })).nextStep.signInStep).toBe(
      'CONFIRM_SIGN_IN_WITH_TOTP_CODE',
    );
    expect((await confirmSignIn({ challengeResponse: totpCode(secret, 1) })).isSignedIn).toBe(true);
    const access = (await fetchAuthSession()).tokens!.accessToken.toString();
    targets = [];
    await signOut({ global: true });
    expect(targets).toEqual(['GlobalSignOut']);
    const me = await raw(srv.port, {
      target: target('GetUser'),
      body: JSON.stringify({ AccessToken: access }),
    });
    expect([me.status, JSON.parse(me.body).__type]).toEqual([400, 'NotAuthorizedException']);
  });
});

/** The refresh token Amplify keeps for the signed-in user (read from its storage, as Amplify does). */
async function refreshTokenInStore(client: string): Promise<string> {
  const lastUser = await sharedInMemoryStorage.getItem(
    `CognitoIdentityServiceProvider.${client}.LastAuthUser`,
  );
  const token = await sharedInMemoryStorage.getItem(
    `CognitoIdentityServiceProvider.${client}.${lastUser}.refreshToken`,
  );
  if (!token) throw new Error('Amplify kept no refresh token');
  return token;
}
