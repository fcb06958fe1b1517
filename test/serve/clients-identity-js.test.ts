// amazon-cognito-identity-js against `cognito-totp serve` on loopback, as an app uses it: the pool
// config's `endpoint` pointing at serve, and its DEFAULT sign-in (authenticateUser = USER_SRP_AUTH
// answered with PASSWORD_VERIFIER, computed by the library itself). Both TOTP flows end to end:
// A, signed-in enrollment then a SOFTWARE_TOKEN_MFA sign-in and a refresh; B, pool MFA ON, where
// the first sign-in asks for MFA_SETUP and verifying the code completes it. Issue 15.
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsOf, clientPool, mfaOf, PASSWORD, TEMP_PASSWORD, totpCode } from './clients.ts';
import { raw, type Served, serve, target } from './harness.ts';

let srv: Served;

beforeAll(async () => {
  srv = await serve();
});

afterAll(async () => {
  expect(await srv.stop()).toBe(0);
});

type Outcome =
  | { kind: 'success'; session: CognitoUserSession }
  | { kind: 'failure'; error: { code?: string; name?: string; message: string } }
  | { kind: 'totpRequired' | 'mfaSetup' | 'newPasswordRequired'; challenge: string };

/** One authenticateUser (or a challenge answer) as a promise of the callback the library called. */
function callbacks(resolve: (o: Outcome) => void) {
  return {
    onSuccess: (session: CognitoUserSession) => resolve({ kind: 'success', session }),
    onFailure: (error: any) => resolve({ kind: 'failure', error }),
    totpRequired: (challenge: string) => resolve({ kind: 'totpRequired', challenge }),
    mfaSetup: (challenge: string) => resolve({ kind: 'mfaSetup', challenge }),
    newPasswordRequired: () => resolve({ kind: 'newPasswordRequired', challenge: 'NEW_PASSWORD_REQUIRED' }),
    mfaRequired: () => resolve({ kind: 'failure', error: { message: 'SMS_MFA asked: not expected here' } }),
  };
}

function signIn(user: CognitoUser, password: string): Promise<Outcome> {
  return new Promise((resolve) =>
    user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), {
      ...callbacks(resolve),
    }),
  );
}

function associate(user: CognitoUser): Promise<string> {
  return new Promise((resolve, reject) =>
    user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }),
  );
}

function verify(user: CognitoUser, code: string): Promise<any> {
  return new Promise((resolve, reject) =>
    user.verifySoftwareToken(code, 'identity-js', { onSuccess: resolve, onFailure: reject }),
  );
}

function sendTotp(user: CognitoUser, code: string): Promise<Outcome> {
  return new Promise((resolve) => user.sendMFACode(code, callbacks(resolve), 'SOFTWARE_TOKEN_MFA'));
}

function refresh(user: CognitoUser, session: CognitoUserSession): Promise<CognitoUserSession> {
  return new Promise((resolve, reject) =>
    user.refreshSession(session.getRefreshToken(), (err: unknown, s: CognitoUserSession) =>
      err ? reject(err) : resolve(s),
    ),
  );
}

function expectSession(o: Outcome): CognitoUserSession {
  if (o.kind !== 'success') throw new Error(`expected a signed-in session, got ${JSON.stringify(o)}`);
  return o.session;
}

