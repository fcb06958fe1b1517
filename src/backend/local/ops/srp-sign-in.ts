// USER_SRP_AUTH on the local emulator: the PASSWORD_VERIFIER challenge (SRP_B, SALT, SECRET_BLOCK)
// and the check of its PASSWORD_CLAIM_SIGNATURE, with the maths of src/srp/.
import { ServiceError } from '../../../errors.ts';
import type { Request, Response } from '../../../model/index.ts';
import { nodeCrypto } from '../../../shared/node-crypto.ts';
import {
  claimSignature,
  formatTimestamp,
  fromBytes,
  N,
  N_BYTES,
  parseHex,
  parseTimestamp,
  poolNameOf,
  sha256,
  toBytes,
} from '../../../srp/math.ts';
import { serverB, serverKey } from '../../../srp/server.ts';
import { type Ctx, invalidParameter, srpOf } from '../context.ts';
import type { Client, Pool } from '../state/document.ts';
import { persisting } from '../state/file.ts';
import { confirmedDevice } from './device-records.ts';
import {
  afterPasswordChecked,
  checkPasswordLock,
  checkSecretHash,
  passwordFailed,
  requireParam,
} from './password-steps.ts';

type AuthResponse = Response<'InitiateAuth'>;

/**
 * How far TIMESTAMP may be from the server's clock. Cognito says only "within a few seconds"
 * (API reference, RespondToAuthChallenge); 5 minutes forgives a test machine's drift [INFER].
 */
const TIMESTAMP_WINDOW_MS = 5 * 60 * 1000;

/**
 * SECRET_BLOCK: version 1, a random nonce, then A and B at N's width. It is echoed by the client
 * and signed, never trusted: the session record is keyed by its hash, so a block the server did
 * not issue (or one altered in a single bit) is unknown, and it is used once. b is not in it nor in
 * the state file: it is derived from the nonce with a key from the pool's private signing key.
 */
const BLOCK_VERSION = 1;
const NONCE_BYTES = 32;
const BLOCK_BYTES = 1 + NONCE_BYTES + 2 * N_BYTES;

function fixed(n: bigint): Buffer {
  const b = toBytes(n);
  return Buffer.concat([Buffer.alloc(N_BYTES - b.length), b]);
}

function privateB(pool: Pool, nonce: Uint8Array, version: number): bigint {
  // A device's b is drawn apart from a password's (another label): one never stands for the other.
  const label = version === BLOCK_VERSION ? 'cognito-totp SRP b\n' : `cognito-totp SRP b v${version}\n`;
  const key = sha256(label, pool.key.pem);
  return fromBytes(nodeCrypto().createHmac('sha256', key).update(nonce).digest());
}

export const invalidSession = () =>
  new ServiceError('NotAuthorizedException', 'Invalid session for the user.');

/**
 * A SECRET_BLOCK for A against verifier v: its version byte (1: a password, 2: a device), a fresh
 * nonce, A and B. Returns the block and B.
 */
export function srpBlock(
  ctx: Ctx,
  pool: Pool,
  v: bigint,
  A: bigint,
  version: number,
): { block: string; B: bigint } {
  let nonce: Uint8Array;
  let B: bigint;
  do {
    nonce = ctx.env.randomBytes(NONCE_BYTES);
    B = serverB(v, privateB(pool, nonce, version));
  } while (B === 0n); // clients refuse B ≡ 0; a fresh nonce draws another b
  const block = Buffer.concat([Buffer.from([version]), nonce, fixed(A % N), fixed(B)]).toString('base64');
  return { block, B };
}

/** The client's SRP_A: a hex number not ≡ 0 (mod N), else InvalidParameterException. */
export function parseSrpA(srpA: string): bigint {
  const A = parseHex(srpA);
  // A ≡ 0 (mod N) would make the server's S 0 whatever the password: refuse it (SRP-6a's check).
  if (A === undefined || A % N === 0n) throw invalidParameter('SRP_A is not a valid SRP public value.');
  return A;
}

/**
 * TIMESTAMP checked (reference §7.3): its instant, or the error to throw (InvalidParameterException
 * for a malformed one, NotAuthorizedException for one too far from the server's clock).
 */
export function claimInstant(ctx: Ctx, timestamp: string): number | Error {
  const at = parseTimestamp(timestamp);
  if (at === undefined) {
    return invalidParameter('TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.');
  }
  if (Math.abs(at - ctx.nowMs) > TIMESTAMP_WINDOW_MS) {
    return new ServiceError(
      'NotAuthorizedException',
      'TIMESTAMP is more than 5 minutes away from the server clock; check the clock of the client.',
    );
  }
  return at;
}

/**
 * Whether `signature` proves knowledge of the secret behind verifier v for a block the server
 * issued (srpBlock, same version), signed over the canonical rendering of `at` with the stored
 * poolName and userId (reference §6-7). undefined: the block is not one of this version.
 */
