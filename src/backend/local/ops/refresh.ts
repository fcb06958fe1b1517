// Refreshing tokens: REFRESH_TOKEN_AUTH (initiate-auth, admin-initiate-auth) and
// GetTokensFromRefreshToken, with refresh token rotation when the app client enables it.
import { ServiceError } from '../../../errors.ts';
import type { Request, Response } from '../../../model/index.ts';
import { nodeCrypto } from '../../../shared/node-crypto.ts';
import { type Ctx, invalidParameter, isRevoked, secretHash } from '../context.ts';
import { type Client, dict, type Pool, type User } from '../state/document.ts';
import { issueTokens, refreshClaims, type TokenSet, UNIT_SECONDS } from '../tokens.ts';
import { confirmedDevice, tracksDevices } from './device-records.ts';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && nodeCrypto().timingSafeEqual(x, y);
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
  const device = typeof claims.device_key === 'string' ? claims.device_key : undefined;
  return { user, username, origin, jti, device, invalid };
}

/**
 * A refresh token signed in on a device (tokens.ts: its `device_key`) refreshes only with that
 * device's key, and only while the device is confirmed and not forgotten. Cognito's own words:
 * GetTokensFromRefreshToken's DeviceKey "You must provide the confirmed device key in this request
 * if device remembering is enabled in your user pool" (API reference); "With device tracking, these
 * tokens are linked to a single device [...] the ForgetDevice API can be used to forget that
 * specific device, and as a result, all future calls to revalidate that device's refresh tokens
 * will fail" (AWS Mobile blog, "Tracking and remembering devices using Amazon Cognito Your User
 * Pools", quoted in aws-amplify/amplify-js#2962). What clients see is "Invalid Refresh Token":
 * aws/aws-sdk-java#2841, aws/aws-sdk-cpp#851 and aws/aws-sdk-net-extensions-cognito#85 (a device
 * key missing or not confirmed), aws-amplify/aws-sdk-android#1469 (fixed by sending DEVICE_KEY).
 * A token of a pool that stopped tracking devices, or one issued without a device, is not held to
 * one, and a key sent with it is ignored [INFER].
 */
function checkDevice(
  pool: Pool,
  user: User,
  bound: string | undefined,
  given: string | undefined,
  invalid: () => Error,
): string | undefined {
  if (bound === undefined || !tracksDevices(pool)) return bound;
  if (given !== bound || !confirmedDevice(user, bound)) throw invalid();
  return bound;
}

function issue(
  ctx: Ctx,
  pool: Pool,
  clientId: string,
  username: string,
  user: User,
  origin: string,
  deviceKey: string | undefined,
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
      deviceKey,
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
  const { user, username, origin, device, invalid } = refreshable(ctx, pool, clientId, token);
  checkRefreshSecretHash(client, clientId, user, username, params?.SECRET_HASH);
  // amazon-cognito-identity-js's refreshSession sends the cached DEVICE_KEY here.
  const deviceKey = checkDevice(pool, user, device, params?.DEVICE_KEY, invalid);
  if (client.rotation !== undefined) {
    // "Refresh token rotation must be completed with GetTokensFromRefreshToken" (API reference,
    // RefreshTokenRotationType); the exact error Cognito gives is not documented [INFER].
    throw invalidParameter(
      'Refresh token rotation is enabled for this app client: refresh with GetTokensFromRefreshToken instead of REFRESH_TOKEN_AUTH.',
    );
  }
  return {
    ChallengeParameters: {},
    AuthenticationResult: issue(ctx, pool, clientId, username, user, origin, deviceKey),
  };
}

export function getTokensFromRefreshToken(
  ctx: Ctx,
  req: Request<'GetTokensFromRefreshToken'>,
): Response<'GetTokensFromRefreshToken'> {
  const { pool, client } = ctx.clientAnywhere(req.ClientId);
  checkClientSecret(client, req.ClientId, req.ClientSecret);
  const { user, username, origin, jti, device, invalid } = refreshable(
    ctx,
    pool,
    req.ClientId,
    req.RefreshToken,
  );
  // Amplify v6 sends the device's key as DeviceKey (refreshAuthTokens).
  const deviceKey = checkDevice(pool, user, device, req.DeviceKey, invalid);
  if (client.rotation === undefined) {
    return { AuthenticationResult: issue(ctx, pool, req.ClientId, username, user, origin, deviceKey) };
  }
  // Rotation: a new refresh token of the same family; the one sent works for the grace period only.
  const cur = nodeCrypto().randomUUID();
  const ttl = client.refreshValidity * (UNIT_SECONDS[client.units.RefreshToken] ?? 86400);
  const families = user.rt ?? dict<NonNullable<User['rt']>[string]>();
  for (const [k, f] of Object.entries(families)) if (f.exp <= ctx.nowSec) delete families[k];
  families[origin] = { cur, prev: jti, until: ctx.nowSec + client.rotation, exp: ctx.nowSec + ttl };
  user.rt = families;
  return {
    AuthenticationResult: issue(ctx, pool, req.ClientId, username, user, origin, deviceKey, cur),
  };
}
