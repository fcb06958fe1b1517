// Signing a user in as the SDKs do, for the commands that sign in (sign-in, enroll):
// USER_SRP_AUTH with the PASSWORD_VERIFIER challenge answered here (src/srp/client.ts), or
// USER_PASSWORD_AUTH; SECRET_HASH added wherever the app client has a secret. What comes back is
// the first answer after the password: tokens, or the next challenge with its Session.
import { createHmac } from 'node:crypto';
import type { Backend } from '../backend/backend.ts';
import { OperationFailed, ParamError } from '../errors.ts';
import type { Response } from '../model/index.ts';
import { SrpClient } from '../srp/client.ts';
import { callOp } from './calls.ts';
import type { AuthFlow } from './specs.ts';

export interface Credentials {
  backend: Backend;
  clientId: string;
  username: string;
  password: string;
  flow: AuthFlow;
  /** The app client's secret, when it has one: every call then carries SECRET_HASH. */
  clientSecret?: string | undefined;
  /** SRP needs the pool's name (the part after `_`); the local backend finds it from the client. */
  userPoolId?: string | undefined;
  now?: () => number;
  /**
   * A remembered device's key: sent in AuthParameters and in the PASSWORD_VERIFIER answer, as
   * amazon-cognito-identity-js sends it (Amplify only in the answer; the emulator takes both).
   */
  deviceKey?: string | undefined;
}

/** What follows the password, and the name the pool knows the user by (USER_ID_FOR_SRP, SRP only). */
export interface FirstAnswer {
  answer: SignInAnswer;
  userId?: string | undefined;
  /** The device key was refused as "Device does not exist.", and the sign-in went on without it. */
  deviceUnknown?: boolean;
}

/** Cognito's answer to a DEVICE_KEY that names no device of the user (reference §7.5). */
function unknownDevice(e: unknown): boolean {
  return (
    e instanceof OperationFailed &&
    e.code === 'ResourceNotFoundException' &&
    e.message === 'Device does not exist.'
  );
}

export type SignInAnswer = Response<'InitiateAuth'>;

/** Base64 of HMAC-SHA256(client secret, username + client id), as Cognito defines SECRET_HASH. */
export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', clientSecret)
    .update(username + clientId)
    .digest('base64');
}

/** The ChallengeResponses of the next step, SECRET_HASH added for `username` when needed. */
export function withSecretHash(
  c: Pick<Credentials, 'clientId' | 'clientSecret'>,
  username: string,
  responses: Record<string, string>,
): Record<string, string> {
  return c.clientSecret === undefined
    ? responses
    : { ...responses, SECRET_HASH: secretHash(c.clientSecret, username, c.clientId) };
}

/** InitiateAuth, then PASSWORD_VERIFIER for SRP: the answer that follows the password. */
export async function signInWithPassword(c: Credentials): Promise<SignInAnswer> {
  return (await signInFirst(c)).answer;
}

/**
 * signInWithPassword, with what a device sign-in needs besides: the user's name in the pool, and
 * whether the device key was unknown. That key is then dropped and the same step sent again
 * without it, as amazon-cognito-identity-js and Amplify do (the device was forgotten).
 */
export async function signInFirst(c: Credentials): Promise<FirstAnswer> {
  const device: Record<string, string> = c.deviceKey !== undefined ? { DEVICE_KEY: c.deviceKey } : {};
  if (c.flow === 'USER_PASSWORD_AUTH') {
    const initiate = (extra: Record<string, string>) =>
      callOp(c.backend, 'InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: c.clientId,
        AuthParameters: withSecretHash(c, c.username, {
          USERNAME: c.username,
          PASSWORD: c.password,
          ...extra,
        }),
      });
    try {
      return { answer: await initiate(device) };
    } catch (e) {
      if (c.deviceKey === undefined || !unknownDevice(e)) throw e;
      return { answer: await initiate({}), deviceUnknown: true };
    }
  }
  const known = c.userPoolId ?? c.backend.poolIdOfClient?.(c.clientId);
  // The local backend knows every client: one it cannot place does not exist, and the call below
  // gets the emulator's own answer for that (ResourceNotFoundException), before any proof is needed.
  const poolId = known ?? (c.backend.poolIdOfClient ? 'local_unknown' : undefined);
  if (poolId === undefined) {
    throw new ParamError(
      'USER_SRP_AUTH needs the user pool id (the SRP maths use the pool name after the "_"): pass --user-pool-id.',
    );
  }
  const srp = new SrpClient(poolId, c.now ? { now: c.now } : {});
  const first = await callOp(c.backend, 'InitiateAuth', {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: c.clientId,
    AuthParameters: withSecretHash(c, c.username, { USERNAME: c.username, SRP_A: srp.srpA, ...device }),
  });
  if (first.ChallengeName !== 'PASSWORD_VERIFIER') return { answer: first };
  const params = first.ChallengeParameters ?? {};
  // Cognito signs for USER_ID_FOR_SRP (the user's name in the pool, whatever alias signed in), and
  // the SDKs compute SECRET_HASH for that same name in this answer.
  const responses = srp.answer(params, c.password);
  const answer = (username: string, extra: Record<string, string> = device) =>
    callOp(c.backend, 'RespondToAuthChallenge', {
      ClientId: c.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: withSecretHash(c, username, { ...responses, USERNAME: username, ...extra }),
      ...(first.Session !== undefined ? { Session: first.Session } : {}),
    });
  const userId = responses.USERNAME!;
  try {
    return { answer: await answer(userId), userId };
  } catch (e) {
    if (c.deviceKey !== undefined && unknownDevice(e)) {
      return { answer: await answer(userId, {}), userId, deviceUnknown: true };
    }
    // moto_server gives its internal user id as USER_ID_FOR_SRP, then looks USERNAME up by name
    // and finds nobody (docs/emulator-semantics.md, moto): answer again with the name typed. Real
    // Cognito never gets here (USERNAME = USER_ID_FOR_SRP is what it expects from every SDK).
    if (
      e instanceof OperationFailed &&
      e.code === 'UserNotFoundException' &&
      responses.USERNAME !== c.username
    ) {
      return { answer: await answer(c.username), userId: c.username };
    }
    throw e;
  }
}

/** Cognito's answer when a client does not allow a flow (InvalidParameterException). */
export function flowNotEnabled(e: { code: string; message: string }, flow: AuthFlow): boolean {
  return e.code === 'InvalidParameterException' && e.message.includes(`${flow} flow not enabled`);
}
