// Owns the SRP-6a maths as Amazon Cognito uses it (group, padding, hashes, keys, signature,
// timestamp), shared by the server half (server.ts) and the client half (client.ts).
// Sources: amazon-cognito-identity-js AuthenticationHelper/DateHelper and Amplify's srp helpers
// (read, not copied); see /work/shared/reference/cognito-srp-and-devices.md §1-6.
import type { DiffieHellman } from 'node:crypto';
import { nodeCrypto } from '../shared/node-crypto.ts';

/** RFC 5054's 3072-bit group, g = 2. */
const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';
export const N = BigInt(`0x${N_HEX}`);
export const g = 2n;
const N_BUF = Buffer.from(N_HEX, 'hex');
const G_BUF = Buffer.from([2]);
/** Bytes of a number of the group, big-endian, as long as N. */
export const N_BYTES = N_BUF.length;

/** Big-endian bytes of n ≥ 0, without leading zeros (at least one byte). */
export function toBytes(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex');
}

export function fromBytes(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt(`0x${Buffer.from(b).toString('hex')}`);
}

/**
 * Cognito's padHex: lowercase hex, even length, with a 00 byte in front when the top bit is set
 * (Java's BigInteger.toByteArray). pad(N) is 385 bytes; RFC 5054's 384-byte padding gives a
 * different k, and Cognito would refuse every signature.
 */
export function padHex(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

export function pad(n: bigint): Buffer {
  return Buffer.from(padHex(n), 'hex');
}

export function sha256(...parts: (Uint8Array | string)[]): Buffer {
  const h = nodeCrypto().createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

/**
 * One DiffieHellman object for every modPow: a fresh one sets up its Montgomery context for N again
 * at its first exponentiation, about 0.09 ms of the 0.7 ms each one takes (five per SRP sign-in
 * between the server and its client). Calls are synchronous, so they never share it mid-way.
 */
let dh: DiffieHellman | undefined;

/**
 * base^exp mod N at native speed: OpenSSL's Diffie-Hellman with `exp` as the private key computes
 * g^exp (generateKeys) or base^exp (computeSecret, with base as the peer's public key). A BigInt
 * square-and-multiply loop on 3072-bit numbers is about a hundred times slower.
 * OpenSSL refuses 0, 1 and N-1 as a public key; their powers are trivial, so they are answered here.
 */
export function modPow(base: bigint, exp: bigint): bigint {
  if (exp < 0n) throw new RangeError('negative exponent');
  const b = ((base % N) + N) % N;
  if (exp === 0n) return 1n;
  if (b === 0n || b === 1n) return b;
  if (b === N - 1n) return exp & 1n ? b : 1n;
  dh ??= nodeCrypto().createDiffieHellman(N_BUF, G_BUF);
  dh.setPrivateKey(toBytes(exp));
  return fromBytes(b === g ? dh.generateKeys() : dh.computeSecret(toBytes(b)));
}

let kCached: bigint | undefined;
/**
 * k = H(pad(N) | pad(g)), computed on first use: this module is loaded by every command that opens
 * the state (a password set keeps a verifier), and most never run SRP.
 */
export function multiplierK(): bigint {
  kCached ??= fromBytes(sha256(pad(N), pad(g)));
  return kCached;
}

/** u = H(pad(A) | pad(B)). */
export function computeU(A: bigint, B: bigint): bigint {
  return fromBytes(sha256(pad(A), pad(B)));
}

/** x = H(pad(salt) | H(poolName | userIdForSrp | ":" | password)). */
export function computeX(salt: bigint, poolName: string, userId: string, password: string): bigint {
  return fromBytes(sha256(pad(salt), sha256(`${poolName}${userId}:${password}`)));
}

/** v = g^x: what the server keeps instead of the password. */
export function verifier(salt: bigint, poolName: string, userId: string, password: string): bigint {
  return modPow(g, computeX(salt, poolName, userId, password));
}

/** The "Caldera Derived Key": HKDF-SHA256 with salt pad(u), key material pad(S), first 16 bytes. */
export function derivedKey(S: bigint, u: bigint): Buffer {
  const { createHmac } = nodeCrypto();
  const prk = createHmac('sha256', pad(u)).update(pad(S)).digest();
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from('Caldera Derived Key'), Buffer.from([1])]))
    .digest()
    .subarray(0, 16);
}

/** PASSWORD_CLAIM_SIGNATURE = base64(HMAC(K, poolName | userIdForSrp | secret block bytes | timestamp)). */
export function claimSignature(
  key: Uint8Array,
  poolName: string,
  userId: string,
  secretBlock: string,
  timestamp: string,
): string {
  return nodeCrypto()
    .createHmac('sha256', key)
    .update(poolName)
    .update(userId)
    .update(Buffer.from(secretBlock, 'base64'))
    .update(timestamp)
    .digest('base64');
}

/** The pool name in SRP: the part of the pool id after '_' (us-east-1_AbCdEfGhI -> AbCdEfGhI). */
export function poolNameOf(poolId: string): string {
  return poolId.slice(poolId.indexOf('_') + 1);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/**
 * The TIMESTAMP clients send: "EEE MMM d HH:mm:ss UTC yyyy" in UTC with English names and the day
 * of the month not padded ("Tue Mar 5 09:07:03 UTC 2024"), as amazon-cognito-identity-js's
 * DateHelper, Amplify's getNowString and the .NET extension write it.
 */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  return (
    `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`
  );
}

/**
 * The instant a TIMESTAMP names (ms), or undefined when it is not in that shape. A padded day or
 * a wrong weekday still parses: the server signs the canonical rendering, so such a claim then
 * fails as a wrong signature, as Cognito's does.
 */
export function parseTimestamp(text: string): number | undefined {
  const m =
    /^([A-Z][a-z]{2}) ([A-Z][a-z]{2}) ([0-9]{1,2}) ([0-9]{2}):([0-9]{2}):([0-9]{2}) UTC ([0-9]{4})$/.exec(
      text,
    );
  if (!m) return undefined;
  const [, day, mon, dd, hh, mi, ss, yyyy] = m;
  const month = MONTHS.indexOf(mon!);
  if (!DAYS.includes(day!) || month < 0) return undefined;
  const ms = Date.UTC(Number(yyyy), month, Number(dd), Number(hh), Number(mi), Number(ss));
  const d = new Date(ms);
  if (d.getUTCDate() !== Number(dd) || d.getUTCHours() !== Number(hh) || d.getUTCMinutes() !== Number(mi))
    return undefined;
  if (Number(ss) > 59) return undefined;
  return ms;
}

/** A hex number from the wire (any case, at most N's length), or undefined. */
export function parseHex(text: string | undefined, maxChars = N_BYTES * 2 + 2): bigint | undefined {
  if (text === undefined || text.length === 0 || text.length > maxChars || !/^[0-9a-fA-F]+$/.test(text))
    return undefined;
  return BigInt(`0x${text}`);
}
