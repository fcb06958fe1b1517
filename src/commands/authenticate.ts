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
  if (c.flow === 'USER_PASSWORD_AUTH') {
    return callOp(c.backend, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: c.clientId,
      AuthParameters: withSecretHash(c, c.username, { USERNAME: c.username, PASSWORD: c.password }),
    });
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
    AuthParameters: withSecretHash(c, c.username, { USERNAME: c.username, SRP_A: srp.srpA }),
  });
  if (first.ChallengeName !== 'PASSWORD_VERIFIER') return first;
  const params = first.ChallengeParameters ?? {};
  // Cognito signs for USER_ID_FOR_SRP (the user's name in the pool, whatever alias signed in), and
  // the SDKs compute SECRET_HASH for that same name in this answer.
  const responses = srp.answer(params, c.password);
  const answer = (username: string) =>
    callOp(c.backend, 'RespondToAuthChallenge', {
      ClientId: c.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: withSecretHash(c, username, { ...responses, USERNAME: username }),
      ...(first.Session !== undefined ? { Session: first.Session } : {}),
    });
  try {
    return await answer(responses.USERNAME!);
  } catch (e) {
    // moto_server gives its internal user id as USER_ID_FOR_SRP, then looks USERNAME up by name
    // and finds nobody (docs/emulator-semantics.md, moto): answer again with the name typed. Real
    // Cognito never gets here (USERNAME = USER_ID_FOR_SRP is what it expects from every SDK).
    if (
      e instanceof OperationFailed &&
      e.code === 'UserNotFoundException' &&
      responses.USERNAME !== c.username
    ) {
      return answer(c.username);
    }
    throw e;
  }
}

/** Cognito's answer when a client does not allow a flow (InvalidParameterException). */
export function flowNotEnabled(e: { code: string; message: string }, flow: AuthFlow): boolean {
  return e.code === 'InvalidParameterException' && e.message.includes(`${flow} flow not enabled`);
}
