// RS256 signature verification (RSASSA-PKCS1-v1_5 with SHA-256, RFC 8017 §8.2.2) in plain
// JavaScript, for a process that checks one access token and has not loaded node:crypto: a
// public-key operation with e = 65537 is 17 multiplications of 2048-bit numbers (~0.1 ms with
// BigInt), where loading node:crypto costs ~3 ms (see sha.ts). A process that has node:crypto
// loaded (the server, a command that also signs) verifies with OpenSSL instead (tokens.ts).
//
// As RFC 8017 §8.2.2 step 3 prescribes, the expected encoding is built and compared whole, rather
// than the decrypted block parsed: nothing in a forged signature is ever interpreted, which is
// what keeps PKCS#1 v1.5 verification out of Bleichenbacher's 2006 signature-forgery trap.
import { sha256 } from './sha.ts';

export interface RsaPublicKey {
  n: bigint;
  e: bigint;
  /** The modulus's length in bytes (k in RFC 8017). */
  k: number;
}

/** DigestInfo for SHA-256 before the hash itself (RFC 8017 §9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');
/** rsaEncryption, 1.2.840.113549.1.1.1, as its DER content bytes. */
const RSA_ENCRYPTION = Buffer.from('2a864886f70d010101', 'hex');

/** One DER element: its tag, where its content is, and where the next element starts. */
function element(der: Uint8Array, at: number, tag: number): { start: number; end: number } {
  if (der[at] !== tag) throw new Error('unexpected DER tag');
  let len = der[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const bytes = len & 0x7f;
    if (bytes < 1 || bytes > 3) throw new Error('unsupported DER length');
    len = 0;
    for (let i = 0; i < bytes; i++) len = len * 256 + der[start + i]!;
    start += bytes;
  }
  const end = start + len;
  if (end > der.length) throw new Error('DER element overruns its container');
  return { start, end };
}

const toBigInt = (bytes: Uint8Array): bigint =>
  bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);

/**
 * The public half (n, e) of an RSA private key in PKCS#8 PEM, as the state file keeps each pool's
 * key (RFC 5208 PrivateKeyInfo holding an RFC 8017 RSAPrivateKey). Throws on anything else.
 */
export function rsaPublicOfPkcs8(pem: string): RsaPublicKey {
  const b64 = pem.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, '').replace(/\s+/g, '');
  const der = Buffer.from(b64, 'base64');
  const info = element(der, 0, 0x30);
  const version = element(der, info.start, 0x02);
  const algorithm = element(der, version.end, 0x30);
  const oid = element(der, algorithm.start, 0x06);
  if (!der.subarray(oid.start, oid.end).equals(RSA_ENCRYPTION)) throw new Error('not an RSA key');
  const octets = element(der, algorithm.end, 0x04);
  const rsa = element(der, octets.start, 0x30);
  const rsaVersion = element(der, rsa.start, 0x02);
  const n = element(der, rsaVersion.end, 0x02);
  const e = element(der, n.end, 0x02);
  const modulus = toBigInt(der.subarray(n.start, n.end));
  const exponent = toBigInt(der.subarray(e.start, e.end));
  // Keys are made 2048-bit with e = 65537 (tokens.ts): a modulus outside 1024 to 16384 bits (OpenSSL's
  // own limit), or an exponent that is not small and odd, is a damaged key, and a huge one would
  // make each check cost seconds.
  if (
    modulus < 2n ** 1023n ||
    modulus >= 2n ** 16384n ||
    exponent < 3n ||
    exponent > 0xffffffffn ||
    exponent % 2n === 0n
  )
    throw new Error('implausible RSA key');
  return { n: modulus, e: exponent, k: Math.ceil(modulus.toString(16).length / 2) };
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** Whether `signature` is the key's RS256 signature of `data` (RFC 8017 §8.2.2). */
export function verifyRs256(key: RsaPublicKey, data: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== key.k) return false;
  const s = toBigInt(signature);
  if (s >= key.n) return false;
  const m = modPow(s, key.e, key.n);
  // EM = 0x00 || 0x01 || PS (0xff bytes) || 0x00 || DigestInfo || H, k bytes (EMSA-PKCS1-v1_5).
  const hash = sha256(data);
  const em = Buffer.alloc(key.k, 0xff);
  em[0] = 0x00;
  em[1] = 0x01;
  const tail = SHA256_DIGEST_INFO.length + hash.length;
  em[key.k - tail - 1] = 0x00;
  em.set(SHA256_DIGEST_INFO, key.k - tail);
  em.set(hash, key.k - hash.length);
  return m === toBigInt(em);
}
