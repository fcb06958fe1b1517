// App client upkeep on the local emulator (issue 16): list-user-pool-clients,
// update-user-pool-client (what is left out goes back to its default, as in Cognito),
// delete-user-pool-client, and PreventUserExistenceErrors at sign-in and password reset.
import { describe, expect, it } from 'vitest';
import { harness, PASSWORD, seed } from '../helpers/local.ts';

describe('list-user-pool-clients', () => {
  it('lists id, pool and name, with paging', () => {
    const h = harness();
    const { poolId, clientId } = seed(h, { totp: false });
    const other = h.call('CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'other' }).UserPoolClient
      .ClientId;
    const all = h.call('ListUserPoolClients', { UserPoolId: poolId }).UserPoolClients;
    expect(all).toEqual([
      { ClientId: clientId, UserPoolId: poolId, ClientName: 'app' },
      { ClientId: other, UserPoolId: poolId, ClientName: 'other' },
    ]);
    const first = h.call('ListUserPoolClients', { UserPoolId: poolId, MaxResults: 1 });
    expect(first.UserPoolClients.length).toBe(1);
    const second = h.call('ListUserPoolClients', {
      UserPoolId: poolId,
      MaxResults: 1,
      NextToken: first.NextToken,
    });
    expect(second.UserPoolClients[0].ClientId).toBe(other);
    expect(h.fail('ListUserPoolClients', { UserPoolId: 'us-east-1_missing' }).code).toBe(
      'ResourceNotFoundException',
    );
  });
});

describe('update-user-pool-client', () => {
  it('replaces every setting: given ones take effect, left-out ones go back to the default; secret kept', () => {
    const h = harness();
    const { poolId } = seed(h, { totp: false });
    const c = h.call('CreateUserPoolClient', {
      UserPoolId: poolId,
      ClientName: 'secretive',
      GenerateSecret: true,
      AuthSessionValidity: 10,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
    }).UserPoolClient;
    h.advance(10);
    const u = h.call('UpdateUserPoolClient', {
      UserPoolId: poolId,
      ClientId: c.ClientId,
      AccessTokenValidity: 5,
      TokenValidityUnits: { AccessToken: 'minutes' },
      PreventUserExistenceErrors: 'ENABLED',
    }).UserPoolClient;
    expect(u).toMatchObject({
      ClientName: 'secretive',
      ClientSecret: c.ClientSecret,
      AccessTokenValidity: 5,
      AuthSessionValidity: 3,
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      CreationDate: c.CreationDate,
    });
    expect(u.LastModifiedDate - c.CreationDate).toBe(10);
    expect(
      h.call('DescribeUserPoolClient', { UserPoolId: poolId, ClientId: c.ClientId }).UserPoolClient,
    ).toEqual(u);
    expect(h.fail('UpdateUserPoolClient', { UserPoolId: poolId, ClientId: 'nosuchclient' }).code).toBe(
      'ResourceNotFoundException',
    );
  });

  it('the new token validity applies to the next sign-in', () => {
    const h = harness();
    const { poolId, clientId, signIn } = seed(h, { totp: false });
    h.call('UpdateUserPoolClient', {
      UserPoolId: poolId,
      ClientId: clientId,
      ClientName: 'app',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AccessTokenValidity: 5,
      TokenValidityUnits: { AccessToken: 'minutes' },
    });
    expect(signIn().AuthenticationResult.ExpiresIn).toBe(300);
  });
});

describe('delete-user-pool-client', () => {
  it('deletes it: sign-in and refresh through it are refused, its open sessions end', () => {
    const h = harness();
    const { poolId, clientId, signIn } = seed(h, { mfa: 'ON' });
    const refresh = seed(h, { totp: false });
    const tokens = refresh.signIn().AuthenticationResult;
    const challenge = signIn();
    expect(challenge.ChallengeName).toBe('MFA_SETUP');
    expect(h.call('DeleteUserPoolClient', { UserPoolId: poolId, ClientId: clientId })).toEqual({});
    expect(
      Object.values((h.backend.file.read() as any).sessions).some((s: any) => s.client === clientId),
    ).toBe(false);
    expect(
      h.fail('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: {} }).code,
    ).toBe('ResourceNotFoundException');
    h.call('DeleteUserPoolClient', { UserPoolId: refresh.poolId, ClientId: refresh.clientId });
    expect(
      h.fail('InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: refresh.clientId,
        AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
      }).code,
    ).toBe('ResourceNotFoundException');
    expect(h.fail('DeleteUserPoolClient', { UserPoolId: poolId, ClientId: clientId }).code).toBe(
      'ResourceNotFoundException',
    );
  });
});

describe('PreventUserExistenceErrors', () => {
  function withSetting(setting: 'LEGACY' | 'ENABLED') {
    const h = harness();
    const { poolId, clientId } = seed(h, { totp: false });
    h.call('UpdateUserPoolClient', {
      UserPoolId: poolId,
      ClientId: clientId,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
      PreventUserExistenceErrors: setting,
    });
    const signIn = (USERNAME: string) =>
      h.fail('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME, PASSWORD: `${PASSWORD}x` },
      });
    return { h, poolId, clientId, signIn };
  }

  it('ENABLED: an unknown user signs in like a wrong password; forgot-password answers a made-up delivery', () => {
    const { h, poolId, clientId, signIn } = withSetting('ENABLED');
    const unknown = signIn('nobody');
    const wrong = signIn('alice');
    expect([unknown.code, unknown.message]).toEqual([wrong.code, wrong.message]);
    expect(unknown.message).toBe('Incorrect username or password.');
    const r = h.call('ForgotPassword', { ClientId: clientId, Username: 'nobody' });
    expect(r.CodeDeliveryDetails).toEqual({
      Destination: 'n***@e***',
      DeliveryMedium: 'EMAIL',
      AttributeName: 'email',
    });
    expect(h.backend.messages({ poolId })).toEqual([]);
    const confirm = h.fail('ConfirmForgotPassword', {
      ClientId: clientId,
      Username: 'nobody',
      ConfirmationCode: '123456',
      Password: PASSWORD,
    });
    expect(confirm.code).toBe('CodeMismatchException');
  });

  it('LEGACY: UserNotFoundException at sign-in and password reset', () => {
    const { h, clientId, signIn } = withSetting('LEGACY');
    expect(signIn('nobody').code).toBe('UserNotFoundException');
    expect(h.fail('ForgotPassword', { ClientId: clientId, Username: 'nobody' }).code).toBe(
      'UserNotFoundException',
    );
  });
});
