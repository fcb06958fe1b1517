// Signing in by email address, phone number or preferred_username (issue 16). A pool has one of
// two sign-in options, fixed at creation (the developer guide, "Customizing sign-in attributes"):
// - UsernameAttributes: the email address and/or phone number replaces the username. Sign-up takes
//   it as Username; the real username is then a generated id, the sub. It signs in at once (a
//   sign-up confirms with it) and is unique among the pool's users.
// - AliasAttributes: a username, plus aliases it may sign in with: an email address or phone number
//   once verified, a preferred_username at once. An alias belongs to one user at a time.
// Every call that names a user (Username, or USERNAME in AuthParameters / ChallengeResponses) finds
// them by an alias too ("the value of this parameter is typically your user's username, but it can
// be any of their alias attributes", the API reference's Username members), and works on the real
// username from then on: USER_ID_FOR_SRP, tokens and answers carry it.
import { ServiceError } from '../../../errors.ts';
import type { OperationName } from '../../../model/index.ts';
import type { Wire } from '../../backend.ts';
import { type Ctx, invalidParameter, secretHash } from '../context.ts';
import type { Pool, User } from '../state/document.ts';

export type SignInAttribute = 'email' | 'phone_number' | 'preferred_username';

export function usernameAttributes(pool: Pool): string[] {
  return (pool.extra.UsernameAttributes as string[] | undefined) ?? [];
}

function aliasAttributes(pool: Pool): string[] {
  return (pool.extra.AliasAttributes as string[] | undefined) ?? [];
}

/** The value of `attr` the user signs in with, if it is one now (see the top of this file). */
function signInValue(pool: Pool, user: User, attr: string): string | undefined {
  const value = user.attrs[attr];
  if (value === undefined || value === '') return undefined;
  if (usernameAttributes(pool).includes(attr)) return value;
  if (!aliasAttributes(pool).includes(attr)) return undefined;
  if (attr === 'preferred_username') return value;
  return user.attrs[`${attr}_verified`] === 'true' ? value : undefined;
}

/** Another user of `pool` who signs in with `value` as their `attr`, if any. */
function holderOf(
  ctx: Ctx,
  pool: Pool,
  attr: string,
  value: string,
  except: string,
): [string, User] | undefined {
  for (const [name, user] of ctx.usersWith(pool, attr, value)) {
    if (name !== except && signInValue(pool, user, attr) === value) return [name, user];
  }
  return undefined;
}

/** The real username `given` names: a user of that name, else the user whose sign-in alias it is. */
export function resolveUsername(ctx: Ctx, pool: Pool, given: string): string {
  if (pool.users[given]) return given;
  for (const attr of [...usernameAttributes(pool), ...aliasAttributes(pool)]) {
    const holder = holderOf(ctx, pool, attr, given, '');
    if (holder) return holder[0];
  }
  return given;
}

const aliasTaken = (attr: string) =>
  new ServiceError('AliasExistsException', `An account with the given ${attr} already exists.`);

/**
 * Before the user's `attr` (already set to its new value) counts as a sign-in name: if another user
 * signs in with the same value, `force` moves it to this user (the other's address becomes
 * unverified: ConfirmSignUp's and AdminCreateUser's ForceAliasCreation), else AliasExistsException.
 * A username attribute (UsernameAttributes) never moves: it is who the other user is.
 */
export function claimAlias(
  ctx: Ctx,
  pool: Pool,
  username: string,
  user: User,
  attr: string,
  force: boolean,
): void {
  const value = signInValue(pool, user, attr);
  if (value === undefined) return;
  const holder = holderOf(ctx, pool, attr, value, username);
  if (!holder) return;
  const movable = force && attr !== 'preferred_username' && !usernameAttributes(pool).includes(attr);
  if (!movable) throw aliasTaken(attr);
  holder[1].attrs[`${attr}_verified`] = 'false';
  holder[1].modified = ctx.nowSec;
}

