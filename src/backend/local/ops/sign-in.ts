// Sign-in: initiate-auth / admin-initiate-auth and the challenges that follow (NEW_PASSWORD_REQUIRED,
// MFA_SETUP, SOFTWARE_TOKEN_MFA, SELECT_MFA_TYPE), each step with a new single-use Session.
import { ServiceError } from '../../../errors.ts';
import type { Request, Response } from '../../../model/index.ts';
import {
  type Ctx,
  checkPassword,
  invalidParameter,
  isLockedOut,
  lockoutEnd,
  setPassword,
  setSrpVerifier,
  srpOf,
} from '../context.ts';
import type { Client, Pool } from '../state/document.ts';
import { persisting } from '../state/file.ts';
import { matchStep } from '../totp.ts';
import { confirmedDevice } from './device-records.ts';
import { devicePasswordVerifier, deviceSrpAuth } from './devices.ts';
import {
  afterMfa,
  afterPassword,
  afterPasswordChecked,
  checkPasswordLock,
  checkSecretHash,
  passwordFailed,
  requireParam,
  tokensFor,
} from './password-steps.ts';
import { refreshTokenAuth } from './refresh.ts';
import { srpInitiate, srpVerify } from './srp-sign-in.ts';
import { checkPolicy } from './users.ts';

type AuthResponse = Response<'InitiateAuth'>;

function allows(client: Client, ...flows: string[]): boolean {
  return flows.some((f) => client.flows.includes(f));
}

function passwordSignIn(
  ctx: Ctx,
  pool: Pool,
  client: Client,
  clientId: string,
  params: Record<string, string> | undefined,
  admin: boolean,
): AuthResponse {
  const username = requireParam(params, 'USERNAME');
  const password = requireParam(params, 'PASSWORD');
  checkSecretHash(client, clientId, username, params);
  // PreventUserExistenceErrors ENABLED: an unknown user gets the wrong-password answer (issue 16).
  if (client.preventUserExistenceErrors === 'ENABLED' && !pool.users[username])
    throw new ServiceError('NotAuthorizedException', 'Incorrect username or password.');
  const user = ctx.user(pool, username);
  checkPasswordLock(ctx, user);
  if (!checkPassword(password, user.pw)) throw passwordFailed(ctx, user);
  // A user from a state made before SRP (or whose password was set without a verifier) gets one
  // now, so that USER_SRP_AUTH works from the next sign-in on.
  if (!srpOf(user)) setSrpVerifier(ctx, pool.id, username, user, password);
  const deviceKey = params?.DEVICE_KEY;
  return afterPasswordChecked(ctx, pool, clientId, username, user, admin, deviceKey || undefined);
}

export function initiateAuth(ctx: Ctx, req: Request<'InitiateAuth'>): Response<'InitiateAuth'> {
  const { pool, client } = ctx.clientAnywhere(req.ClientId);
  switch (req.AuthFlow) {
    case 'USER_PASSWORD_AUTH':
      if (!allows(client, 'ALLOW_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH')) {
        throw invalidParameter('USER_PASSWORD_AUTH flow not enabled for this client');
      }
      return passwordSignIn(ctx, pool, client, req.ClientId, req.AuthParameters, false);
    case 'USER_SRP_AUTH':
      if (!allows(client, 'ALLOW_USER_SRP_AUTH')) {
        throw invalidParameter('USER_SRP_AUTH flow not enabled for this client');
      }
      return srpInitiate(ctx, pool, client, req.ClientId, req.AuthParameters, false);
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      return refreshTokenAuth(ctx, pool, req.ClientId, req.AuthParameters);
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH':
      throw invalidParameter(`Initiate Auth method not supported.`);
    default:
      throw invalidParameter(
        `${req.AuthFlow} is not supported by the local emulator; use USER_SRP_AUTH, USER_PASSWORD_AUTH or REFRESH_TOKEN_AUTH.`,
      );
  }
}

