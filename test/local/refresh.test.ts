// GetTokensFromRefreshToken and REFRESH_TOKEN_AUTH (issue 15, issue 17 item 6): rotation when the
// client enables it, and the client secret checked on refresh, with an injected clock.
import { describe, expect, it } from 'vitest';
import { secretHash } from '../../src/backend/local/context.ts';
import { type Harness, harness, PASSWORD, seed } from '../helpers/local.ts';

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

function clientOf(h: Harness, poolId: string, extra: Record<string, unknown> = {}) {
  return h.call('CreateUserPoolClient', {
    UserPoolId: poolId,
    ClientName: 'web',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    ...extra,
  }).UserPoolClient as { ClientId: string; ClientSecret?: string; RefreshTokenRotation?: unknown };
}

function signIn(h: Harness, clientId: string, secret?: string) {
  return h.call('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: clientId,
    AuthParameters: {
      USERNAME: 'alice',
      PASSWORD,
      ...(secret ? { SECRET_HASH: secretHash(secret, 'alice', clientId) } : {}),
    },
  }).AuthenticationResult;
}

describe('GetTokensFromRefreshToken', () => {
  it('without rotation: new ID and access tokens, no refresh token, the old one keeps working', () => {
    const h = harness();
    const { poolId } = seed(h, { mfa: 'OFF', totp: false });
    const c = clientOf(h, poolId);
    expect(c.RefreshTokenRotation).toEqual({ Feature: 'DISABLED' });
    const tokens = signIn(h, c.ClientId);
    h.advance(60);
    const got = h.call('GetTokensFromRefreshToken', {
      ClientId: c.ClientId,
      RefreshToken: tokens.RefreshToken,
    });
    expect(got.AuthenticationResult.RefreshToken).toBeUndefined();
    expect(claimsOf(got.AuthenticationResult.AccessToken)).toMatchObject({
      username: 'alice',
      client_id: c.ClientId,
    });
    expect(claimsOf(got.AuthenticationResult.IdToken).iat).toBe(claimsOf(tokens.IdToken).iat + 60);
    expect(h.call('GetUser', { AccessToken: got.AuthenticationResult.AccessToken }).Username).toBe('alice');
    h.call('GetTokensFromRefreshToken', { ClientId: c.ClientId, RefreshToken: tokens.RefreshToken });
    const viaAuth = h.call('InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: c.ClientId,
      AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
    });
    expect(viaAuth.AuthenticationResult.AccessToken).toBeTruthy();
    // Revoked: refused.
    h.call('RevokeToken', { ClientId: c.ClientId, Token: tokens.RefreshToken });
    const revoked = h.fail('GetTokensFromRefreshToken', {
      ClientId: c.ClientId,
      RefreshToken: tokens.RefreshToken,
    });
    expect([revoked.code, revoked.message]).toEqual([
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    ]);
  });

  it('with rotation: a new refresh token each time; the old one is refused after the grace period', () => {
    const h = harness();
    const { poolId } = seed(h, { mfa: 'OFF', totp: false });
    const c = clientOf(h, poolId, {
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
    });
    expect(c.RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 10 });
    const first = signIn(h, c.ClientId).RefreshToken;
    const r1 = h.call('GetTokensFromRefreshToken', {
      ClientId: c.ClientId,
      RefreshToken: first,
    }).AuthenticationResult;
    expect(r1.RefreshToken).toBeTruthy();
    expect(r1.RefreshToken).not.toBe(first);
    // Within the grace period the old one still works (a client's retry)...
    h.advance(5);
    const retry = h.call('GetTokensFromRefreshToken', {
      ClientId: c.ClientId,
      RefreshToken: first,
    }).AuthenticationResult;
    // ...and after it, it is refused as reused.
    h.advance(11);
    const reused = h.fail('GetTokensFromRefreshToken', { ClientId: c.ClientId, RefreshToken: first });
    expect(reused.code).toBe('RefreshTokenReuseException');
    // The newest one works; the one the retry replaced is past its grace too.
    const r3 = h.call('GetTokensFromRefreshToken', {
      ClientId: c.ClientId,
      RefreshToken: retry.RefreshToken,
    });
    expect(r3.AuthenticationResult.RefreshToken).toBeTruthy();
    expect(
      h.fail('GetTokensFromRefreshToken', { ClientId: c.ClientId, RefreshToken: r1.RefreshToken }).code,
    ).toBe('RefreshTokenReuseException');
    // REFRESH_TOKEN_AUTH cannot rotate: refused on such a client.
    const viaAuth = h.fail('InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: c.ClientId,
      AuthParameters: { REFRESH_TOKEN: r3.AuthenticationResult.RefreshToken },
    });
    expect(viaAuth.code).toBe('InvalidParameterException');
    expect(viaAuth.message).toMatch(/GetTokensFromRefreshToken/);
  });

  it('with rotation and no grace period: the old token stops at once', () => {
    const h = harness();
    const { poolId } = seed(h, { mfa: 'OFF', totp: false });
    const c = clientOf(h, poolId, { RefreshTokenRotation: { Feature: 'ENABLED' } });
    const first = signIn(h, c.ClientId).RefreshToken;
    const next = h.call('GetTokensFromRefreshToken', {
      ClientId: c.ClientId,
      RefreshToken: first,
    }).AuthenticationResult;
    expect(h.fail('GetTokensFromRefreshToken', { ClientId: c.ClientId, RefreshToken: first }).code).toBe(
      'RefreshTokenReuseException',
    );
    expect(
      h.call('GetTokensFromRefreshToken', { ClientId: c.ClientId, RefreshToken: next.RefreshToken })
        .AuthenticationResult.AccessToken,
    ).toBeTruthy();
  });
});

