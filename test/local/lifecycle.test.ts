// The whole sign-in story of the local emulator (issue: lifecycle), with an injected clock.
import { describe, expect, it } from 'vitest';
import { harness, PASSWORD, seed } from '../helpers/local.ts';

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

describe('flow 1: MFA ON, temporary password -> NEW_PASSWORD_REQUIRED -> MFA_SETUP -> SOFTWARE_TOKEN_MFA', () => {
  it('runs end to end', () => {
    const h = harness();
    const { clientId, poolId } = seed(h, { mfa: 'ON', permanent: false });
    const first = h.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'Temp0rary!' },
    });
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(first.ChallengeParameters.USER_ID_FOR_SRP).toBe('alice');
    const weak = h.fail('RespondToAuthChallenge', {
      ClientId: clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: first.Session,
      ChallengeResponses: { USERNAME: 'alice', NEW_PASSWORD: 'short' },
    });
    expect(weak.code).toBe('InvalidPasswordException');
    const setup = h.call('RespondToAuthChallenge', {
      ClientId: clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: first.Session,
      ChallengeResponses: { USERNAME: 'alice', NEW_PASSWORD: PASSWORD },
    });
    expect(setup.ChallengeName).toBe('MFA_SETUP');
    expect(setup.ChallengeParameters.MFAS_CAN_SETUP).toBe('["SOFTWARE_TOKEN_MFA"]');

    const assoc = h.call('AssociateSoftwareToken', { Session: setup.Session });
    // Answering MFA_SETUP before verifying is refused: the session is the wrong one.
    expect(
      h.fail('RespondToAuthChallenge', {
        ClientId: clientId,
        ChallengeName: 'MFA_SETUP',
        Session: assoc.Session,
        ChallengeResponses: { USERNAME: 'alice' },
      }).code,
    ).toBe('NotAuthorizedException');
    const verified = h.call('VerifySoftwareToken', {
      Session: assoc.Session,
      UserCode: h.code(assoc.SecretCode),
      FriendlyDeviceName: 'phone',
    });
    // Verifying alone is not enough for an admin view: MFA_SETUP completes it.
    expect(
      h.call('AdminGetUser', { UserPoolId: poolId, Username: 'alice' }).UserMFASettingList,
    ).toBeUndefined();
    const done = h.call('RespondToAuthChallenge', {
      ClientId: clientId,
      ChallengeName: 'MFA_SETUP',
      Session: verified.Session,
      ChallengeResponses: { USERNAME: 'alice' },
    });
    const tokens = done.AuthenticationResult;
    expect(tokens.TokenType).toBe('Bearer');
    expect(tokens.ExpiresIn).toBe(3600);
    const id = claimsOf(tokens.IdToken);
    expect(id).toMatchObject({
      token_use: 'id',
      aud: clientId,
      'cognito:username': 'alice',
      email: 'alice@example.com',
    });
    expect(claimsOf(tokens.AccessToken)).toMatchObject({
      token_use: 'access',
      client_id: clientId,
      username: 'alice',
      scope: 'aws.cognito.signin.user.admin',
    });
    const user = h.call('GetUser', { AccessToken: tokens.AccessToken });
    expect(user.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(user.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');

    // Next sign-in asks for a code; the code used by verify in this window is a replay.
    const next = h.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: 'alice', PASSWORD },
    });
    expect(next.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(next.ChallengeParameters).toEqual({ FRIENDLY_DEVICE_NAME: 'phone', USER_ID_FOR_SRP: 'alice' });
    const replay = h.fail('RespondToAuthChallenge', {
      ClientId: clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: next.Session,
      ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: h.code(assoc.SecretCode) },
    });
    expect([replay.code, replay.message]).toEqual([
      'ExpiredCodeException',
      'Your software token has already been used once.',
    ]);
    h.advance(30);
    const signedIn = h.call('RespondToAuthChallenge', {
      ClientId: clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: next.Session,
      ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: h.code(assoc.SecretCode) },
    });
    expect(signedIn.AuthenticationResult.AccessToken).toBeTypeOf('string');
  });
});