export function claimHolds(
  pool: Pool,
  block: string,
  version: number,
  v: bigint,
  poolName: string,
  userId: string,
  at: number,
  signature: string,
): boolean | undefined {
  const raw = Buffer.from(block, 'base64');
  if (raw.length !== BLOCK_BYTES || raw[0] !== version) return undefined;
  const nonce = raw.subarray(1, 1 + NONCE_BYTES);
  const A = fromBytes(raw.subarray(1 + NONCE_BYTES, 1 + NONCE_BYTES + N_BYTES));
  const B = fromBytes(raw.subarray(1 + NONCE_BYTES + N_BYTES));
  // Signed over the canonical rendering of the instant: "Mar 05" or a wrong weekday fails here.
  const key = serverKey(A, B, privateB(pool, nonce, version), v);
  const expected = Buffer.from(claimSignature(key, poolName, userId, block, formatTimestamp(at)));
  const given = Buffer.from(signature);
  return expected.length === given.length && nodeCrypto().timingSafeEqual(expected, given);
}

export function srpInitiate(
  ctx: Ctx,
  pool: Pool,
  client: Client,
  clientId: string,
  params: Record<string, string> | undefined,
  admin: boolean,
): AuthResponse {
  const username = requireParam(params, 'USERNAME');
  const srpA = requireParam(params, 'SRP_A');
  checkSecretHash(client, clientId, username, params);
  const A = parseSrpA(srpA);
  const user = ctx.user(pool, username);
  checkPasswordLock(ctx, user);
  const srp = srpOf(user);
  if (!srp) {
    if (!user.pw) throw new ServiceError('NotAuthorizedException', 'Incorrect username or password.');
    throw new ServiceError(
      'NotAuthorizedException',
      `User ${username} cannot sign in with USER_SRP_AUTH yet: the password was set before this emulator kept SRP verifiers. ` +
        'Sign in once with USER_PASSWORD_AUTH (or ADMIN_USER_PASSWORD_AUTH), or set the password again with admin-set-user-password; USER_SRP_AUTH works from then on.',
    );
  }
  const { block, B } = srpBlock(ctx, pool, srp.v, A, BLOCK_VERSION);
  ctx.keepSession(block, pool, clientId, username, 'PASSWORD_VERIFIER', admin);
  // A DEVICE_KEY here (amazon-cognito-identity-js sends it) is kept for the answer, which may
  // also carry it (Amplify sends it only there): reference §2.
  const deviceKey = params?.DEVICE_KEY;
  if (typeof deviceKey === 'string' && deviceKey !== '') ctx.sessionRecord(block)!.device = deviceKey;
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: srp.salt.toString(16),
      SRP_B: B.toString(16),
      SECRET_BLOCK: block,
      USERNAME: username,
      USER_ID_FOR_SRP: username,
    },
  };
}

export function srpVerify(
  ctx: Ctx,
  pool: Pool,
  client: Client,
  clientId: string,
  req: Request<'RespondToAuthChallenge'>,
  admin: boolean,
): AuthResponse {
  const responses = req.ChallengeResponses;
  const block = requireParam(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const signature = requireParam(responses, 'PASSWORD_CLAIM_SIGNATURE');
  const timestamp = requireParam(responses, 'TIMESTAMP');
  const username = requireParam(responses, 'USERNAME');
  const rec = ctx.peekSession(block, ['PASSWORD_VERIFIER']);
  if (rec.pool !== pool.id || rec.client !== clientId || rec.admin !== admin) throw invalidSession();
  // From here on the block is spent, whatever the outcome: every refusal persists its removal.
  ctx.dropSession(rec.key);
  const refuse = (e: Error) => persisting(e);
  if (username !== rec.user) throw refuse(invalidSession());
  try {
    checkSecretHash(client, clientId, rec.user, responses);
  } catch (e) {
    throw refuse(e as Error);
  }
  const at = claimInstant(ctx, timestamp);
  if (at instanceof Error) throw refuse(at);
  const user = ctx.user(pool, rec.user);
  try {
    checkPasswordLock(ctx, user);
  } catch (e) {
    throw refuse(e as Error);
  }
  const srp = srpOf(user);
  const holds = srp
    ? claimHolds(pool, block, BLOCK_VERSION, srp.v, poolNameOf(pool.id), rec.user, at, signature)
    : false;
  if (holds === undefined) throw refuse(invalidSession());
  const ok = holds;
  if (!ok) throw passwordFailed(ctx, user);
  // The answer's DEVICE_KEY decides; without one, InitiateAuth's if it names a device of this user
  // (amazon-cognito-identity-js answers "Device does not exist." by resending this same answer
  // without the key: the InitiateAuth one must then not fail it again).
  const answered = responses?.DEVICE_KEY;
  const deviceKey =
    typeof answered === 'string' && answered !== ''
      ? answered
      : rec.device !== undefined && confirmedDevice(user, rec.device)
        ? rec.device
        : undefined;
  return afterPasswordChecked(ctx, pool, clientId, rec.user, user, admin, deviceKey);
}
