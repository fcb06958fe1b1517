// The SRP maths against the reference test vector (amazon-cognito-identity-js 6.3.21 and Amplify
// 6.21.1 agree on it, /work/shared/reference/cognito-srp-and-devices.md §10), with injected
// randomness and clock.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SrpClient } from '../../src/srp/client.ts';
import {
  claimSignature,
  computeU,
  computeX,
  formatTimestamp,
  g,
  modPow,
  multiplierK,
  N,
  padHex,
  parseTimestamp,
} from '../../src/srp/math.ts';
import { serverB, serverKey, verifier } from '../../src/srp/server.ts';

const POOL = 'us-east-1_AbCdEfGhI';
const SALT = 0xa1b2c3d4e5f60718293a4b5c6d7e8f90n;
const a = Buffer.from('37a1b2c3d4e5f60718293a4b5c6d7e8f9f8e7d6c5b4a39281706f5e4d3c2b1a0', 'hex');
const b = BigInt('0x1f2e3d4c5b6a79880f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778');
const BLOCK = 'b3BhcXVlLXNlY3JldC1ibG9jay1mb3ItdGVzdC12MSE=';
const AT = Date.UTC(2024, 2, 5, 9, 7, 3);
const sha = (n: bigint) => createHash('sha256').update(n.toString(16)).digest('hex');

