// Refreshing tokens: REFRESH_TOKEN_AUTH (initiate-auth, admin-initiate-auth) and
// GetTokensFromRefreshToken, with refresh token rotation when the app client enables it.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { ServiceError } from '../../../errors.ts';
import type { Request, Response } from '../../../model/index.ts';
import { type Ctx, invalidParameter, isRevoked, secretHash } from '../context.ts';
import { type Client, dict, type Pool, type User } from '../state/document.ts';
import { issueTokens, refreshClaims, type TokenSet, UNIT_SECONDS } from '../tokens.ts';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * REFRESH_TOKEN_AUTH on a client with a secret needs SECRET_HASH (Cognito's InitiateAuth
 * reference). The refresh token names the user, so the hash may be of the username or of the sub
 * (what clients of email-as-username pools compute).
 */
function checkRefreshSecretHash(
  client: Client,
  clientId: string,
  user: User,
  username: string,
  given?: string,
) {
  if (client.secret === undefined) return;
  if (given === undefined) {
    throw new ServiceError(
      'NotAuthorizedException',
      `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
    );
  }
  const secret = client.secret;
  if (![username, user.sub].some((name) => same(secretHash(secret, name, clientId), given))) {
    throw new ServiceError('NotAuthorizedException', `Unable to verify secret hash for client ${clientId}`);
  }
}

/** GetTokensFromRefreshToken takes the client secret itself. */
function checkClientSecret(client: Client, clientId: string, given?: string) {
  if (client.secret === undefined) return;
  if (given === undefined) {
    throw new ServiceError(
      'NotAuthorizedException',
      `Client ${clientId} is configured with secret but ClientSecret was not received`,
    );
  }
  if (!same(client.secret, given))
    throw new ServiceError('NotAuthorizedException', `Unable to verify secret for client ${clientId}`);
}

/** The checks every refresh makes: signature, client, expiry, revocation, rotation, user. */
function refreshable(ctx: Ctx, pool: Pool, clientId: string, token: string) {
  const claims = refreshClaims(pool, token);
  const invalid = () => new ServiceError('NotAuthorizedException', 'Invalid Refresh Token');
  if (!claims) throw invalid();
  if (claims.token_use !== 'refresh' || claims.client_id !== clientId) throw invalid();
  if (typeof claims.exp !== 'number' || claims.exp <= ctx.nowSec) {
    throw new ServiceError('NotAuthorizedException', 'Refresh Token has expired');
  }
  const username = String(claims.username);
  const user = pool.users[username];
  if (!user || user.sub !== claims.sub) throw invalid();
  const origin = String(claims.origin_jti);
  const iat = typeof claims.iat === 'number' ? claims.iat : 0;
  if (isRevoked(pool, origin, claims.exp) || iat <= user.signedOutAt) {
    throw new ServiceError('NotAuthorizedException', 'Refresh Token has been revoked');
  }
  const jti = typeof claims.jti === 'string' ? claims.jti : '';
  const family = user.rt?.[origin];
  if (family && jti !== family.cur && !(jti === family.prev && ctx.nowSec < family.until)) {
    throw new ServiceError(
      'RefreshTokenReuseException',
      'This refresh token was replaced by refresh token rotation and can no longer be used.',
    );
  }
  if (!user.enabled) throw new ServiceError('NotAuthorizedException', 'User is disabled.');
  return { user, username, origin, jti };
}

function issue(
  ctx: Ctx,
  pool: Pool,
  clientId: string,
  username: string,
  user: User,
  origin: string,
  refreshJti?: string,
): TokenSet {
  return issueTokens(
    pool,
    clientId,
    username,
    user,
    Math.max(ctx.nowSec, user.signedOutAt + 1),
    ctx.issuer(pool.id),
    {
      originJti: origin,
      withRefresh: refreshJti !== undefined,
      ...(refreshJti !== undefined ? { refreshJti } : {}),
    },
  );
}

export function refreshTokenAuth(
  ctx: Ctx,
  pool: Pool,
  clientId: string,
  params: Record<string, string> | undefined,
): Response<'InitiateAuth'> {
  const client = ctx.client(pool, clientId);
  const token = params?.REFRESH_TOKEN;
  if (token === undefined) throw invalidParameter('Missing required parameter REFRESH_TOKEN');
  const { user, username, origin } = refreshable(ctx, pool, clientId, token);
  checkRefreshSecretHash(client, clientId, user, username, params?.SECRET_HASH);
  if (client.rotation !== undefined) {
    // "Refresh token rotation must be completed with GetTokensFromRefreshToken" (API reference,
    // RefreshTokenRotationType); the exact error Cognito gives is not documented [INFER].
    throw invalidParameter(
      'Refresh token rotation is enabled for this app client: refresh with GetTokensFromRefreshToken instead of REFRESH_TOKEN_AUTH.',
    );
  }
  return {
    ChallengeParameters: {},
    AuthenticationResult: issue(ctx, pool, clientId, username, user, origin),
  };
}

export function getTokensFromRefreshToken(
  ctx: Ctx,
  req: Request<'GetTokensFromRefreshToken'>,
): Response<'GetTokensFromRefreshToken'> {
  const { pool, client } = ctx.clientAnywhere(req.ClientId);
  checkClientSecret(client, req.ClientId, req.ClientSecret);
  const { user, username, origin, jti } = refreshable(ctx, pool, req.ClientId, req.RefreshToken);
  if (client.rotation === undefined) {
    return { AuthenticationResult: issue(ctx, pool, req.ClientId, username, user, origin) };
  }
  // Rotation: a new refresh token of the same family; the one sent works for the grace period only.
  const cur = randomUUID();
  const ttl = client.refreshValidity * (UNIT_SECONDS[client.units.RefreshToken] ?? 86400);
  const families = user.rt ?? dict<NonNullable<User['rt']>[string]>();
  for (const [k, f] of Object.entries(families)) if (f.exp <= ctx.nowSec) delete families[k];
  families[origin] = { cur, prev: jti, until: ctx.nowSec + client.rotation, exp: ctx.nowSec + ttl };
  user.rt = families;
  return { AuthenticationResult: issue(ctx, pool, req.ClientId, username, user, origin, cur) };
}
