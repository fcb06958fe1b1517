// Owns the client half of Cognito's SRP sign-in: the random a and SRP_A for USER_SRP_AUTH, and the
// ChallengeResponses of PASSWORD_VERIFIER (used by tests now, and by the CLI's sign-in command).
import { nodeCrypto } from '../shared/node-crypto.ts';
import {
  claimSignature,
  computeU,
  computeX,
  derivedKey,
  formatTimestamp,
  fromBytes,
  g,
  modPow,
  multiplierK,
  N,
  pad,
  parseHex,
  poolNameOf,
} from './math.ts';

export interface SrpClientOptions {
  /** Randomness for a (A_BYTES). */
  randomBytes?: (n: number) => Uint8Array;
  /** Milliseconds since the epoch, for TIMESTAMP. */
  now?: () => number;
  /** The "pool name" of the maths, when it is not the pool id's: a device's DeviceGroupKey. */
  poolName?: string;
}

export class SrpClientError extends Error {}

/**
 * a: 256 bits, as RFC 5054 (§2.5.4) asks of SRP's private values ("at least 256-bit random
 * numbers", for about 128 bits of security, which is what its 3072-bit group gives). The SDKs
 * draw 128 bytes (amazon-cognito-identity-js, Amplify): no safer in this group, and each of the two
 * exponentiations with a costs four times as much (about 2 ms more of a CLI sign-in). The server
 * cannot tell the difference: A is g^a either way.
 */
const A_BYTES = 32;

/** One SRP sign-in attempt: make it, send `srpA` as SRP_A, then `answer` the PASSWORD_VERIFIER challenge. */
export class SrpClient {
  readonly poolName: string;
  private readonly a: bigint;
  private readonly A: bigint;
  private readonly now: () => number;

  constructor(poolId: string, opts: SrpClientOptions = {}) {
    const random = opts.randomBytes ?? ((n: number) => nodeCrypto().randomBytes(n));
    this.poolName = opts.poolName ?? poolNameOf(poolId);
    this.now = opts.now ?? Date.now;
    let a: bigint;
    let A: bigint;
    // A mod N = 0 would be refused by the server (and leak nothing); draw again, as the SDKs do.
    do {
      a = fromBytes(random(A_BYTES));
      A = modPow(g, a);
    } while (A === 0n || a === 0n);
    this.a = a;
    this.A = A;
  }

  /** SRP_A: the hex of A, unpadded, lowercase. */
  get srpA(): string {
    return this.A.toString(16);
  }

  /**
   * The ChallengeResponses for PASSWORD_VERIFIER (without SECRET_HASH, which the caller adds for the
   * returned USERNAME when the client has a secret). `params` are the challenge's ChallengeParameters.
   */
  answer(params: Record<string, string | undefined>, password: string): Record<string, string> {
    const userId = params.USER_ID_FOR_SRP;
    if (!userId) throw new SrpClientError('The PASSWORD_VERIFIER challenge lacks USER_ID_FOR_SRP.');
    return { USERNAME: userId, ...this.claim(params, userId, password) };
  }

  /**
   * The ChallengeResponses for DEVICE_PASSWORD_VERIFIER: the same proof with the DeviceGroupKey as
   * pool name (give it as `poolName` when making this client), the DeviceKey as user id and the
   * device password (reference §8, as amazon-cognito-identity-js's getDeviceResponse computes it).
   */
  answerDevice(
    params: Record<string, string | undefined>,
    username: string,
    device: DeviceSecret,
  ): Record<string, string> {
    return {
      USERNAME: username,
      ...this.claim(params, device.deviceKey, device.password),
      DEVICE_KEY: device.deviceKey,
    };
  }

  private claim(
    params: Record<string, string | undefined>,
    userId: string,
    password: string,
  ): Record<string, string> {
    const B = parseHex(params.SRP_B);
    const salt = parseHex(params.SALT);
    const block = params.SECRET_BLOCK;
    if (B === undefined || salt === undefined || !block) {
      throw new SrpClientError('The challenge lacks SRP_B, SALT or SECRET_BLOCK.');
    }
    if (B % N === 0n) throw new SrpClientError('The server sent an invalid SRP_B (B mod N = 0).');
    const u = computeU(this.A, B);
    if (u === 0n) throw new SrpClientError('The server sent an invalid SRP_B (u = 0).');
    const x = computeX(salt, this.poolName, userId, password);
    const base = (((B - multiplierK() * modPow(g, x)) % N) + N) % N;
    const S = modPow(base, this.a + u * x);
    const key = derivedKey(S, u);
    const timestamp = formatTimestamp(this.now());
    return {
      PASSWORD_CLAIM_SECRET_BLOCK: block,
      PASSWORD_CLAIM_SIGNATURE: claimSignature(key, this.poolName, userId, block, timestamp),
      TIMESTAMP: timestamp,
    };
  }
}

/** What a client keeps for a remembered device, and what confirm-device is sent. */
export interface DeviceSecret {
  deviceKey: string;
  groupKey: string;
  /** The random device password: base64 of 40 random bytes. */
  password: string;
  /** DeviceSecretVerifierConfig: base64 of pad(salt) and of pad(v). */
  config: { Salt: string; PasswordVerifier: string };
}

/**
 * A new device's secret and SRP verifier from NewDeviceMetadata, as amazon-cognito-identity-js's
 * generateHashDevice and Amplify's getNewDeviceMetadata make them (reference §8): 40 random bytes
 * of password, 16 of salt, v = g^H(pad(salt) | H(group | key | ":" | password)).
 */
export function newDeviceSecret(
  groupKey: string,
  deviceKey: string,
  randomBytes: (n: number) => Uint8Array = (n) => nodeCrypto().randomBytes(n),
): DeviceSecret {
  const password = Buffer.from(randomBytes(40)).toString('base64');
  const salt = fromBytes(randomBytes(16));
  const v = modPow(g, computeX(salt, groupKey, deviceKey, password));
  return {
    deviceKey,
    groupKey,
    password,
    config: { Salt: pad(salt).toString('base64'), PasswordVerifier: pad(v).toString('base64') },
  };
}
