// Passwords: change-password (signed in), forgot-password and confirm-forgot-password (by code),
// admin-reset-user-password (RESET_REQUIRED until the user sets a new one with the code).
import { ServiceError } from '../../../errors.ts';
import type { Request, Response } from '../../../model/index.ts';
import { type Ctx, checkPassword, setPassword } from '../context.ts';
import type { Pool, User } from '../state/document.ts';
import { checkSendRate, consumeCode, type Delivery, deliveryDetails, deliveryTo, sendCode } from './codes.ts';
import { checkSecretHash } from './password-steps.ts';
import { checkPolicy } from './users.ts';

/** Cognito's answer for a user a client-side call names but the pool does not have. */
export function noSuchUser(): ServiceError {
  return new ServiceError('UserNotFoundException', 'Username/client id combination not found.');
}

/**
 * Where a password reset code goes: a verified phone number, else a verified email address
 * (Cognito's order when the pool sets no AccountRecoverySetting). None: InvalidParameterException.
 */
function recoveryDelivery(user: User): Delivery {
  const phone = user.attrs.phone_number_verified === 'true' ? deliveryTo(user, 'phone_number') : undefined;
  const email = user.attrs.email_verified === 'true' ? deliveryTo(user, 'email') : undefined;
  const d = phone ?? email;
  if (!d) {
    throw new ServiceError(
      'InvalidParameterException',
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    );
  }
  return d;
}

/** A new password: its hash and its SRP verifier (context.ts), and the lockout cleared. */
function newPassword(ctx: Ctx, pool: Pool, username: string, user: User, password: string): void {
  setPassword(ctx, pool.id, username, user, password);
  delete user.tempExp;
  user.pwFailures = 0;
  user.pwLockUntil = 0;
  user.modified = ctx.nowSec;
}

export function changePassword(ctx: Ctx, req: Request<'ChangePassword'>): Response<'ChangePassword'> {
  const { pool, user, username } = ctx.authenticate(req.AccessToken);
  if (req.PreviousPassword === undefined || !checkPassword(req.PreviousPassword, user.pw))
    throw new ServiceError('NotAuthorizedException', 'Incorrect username or password.');
  checkPolicy(pool, req.ProposedPassword);
  // Tokens stay valid: Cognito does not sign the user out on a password change.
  newPassword(ctx, pool, username, user, req.ProposedPassword);
  return {};
}

/**
 * The pool and user a client-side password call names. An unknown user is UserNotFoundException,
 * unless the client has PreventUserExistenceErrors ENABLED: then `hidden` answers as Cognito does
 * for a user that might exist.
 */
function clientUser(
  ctx: Ctx,
  clientId: string,
  username: string,
  secretHash: string | undefined,
  hidden: () => ServiceError | { made: true },
): { pool: Pool; user: User } | { made: true } {
  const { pool, client } = ctx.clientAnywhere(clientId);
  checkSecretHash(client, clientId, username, secretHash === undefined ? {} : { SECRET_HASH: secretHash });
  const user = pool.users[username];
  if (!user) {
    if (client.preventUserExistenceErrors !== 'ENABLED') throw noSuchUser();
    const answer = hidden();
    if (answer instanceof ServiceError) throw answer;
    return answer;
  }
  return { pool, user };
}

export function forgotPassword(ctx: Ctx, req: Request<'ForgotPassword'>): Response<'ForgotPassword'> {
  const found = clientUser(ctx, req.ClientId, req.Username, req.SecretHash, () => ({ made: true }));
  if ('made' in found) {
    // "Amazon Cognito returns a simulated destination" for an unknown user when existence errors
    // are prevented (the developer guide on PreventUserExistenceErrors); this one is the name's
    // first letter at a masked domain. Nothing goes to the outbox.
    return {
      CodeDeliveryDetails: {
        Destination: `${req.Username.slice(0, 1)}***@e***`,
        DeliveryMedium: 'EMAIL',
        AttributeName: 'email',
      },
    };
  }
  const { pool, user } = found;
  if (!user.enabled) throw new ServiceError('NotAuthorizedException', 'User is disabled.');
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    throw new ServiceError('NotAuthorizedException', 'User password cannot be reset in the current state.');
  }
  const d = recoveryDelivery(user);
  checkSendRate(ctx, user, 'RESET_PASSWORD');
  sendCode(ctx, pool, req.Username, user, 'RESET_PASSWORD', d, 'RESET_PASSWORD');
  return { CodeDeliveryDetails: deliveryDetails(d) };
}

export function confirmForgotPassword(
  ctx: Ctx,
  req: Request<'ConfirmForgotPassword'>,
): Response<'ConfirmForgotPassword'> {
  const found = clientUser(
    ctx,
    req.ClientId,
    req.Username,
    req.SecretHash,
    () => new ServiceError('CodeMismatchException', 'Invalid verification code provided, please try again.'),
  );
  if ('made' in found) return {};
  const { pool, user } = found;
  if (!user.enabled) throw new ServiceError('NotAuthorizedException', 'User is disabled.');
  consumeCode(ctx, user, 'RESET_PASSWORD', req.ConfirmationCode);
  checkPolicy(pool, req.Password);
  newPassword(ctx, pool, req.Username, user, req.Password);
  if (user.status === 'RESET_REQUIRED') user.status = 'CONFIRMED';
  return {};
}

export function adminResetUserPassword(
  ctx: Ctx,
  req: Request<'AdminResetUserPassword'>,
): Response<'AdminResetUserPassword'> {
  const pool = ctx.pool(req.UserPoolId);
  const user = ctx.user(pool, req.Username);
  const d = recoveryDelivery(user);
  // The old password stops working: sign-in answers PasswordResetRequiredException until the user
  // sets a new password with the code (confirm-forgot-password).
  user.status = 'RESET_REQUIRED';
  user.modified = ctx.nowSec;
  sendCode(ctx, pool, req.Username, user, 'RESET_PASSWORD', d, 'RESET_PASSWORD');
  return {};
}
