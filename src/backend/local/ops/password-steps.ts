// What every sign-in does around the password, whichever way it was proven (USER_PASSWORD_AUTH in
// sign-in.ts, the SRP proof in srp-sign-in.ts): SECRET_HASH, the lockout, then the next challenge or
// the tokens. A module of its own, so that the two ways import it and not each other.
import { ServiceError } from '../../../errors.ts';
import type { Response } from '../../../model/index.ts';
import { nodeCrypto } from '../../../shared/node-crypto.ts';
import {
  type Ctx,
  invalidParameter,
  isLockedOut,
  lockoutEnd,
  lockoutSeconds,
  secretHash,
} from '../context.ts';
import type { Client, Pool, User } from '../state/document.ts';
import { persisting } from '../state/file.ts';
import { issueTokens } from '../tokens.ts';
import {
  confirmedDevice,
  deviceConfiguration,
  issueDevice,
  signInDevice,
  tracksDevices,
} from './device-records.ts';

export type AuthResponse = Response<'InitiateAuth'>;

export function requireParam(params: Record<string, string> | undefined, name: string): string {
  const v = params?.[name];
  if (v === undefined) throw invalidParameter(`Missing required parameter ${name}`);
  return v;
}

/** A client with a secret must be sent SECRET_HASH, as in Cognito. */
export function checkSecretHash(
  client: Client,
  clientId: string,
  username: string,
  params?: Record<string, string>,
): void {
  if (client.secret === undefined) return;
  const given = params?.SECRET_HASH;
  if (given === undefined) {
    throw new ServiceError(
      'NotAuthorizedException',
      `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
    );
  }
  const expected = Buffer.from(secretHash(client.secret, username, clientId));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !nodeCrypto().timingSafeEqual(expected, actual)) {
    throw new ServiceError('NotAuthorizedException', `Unable to verify secret hash for client ${clientId}`);
  }
}

/**
 * The tokens of a completed sign-in. `deviceKey`: the known device it came from, if any; without
 * one, a pool that tracks devices hands out a new one in NewDeviceMetadata (reference §8).
 */
export function tokensFor(
  ctx: Ctx,
  pool: Pool,
  clientId: string,
  username: string,
  user: User,
  deviceKey?: string,
): AuthResponse {
  // A token minted in the same second as a global sign-out must not count as signed out.
  const nowSec = Math.max(ctx.nowSec, user.signedOutAt + 1);
  const known = deviceKey !== undefined ? confirmedDevice(user, deviceKey) : undefined;
  if (known) known.lastAuth = ctx.nowSec;
  // The tokens are bound to the device they were signed in on, a new one included: its key is in
  // the access token, and refreshing needs it once confirmed (refresh.ts).
  const issued = !known && tracksDevices(pool) ? issueDevice(ctx, pool, user) : undefined;
  const result = issueTokens(pool, clientId, username, user, nowSec, ctx.issuer(pool.id), {
    withRefresh: true,
    deviceKey: known ? deviceKey : issued?.DeviceKey,
  });
  if (issued) {
    return { ChallengeParameters: {}, AuthenticationResult: { ...result, NewDeviceMetadata: issued } };
  }
  return { ChallengeParameters: {}, AuthenticationResult: result };
}

/**
 * What comes after a correct password (or new password): an MFA challenge, device authentication
 * or the tokens. A remembered device skips the TOTP code only when the pool says
 * ChallengeRequiredOnNewDevice (reference §8: "MFA is skipped only with MFA active,
 * ChallengeRequiredOnNewDevice true and a remembered device"); other devices answer the code first.
 */
export function afterPassword(
  ctx: Ctx,
  pool: Pool,
  clientId: string,
  username: string,
  user: User,
  admin: boolean,
  deviceKey?: string,
): AuthResponse {
  const device = signInDevice(pool, user, deviceKey);
  const remembered = device !== undefined && confirmedDevice(user, device)?.remembered === true;
  const skipsMfa = remembered && deviceConfiguration(pool)?.ChallengeRequiredOnNewDevice === true;
  if (pool.mfa !== 'OFF' && user.totpMfa && user.totp && !skipsMfa) {
    const session = ctx.newSession(pool, clientId, username, 'SOFTWARE_TOKEN_MFA', admin);
    if (device !== undefined) ctx.sessionRecord(session)!.device = device;
    return {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: session,
      ChallengeParameters: { FRIENDLY_DEVICE_NAME: user.totp.device ?? '', USER_ID_FOR_SRP: username },
    };
  }
  if (pool.mfa === 'ON' && !(user.totpMfa && user.totp)) {
    return {
      ChallengeName: 'MFA_SETUP',
      Session: ctx.newSession(pool, clientId, username, 'MFA_SETUP', admin),
      ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' },
    };
  }
  return afterMfa(ctx, pool, clientId, username, user, admin, device);
}

/**
 * After the password and any MFA: a remembered device proves itself with DEVICE_SRP_AUTH (every
 * sign-in, MFA or not: reference §8), any other sign-in gets its tokens.
 */
export function afterMfa(
  ctx: Ctx,
  pool: Pool,
  clientId: string,
  username: string,
  user: User,
  admin: boolean,
  deviceKey: string | undefined,
): AuthResponse {
  const device =
    deviceKey !== undefined && tracksDevices(pool) ? confirmedDevice(user, deviceKey) : undefined;
  if (device?.remembered) {
    const session = ctx.newSession(pool, clientId, username, 'DEVICE_SRP_AUTH', admin);
    ctx.sessionRecord(session)!.device = deviceKey as string;
    return { ChallengeName: 'DEVICE_SRP_AUTH', Session: session, ChallengeParameters: {} };
  }
  return tokensFor(ctx, pool, clientId, username, user, device ? deviceKey : undefined);
}

export function checkPasswordLock(ctx: Ctx, user: User): void {
  // To the millisecond, as the code lockouts (a lock kept in whole seconds could end a few ms
  // after the failure that set it).
  if (isLockedOut(user.pwLockUntil, ctx.nowMs))
    throw new ServiceError('NotAuthorizedException', 'Password attempts exceeded');
}

/** A wrong password (or SRP proof): counts toward the lockout, and the count persists. */
export function passwordFailed(ctx: Ctx, user: User): Error {
  user.pwFailures += 1;
  if (lockoutSeconds(user.pwFailures) > 0) user.pwLockUntil = lockoutEnd(user.pwFailures, ctx.nowMs);
  return persisting(new ServiceError('NotAuthorizedException', 'Incorrect username or password.'));
}

/** After a correct password or SRP proof: the user's state decides the next challenge or the tokens. */
export function afterPasswordChecked(
  ctx: Ctx,
  pool: Pool,
  clientId: string,
  username: string,
  user: User,
  admin: boolean,
  deviceKey?: string,
): AuthResponse {
  user.pwFailures = 0;
  if (!user.enabled) throw new ServiceError('NotAuthorizedException', 'User is disabled.');
  if (user.status === 'RESET_REQUIRED') {
    throw new ServiceError('PasswordResetRequiredException', 'Password reset required for the user');
  }
  if (user.status === 'UNCONFIRMED')
    throw new ServiceError('UserNotConfirmedException', 'User is not confirmed.');
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    if (user.tempExp !== undefined && user.tempExp <= ctx.nowSec) {
      throw new ServiceError(
        'NotAuthorizedException',
        'Temporary password has expired and must be reset by an administrator.',
      );
    }
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(user.attrs)) attrs[k] = v;
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: ctx.newSession(pool, clientId, username, 'NEW_PASSWORD_REQUIRED', admin),
      ChallengeParameters: {
        USER_ID_FOR_SRP: username,
        requiredAttributes: '[]',
        userAttributes: JSON.stringify(attrs),
      },
    };
  }
  return afterPassword(ctx, pool, clientId, username, user, admin, deviceKey);
}