export function adminInitiateAuth(
  ctx: Ctx,
  req: Request<'AdminInitiateAuth'>,
): Response<'AdminInitiateAuth'> {
  const pool = ctx.pool(req.UserPoolId);
  const client = ctx.client(pool, req.ClientId);
  switch (req.AuthFlow) {
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH':
      if (!allows(client, 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH')) {
        throw invalidParameter('Auth flow not enabled for this client');
      }
      return passwordSignIn(ctx, pool, client, req.ClientId, req.AuthParameters, true);
    case 'USER_SRP_AUTH':
      if (!allows(client, 'ALLOW_USER_SRP_AUTH')) {
        throw invalidParameter('USER_SRP_AUTH flow not enabled for this client');
      }
      return srpInitiate(ctx, pool, client, req.ClientId, req.AuthParameters, true);
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      return refreshTokenAuth(ctx, pool, req.ClientId, req.AuthParameters);
    default:
      throw invalidParameter(
        `${req.AuthFlow} is not supported by the local emulator in admin-initiate-auth; use USER_SRP_AUTH, ADMIN_USER_PASSWORD_AUTH or REFRESH_TOKEN_AUTH.`,
      );
  }
}

type ChallengeRequest = Request<'RespondToAuthChallenge'>;

function respond(
  ctx: Ctx,
  pool: Pool,
  clientId: string,
  req: ChallengeRequest,
  admin: boolean,
): AuthResponse {
  const responses = req.ChallengeResponses;
  const client = ctx.client(pool, clientId);
  // PASSWORD_VERIFIER has no Session in Cognito: its state is keyed on the SECRET_BLOCK.
  if (req.ChallengeName === 'PASSWORD_VERIFIER') return srpVerify(ctx, pool, client, clientId, req, admin);
  // A remembered device's SRP (reference §8): DEVICE_PASSWORD_VERIFIER is keyed on its SECRET_BLOCK too.
  if (req.ChallengeName === 'DEVICE_SRP_AUTH') return deviceSrpAuth(ctx, pool, client, clientId, req, admin);
  if (req.ChallengeName === 'DEVICE_PASSWORD_VERIFIER')
    return devicePasswordVerifier(ctx, pool, client, clientId, req, admin);
  if (req.Session === undefined) throw invalidParameter('Missing required parameter Session');
  const stepFor: Record<string, Parameters<Ctx['peekSession']>[1]> = {
    NEW_PASSWORD_REQUIRED: ['NEW_PASSWORD_REQUIRED'],
    MFA_SETUP: ['VERIFIED'],
    SOFTWARE_TOKEN_MFA: ['SOFTWARE_TOKEN_MFA'],
    SELECT_MFA_TYPE: ['SELECT_MFA_TYPE'],
  };
  const steps = stepFor[req.ChallengeName];
  if (!steps) {
    throw invalidParameter(`The challenge ${req.ChallengeName} is not supported by the local emulator.`);
  }
  const rec = ctx.peekSession(req.Session, steps);
  if (rec.pool !== pool.id || rec.client !== clientId || rec.admin !== admin) {
    throw new ServiceError('NotAuthorizedException', 'Invalid session for the user.');
  }
  const username = requireParam(responses, 'USERNAME');
  if (username !== rec.user)
    throw new ServiceError('NotAuthorizedException', 'Invalid session for the user.');
  checkSecretHash(client, clientId, username, responses);
  const user = ctx.user(pool, username);

  switch (req.ChallengeName) {
    case 'NEW_PASSWORD_REQUIRED': {
      const password = requireParam(responses, 'NEW_PASSWORD');
      checkPolicy(pool, password);
      setPassword(ctx, pool.id, username, user, password);
      user.status = 'CONFIRMED';
      delete user.tempExp;
      user.modified = ctx.nowSec;
      ctx.useSession(rec.key);
      return afterPassword(ctx, pool, clientId, username, user, admin);
    }
    case 'MFA_SETUP': {
      if (!user.totp) {
        throw new ServiceError(
          'SoftwareTokenMFANotFoundException',
          'Software Token MFA does not exist for the user.',
        );
      }
      // Completing MFA_SETUP turns TOTP on for the user and makes it the preferred factor.
      user.totpMfa = true;
      user.preferred = 'SOFTWARE_TOKEN_MFA';
      user.modified = ctx.nowSec;
      ctx.useSession(rec.key);
      return tokensFor(ctx, pool, clientId, username, user);
    }
    case 'SELECT_MFA_TYPE': {
      const answer = requireParam(responses, 'ANSWER');
      if (answer !== 'SOFTWARE_TOKEN_MFA' || !user.totp || !user.totpMfa) {
        throw invalidParameter(`The MFA type ${answer} is not enabled for the user.`);
      }
      ctx.useSession(rec.key);
      return afterPassword(ctx, pool, clientId, username, user, admin, rec.device);
    }
    default: {
      // SOFTWARE_TOKEN_MFA
      const code = requireParam(responses, 'SOFTWARE_TOKEN_MFA_CODE');
      if (!user.totp) {
        throw new ServiceError(
          'SoftwareTokenMFANotFoundException',
          'Software Token MFA does not exist for the user.',
        );
      }
      // Counted under the state lock, in ms (issue 17, item 5); shared with verify-software-token.
      if (isLockedOut(user.mfaLockUntil, ctx.nowMs))
        throw new ServiceError('NotAuthorizedException', 'Password attempts exceeded');
      const step = /^[0-9]{6}$/.test(code) ? matchStep(user.totp.secret, code, ctx.nowMs) : undefined;
      if (step === undefined) {
        user.mfaFailures += 1;
        const end = lockoutEnd(user.mfaFailures, ctx.nowMs);
        if (end > 0) user.mfaLockUntil = end;
        throw persisting(new ServiceError('CodeMismatchException', 'Invalid code received for user'));
      }
      if (step <= user.lastStep) {
        throw new ServiceError('ExpiredCodeException', 'Your software token has already been used once.');
      }
      user.lastStep = step;
      user.mfaFailures = 0;
      ctx.useSession(rec.key);
      // The device the password step named, or one the answer names (amazon-cognito-identity-js
      // sends DEVICE_KEY with the code): a remembered one then proves itself (DEVICE_SRP_AUTH).
      const answered = responses?.DEVICE_KEY;
      const device =
        rec.device ??
        (typeof answered === 'string' && confirmedDevice(user, answered) ? answered : undefined);
      return afterMfa(ctx, pool, clientId, username, user, admin, device);
    }
  }
}

export function respondToAuthChallenge(
  ctx: Ctx,
  req: Request<'RespondToAuthChallenge'>,
): Response<'RespondToAuthChallenge'> {
  const { pool } = ctx.clientAnywhere(req.ClientId);
  return respond(ctx, pool, req.ClientId, req, false);
}

export function adminRespondToAuthChallenge(
  ctx: Ctx,
  req: Request<'AdminRespondToAuthChallenge'>,
): Response<'AdminRespondToAuthChallenge'> {
  const pool = ctx.pool(req.UserPoolId);
  return respond(ctx, pool, req.ClientId, req, true);
}
