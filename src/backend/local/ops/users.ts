// Users as an administrator sees them, and the signed-in user's own view (get-user).
import { ServiceError } from '../../../errors.ts';
import type { Request, Response } from '../../../model/index.ts';
import { nodeCrypto } from '../../../shared/node-crypto.ts';
import { type Ctx, hashPassword, invalidParameter, setPassword, setSrpVerifier } from '../context.ts';
import { dict, type Pool, type User } from '../state/document.ts';
import { checkNewUserAliases, newUsername } from './aliases.ts';
import { DEFAULT_PASSWORD_POLICY, pageOf } from './user-pools.ts';

/**
 * Checks a password against the pool's policy with Cognito's InvalidPasswordException texts. SignUp
 * words it differently from every other call: "Password did not conform with policy: <rule>", where
 * admin-set-user-password, change-password, confirm-forgot-password and the NEW_PASSWORD_REQUIRED
 * answer say "Password does not conform to policy: <rule>" (the messages apps match on, as quoted by
 * Amplify and amazon-cognito-identity-js users for each call; docs/emulator-semantics.md §1.12).
 */
export function checkPolicy(pool: Pool, password: string, call: 'SignUp' | 'other' = 'other'): void {
  const policy = {
    ...DEFAULT_PASSWORD_POLICY,
    ...((pool.extra.Policies as { PasswordPolicy?: object } | undefined)?.PasswordPolicy ?? {}),
  };
  const lead =
    call === 'SignUp' ? 'Password did not conform with policy' : 'Password does not conform to policy';
  const fail = (why: string) => new ServiceError('InvalidPasswordException', `${lead}: ${why}`);
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

export function userType(username: string, user: User) {
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
  const attrs = dict<string>();
  for (const a of req.UserAttributes ?? []) {
    if (a.Name === 'sub') continue;
    attrs[a.Name] = a.Value ?? '';
  }
  const sub = nodeCrypto().randomUUID();
  const username = newUsername(pool, req.Username, attrs, sub);
  if (pool.users[username]) throw new ServiceError('UsernameExistsException', 'User account already exists');
  if (req.TemporaryPassword !== undefined) checkPolicy(pool, req.TemporaryPassword);
  const validityDays =
    (pool.extra.Policies as { PasswordPolicy?: { TemporaryPasswordValidityDays?: number } } | undefined)
      ?.PasswordPolicy?.TemporaryPasswordValidityDays ?? 7;
  // Without a temporary password Cognito would mail one; the emulator sends no mail, so such a
  // user signs in only after admin-set-user-password.
  const user = newUser(
    ctx,
    pool.id,
    username,
    attrs,
    'FORCE_CHANGE_PASSWORD',
    req.TemporaryPassword,
    { tempExp: ctx.nowSec + validityDays * 86400 },
    sub,
  );
  checkNewUserAliases(ctx, pool, username, user, req.ForceAliasCreation === true);
  pool.users[username] = user;
  return { User: userType(username, user) };
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
  removeUser(ctx, pool, req.Username);
  return {};
}

/** Deletes a user with their open sign-in sessions (delete-user shares it). */
export function removeUser(ctx: Ctx, pool: Pool, username: string): void {
  delete pool.users[username];
  for (const [k, s] of Object.entries(ctx.state.sessions)) {
    if (s.pool === pool.id && s.user === username) delete ctx.state.sessions[k];
  }
}

/** The attributes list-users --filter may search (the Filter member's documentation). */
const SEARCHABLE = new Set([
  'username',
  'email',
  'phone_number',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'cognito:user_status',
  'status',
  'sub',
]);

/**
 * Parses Cognito's filter `Name = "value"` or `Name ^= "value"` (quotes inside the value escaped
 * with a backslash) into a test of a user. An empty filter matches every user.
 */
export function userFilter(filter: string | undefined): ((name: string, user: User) => boolean) | undefined {
  if (filter === undefined || filter.trim() === '') return undefined;
  const m = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!m || !SEARCHABLE.has(m[1]!)) throw invalidParameter('Error while parsing filter.');
  const [, attr, op, raw] = m as unknown as [string, string, string, string];
  const wanted = raw.replace(/\\(.)/g, '$1');
  // cognito:user_status is compared without regard to case; everything else as given.
  const fold = attr === 'cognito:user_status' ? (v: string) => v.toUpperCase() : (v: string) => v;
  const searched = (name: string, u: User): string | undefined => {
    if (attr === 'username') return name;
    if (attr === 'sub') return u.sub;
    if (attr === 'status') return u.enabled ? 'Enabled' : 'Disabled';
    if (attr === 'cognito:user_status') return u.status;
    return u.attrs[attr];
  };
  return (name, u) => {
    const v = searched(name, u);
    if (v === undefined) return false;
    return op === '=' ? fold(v) === fold(wanted) : fold(v).startsWith(fold(wanted));
  };
}

export function listUsers(ctx: Ctx, req: Request<'ListUsers'>): Response<'ListUsers'> {
  const pool = ctx.pool(req.UserPoolId);
  const limit = req.Limit === undefined || req.Limit === 0 ? 60 : req.Limit;
  const test = userFilter(req.Filter);
  let users = Object.entries(pool.users);
  if (test) users = users.filter(([name, u]) => test(name, u));
  const { page, next } = pageOf(users, req.PaginationToken, limit);
  const only = req.AttributesToGet ? new Set(req.AttributesToGet) : undefined;
  return {
    Users: page.map(([name, u]) => {
      const t = userType(name, u);
      return only ? { ...t, Attributes: t.Attributes.filter((a) => only.has(a.Name)) } : t;
    }),
    ...(next ? { PaginationToken: next } : {}),
  };
}

/**
 * A new user record (admin-create-user, sign-up): its attributes and status, and, when a password
 * is given, its hash and SRP verifier (with `tempExp` for a temporary one).
 */
export function newUser(
  ctx: Ctx,
  poolId: string,
  username: string,
  attrs: Record<string, string>,
  status: User['status'],
  password?: string,
  temporary?: { tempExp: number },
  sub: string = nodeCrypto().randomUUID(),
): User {
  const user: User = {
    sub,
    attrs,
    created: ctx.nowSec,
    modified: ctx.nowSec,
    enabled: true,
    status,
    ...(password !== undefined ? { pw: hashPassword(password, ctx.env.randomBytes(16)), ...temporary } : {}),
    totpMfa: false,
    lastStep: 0,
    mfaFailures: 0,
    mfaLockUntil: 0,
    pwFailures: 0,
    pwLockUntil: 0,
    signedOutAt: 0,
  };
  if (password !== undefined) setSrpVerifier(ctx, poolId, username, user, password);
  return user;
}
