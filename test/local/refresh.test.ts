// GetTokensFromRefreshToken and REFRESH_TOKEN_AUTH (issue 15, issue 17 item 6): rotation when the
// client enables it, and the client secret checked on refresh, with an injected clock.
import { describe, expect, it } from 'vitest';
import { secretHash } from '../../src/backend/local/context.ts';
import { signJwt } from '../../src/backend/local/tokens.ts';
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

  it('the refresh token is sealed (a JWE no one else can read), and an altered or foreign one is refused', () => {
    const h = harness();
    const { poolId } = seed(h);
    const c = clientOf(h, poolId, { EnableTokenRevocation: true });
    const tokens = signIn(h, c.ClientId);
    // Five parts, the encrypted-key part empty ("dir"), and no readable claims anywhere: Cognito's
    // refresh tokens are encrypted and opaque too. The access and ID tokens stay signed JWTs.
    const parts = (tokens.RefreshToken as string).split('.');
    expect(parts).toHaveLength(5);
    expect(parts[1]).toBe('');
    expect(JSON.parse(Buffer.from(parts[0]!, 'base64url').toString())).toMatchObject({
      alg: 'dir',
      enc: 'A256GCM',
    });
    for (const p of parts.slice(2))
      expect(Buffer.from(p, 'base64url').toString('latin1')).not.toMatch(/alice|sub|refresh/);
    expect(claimsOf(tokens.AccessToken).username).toBe('alice');
    const refresh = (RefreshToken: string) =>
      h.fail('GetTokensFromRefreshToken', { ClientId: c.ClientId, RefreshToken });
    // One bit flipped in the ciphertext, the tag or the IV; the header of another pool.
    for (const i of [2, 3, 4]) {
      const bytes = Buffer.from(parts[i]!, 'base64url');
      bytes[0]! ^= 1;
      const altered = parts.map((p, j) => (j === i ? bytes.toString('base64url') : p)).join('.');
      expect([refresh(altered).code, refresh(altered).message]).toEqual([
        'NotAuthorizedException',
        'Invalid Refresh Token',
      ]);
    }
    const h2 = harness();
    const p2 = seed(h2).poolId;
    const foreign = signIn(h2, clientOf(h2, p2).ClientId).RefreshToken as string;
    expect(refresh(foreign).message).toBe('Invalid Refresh Token');
    // Still a refresh token for everything else: refresh, then revoke; an access token is not one.
    expect(
      h.call('GetTokensFromRefreshToken', { ClientId: c.ClientId, RefreshToken: tokens.RefreshToken })
        .AuthenticationResult.AccessToken,
    ).toBeTruthy();
    expect(h.fail('RevokeToken', { ClientId: c.ClientId, Token: tokens.AccessToken }).code).toBe(
      'UnsupportedTokenTypeException',
    );
    h.call('RevokeToken', { ClientId: c.ClientId, Token: tokens.RefreshToken });
    expect(refresh(tokens.RefreshToken).message).toBe('Refresh Token has been revoked');
  });

  it('a refresh token of an earlier version (an RS256 JWT) still refreshes; an access token is no refresh token', () => {
    const h = harness();
    const { poolId } = seed(h);
    const c = clientOf(h, poolId);
    const tokens = signIn(h, c.ClientId);
    const pool = h.backend.file.read().pools[poolId]!;
    const user = pool.users.alice!;
    const now = Math.floor(h.clock.t / 1000);
    const legacy = signJwt(pool, {
      token_use: 'refresh',
      sub: user.sub,
      iss: claimsOf(tokens.AccessToken).iss,
      client_id: c.ClientId,
      username: 'alice',
      origin_jti: 'earlier-origin',
      iat: now,
      exp: now + 3600,
    });
    expect(
      h.call('GetTokensFromRefreshToken', { ClientId: c.ClientId, RefreshToken: legacy }).AuthenticationResult
        .AccessToken,
    ).toBeTruthy();
    const asRefresh = h.fail('GetTokensFromRefreshToken', {
      ClientId: c.ClientId,
      RefreshToken: tokens.AccessToken,
    });
    expect(asRefresh.message).toBe('Invalid Refresh Token');
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
