// User states on the local emulator (issue 16): admin-disable-user, admin-enable-user,
// admin-user-global-sign-out, delete-user, get-user-auth-factors, and what each does to sign-in
// and to tokens already issued.
import { describe, expect, it } from 'vitest';
import { harness, seed } from '../helpers/local.ts';

function setup() {
  const h = harness();
  const s = seed(h, { mfa: 'OPTIONAL' });
  const key = { UserPoolId: s.poolId, Username: 'alice' };
  return { h, ...s, key };
}

describe('admin-disable-user / admin-enable-user', () => {
  it('a disabled user cannot sign in ("User is disabled."), their tokens stop working, and list-users still shows them', () => {
    const { h, poolId, clientId, key, signIn } = setup();
    const tokens = signIn().AuthenticationResult;
    h.advance(1);
    expect(h.call('AdminDisableUser', key)).toEqual({});
    const refused = h.fail('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rd!' },
    });
    expect([refused.code, refused.message]).toEqual(['NotAuthorizedException', 'User is disabled.']);
    expect(h.fail('GetUser', { AccessToken: tokens.AccessToken }).code).toBe('NotAuthorizedException');
    const refresh = h.fail('InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: clientId,
      AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
    });
    expect(refresh.code).toBe('NotAuthorizedException');
    const listed = h.call('ListUsers', { UserPoolId: poolId }).Users;
    expect(listed.map((u: any) => [u.Username, u.Enabled])).toEqual([['alice', false]]);
    expect(h.call('AdminGetUser', key).Enabled).toBe(false);

    h.advance(1);
    expect(h.call('AdminEnableUser', key)).toEqual({});
    expect(h.call('AdminGetUser', key).Enabled).toBe(true);
    const again = signIn().AuthenticationResult;
    expect(h.call('GetUser', { AccessToken: again.AccessToken }).Username).toBe('alice');
    // Tokens revoked by the deactivation stay revoked.
    expect(h.fail('GetUser', { AccessToken: tokens.AccessToken }).message).toBe(
      'Access Token has been revoked',
    );
  });

  it('errors: UserNotFoundException, ResourceNotFoundException', () => {
    const { h, poolId } = setup();
    for (const op of ['AdminDisableUser', 'AdminEnableUser', 'AdminUserGlobalSignOut'] as const) {
      const e = h.fail(op, { UserPoolId: poolId, Username: 'nobody' });
      expect([op, e.code, e.message]).toEqual([op, 'UserNotFoundException', 'User does not exist.']);
      expect(h.fail(op, { UserPoolId: 'us-east-1_missing', Username: 'alice' }).code).toBe(
        'ResourceNotFoundException',
      );
    }
  });
});

describe('admin-user-global-sign-out', () => {
  it('revokes every token issued so far; the user signs in again and the new tokens work', () => {
    const { h, clientId, key, signIn } = setup();
    const tokens = signIn().AuthenticationResult;
    expect(h.call('AdminUserGlobalSignOut', key)).toEqual({});
    expect(h.fail('GetUser', { AccessToken: tokens.AccessToken }).message).toBe(
      'Access Token has been revoked',
    );
    const refresh = h.fail('InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: clientId,
      AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
    });
    expect([refresh.code, refresh.message]).toEqual([
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    ]);
    // Same second as the sign-out: the new tokens still count as issued after it.
    const again = signIn().AuthenticationResult;
    expect(h.call('GetUser', { AccessToken: again.AccessToken }).Username).toBe('alice');
  });
});

describe('delete-user', () => {
  it('deletes the signed-in user: gone for admins, their token refused, the name free again', () => {
    const { h, poolId, key, signIn } = setup();
    const tokens = signIn().AuthenticationResult;
    expect(h.call('DeleteUser', { AccessToken: tokens.AccessToken })).toEqual({});
    expect(h.fail('AdminGetUser', key).code).toBe('UserNotFoundException');
    expect(h.fail('GetUser', { AccessToken: tokens.AccessToken }).code).toBe('UserNotFoundException');
    expect(h.fail('DeleteUser', { AccessToken: tokens.AccessToken }).code).toBe('UserNotFoundException');
    h.call('AdminCreateUser', { UserPoolId: poolId, Username: 'alice', TemporaryPassword: 'Temp0rary!' });
    expect(h.call('AdminGetUser', key).UserStatus).toBe('FORCE_CHANGE_PASSWORD');
  });

  it('errors: a token that is not one is NotAuthorizedException', () => {
    const { h } = setup();
    const e = h.fail('DeleteUser', { AccessToken: 'not.a.token' });
    expect([e.code, e.message]).toEqual(['NotAuthorizedException', 'Invalid Access Token']);
  });
});

describe('get-user-auth-factors', () => {
  it('lists PASSWORD, and SOFTWARE_TOKEN_MFA once TOTP is enabled and preferred', () => {
    const { h, signIn } = setup();
    const access = signIn().AuthenticationResult.AccessToken;
    expect(h.call('GetUserAuthFactors', { AccessToken: access })).toEqual({
      Username: 'alice',
      ConfiguredUserAuthFactors: ['PASSWORD'],
    });
    const { SecretCode } = h.call('AssociateSoftwareToken', { AccessToken: access });
    h.call('VerifySoftwareToken', { AccessToken: access, UserCode: h.code(SecretCode) });
    h.call('SetUserMFAPreference', {
      AccessToken: access,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    expect(h.call('GetUserAuthFactors', { AccessToken: access })).toEqual({
      Username: 'alice',
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
      ConfiguredUserAuthFactors: ['PASSWORD'],
    });
  });

  it('errors: a revoked token is NotAuthorizedException', () => {
    const { h, key, signIn } = setup();
    const access = signIn().AuthenticationResult.AccessToken;
    h.call('AdminUserGlobalSignOut', key);
    expect(h.fail('GetUserAuthFactors', { AccessToken: access }).code).toBe('NotAuthorizedException');
  });
});