describe('SRP maths (Cognito flavour)', () => {
  it('k is H(pad(N) | pad(g)) with the 385-byte padding', () => {
    expect(multiplierK().toString(16)).toBe(
      '538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6',
    );
    expect(padHex(N).length).toBe(770);
    expect(padHex(2n)).toBe('02');
    expect(padHex(0x80n)).toBe('0080');
  });

  it('modPow through node:crypto agrees with a BigInt square-and-multiply', () => {
    const slow = (base: bigint, e: bigint) => {
      let r = 1n;
      for (base %= N; e; e >>= 1n, base = (base * base) % N) if (e & 1n) r = (r * base) % N;
      return r;
    };
    for (const [base, e] of [
      [2n, 12345678901234567890n],
      [BigInt(`0x${randomBytes(300).toString('hex')}`), BigInt(`0x${randomBytes(32).toString('hex')}`)],
      [N + 5n, 3n],
      [N - 1n, 7n],
      [N - 1n, 8n],
      [1n, 99n],
      [0n, 5n],
      [7n, 0n],
    ] as const) {
      expect(modPow(base, e)).toBe(slow(base, e));
    }
  });

  it('reproduces the reference vector: A, x, v, B, u, S, K and the signature', () => {
    const client = new SrpClient(POOL, { randomBytes: () => a, now: () => AT });
    const A = BigInt(`0x${client.srpA}`);
    expect(client.srpA.startsWith('6cc7109f')).toBe(true);
    expect(sha(A)).toBe('d88e9a4fe86a90fafdb45b4d90278f3974cd152dc2ae8b7c355dbe0a5b8c916a');
    const x = computeX(SALT, 'AbCdEfGhI', 'alice', 'Passw0rd!');
    expect(x.toString(16)).toBe('9a3f56c411bef88aa8bab8193756c28959786254d79447050bee0dd4ff0fe507');
    const v = verifier(SALT, 'AbCdEfGhI', 'alice', 'Passw0rd!');
    expect(sha(v)).toBe('a20a69f730b16cf7e56c1b53e1b6c86f355cce8a1d6aba1b049f140fafdf0e38');
    const B = serverB(v, b);
    expect(B.toString(16).startsWith('60ee1d66')).toBe(true);
    expect(sha(B)).toBe('bde168ad30e24fe69eb2eacaea1f5cf3270d30506d78060c992b5146b4d7f01b');
    expect(computeU(A, B).toString(16)).toBe(
      '19731f214a1b8432653c4981af0fbc5416d06b710cd3c5ab1f2ebda477c784e4',
    );
    const S = modPow((A * modPow(v, computeU(A, B))) % N, b);
    expect(sha(S)).toBe('ec3a6dfb8e5b1663e5d5881ce271c257fd4f04ceb93fc1268387f65c4814a875');
    const K = serverKey(A, B, b, v);
    expect(K.toString('hex')).toBe('9c46234996c96938c8c86723185e473f');
    expect(claimSignature(K, 'AbCdEfGhI', 'alice', BLOCK, 'Tue Mar 5 09:07:03 UTC 2024')).toBe(
      'wElsQXNcVbpEvpv+h50yPEpz1Oyopb5ZUEHYOZypp1o=',
    );
    // The client half computes the same signature from the password alone.
    const answer = client.answer(
      {
        SRP_B: B.toString(16),
        SALT: SALT.toString(16),
        SECRET_BLOCK: BLOCK,
        USER_ID_FOR_SRP: 'alice',
        USERNAME: 'alice',
      },
      'Passw0rd!',
    );
    expect(answer).toEqual({
      USERNAME: 'alice',
      PASSWORD_CLAIM_SECRET_BLOCK: BLOCK,
      PASSWORD_CLAIM_SIGNATURE: 'wElsQXNcVbpEvpv+h50yPEpz1Oyopb5ZUEHYOZypp1o=',
      TIMESTAMP: 'Tue Mar 5 09:07:03 UTC 2024',
    });
    // A wrong password gives another signature; uppercase hex (the .NET client's) the same one.
    expect(
      client.answer(
        {
          SRP_B: B.toString(16),
          SALT: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
          SECRET_BLOCK: BLOCK,
          USER_ID_FOR_SRP: 'alice',
        },
        'Passw0rd?',
      ).PASSWORD_CLAIM_SIGNATURE,
    ).not.toBe(answer.PASSWORD_CLAIM_SIGNATURE);
    expect(
      client.answer(
        {
          SRP_B: B.toString(16).toUpperCase(),
          SALT: 'A1B2C3D4E5F60718293A4B5C6D7E8F90',
          SECRET_BLOCK: BLOCK,
          USER_ID_FOR_SRP: 'alice',
        },
        'Passw0rd!',
      ).PASSWORD_CLAIM_SIGNATURE,
    ).toBe(answer.PASSWORD_CLAIM_SIGNATURE);
  });

  it('client and server agree on K for random a, b and salt', () => {
    for (let i = 0; i < 3; i++) {
      const salt = BigInt(`0x${randomBytes(16).toString('hex')}`);
      const bb = BigInt(`0x${randomBytes(32).toString('hex')}`);
      const v = verifier(salt, 'Pool', 'bob', 'secret pw');
      const B = serverB(v, bb);
      const client = new SrpClient('eu-west-1_Pool', { now: () => AT });
      const params = {
        SRP_B: B.toString(16),
        SALT: salt.toString(16),
        SECRET_BLOCK: BLOCK,
        USER_ID_FOR_SRP: 'bob',
      };
      const ans = client.answer(params, 'secret pw');
      const K = serverKey(BigInt(`0x${client.srpA}`), B, bb, v);
      expect(ans.PASSWORD_CLAIM_SIGNATURE).toBe(claimSignature(K, 'Pool', 'bob', BLOCK, ans.TIMESTAMP!));
    }
    expect(g).toBe(2n);
  });

  it('formats TIMESTAMP as the SDKs do (day not padded, English, UTC) and parses it back', () => {
    expect(formatTimestamp(AT)).toBe('Tue Mar 5 09:07:03 UTC 2024');
    expect(formatTimestamp(Date.UTC(2024, 8, 4, 8, 5, 9))).toBe('Wed Sep 4 08:05:09 UTC 2024');
    expect(formatTimestamp(Date.UTC(2026, 11, 31, 23, 59, 59))).toBe('Thu Dec 31 23:59:59 UTC 2026');
    expect(parseTimestamp('Tue Mar 5 09:07:03 UTC 2024')).toBe(AT);
    expect(parseTimestamp('Tue Mar 05 09:07:03 UTC 2024')).toBe(AT);
    expect(parseTimestamp('2024-03-05T09:07:03Z')).toBeUndefined();
    expect(parseTimestamp('Tue Mar 32 09:07:03 UTC 2024')).toBeUndefined();
    expect(parseTimestamp('Tue Mar 5 09:07:03 GMT 2024')).toBeUndefined();
    expect(parseTimestamp('Xyz Mar 5 09:07:03 UTC 2024')).toBeUndefined();
  });
});