/** claimAlias for each sign-in attribute the call changed or verified. */
export function claimAliases(
  ctx: Ctx,
  pool: Pool,
  username: string,
  user: User,
  attrs: Iterable<string>,
  force: boolean,
): void {
  for (const attr of new Set(attrs)) claimAlias(ctx, pool, username, user, attr, force);
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PHONE = /^\+[0-9]{4,15}$/;

/**
 * The name a new user gets (sign-up, admin-create-user) and the attributes it implies. In a pool
 * with UsernameAttributes the Username given is the email address or phone number: it must look
 * like one, becomes that attribute (a different value given for it is refused), and the username is
 * the sub (Cognito's messages, observed: jagregory/cognito-local#102, aws-amplify/amplify-js#533).
 * In a pool with an email alias, a username cannot look like an email address (it could shadow
 * another user's alias; Cognito's message, observed: aws-amplify/amplify-js#8800).
 */
export function newUsername(pool: Pool, given: string, attrs: Record<string, string>, sub: string): string {
  const kinds = usernameAttributes(pool);
  if (kinds.length === 0) {
    if (aliasAttributes(pool).includes('email') && EMAIL.test(given))
      throw invalidParameter(
        'Username cannot be of email format, since user pool is configured for email alias.',
      );
    return given;
  }
  const attr =
    kinds.includes('email') && EMAIL.test(given)
      ? 'email'
      : kinds.includes('phone_number') && PHONE.test(given)
        ? 'phone_number'
        : undefined;
  if (attr === undefined) {
    throw invalidParameter(
      kinds.length === 2
        ? 'Username should be either an email or a phone number.'
        : kinds[0] === 'email'
          ? 'Username should be an email.'
          : 'Username should be a phone number.',
    );
  }
  const other = attrs[attr];
  if (other !== undefined && other !== given) {
    const what = attr === 'email' ? 'email' : 'phone_number';
    throw invalidParameter(
      `User ${what} should be empty or same as username, since username attribute is ${what}.`,
    );
  }
  attrs[attr] = given;
  return sub;
}

/**
 * A new user's sign-in attributes must not be another user's: a username attribute is
 * UsernameExistsException ("An account with the given email already exists.", Cognito's sign-up
 * answer), a preferred_username alias AliasExistsException. An email or phone alias counts only
 * once verified (claimAlias, at confirmation or with *_verified true).
 */
export function checkNewUserAliases(
  ctx: Ctx,
  pool: Pool,
  username: string,
  user: User,
  force: boolean,
): void {
  for (const attr of usernameAttributes(pool)) {
    const value = user.attrs[attr];
    if (value && holderOf(ctx, pool, attr, value, username))
      throw new ServiceError('UsernameExistsException', `An account with the given ${attr} already exists.`);
  }
  claimAliases(ctx, pool, username, user, aliasAttributes(pool), force);
}

/** The operations whose Username creates a user rather than naming one. */
const CREATING = new Set<OperationName>(['SignUp', 'AdminCreateUser']);

/**
 * The request with every user it names resolved to the real username (see the top of this file),
 * before the operation runs. A SECRET_HASH computed over the name the caller typed (how the SDKs
 * compute it for a sign-in by email) is carried over to the real name, so the operation's own
 * check holds; any other SECRET_HASH is left as it came, to fail there.
 */
export function resolveRequest(ctx: Ctx, op: OperationName, request: Wire): Wire {
  if (CREATING.has(op)) return request;
  const pool = poolOf(ctx, request);
  if (!pool || (usernameAttributes(pool).length === 0 && aliasAttributes(pool).length === 0)) return request;
  const clientId = typeof request.ClientId === 'string' ? request.ClientId : undefined;
  const secret = clientId ? pool.clients[clientId]?.secret : undefined;
  const rehash = (typed: string, real: string, hash: unknown): unknown =>
    secret !== undefined && clientId && hash === secretHash(secret, typed, clientId)
      ? secretHash(secret, real, clientId)
      : hash;
  let out = request;
  if (typeof request.Username === 'string') {
    const real = resolveUsername(ctx, pool, request.Username);
    if (real !== request.Username)
      out = {
        ...out,
        Username: real,
        ...(request.SecretHash !== undefined
          ? { SecretHash: rehash(request.Username, real, request.SecretHash) }
          : {}),
      };
  }
  for (const key of ['AuthParameters', 'ChallengeResponses'] as const) {
    const params = request[key] as Record<string, unknown> | undefined;
    if (typeof params?.USERNAME !== 'string') continue;
    const real = resolveUsername(ctx, pool, params.USERNAME);
    if (real === params.USERNAME) continue;
    out = {
      ...out,
      [key]: {
        ...params,
        USERNAME: real,
        ...(params.SECRET_HASH !== undefined
          ? { SECRET_HASH: rehash(params.USERNAME, real, params.SECRET_HASH) }
          : {}),
      },
    };
  }
  return out;
}

function poolOf(ctx: Ctx, request: Wire): Pool | undefined {
  if (typeof request.UserPoolId === 'string') return ctx.state.pools[request.UserPoolId];
  if (typeof request.ClientId !== 'string') return undefined;
  for (const pool of Object.values(ctx.state.pools)) if (pool.clients[request.ClientId]) return pool;
  return undefined;
}
