// What every sign-in does around the password, whichever way it was proven (USER_PASSWORD_AUTH in
// sign-in.ts, the SRP proof in srp-sign-in.ts): SECRET_HASH, the lockout, then the next challenge or
// the tokens. A module of its own, so that the two ways import it and not each other.
import { timingSafeEqual } from 'node:crypto';
import { ServiceError } from '../../../errors.ts';
import type { Response } from '../../../model/index.ts';
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
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw new ServiceError('NotAuthorizedException', `Unable to verify secret hash for client ${clientId}`);
  }
}

export function tokensFor(
  ctx: Ctx,
  pool: Pool,
  clientId: string,
  username: string,
  user: User,
): AuthResponse {
  // A token minted in the same second as a global sign-out must not count as signed out.
  const nowSec = Math.max(ctx.nowSec, user.signedOutAt + 1);
  return {
    ChallengeParameters: {},
    AuthenticationResult: issueTokens(pool, clientId, username, user, nowSec, ctx.issuer(pool.id), {
      withRefresh: true,
    }),
  };
}

/** What comes after a correct password (or new password): an MFA challenge or the tokens. */
export function afterPassword(
  ctx: Ctx,
  pool: Pool,
  clientId: string,
  username: string,
  user: User,
  admin: boolean,
): AuthResponse {
  if (pool.mfa !== 'OFF' && user.totpMfa && user.totp) {
    return {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: ctx.newSession(pool, clientId, username, 'SOFTWARE_TOKEN_MFA', admin),
      ChallengeParameters: { FRIENDLY_DEVICE_NAME: user.totp.device ?? '', USER_ID_FOR_SRP: username },
    };
  }
  if (pool.mfa === 'ON') {
    return {
      ChallengeName: 'MFA_SETUP',
      Session: ctx.newSession(pool, clientId, username, 'MFA_SETUP', admin),
      ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' },
    };
  }
  return tokensFor(ctx, pool, clientId, username, user);
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
  return afterPassword(ctx, pool, clientId, username, user, admin);
}