describe('flow 2: MFA OPTIONAL, signed-in user enables TOTP', () => {
  it('associate -> verify -> set-user-mfa-preference -> get-user -> SOFTWARE_TOKEN_MFA at sign-in', () => {
    const h = harness();
    const { clientId, signIn } = seed(h, { mfa: 'OPTIONAL' });
    const token = signIn().AuthenticationResult.AccessToken;
    const early = h.fail('SetUserMFAPreference', {
      AccessToken: token,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    expect([early.code, early.message]).toEqual([
      'InvalidParameterException',
      'User has not verified software token mfa',
    ]);
    const { SecretCode } = h.call('AssociateSoftwareToken', { AccessToken: token });
    h.call('VerifySoftwareToken', { AccessToken: token, UserCode: h.code(SecretCode) });
    // Verified but not enabled: sign-in still gives tokens directly.
    expect(h.call('GetUser', { AccessToken: token }).UserMFASettingList).toBeUndefined();
    expect(signIn().AuthenticationResult).toBeDefined();
    h.call('SetUserMFAPreference', {
      AccessToken: token,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    const user = h.call('GetUser', { AccessToken: token });
    expect(user.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(user.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
    const challenge = signIn();
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    h.advance(30);
    const window = [-1, 0, 1].map((s) => h.code(SecretCode, s));
    const wrong = ['000000', '111111'].find((c) => !window.includes(c))!;
    const bad = h.fail('RespondToAuthChallenge', {
      ClientId: clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: wrong },
    });
    expect([bad.code, bad.message]).toEqual(['CodeMismatchException', 'Invalid code received for user']);
    const ok = h.call('RespondToAuthChallenge', {
      ClientId: clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: h.code(SecretCode) },
    });
    expect(ok.AuthenticationResult.IdToken).toBeTypeOf('string');
  });

  it('locks sign-in after five wrong MFA codes: Password attempts exceeded', () => {
    const h = harness();
    const { clientId, signIn } = seed(h, { mfa: 'OPTIONAL' });
    const token = signIn().AuthenticationResult.AccessToken;
    const { SecretCode } = h.call('AssociateSoftwareToken', { AccessToken: token });
    h.call('VerifySoftwareToken', { AccessToken: token, UserCode: h.code(SecretCode) });
    h.call('SetUserMFAPreference', { AccessToken: token, SoftwareTokenMfaSettings: { Enabled: true } });
    const challenge = signIn();
    const window = [-1, 0, 1].map((s) => h.code(SecretCode, s));
    const wrong = ['000000', '111111'].find((c) => !window.includes(c))!;
    const answer = (code: string) => ({
      ClientId: clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: code },
    });
    for (let i = 0; i < 5; i++)
      expect(h.fail('RespondToAuthChallenge', answer(wrong)).code).toBe('CodeMismatchException');
    const locked = h.fail('RespondToAuthChallenge', answer(h.code(SecretCode, 1)));
    expect([locked.code, locked.message]).toEqual(['NotAuthorizedException', 'Password attempts exceeded']);
  });
});

describe('passwords, refresh, sign-out, revocation', () => {
  it('refuses a wrong password and locks after five', () => {
    const h = harness();
    const { clientId } = seed(h);
    const attempt = (p: string) => ({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: 'alice', PASSWORD: p },
    });
    const e = h.fail('InitiateAuth', attempt('nope'));
    expect([e.code, e.message]).toEqual(['NotAuthorizedException', 'Incorrect username or password.']);
    for (let i = 0; i < 4; i++) h.fail('InitiateAuth', attempt('nope'));
    expect(h.fail('InitiateAuth', attempt(PASSWORD)).message).toBe('Password attempts exceeded');
    h.advance(1);
    expect(h.call('InitiateAuth', attempt(PASSWORD)).AuthenticationResult).toBeDefined();
  });

  it('refreshes tokens, and global-sign-out and revoke-token stop them', () => {
    const h = harness();
    const { clientId, signIn } = seed(h);
    const first = signIn().AuthenticationResult;
    const refreshed = h.call('InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: clientId,
      AuthParameters: { REFRESH_TOKEN: first.RefreshToken },
    }).AuthenticationResult;
    expect(refreshed.RefreshToken).toBeUndefined();
    h.call('GetUser', { AccessToken: refreshed.AccessToken });
    h.call('RevokeToken', { Token: first.RefreshToken, ClientId: clientId });
    expect(h.fail('GetUser', { AccessToken: refreshed.AccessToken }).message).toBe(
      'Access Token has been revoked',
    );
    expect(
      h.fail('InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: clientId,
        AuthParameters: { REFRESH_TOKEN: first.RefreshToken },
      }).message,
    ).toBe('Refresh Token has been revoked');

    const second = signIn().AuthenticationResult;
    h.call('GlobalSignOut', { AccessToken: second.AccessToken });
    expect(h.fail('GetUser', { AccessToken: second.AccessToken }).message).toBe(
      'Access Token has been revoked',
    );
    // Signing in again right away works.
    h.call('GetUser', { AccessToken: signIn().AuthenticationResult.AccessToken });
  });

  it('admin-initiate-auth and admin-respond-to-auth-challenge run the same chain', () => {
    const h = harness();
    const { clientId, poolId } = seed(h, { mfa: 'ON' });
    const c = h.call('AdminInitiateAuth', {
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'alice', PASSWORD },
    });
    expect(c.ChallengeName).toBe('MFA_SETUP');
    const a = h.call('AssociateSoftwareToken', { Session: c.Session });
    const v = h.call('VerifySoftwareToken', { Session: a.Session, UserCode: h.code(a.SecretCode) });
    const done = h.call('AdminRespondToAuthChallenge', {
      UserPoolId: poolId,
      ClientId: clientId,
      ChallengeName: 'MFA_SETUP',
      Session: v.Session,
      ChallengeResponses: { USERNAME: 'alice' },
    });
    expect(done.AuthenticationResult.AccessToken).toBeTypeOf('string');
  });

  it('lists, describes and deletes', () => {
    const h = harness();
    const { poolId, clientId } = seed(h);
    expect(h.call('ListUserPools', { MaxResults: 10 }).UserPools.map((p: { Id: string }) => p.Id)).toEqual([
      poolId,
    ]);
    expect(h.call('ListUsers', { UserPoolId: poolId }).Users[0].Username).toBe('alice');
    expect(
      h.call('DescribeUserPoolClient', { UserPoolId: poolId, ClientId: clientId }).UserPoolClient
        .AuthSessionValidity,
    ).toBe(3);
    expect(h.call('DescribeUserPool', { UserPoolId: poolId }).UserPool.EstimatedNumberOfUsers).toBe(1);
    h.call('AdminDeleteUser', { UserPoolId: poolId, Username: 'alice' });
    expect(h.call('ListUsers', { UserPoolId: poolId }).Users).toEqual([]);
    h.call('DeleteUserPool', { UserPoolId: poolId });
    expect(h.call('ListUserPools', { MaxResults: 10 }).UserPools).toEqual([]);
  });
});
