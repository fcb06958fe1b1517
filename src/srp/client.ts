// Owns the client half of Cognito's SRP sign-in: the random a and SRP_A for USER_SRP_AUTH, and the
// ChallengeResponses of PASSWORD_VERIFIER (used by tests now, and by the CLI's sign-in command).
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import {
  claimSignature,
  computeU,
  computeX,
  derivedKey,
  formatTimestamp,
  fromBytes,
  g,
  k,
  modPow,
  N,
  parseHex,
  poolNameOf,
} from './math.ts';

export interface SrpClientOptions {
  /** Randomness for a (128 bytes, as amazon-cognito-identity-js and Amplify draw it). */
  randomBytes?: (n: number) => Uint8Array;
  /** Milliseconds since the epoch, for TIMESTAMP. */
  now?: () => number;
}

export class SrpClientError extends Error {}

/** One SRP sign-in attempt: make it, send `srpA` as SRP_A, then `answer` the PASSWORD_VERIFIER challenge. */
export class SrpClient {
  readonly poolName: string;
  private readonly a: bigint;
  private readonly A: bigint;
  private readonly now: () => number;

  constructor(poolId: string, opts: SrpClientOptions = {}) {
    const random = opts.randomBytes ?? ((n: number) => nodeRandomBytes(n));
    this.poolName = poolNameOf(poolId);
    this.now = opts.now ?? Date.now;
    let a: bigint;
    let A: bigint;
    // A mod N = 0 would be refused by the server (and leak nothing); draw again, as the SDKs do.
    do {
      a = fromBytes(random(128));
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
    const B = parseHex(params.SRP_B);
    const salt = parseHex(params.SALT);
    const block = params.SECRET_BLOCK;
    const userId = params.USER_ID_FOR_SRP;
    if (B === undefined || salt === undefined || !block || !userId) {
      throw new SrpClientError(
        'The PASSWORD_VERIFIER challenge lacks SRP_B, SALT, SECRET_BLOCK or USER_ID_FOR_SRP.',
      );
    }
    if (B % N === 0n) throw new SrpClientError('The server sent an invalid SRP_B (B mod N = 0).');
    const u = computeU(this.A, B);
    if (u === 0n) throw new SrpClientError('The server sent an invalid SRP_B (u = 0).');
    const x = computeX(salt, this.poolName, userId, password);
    const base = (((B - k * modPow(g, x)) % N) + N) % N;
    const S = modPow(base, this.a + u * x);
    const key = derivedKey(S, u);
    const timestamp = formatTimestamp(this.now());
    return {
      USERNAME: userId,
      PASSWORD_CLAIM_SECRET_BLOCK: block,
      PASSWORD_CLAIM_SIGNATURE: claimSignature(key, this.poolName, userId, block, timestamp),
      TIMESTAMP: timestamp,
    };
  }
}
