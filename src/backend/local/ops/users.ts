// Users as an administrator sees them, and the signed-in user's own view (get-user).
import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../../errors.ts';
import type { Request, Response } from '../../../model/index.ts';
import { type Ctx, hashPassword, setPassword, setSrpVerifier } from '../context.ts';
import { dict, type Pool, type User } from '../state/document.ts';
import { DEFAULT_PASSWORD_POLICY, pageOf } from './user-pools.ts';

/** Checks a password against the pool's policy with Cognito's InvalidPasswordException texts. */
export function checkPolicy(pool: Pool, password: string): void {
  const policy = {
    ...DEFAULT_PASSWORD_POLICY,
    ...((pool.extra.Policies as { PasswordPolicy?: object } | undefined)?.PasswordPolicy ?? {}),
  };
  const fail = (why: string) =>
    new ServiceError('InvalidPasswordException', `Password does not conform to policy: ${why}`);
  if (password.length < policy.MinimumLength) throw fail('Password not long enough');
  if (policy.RequireUppercase && !/[A-Z]/.test(password))
    throw fail('Password must have uppercase characters');
  if (policy.RequireLowercase && !/[a-z]/.test(password))
    throw fail('Password must have lowercase characters');
  if (policy.RequireNumbers && !/[0-9]/.test(password)) throw fail('Password must have numeric characters');
  if (policy.RequireSymbols && !/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/.test(password))
    throw fail('Password must have symbol characters');
}

export function attributesOf(user: User): { Name: string; Value: string }[] {
  return [
    { Name: 'sub', Value: user.sub },
    ...Object.entries(user.attrs).map(([Name, Value]) => ({ Name, Value })),
  ];
}

/** What get-user and admin-get-user show of MFA: the list is absent when nothing is enabled. */
export function mfaViewOf(user: User): { PreferredMfaSetting?: string; UserMFASettingList?: string[] } {
  return {
    ...(user.preferred ? { PreferredMfaSetting: user.preferred } : {}),
    ...(user.totpMfa ? { UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] } : {}),
  };
}

function userType(username: string, user: User) {
  return {
    Username: username,
    Attributes: attributesOf(user),
    UserCreateDate: user.created,
    UserLastModifiedDate: user.modified,
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

export function adminCreateUser(ctx: Ctx, req: Request<'AdminCreateUser'>): Response<'AdminCreateUser'> {
  const pool = ctx.pool(req.UserPoolId);
  if (pool.users[req.Username])
    throw new ServiceError('UsernameExistsException', 'User account already exists');
  if (req.TemporaryPassword !== undefined) checkPolicy(pool, req.TemporaryPassword);
  const attrs = dict<string>();
  for (const a of req.UserAttributes ?? []) {
    if (a.Name === 'sub') continue;
    attrs[a.Name] = a.Value ?? '';
  }
  const validityDays =
    (pool.extra.Policies as { PasswordPolicy?: { TemporaryPasswordValidityDays?: number } } | undefined)
      ?.PasswordPolicy?.TemporaryPasswordValidityDays ?? 7;
  const user: User = {
    sub: randomUUID(),
    attrs,
    created: ctx.nowSec,
    modified: ctx.nowSec,
    enabled: true,
    status: 'FORCE_CHANGE_PASSWORD',
    // Without a temporary password Cognito would mail one; the emulator sends no mail, so such a
    // user signs in only after admin-set-user-password.
    ...(req.TemporaryPassword !== undefined
      ? {
          pw: hashPassword(req.TemporaryPassword, ctx.env.randomBytes(16)),
          tempExp: ctx.nowSec + validityDays * 86400,
        }
      : {}),
    totpMfa: false,
    lastStep: 0,
    mfaFailures: 0,
    mfaLockUntil: 0,
    pwFailures: 0,
    pwLockUntil: 0,
    signedOutAt: 0,
  };
  if (req.TemporaryPassword !== undefined)
    setSrpVerifier(ctx, pool.id, req.Username, user, req.TemporaryPassword);
  pool.users[req.Username] = user;
  return { User: userType(req.Username, user) };
}

export function adminSetUserPassword(
  ctx: Ctx,
  req: Request<'AdminSetUserPassword'>,
): Response<'AdminSetUserPassword'> {
  const pool = ctx.pool(req.UserPoolId);
  const user = ctx.user(pool, req.Username);
  checkPolicy(pool, req.Password);
  setPassword(ctx, pool.id, req.Username, user, req.Password);
  user.status = req.Permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
  delete user.tempExp;
  user.pwFailures = 0;
  user.pwLockUntil = 0;
  user.modified = ctx.nowSec;
  return {};
}

export function adminGetUser(ctx: Ctx, req: Request<'AdminGetUser'>): Response<'AdminGetUser'> {
  const pool = ctx.pool(req.UserPoolId);
  const user = ctx.user(pool, req.Username);
  return {
    Username: req.Username,
    UserAttributes: attributesOf(user),
    UserCreateDate: user.created,
    UserLastModifiedDate: user.modified,
    Enabled: user.enabled,
    UserStatus: user.status,
    ...mfaViewOf(user),
  };
}

export function getUser(ctx: Ctx, req: Request<'GetUser'>): Response<'GetUser'> {
  const { user, username } = ctx.authenticate(req.AccessToken);
  return { Username: username, UserAttributes: attributesOf(user), ...mfaViewOf(user) };
}

export function adminDeleteUser(ctx: Ctx, req: Request<'AdminDeleteUser'>): Response<'AdminDeleteUser'> {
  const pool = ctx.pool(req.UserPoolId);
  ctx.user(pool, req.Username);
  delete pool.users[req.Username];
  for (const [k, s] of Object.entries(ctx.state.sessions)) {
    if (s.pool === pool.id && s.user === req.Username) delete ctx.state.sessions[k];
  }
  return {};
}

export function listUsers(ctx: Ctx, req: Request<'ListUsers'>): Response<'ListUsers'> {
  const pool = ctx.pool(req.UserPoolId);
  const limit = req.Limit === undefined || req.Limit === 0 ? 60 : req.Limit;
  const { page, next } = pageOf(Object.entries(pool.users), req.PaginationToken, limit);
  return {
    Users: page.map(([name, u]) => userType(name, u)),
    ...(next ? { PaginationToken: next } : {}),
  };
}
