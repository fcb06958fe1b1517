// TOTP as Cognito uses it: RFC 6238, HMAC-SHA1, 6 digits, 30-second steps, one step of clock skew
// either side ("Amazon Cognito also accepts TOTP tokens that are one 30-second window early or
// late", developer guide, user-pool-settings-mfa-totp). Time and randomness are parameters.
import { timingSafeEqual } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

export const PERIOD = 30;
export const DIGITS = 6;

/** A fresh secret: 32 random bytes as unpadded base32 (52 characters), as real Cognito issues. */
export function newSecret(randomBytes: (n: number) => Uint8Array): string {
  return new Secret({ buffer: randomBytes(32).slice().buffer }).base32.replace(/=+$/, '');
}

export function stepAt(nowMs: number, period = PERIOD): number {
  return Math.floor(nowMs / 1000 / period);
}

export interface CodeOptions {
  algorithm?: 'SHA1' | 'SHA256' | 'SHA512';
  digits?: number;
  period?: number;
}

/** The code for a time step. */
export function codeAt(secretBase32: string, step: number, opts: CodeOptions = {}): string {
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
 * Which step of [now-1, now, now+1] the code belongs to, or undefined. Every candidate is
 * compared in constant time, and all three are always computed, so timing says nothing about
 * which (if any) matched.
 */
export function matchStep(secretBase32: string, code: string, nowMs: number): number | undefined {
  const now = stepAt(nowMs);
  const given = Buffer.from(code.padEnd(DIGITS, '\0').slice(0, 16));
  let found: number | undefined;
  for (const step of [now - 1, now, now + 1]) {
    const expected = Buffer.from(codeAt(secretBase32, step).padEnd(DIGITS, '\0').slice(0, 16));
    const same = expected.length === given.length && timingSafeEqual(expected, given);
    if (same && found === undefined) found = step;
  }
  return found;
}