describe('amazon-cognito-identity-js, default SRP sign-in (authenticateUser), through serve', () => {
  it('a wrong password is refused by the PASSWORD_VERIFIER check: NotAuthorizedException', async () => {
    const { pool, client } = await clientPool(srv.port, { username: 'wendy', mfa: 'OPTIONAL' });
    const userPool = new CognitoUserPool({ UserPoolId: pool, ClientId: client, endpoint: srv.url });
    const wrong = await signIn(new CognitoUser({ Username: 'wendy', Pool: userPool }), 'Not-the-passw0rd');
    expect(wrong).toMatchObject({
      kind: 'failure',
      error: { code: 'NotAuthorizedException', message: 'Incorrect username or password.' },
    });
    // The right one still works: the refusal came from the proof, not from a broken flow.
    const ok = expectSession(await signIn(new CognitoUser({ Username: 'wendy', Pool: userPool }), PASSWORD));
    expect(ok.getAccessToken().decodePayload().username).toBe('wendy');
  });

  it('flow A: signed in → associateSoftwareToken → verifySoftwareToken → setUserMfaPreference → SOFTWARE_TOKEN_MFA sign-in → refreshSession', async () => {
    const { pool, client } = await clientPool(srv.port, { username: 'alice', mfa: 'OPTIONAL' });
    const userPool = new CognitoUserPool({ UserPoolId: pool, ClientId: client, endpoint: srv.url });

    const user = new CognitoUser({ Username: 'alice', Pool: userPool });
    const first = expectSession(await signIn(user, PASSWORD));
    expect(first.getAccessToken().decodePayload().username).toBe('alice');

    const secret = await associate(user);
    expect(secret).toMatch(/^[A-Z2-7]{32,}$/);
    expect(await verify(user, totpCode(secret))).toMatchObject({ Status: 'SUCCESS' });
    // The README's own call: null for the SMS settings (the service reads JSON null as absent).
    await new Promise((resolve, reject) =>
      user.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, (err, res) =>
        err ? reject(err) : resolve(res),
      ),
    );
    expect(await mfaOf(srv.port, pool, 'alice')).toEqual({
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
    });

    // A new sign-in now stops at SOFTWARE_TOKEN_MFA (the library calls totpRequired).
    const again = new CognitoUser({ Username: 'alice', Pool: userPool });
    const asked = await signIn(again, PASSWORD);
    expect(asked).toEqual({ kind: 'totpRequired', challenge: 'SOFTWARE_TOKEN_MFA' });
    // A wrong code is refused, and the sign-in cannot go on without a right one.
    const wrongCode = (Number(totpCode(secret, 1)) + 1).toString().padStart(6, '0').slice(-6);
    expect(await sendTotp(again, wrongCode)).toMatchObject({
      kind: 'failure',
      error: { code: 'CodeMismatchException' },
    });
    const retry = new CognitoUser({ Username: 'alice', Pool: userPool });
    expect((await signIn(retry, PASSWORD)).kind).toBe('totpRequired');
    // The step used by verifySoftwareToken is spent: the next step's code, as an authenticator shows it.
    const signedIn = expectSession(await sendTotp(retry, totpCode(secret, 1)));
    const access = signedIn.getAccessToken().decodePayload();
    expect(access.username).toBe('alice');
    expect(access.iss).toBe(`${srv.url}/${pool}`);

    const refreshed = await refresh(retry, signedIn);
    expect(refreshed.getIdToken().decodePayload()['cognito:username']).toBe('alice');
    expect(refreshed.getAccessToken().getJwtToken()).not.toBe(signedIn.getAccessToken().getJwtToken());
    expect(claimsOf(refreshed.getAccessToken().getJwtToken()).token_use).toBe('access');
  });

  it('flow B: pool MFA ON, a new user: newPasswordRequired → mfaSetup → associateSoftwareToken → verifySoftwareToken signs in; the next sign-in asks for the code; refreshSession; globalSignOut', async () => {
    const { pool, client } = await clientPool(srv.port, { username: 'bob', mfa: 'ON', temporary: true });
    const userPool = new CognitoUserPool({ UserPoolId: pool, ClientId: client, endpoint: srv.url });

    const user = new CognitoUser({ Username: 'bob', Pool: userPool });
    expect((await signIn(user, TEMP_PASSWORD)).kind).toBe('newPasswordRequired');
    const setup = await new Promise<Outcome>((resolve) =>
      user.completeNewPasswordChallenge(PASSWORD, {}, callbacks(resolve)),
    );
    expect(setup).toEqual({ kind: 'mfaSetup', challenge: 'MFA_SETUP' });
    // Not signed in yet: the library associates and verifies with the challenge's Session, and
    // verifySoftwareToken answers MFA_SETUP itself, which completes the sign-in.
    const secret = await associate(user);
    const session = (await verify(user, totpCode(secret))) as CognitoUserSession;
    expect(session.isValid()).toBe(true);
    expect(session.getAccessToken().decodePayload().username).toBe('bob');
    expect(await mfaOf(srv.port, pool, 'bob')).toMatchObject({ UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] });

    const again = new CognitoUser({ Username: 'bob', Pool: userPool });
    expect(await signIn(again, PASSWORD)).toEqual({ kind: 'totpRequired', challenge: 'SOFTWARE_TOKEN_MFA' });
    const signedIn = expectSession(await sendTotp(again, totpCode(secret, 1)));
    const refreshed = await refresh(again, signedIn);
    expect(refreshed.getAccessToken().decodePayload().username).toBe('bob');

    // globalSignOut: the tokens stop working at the service, refresh included.
    await new Promise((resolve, reject) => again.globalSignOut({ onSuccess: resolve, onFailure: reject }));
    // (Asked over raw HTTP: the library's refreshSession retries a refusal with backoff for seconds.)
    const reuse = await raw(srv.port, {
      target: target('InitiateAuth'),
      body: JSON.stringify({
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: client,
        AuthParameters: { REFRESH_TOKEN: refreshed.getRefreshToken().getToken() },
      }),
    });
    expect([reuse.status, JSON.parse(reuse.body).__type]).toEqual([400, 'NotAuthorizedException']);
  });

  it('flow B on an existing user: the first SRP sign-in goes straight to mfaSetup', async () => {
    const { pool, client } = await clientPool(srv.port, { username: 'carl', mfa: 'ON' });
    const userPool = new CognitoUserPool({ UserPoolId: pool, ClientId: client, endpoint: srv.url });
    const user = new CognitoUser({ Username: 'carl', Pool: userPool });
    expect(await signIn(user, PASSWORD)).toEqual({ kind: 'mfaSetup', challenge: 'MFA_SETUP' });
    const secret = await associate(user);
    const session = (await verify(user, totpCode(secret))) as CognitoUserSession;
    expect(session.getIdToken().decodePayload()['cognito:username']).toBe('carl');
  });
});
