// The rules of associate-software-token and verify-software-token (issue: foundation, point 5),
// each shown with an injected clock.
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signJwt } from '../../src/backend/local/tokens.ts';
import { harness, PASSWORD, seed } from '../helpers/local.ts';

function signedIn(opts: Parameters<typeof seed>[1] = {}) {
  const h = harness();
  const s = seed(h, opts);
  const tokens = s.signIn().AuthenticationResult;
  return { h, ...s, token: tokens.AccessToken as string, tokens };
}

describe('associate-software-token', () => {
  it('returns a fresh 52-character base32 secret per association, and no Session with an access token', () => {
    const { h, token } = signedIn();
    const a = h.call('AssociateSoftwareToken', { AccessToken: token });
    const b = h.call('AssociateSoftwareToken', { AccessToken: token });
    expect(a.SecretCode).toMatch(/^[A-Z2-7]{52}$/);
    expect(b.SecretCode).not.toBe(a.SecretCode);
    expect(a.Session).toBeUndefined();
  });

  it('refuses both an access token and a session, and neither', () => {
    const { h, token } = signedIn();
    const both = h.fail('AssociateSoftwareToken', { AccessToken: token, Session: 'x'.repeat(40) });
    expect(both.code).toBe('InvalidParameterException');
    expect(both.message).toMatch(/not both/);
    const neither = h.fail('AssociateSoftwareToken', {});
    expect(neither.code).toBe('InvalidParameterException');
    const verifyBoth = h.fail('VerifySoftwareToken', {
      AccessToken: token,
      Session: 'x'.repeat(40),
      UserCode: '123456',
    });
    expect(verifyBoth.code).toBe('InvalidParameterException');
  });

  it('says SoftwareTokenMFANotFoundException when the pool has not enabled TOTP', () => {
    const { h, token } = signedIn({ totp: false });
    const e = h.fail('AssociateSoftwareToken', { AccessToken: token });
    expect([e.code, e.message]).toEqual([
      'SoftwareTokenMFANotFoundException',
      'Software Token MFA has not been enabled by the userPool.',
    ]);
  });
});