describe('refresh on a client with a secret (issue 17 item 6)', () => {
  it('REFRESH_TOKEN_AUTH needs the right SECRET_HASH; GetTokensFromRefreshToken the right ClientSecret', () => {
    const h = harness();
    const { poolId } = seed(h, { mfa: 'OFF', totp: false });
    const c = clientOf(h, poolId, { GenerateSecret: true });
    const secret = c.ClientSecret!;
    const tokens = signIn(h, c.ClientId, secret);
    const auth = (params: Record<string, string>) => ({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: c.ClientId,
      AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken, ...params },
    });
    const none = h.fail('InitiateAuth', auth({}));
    expect([none.code, none.message]).toEqual([
      'NotAuthorizedException',
      `Client ${c.ClientId} is configured with secret but SECRET_HASH was not received`,
    ]);
    const wrong = h.fail('InitiateAuth', auth({ SECRET_HASH: secretHash(secret, 'bob', c.ClientId) }));
    expect([wrong.code, wrong.message]).toEqual([
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${c.ClientId}`,
    ]);
    expect(
      h.call('InitiateAuth', auth({ SECRET_HASH: secretHash(secret, 'alice', c.ClientId) }))
        .AuthenticationResult,
    ).toBeTruthy();
    const sub = claimsOf(tokens.IdToken).sub;
    expect(
      h.call('InitiateAuth', auth({ SECRET_HASH: secretHash(secret, sub, c.ClientId) })).AuthenticationResult,
    ).toBeTruthy();

    const get = (extra: Record<string, string>) => ({
      ClientId: c.ClientId,
      RefreshToken: tokens.RefreshToken,
      ...extra,
    });
    expect(h.fail('GetTokensFromRefreshToken', get({})).code).toBe('NotAuthorizedException');
    expect(h.fail('GetTokensFromRefreshToken', get({ ClientSecret: `${secret.slice(0, -1)}x` })).code).toBe(
      'NotAuthorizedException',
    );
    expect(
      h.call('GetTokensFromRefreshToken', get({ ClientSecret: secret })).AuthenticationResult.AccessToken,
    ).toBeTruthy();
  });
});
