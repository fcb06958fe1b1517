// TOTP as Cognito uses it: RFC 6238, HMAC-SHA1, 6 digits, 30-second steps, one step of clock skew
// either side ("Amazon Cognito also accepts TOTP tokens that are one 30-second window early or
// late", developer guide, user-pool-settings-mfa-totp). Time and randomness are parameters.
//
// The emulator checks codes with its own HOTP (RFC 4226 §5.3) over the SHA-1 of shared/sha.ts, so a
// verify never loads node:crypto (see sha.ts); codes are generated for people and tests by the
// otpauth package (codeAt), an independent implementation of the same RFCs, so every test that
// answers the emulator with a generated code checks one against the other.
import { loadOtpauth } from '../../shared/lazy.ts';
import { nodeCrypto, nodeCryptoLoaded } from '../../shared/node-crypto.ts';
import { constantTimeEqual, hmac, sha1 } from '../../shared/sha.ts';

export const PERIOD = 30;
export const DIGITS = 6;

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding. */
function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** RFC 4648 base32 (padding ignored) as bytes; the state file's checks let only A-Z, 2-7 through. */
function base32Decode(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const ch of clean) {
    const digit = BASE32_ALPHABET.indexOf(ch);
    if (digit < 0) throw new Error('not base32');
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out[at++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return out;
}

/** A fresh secret: 32 random bytes as unpadded base32 (52 characters), as real Cognito issues. */
export function newSecret(randomBytes: (n: number) => Uint8Array): string {
  return base32Encode(randomBytes(32));
}

export function stepAt(nowMs: number, period = PERIOD): number {
  return Math.floor(nowMs / 1000 / period);
}

export interface CodeOptions {
  algorithm?: 'SHA1' | 'SHA256' | 'SHA512';
  digits?: number;
  period?: number;
}

/** The code for a time step, by otpauth (any algorithm, digits and period an authenticator app may use). */
export function codeAt(secretBase32: string, step: number, opts: CodeOptions = {}): string {
  const { TOTP, Secret } = loadOtpauth();
  const period = opts.period ?? PERIOD;
  return TOTP.generate({
    secret: Secret.fromBase32(secretBase32),
    algorithm: opts.algorithm ?? 'SHA1',
    digits: opts.digits ?? DIGITS,
    period,
    timestamp: step * period * 1000,
  });
}

/**
 * Cognito's code for a step: HOTP (RFC 4226 §5.3) with HMAC-SHA1, 6 digits. With OpenSSL when this
 * process has node:crypto loaded already (the server: about a third of the time), else in JavaScript.
 */
function cognitoCode(key: Uint8Array, step: number): string {
  const counter = new Uint8Array(8);
  const view = new DataView(counter.buffer);
  view.setUint32(0, Math.floor(step / 2 ** 32));
  view.setUint32(4, step >>> 0);
  const mac = nodeCryptoLoaded()
    ? nodeCrypto().createHmac('sha1', key).update(counter).digest()
    : hmac(sha1, key, counter);
  const offset = mac[19]! & 0x0f;
  const binary = new DataView(mac.buffer, mac.byteOffset + offset, 4).getUint32(0) & 0x7fffffff;
  return String(binary % 10 ** DIGITS).padStart(DIGITS, '0');
}

/**
 * Which step of [now-1, now, now+1] the code belongs to, or undefined. Every candidate is
 * compared in constant time, and all three are always computed, so timing says nothing about
 * which (if any) matched.
 */
export function matchStep(secretBase32: string, code: string, nowMs: number): number | undefined {
  const now = stepAt(nowMs);
  const key = base32Decode(secretBase32);
  const given = Buffer.from(code.padEnd(DIGITS, '\0').slice(0, 16));
  let found: number | undefined;
  for (const step of [now - 1, now, now + 1]) {
    const expected = Buffer.from(cognitoCode(key, step));
    const same = expected.length === given.length && constantTimeEqual(expected, given);
    if (same && found === undefined) found = step;
  }
  return found;
}
