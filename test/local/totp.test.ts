import { describe, expect, it } from 'vitest';
import { codeAt, matchStep, newSecret, stepAt } from '../../src/backend/local/totp.ts';
import { nodeCrypto, nodeCryptoLoaded } from '../../src/shared/node-crypto.ts';

// RFC 6238 appendix B: the seeds are the ASCII strings below, as base32.
const b32 = (ascii: string) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const byte of Buffer.from(ascii)) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5)
    out += alphabet[Number.parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
};
const SHA1 = b32('12345678901234567890');
const SHA256 = b32('12345678901234567890123456789012');
const SHA512 = b32('1234567890123456789012345678901234567890123456789012345678901234');

const vectors: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('RFC 6238 test vectors', () => {
  for (const [t, sha1, sha256, sha512] of vectors) {
    it(`T=${t}`, () => {
      const step = Math.floor(t / 30);
      expect(codeAt(SHA1, step, { digits: 8 })).toBe(sha1);
      expect(codeAt(SHA256, step, { digits: 8, algorithm: 'SHA256' })).toBe(sha256);
      expect(codeAt(SHA512, step, { digits: 8, algorithm: 'SHA512' })).toBe(sha512);
    });
  }
});

describe('secrets and the clock window', () => {
  it('issues 52-character unpadded base32 secrets of 32 random bytes', () => {
    const fixed = newSecret((n) => new Uint8Array(n).fill(0xff));
    expect(fixed).toBe('7'.repeat(51) + 'Q');
    const a = newSecret((n) => crypto.getRandomValues(new Uint8Array(n)));
    const b = newSecret((n) => crypto.getRandomValues(new Uint8Array(n)));
    expect(a).toMatch(/^[A-Z2-7]{52}$/);
    expect(a).not.toBe(b);
  });

  it('accepts a code one step early or late and nothing further', () => {
    const now = 1_700_000_015_000;
    const s = stepAt(now);
    expect(matchStep(SHA1, codeAt(SHA1, s), now)).toBe(s);
    expect(matchStep(SHA1, codeAt(SHA1, s - 1), now)).toBe(s - 1);
    expect(matchStep(SHA1, codeAt(SHA1, s + 1), now)).toBe(s + 1);
    // Two steps away is refused unless it happens to collide with a code in the window.
    const far = codeAt(SHA1, s - 2);
    const window = [s - 1, s, s + 1].map((x) => codeAt(SHA1, x));
    if (!window.includes(far)) expect(matchStep(SHA1, far, now)).toBeUndefined();
    expect(matchStep(SHA1, '12345', now)).toBeUndefined();
  });
});

describe("the emulator's own check (HOTP over shared/sha.ts) against otpauth's codes", () => {
  it('matches the RFC 6238 SHA-1 vectors (their last six digits)', () => {
    for (const [t, sha1] of vectors)
      expect(matchStep(SHA1, sha1.slice(2), t * 1000)).toBe(Math.floor(t / 30));
  });

  it('finds the step of every code otpauth generates, for random secrets and times', () => {
    for (let i = 0; i < 200; i++) {
      const secret = newSecret((n) => crypto.getRandomValues(new Uint8Array(n)));
      const now = Math.floor(Math.random() * 4e12);
      const s = stepAt(now);
      const offset = (i % 3) - 1;
      const found = matchStep(secret, codeAt(secret, s + offset), now);
      // A code may collide with an earlier step's code in the window (1 in 10^6): the first wins.
      expect(found !== undefined && codeAt(secret, found) === codeAt(secret, s + offset)).toBe(true);
    }
  });

  it('reads secrets of any length base32 allows (seeded 16-character ones too)', () => {
    const secret = 'JBSWY3DPEHPK3PXP';
    const now = 1_700_000_000_000;
    expect(matchStep(secret, codeAt(secret, stepAt(now)), now)).toBe(stepAt(now));
    expect(matchStep(`${secret}======`, codeAt(secret, stepAt(now)), now)).toBe(stepAt(now));
  });
});

describe('the same check with OpenSSL, once the process has node:crypto loaded (the server)', () => {
  it('finds the same steps as the JavaScript HMAC did, for random secrets and times', () => {
    const cases = Array.from({ length: 100 }, () => ({
      secret: newSecret((n) => crypto.getRandomValues(new Uint8Array(n))),
      now: Math.floor(Math.random() * 4e12),
    }));
    expect(nodeCryptoLoaded()).toBe(false);
    const before = cases.map(({ secret, now }) => matchStep(secret, codeAt(secret, stepAt(now)), now));
    nodeCrypto();
    expect(nodeCryptoLoaded()).toBe(true);
    const after = cases.map(({ secret, now }) => matchStep(secret, codeAt(secret, stepAt(now)), now));
    expect(after).toEqual(before);
    // Every code was found (at its own step, or an earlier one in the window with the same code).
    for (const [i, step] of after.entries()) {
      const { secret, now } = cases[i]!;
      expect(step !== undefined && codeAt(secret, step) === codeAt(secret, stepAt(now))).toBe(true);
    }
  });
});