describe('access tokens', () => {
  it('expire after the client access-token validity (60 minutes by default)', () => {
    const { h, token } = signedIn();
    h.advance(59 * 60);
    h.call('AssociateSoftwareToken', { AccessToken: token });
    h.advance(61);
    const e = h.fail('AssociateSoftwareToken', { AccessToken: token });
    expect([e.code, e.message]).toEqual(['NotAuthorizedException', 'Access Token has expired']);
  });

  it('refuse a tampered token and one signed by another pool', () => {
    const { h, token } = signedIn();
    const [head, body, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    claims.username = 'mallory';
    const tampered = `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
    expect(h.fail('AssociateSoftwareToken', { AccessToken: tampered }).message).toBe('Invalid Access Token');
    expect(h.fail('AssociateSoftwareToken', { AccessToken: 'not-a-jwt' }).message).toBe(
      'Invalid Access Token',
    );

    const other = h.call('CreateUserPool', { PoolName: 'other' }).UserPool.Id;
    const state = JSON.parse(readFileSync(h.stateFile, 'utf8'));
    const original = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = signJwt(state.pools[other], original); // right claims, wrong key
    expect(h.fail('AssociateSoftwareToken', { AccessToken: forged }).message).toBe('Invalid Access Token');
  });

  it('must carry the aws.cognito.signin.user.admin scope', () => {
    const { h, token, poolId } = signedIn();
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    const state = JSON.parse(readFileSync(h.stateFile, 'utf8'));
    const narrow = signJwt(state.pools[poolId], { ...claims, scope: 'openid' });
    const e = h.fail('AssociateSoftwareToken', { AccessToken: narrow });
    expect([e.code, e.message]).toEqual([
      'NotAuthorizedException',
      'Access Token does not have required scopes',
    ]);
  });

  it('explains how to forward a token issued by a real Cognito user pool', () => {
    const { h } = signedIn();
    const fake = [
      Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k' })).toString('base64url'),
      Buffer.from(
        JSON.stringify({
          iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123',
          token_use: 'access',
        }),
      ).toString('base64url'),
      'c2ln',
    ].join('.');
    const e = h.fail('AssociateSoftwareToken', { AccessToken: fake });
    expect(e.code).toBe('NotAuthorizedException');
    expect(e.message).toContain('eu-west-1_AbCdEf123');
    expect(e.message).toContain('--remote --region eu-west-1');
  });
});

describe('verify-software-token', () => {
  it('accepts the current code and codes one step early or late', () => {
    for (const shift of [-1, 0, 1]) {
      const { h, token } = signedIn();
      const { SecretCode } = h.call('AssociateSoftwareToken', { AccessToken: token });
      expect(
        h.call('VerifySoftwareToken', { AccessToken: token, UserCode: h.code(SecretCode, shift) }),
      ).toEqual({
        Status: 'SUCCESS',
      });
    }
  });

  it('refuses a code two steps away with EnableSoftwareTokenMFAException, and a retry may succeed', () => {
    const { h, token } = signedIn();
    const { SecretCode } = h.call('AssociateSoftwareToken', { AccessToken: token });
    const window = [-1, 0, 1].map((s) => h.code(SecretCode, s));
    const far = [h.code(SecretCode, -2), h.code(SecretCode, 2), '000000'].find((c) => !window.includes(c))!;
    const e = h.fail('VerifySoftwareToken', { AccessToken: token, UserCode: far });
    expect([e.code, e.message]).toEqual([
      'EnableSoftwareTokenMFAException',
      'Code mismatch and fail enable Software Token MFA',
    ]);
    expect(h.call('VerifySoftwareToken', { AccessToken: token, UserCode: h.code(SecretCode) }).Status).toBe(
      'SUCCESS',
    );
  });

  it('refuses a code that was already accepted with ExpiredCodeException', () => {
    const { h, token } = signedIn();
    const { SecretCode } = h.call('AssociateSoftwareToken', { AccessToken: token });
    const code = h.code(SecretCode);
    h.call('VerifySoftwareToken', { AccessToken: token, UserCode: code });
    const e = h.fail('VerifySoftwareToken', { AccessToken: token, UserCode: code });
    expect([e.code, e.message]).toEqual([
      'ExpiredCodeException',
      'Your software token has already been used once.',
    ]);
    h.advance(30);
    expect(h.call('VerifySoftwareToken', { AccessToken: token, UserCode: h.code(SecretCode) }).Status).toBe(
      'SUCCESS',
    );
  });

  it('locks out after five wrong codes in a row, 2^(n-5) seconds, reset by a success', () => {
    const { h, token } = signedIn();
    const { SecretCode } = h.call('AssociateSoftwareToken', { AccessToken: token });
    const window = [-1, 0, 1].map((s) => h.code(SecretCode, s));
    const wrong = ['000000', '111111', '222222'].find((c) => !window.includes(c))!;
    for (let i = 0; i < 5; i++) {
      expect(h.fail('VerifySoftwareToken', { AccessToken: token, UserCode: wrong }).code).toBe(
        'EnableSoftwareTokenMFAException',
      );
    }
    // Locked for 1 s: even the right code is refused.
    expect(h.fail('VerifySoftwareToken', { AccessToken: token, UserCode: h.code(SecretCode) }).code).toBe(
      'TooManyRequestsException',
    );
    h.advance(1);
    expect(h.fail('VerifySoftwareToken', { AccessToken: token, UserCode: wrong }).code).toBe(
      'EnableSoftwareTokenMFAException',
    );
    // Sixth failure: 2 s.
    h.advance(1);
    expect(h.fail('VerifySoftwareToken', { AccessToken: token, UserCode: wrong }).code).toBe(
      'TooManyRequestsException',
    );
    h.advance(1);
    // The clock moved 3 s; recompute in case the step changed.
    expect(h.call('VerifySoftwareToken', { AccessToken: token, UserCode: h.code(SecretCode) }).Status).toBe(
      'SUCCESS',
    );
    // A new association starts from zero failures.
    const again = h.call('AssociateSoftwareToken', { AccessToken: token });
    const w2 = ['000000', '111111', '222222'].find(
      (c) => ![-1, 0, 1].map((s) => h.code(again.SecretCode, s)).includes(c),
    )!;
    expect(h.fail('VerifySoftwareToken', { AccessToken: token, UserCode: w2 }).code).toBe(
      'EnableSoftwareTokenMFAException',
    );
  });

  it('caps the lockout at 15 minutes', async () => {
    const { lockoutSeconds } = await import('../../src/backend/local/context.ts');
    expect([4, 5, 6, 7, 14, 15, 30].map(lockoutSeconds)).toEqual([0, 1, 2, 4, 512, 900, 900]);
  });

  it('keeps the verified token working until a new association is verified', () => {
    const { h, token, clientId } = signedIn({ mfa: 'OPTIONAL' });
    const first = h.call('AssociateSoftwareToken', { AccessToken: token }).SecretCode;
    h.call('VerifySoftwareToken', { AccessToken: token, UserCode: h.code(first) });
    h.call('SetUserMFAPreference', {
      AccessToken: token,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    const second = h.call('AssociateSoftwareToken', { AccessToken: token }).SecretCode;
    h.advance(30);
    const signIn = () =>
      h.call('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: 'alice', PASSWORD },
      });
    const challenge = signIn();
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = h.call('RespondToAuthChallenge', {
      ClientId: clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: h.code(first) },
    });
    expect(done.AuthenticationResult.AccessToken).toBeTypeOf('string');
    // After verifying the new one, the old secret no longer signs in.
    h.advance(30);
    h.call('VerifySoftwareToken', { AccessToken: token, UserCode: h.code(second) });
    h.advance(30);
    const c2 = signIn();
    const oldCode = h.code(first);
    if (![-1, 0, 1].map((s) => h.code(second, s)).includes(oldCode)) {
      expect(
        h.fail('RespondToAuthChallenge', {
          ClientId: clientId,
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: c2.Session,
          ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: oldCode },
        }).code,
      ).toBe('CodeMismatchException');
    }
  });
});

describe('sessions of the MFA_SETUP chain', () => {
  function setupChallenge(authSessionValidity?: number) {
    const h = harness();
    const s = seed(h, { mfa: 'ON', ...(authSessionValidity ? { authSessionValidity } : {}) });
    const challenge = s.signIn();
    return { h, ...s, challenge };
  }

  it('gives a new single-use session at each step', () => {
    const { h, challenge } = setupChallenge();
    expect(challenge.ChallengeName).toBe('MFA_SETUP');
    expect(challenge.ChallengeParameters).toEqual({ MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' });
    const a = h.call('AssociateSoftwareToken', { Session: challenge.Session });
    expect(a.Session).toBeTypeOf('string');
    expect(a.Session).not.toBe(challenge.Session);
    const reused = h.fail('AssociateSoftwareToken', { Session: challenge.Session });
    expect([reused.code, reused.message]).toEqual([
      'NotAuthorizedException',
      'Invalid session for the user, session can only be used once.',
    ]);
    const v = h.call('VerifySoftwareToken', { Session: a.Session, UserCode: h.code(a.SecretCode) });
    expect(v.Status).toBe('SUCCESS');
    expect(v.Session).not.toBe(a.Session);
    expect(
      h.fail('VerifySoftwareToken', { Session: a.Session, UserCode: h.code(a.SecretCode, 1) }).message,
    ).toBe('Invalid session for the user, session can only be used once.');
  });

  it('a wrong code does not use the session up', () => {
    const { h, challenge } = setupChallenge();
    const a = h.call('AssociateSoftwareToken', { Session: challenge.Session });
    const window = [-1, 0, 1].map((s) => h.code(a.SecretCode, s));
    const wrong = ['000000', '111111'].find((c) => !window.includes(c))!;
    expect(h.fail('VerifySoftwareToken', { Session: a.Session, UserCode: wrong }).code).toBe(
      'EnableSoftwareTokenMFAException',
    );
    expect(h.call('VerifySoftwareToken', { Session: a.Session, UserCode: h.code(a.SecretCode) }).Status).toBe(
      'SUCCESS',
    );
  });

  it('expire after the client AuthSessionValidity: 3 minutes by default', () => {
    const { h, challenge } = setupChallenge();
    h.advance(3 * 60 + 1);
    const e = h.fail('AssociateSoftwareToken', { Session: challenge.Session });
    expect([e.code, e.message]).toEqual([
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
    ]);
  });

  it('last longer with a longer AuthSessionValidity', () => {
    const { h, challenge } = setupChallenge(15);
    h.advance(14 * 60);
    expect(h.call('AssociateSoftwareToken', { Session: challenge.Session }).Session).toBeTypeOf('string');
  });

  it('an unknown session is refused', () => {
    const { h } = setupChallenge();
    expect(h.fail('AssociateSoftwareToken', { Session: 'A'.repeat(64) }).message).toBe(
      'Invalid session for the user.',
    );
  });
});

describe('not found', () => {
  it('names unknown pools, clients and users as Cognito does', () => {
    const h = harness();
    const e = h.fail('GetUserPoolMfaConfig', { UserPoolId: 'us-east-1_nothere' });
    expect([e.code, e.message]).toEqual([
      'ResourceNotFoundException',
      'User pool us-east-1_nothere does not exist.',
    ]);
    const { poolId } = seed(h);
    expect(h.fail('AdminGetUser', { UserPoolId: poolId, Username: 'bob' }).code).toBe(
      'UserNotFoundException',
    );
    expect(
      h.fail('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'nope', AuthParameters: {} }).code,
    ).toBe('ResourceNotFoundException');
  });
});

describe('the state file', () => {
  it('is created 0600 in a 0700 folder', () => {
    const h = harness();
    seed(h);
    expect(statSync(h.stateFile).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(h.stateFile)).mode & 0o777).toBe(0o700);
  });
});
