// A user's attributes: changed by the user or an administrator, deleted, and verified with a code
// (email and phone number: a new value is unverified until its code comes back).
import { ServiceError } from '../../../errors.ts';
import type { Request, Response } from '../../../model/index.ts';
import { type Ctx, invalidParameter } from '../context.ts';
import type { Pool, User } from '../state/document.ts';
import { claimAliases } from './aliases.ts';
import { checkSendRate, consumeCode, deliveryDetails, deliveryTo, sendCode } from './codes.ts';

const VERIFIABLE = ['email', 'phone_number'] as const;
type Verifiable = (typeof VERIFIABLE)[number];
const isVerifiable = (name: string): name is Verifiable => (VERIFIABLE as readonly string[]).includes(name);

/** sub is Cognito's own: never changed or deleted through the API. */
function checkMutable(name: string): void {
  if (name === 'sub') throw invalidParameter('Cannot modify an immutable attribute: sub');
}

/**
 * Applies attribute changes. A changed email or phone number becomes unverified unless the same
 * call sets its *_verified attribute (administrators only); returns the verifiable attributes
 * that changed, for the caller to send codes to.
 */
function applyAttributes(
  ctx: Ctx,
  user: User,
  attrs: { Name: string; Value?: string }[],
  admin: boolean,
): Verifiable[] {
  const given = new Map(attrs.map((a) => [a.Name, a.Value ?? '']));
  const changed: Verifiable[] = [];
  for (const [name, value] of given) {
    checkMutable(name);
    if (!admin && name.endsWith('_verified') && isVerifiable(name.slice(0, -'_verified'.length))) {
      // A user cannot vouch for their own address: only a code (or an administrator) verifies it.
      throw invalidParameter(`Cannot modify the attribute ${name}: it is set by verification.`);
    }
    if (isVerifiable(name) && user.attrs[name] !== value) changed.push(name);
    user.attrs[name] = value;
  }
  for (const name of changed) {
    if (!given.has(`${name}_verified`)) user.attrs[`${name}_verified`] = 'false';
  }
  user.modified = ctx.nowSec;
  return changed;
}

/** The attributes a change names, an `x_verified` counting as `x` (what may become a sign-in alias). */
function namedAttributes(attrs: { Name: string }[]): string[] {
  return attrs.map((a) => (a.Name.endsWith('_verified') ? a.Name.slice(0, -'_verified'.length) : a.Name));
}

function autoVerified(pool: Pool): string[] {
  return (pool.extra.AutoVerifiedAttributes as string[] | undefined) ?? [];
}

export function updateUserAttributes(
  ctx: Ctx,
  req: Request<'UpdateUserAttributes'>,
): Response<'UpdateUserAttributes'> {
  const { pool, user, username } = ctx.authenticate(req.AccessToken);
  const changed = applyAttributes(ctx, user, req.UserAttributes, false);
  claimAliases(ctx, pool, username, user, namedAttributes(req.UserAttributes), false);
  const sent = [];
  for (const name of changed) {
    const d = autoVerified(pool).includes(name) ? deliveryTo(user, name) : undefined;
    if (!d) continue;
    sendCode(ctx, pool, username, user, `VERIFY:${name}`, d, 'VERIFY_ATTRIBUTE');
    sent.push(deliveryDetails(d));
  }
  return sent.length ? { CodeDeliveryDetailsList: sent } : {};
}

export function adminUpdateUserAttributes(
  ctx: Ctx,
  req: Request<'AdminUpdateUserAttributes'>,
): Response<'AdminUpdateUserAttributes'> {
  const pool = ctx.pool(req.UserPoolId);
  const user = ctx.user(pool, req.Username);
  const changed = applyAttributes(ctx, user, req.UserAttributes, true);
  // An administrator's verified address takes the alias from another user (observed: boto3#3213,
  // the other user's address becomes unverified); a username attribute or a preferred_username
  // is never taken (AliasExistsException, observed: aws/aws-sdk-net#4387).
  claimAliases(ctx, pool, req.Username, user, namedAttributes(req.UserAttributes), true);
  for (const name of changed) {
    if (user.attrs[`${name}_verified`] === 'true' || !autoVerified(pool).includes(name)) continue;
    const d = deliveryTo(user, name);
    if (d) sendCode(ctx, pool, req.Username, user, `VERIFY:${name}`, d, 'VERIFY_ATTRIBUTE');
  }
  return {};
}

export function adminDeleteUserAttributes(
  ctx: Ctx,
  req: Request<'AdminDeleteUserAttributes'>,
): Response<'AdminDeleteUserAttributes'> {
  const pool = ctx.pool(req.UserPoolId);
  const user = ctx.user(pool, req.Username);
  for (const name of req.UserAttributeNames) checkMutable(name);
  for (const name of req.UserAttributeNames) {
    delete user.attrs[name];
    if (isVerifiable(name)) delete user.attrs[`${name}_verified`];
  }
  user.modified = ctx.nowSec;
  return {};
}

export function getUserAttributeVerificationCode(
  ctx: Ctx,
  req: Request<'GetUserAttributeVerificationCode'>,
): Response<'GetUserAttributeVerificationCode'> {
  const { pool, user, username } = ctx.authenticate(req.AccessToken);
  const name = req.AttributeName;
  const d = isVerifiable(name) ? deliveryTo(user, name) : undefined;
  if (!isVerifiable(name) || !d)
    throw invalidParameter(`Invalid attribute name: ${name} cannot be verified.`);
  checkSendRate(ctx, user, `VERIFY:${name}`);
  sendCode(ctx, pool, username, user, `VERIFY:${name}`, d, 'VERIFY_ATTRIBUTE');
  return { CodeDeliveryDetails: deliveryDetails(d) };
}

export function verifyUserAttribute(
  ctx: Ctx,
  req: Request<'VerifyUserAttribute'>,
): Response<'VerifyUserAttribute'> {
  const { pool, user, username } = ctx.authenticate(req.AccessToken);
  const name = req.AttributeName;
  if (!isVerifiable(name)) throw invalidParameter(`Invalid attribute name: ${name} cannot be verified.`);
  consumeCode(ctx, user, `VERIFY:${name}`, req.Code);
  if (user.attrs[name] === undefined)
    throw new ServiceError('InvalidParameterException', `${name} is not set.`);
  user.attrs[`${name}_verified`] = 'true';
  // A verified address becomes a sign-in alias: AliasExistsException if another user has it.
  claimAliases(ctx, pool, username, user, [name], false);
  user.modified = ctx.nowSec;
  return {};
}
