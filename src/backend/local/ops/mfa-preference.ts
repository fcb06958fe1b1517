// set-user-mfa-preference and admin-set-user-mfa-preference. Only TOTP can be turned on locally:
// the emulator sends no SMS or email.
import type { Request, Response } from '../../../model/index.ts';
import { type Ctx, invalidParameter } from '../context.ts';
import type { Pool, User } from '../state/document.ts';

interface Settings {
  Enabled?: boolean;
  PreferredMfa?: boolean;
}

function apply(
  ctx: Ctx,
  pool: Pool,
  user: User,
  sms: Settings | undefined,
  totp: Settings | undefined,
): void {
  if (sms?.Enabled || sms?.PreferredMfa) {
    throw invalidParameter('User does not have delivery config set to turn on SMS_MFA');
  }
  if (!totp) return;
  if ((totp.Enabled || totp.PreferredMfa) && !user.totp) {
    // moto and cognito-local use this wording too; Cognito's own varies (docs/emulator-semantics.md §1.9).
    throw invalidParameter('User has not verified software token mfa');
  }
  if (totp.Enabled === false) {
    if (pool.mfa === 'ON') {
      // "You can't turn off TOTP MFA for any of your users when MFA is required in your user pool."
      throw invalidParameter('TOTP MFA cannot be turned off: MFA is required (ON) in this user pool.');
    }
    if (totp.PreferredMfa) throw invalidParameter('A disabled MFA factor cannot be preferred.');
    user.totpMfa = false;
    delete user.preferred;
  } else {
    if (totp.Enabled) user.totpMfa = true;
    if (totp.PreferredMfa) {
      if (!user.totpMfa) throw invalidParameter('A disabled MFA factor cannot be preferred.');
      user.preferred = 'SOFTWARE_TOKEN_MFA';
    } else if (totp.PreferredMfa === false) {
      delete user.preferred;
    }
  }
  user.modified = ctx.nowSec;
}

export function setUserMFAPreference(
  ctx: Ctx,
  req: Request<'SetUserMFAPreference'>,
): Response<'SetUserMFAPreference'> {
  const { pool, user } = ctx.authenticate(req.AccessToken);
  apply(ctx, pool, user, req.SMSMfaSettings, req.SoftwareTokenMfaSettings);
  return {};
}

export function adminSetUserMFAPreference(
  ctx: Ctx,
  req: Request<'AdminSetUserMFAPreference'>,
): Response<'AdminSetUserMFAPreference'> {
  const pool = ctx.pool(req.UserPoolId);
  apply(ctx, pool, ctx.user(pool, req.Username), req.SMSMfaSettings, req.SoftwareTokenMfaSettings);
  return {};
}
