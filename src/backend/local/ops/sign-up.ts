// Self-service sign-up: sign-up (UNCONFIRMED, a code to an auto-verified attribute),
// confirm-sign-up with that code, resend-confirmation-code, admin-confirm-sign-up.
import { ServiceError } from '../../../errors.ts';
import type { Request, Response } from '../../../model/index.ts';
import { nodeCrypto } from '../../../shared/node-crypto.ts';
import { type Ctx, invalidParameter } from '../context.ts';
import { dict, type Pool, type User } from '../state/document.ts';
import { checkNewUserAliases, claimAlias, newUsername } from './aliases.ts';
import { checkSendRate, consumeCode, type Delivery, deliveryDetails, deliveryTo, sendCode } from './codes.ts';
import { checkSecretHash } from './password-steps.ts';
import { noSuchUser } from './passwords.ts';
import { checkPolicy, newUser } from './users.ts';

/**
 * Where a confirmation code goes: an auto-verified attribute the user has, the phone number first
 * when both are auto-verified ("if you choose both, Cognito sends the code by SMS", developer guide
 * on verification). None: no code is sent and an administrator confirms the user.
 */
function confirmationDelivery(pool: Pool, user: User): Delivery | undefined {
  const auto = (pool.extra.AutoVerifiedAttributes as string[] | undefined) ?? [];
  return (
    (auto.includes('phone_number') ? deliveryTo(user, 'phone_number') : undefined) ??
    (auto.includes('email') ? deliveryTo(user, 'email') : undefined)
  );
}

export function signUp(ctx: Ctx, req: Request<'SignUp'>): Response<'SignUp'> {
  const { pool, client } = ctx.clientAnywhere(req.ClientId);
  checkSecretHash(
    client,
    req.ClientId,
    req.Username,
    req.SecretHash === undefined ? {} : { SECRET_HASH: req.SecretHash },
  );
  const config = pool.extra.AdminCreateUserConfig as { AllowAdminCreateUserOnly?: boolean } | undefined;
  if (config?.AllowAdminCreateUserOnly)
    throw new ServiceError('NotAuthorizedException', 'SignUp is not permitted for this user pool');
  // Passwordless sign-up (choice-based sign-in) is not emulated: a password is required.
  if (req.Password === undefined) throw invalidParameter('Missing required parameter Password');
  const attrs = dict<string>();
  for (const a of req.UserAttributes ?? []) {
    if (a.Name === 'sub') throw invalidParameter('Cannot modify an immutable attribute: sub');
    attrs[a.Name] = a.Value ?? '';
  }
  const sub = nodeCrypto().randomUUID();
  const username = newUsername(pool, req.Username, attrs, sub);
  if (pool.users[username]) throw new ServiceError('UsernameExistsException', 'User already exists');
  checkPolicy(pool, req.Password, 'SignUp');
  const user = newUser(ctx, pool.id, username, attrs, 'UNCONFIRMED', req.Password, undefined, sub);
  checkNewUserAliases(ctx, pool, username, user, false);
  pool.users[username] = user;
  const d = confirmationDelivery(pool, user);
  if (d) sendCode(ctx, pool, username, user, 'CONFIRM_SIGN_UP', d, 'CONFIRM_SIGN_UP');
  return {
    UserConfirmed: false,
    ...(d ? { CodeDeliveryDetails: deliveryDetails(d) } : {}),
    UserSub: user.sub,
  };
}

function notConfirmable(user: User): ServiceError {
  return new ServiceError(
    'NotAuthorizedException',
    `User cannot be confirmed. Current status is ${user.status}`,
  );
}

export function confirmSignUp(ctx: Ctx, req: Request<'ConfirmSignUp'>): Response<'ConfirmSignUp'> {
  const { pool, client } = ctx.clientAnywhere(req.ClientId);
  checkSecretHash(
    client,
    req.ClientId,
    req.Username,
    req.SecretHash === undefined ? {} : { SECRET_HASH: req.SecretHash },
  );
  const user = pool.users[req.Username];
  if (!user) throw noSuchUser();
  if (user.status !== 'UNCONFIRMED') throw notConfirmable(user);
  const attribute = consumeCode(ctx, user, 'CONFIRM_SIGN_UP', req.ConfirmationCode);
  user.status = 'CONFIRMED';
  // The code proved the attribute it was sent to, which may make it a sign-in alias another user
  // has: moved with ForceAliasCreation, else AliasExistsException (ConfirmSignUp's reference).
  if (attribute === 'email' || attribute === 'phone_number') {
    user.attrs[`${attribute}_verified`] = 'true';
    claimAlias(ctx, pool, req.Username, user, attribute, req.ForceAliasCreation === true);
  }
  user.modified = ctx.nowSec;
  return {};
}

export function resendConfirmationCode(
  ctx: Ctx,
  req: Request<'ResendConfirmationCode'>,
): Response<'ResendConfirmationCode'> {
  const { pool, client } = ctx.clientAnywhere(req.ClientId);
  checkSecretHash(
    client,
    req.ClientId,
    req.Username,
    req.SecretHash === undefined ? {} : { SECRET_HASH: req.SecretHash },
  );
  const user = pool.users[req.Username];
  if (!user) throw noSuchUser();
  if (user.status !== 'UNCONFIRMED') throw invalidParameter('User is already confirmed.');
  const d = confirmationDelivery(pool, user);
  if (!d) throw invalidParameter('Auto verification not turned on.');
  checkSendRate(ctx, user, 'CONFIRM_SIGN_UP');
  sendCode(ctx, pool, req.Username, user, 'CONFIRM_SIGN_UP', d, 'CONFIRM_SIGN_UP');
  return { CodeDeliveryDetails: deliveryDetails(d) };
}

export function adminConfirmSignUp(
  ctx: Ctx,
  req: Request<'AdminConfirmSignUp'>,
): Response<'AdminConfirmSignUp'> {
  const pool = ctx.pool(req.UserPoolId);
  const user = ctx.user(pool, req.Username);
  if (user.status !== 'UNCONFIRMED') throw notConfirmable(user);
  user.status = 'CONFIRMED';
  if (user.codes) {
    delete user.codes.CONFIRM_SIGN_UP;
    if (Object.keys(user.codes).length === 0) delete user.codes;
  }
  user.modified = ctx.nowSec;
  return {};
}
