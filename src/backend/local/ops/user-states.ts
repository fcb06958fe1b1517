// A user's state as an administrator changes it (disable, enable, sign out everywhere) and the
// signed-in user's own account operations (delete-user, get-user-auth-factors).
import type { Request, Response } from '../../../model/index.ts';
import type { Ctx } from '../context.ts';
import { mfaViewOf, removeUser } from './users.ts';

export function adminDisableUser(ctx: Ctx, req: Request<'AdminDisableUser'>): Response<'AdminDisableUser'> {
  const pool = ctx.pool(req.UserPoolId);
  const user = ctx.user(pool, req.Username);
  // "Deactivates a user profile and revokes all access tokens for the user" (AdminDisableUser in
  // the API reference): every token issued until now is revoked, and stays so after enabling.
  user.enabled = false;
  user.signedOutAt = ctx.nowSec;
  user.modified = ctx.nowSec;
  return {};
}

export function adminEnableUser(ctx: Ctx, req: Request<'AdminEnableUser'>): Response<'AdminEnableUser'> {
  const pool = ctx.pool(req.UserPoolId);
  const user = ctx.user(pool, req.Username);
  user.enabled = true;
  user.modified = ctx.nowSec;
  return {};
}

export function adminUserGlobalSignOut(
  ctx: Ctx,
  req: Request<'AdminUserGlobalSignOut'>,
): Response<'AdminUserGlobalSignOut'> {
  const pool = ctx.pool(req.UserPoolId);
  const user = ctx.user(pool, req.Username);
  user.signedOutAt = ctx.nowSec;
  return {};
}

export function deleteUser(ctx: Ctx, req: Request<'DeleteUser'>): Response<'DeleteUser'> {
  const { pool, username } = ctx.authenticate(req.AccessToken);
  removeUser(ctx, pool, username);
  return {};
}

export function getUserAuthFactors(
  ctx: Ctx,
  req: Request<'GetUserAuthFactors'>,
): Response<'GetUserAuthFactors'> {
  const { user, username } = ctx.authenticate(req.AccessToken);
  // Passwordless factors (EMAIL_OTP, SMS_OTP, WEB_AUTHN) are not emulated: a user has a password.
  return {
    Username: username,
    ...mfaViewOf(user),
    ConfiguredUserAuthFactors: user.pw !== undefined ? ['PASSWORD'] : [],
  };
}
