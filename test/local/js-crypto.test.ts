// The JavaScript SHA-1, SHA-256, HMAC and RS256 verification a local verify uses instead of
// loading node:crypto (src/shared/sha.ts, rs256.ts): the FIPS 180 and RFC 4231/2202 vectors, then
// node:crypto (OpenSSL) as the oracle on random inputs, including forged and altered signatures.
import * as crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rsaPublicOfPkcs8, verifyRs256 } from '../../src/shared/rs256.ts';
import { constantTimeEqual, hmac, sha1, sha256 } from '../../src/shared/sha.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const ascii = (s: string) => Buffer.from(s, 'latin1');

describe('SHA-1 and SHA-256', () => {
  it('give the FIPS 180 example digests', () => {
    expect(hex(sha1(ascii('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(sha1(ascii('')))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(hex(sha1(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
    );
    expect(hex(sha256(ascii('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hex(sha256(ascii('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(hex(sha256(ascii('a'.repeat(1_000_000))))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('agree with node:crypto at every length around the block and padding boundaries', () => {
    for (let len = 0; len <= 300; len++) {
      const data = crypto.randomBytes(len);
      expect(hex(sha1(data))).toBe(crypto.createHash('sha1').update(data).digest('hex'));
      expect(hex(sha256(data))).toBe(crypto.createHash('sha256').update(data).digest('hex'));
    }
  });
});

describe('HMAC', () => {
  it('gives the RFC 2202 (SHA-1) and RFC 4231 (SHA-256) vectors', () => {
    const key = Buffer.alloc(20, 0x0b);
    expect(hex(hmac(sha1, key, ascii('Hi There')))).toBe('b617318655057264e28bc0b6fb378c8ef146be00');
    expect(hex(hmac(sha256, key, ascii('Hi There')))).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
    // A key longer than the block is hashed first (RFC 4231 test case 6).
    const long = Buffer.alloc(131, 0xaa);
    expect(hex(hmac(sha256, long, ascii('Test Using Larger Than Block-Size Key - Hash Key First')))).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    );
  });

  it('agrees with node:crypto for keys and messages of many lengths', () => {
    for (const keyLen of [0, 1, 20, 32, 63, 64, 65, 200]) {
      for (const msgLen of [0, 8, 55, 56, 64, 1000]) {
        const key = crypto.randomBytes(keyLen);
        const msg = crypto.randomBytes(msgLen);
        expect(hex(hmac(sha1, key, msg))).toBe(crypto.createHmac('sha1', key).update(msg).digest('hex'));
        expect(hex(hmac(sha256, key, msg))).toBe(crypto.createHmac('sha256', key).update(msg).digest('hex'));
      }
    }
  });

  it('compares in full: equal only for the same bytes and length', () => {
    expect(constantTimeEqual(ascii('123456'), ascii('123456'))).toBe(true);
    expect(constantTimeEqual(ascii('123456'), ascii('123457'))).toBe(false);
    expect(constantTimeEqual(ascii('123456'), ascii('12345'))).toBe(false);
    expect(constantTimeEqual(ascii(''), ascii(''))).toBe(true);
  });
});

describe('RS256 verification', () => {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = rsaPublicOfPkcs8(pem);

  it('reads n and e from the PKCS#8 PEM as OpenSSL does', () => {
    const jwk = privateKey.export({ format: 'jwk' });
    expect(key.n).toBe(BigInt(`0x${Buffer.from(jwk.n!, 'base64url').toString('hex')}`));
    expect(key.e).toBe(65537n);
    expect(key.k).toBe(256);
  });

  it('accepts what OpenSSL signs, and refuses what OpenSSL refuses', () => {
    for (let i = 0; i < 20; i++) {
      const data = crypto.randomBytes(1 + i * 50);
      const sig = crypto.sign('sha256', data, privateKey);
      expect(verifyRs256(key, data, sig)).toBe(true);
      // Another message, one flipped bit of the signature, a signature of the wrong length.
      const other = Buffer.concat([data, Buffer.from([0])]);
      expect(verifyRs256(key, other, sig)).toBe(false);
      const flipped = Buffer.from(sig);
      flipped[i * 7]! ^= 1 << (i % 8);
      expect(verifyRs256(key, data, flipped)).toBe(crypto.verify('sha256', data, privateKey, flipped));
      expect(verifyRs256(key, data, sig.subarray(1))).toBe(false);
    }
  });

  it('refuses signatures that are not of this key or not RS256', () => {
    const data = ascii('header.payload');
    const { privateKey: other } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(verifyRs256(key, data, crypto.sign('sha256', data, other))).toBe(false);
    // RSASSA-PKCS1-v1_5 over SHA-1 and RSA-PSS over SHA-256 by the same key: not RS256.
    expect(verifyRs256(key, data, crypto.sign('sha1', data, privateKey))).toBe(false);
    const pss = crypto.sign('sha256', data, {
      key: privateKey,
      padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
    });
    expect(verifyRs256(key, data, pss)).toBe(false);
    // s >= n, zero, and one (whose power is itself).
    const n = Buffer.from(key.n.toString(16).padStart(512, '0'), 'hex');
    expect(verifyRs256(key, data, n)).toBe(false);
    expect(verifyRs256(key, data, Buffer.alloc(256))).toBe(false);
    expect(verifyRs256(key, data, Buffer.concat([Buffer.alloc(255), Buffer.from([1])]))).toBe(false);
  });

  it('refuses a damaged key whose numbers would make a check slow or meaningless', () => {
    const der = (tag: number, content: Buffer): Buffer => {
      const n = content.length;
      const len =
        n < 0x80
          ? [n]
          : n < 0x100
            ? [0x81, n]
            : n < 0x10000
              ? [0x82, n >> 8, n & 255]
              : [0x83, n >> 16, (n >> 8) & 255, n & 255];
      return Buffer.concat([Buffer.from([tag, ...len]), content]);
    };
    const int = (hex: string) => der(0x02, Buffer.from(hex, 'hex'));
    const pkcs8 = (nHex: string, eHex: string) => {
      const rsa = der(0x30, Buffer.concat([int('00'), int(nHex), int(eHex)]));
      const alg = der(
        0x30,
        Buffer.concat([der(0x06, Buffer.from('2a864886f70d010101', 'hex')), Buffer.from([5, 0])]),
      );
      const info = der(0x30, Buffer.concat([int('00'), alg, der(0x04, rsa)]));
      return `-----BEGIN PRIVATE KEY-----\n${info.toString('base64')}\n-----END PRIVATE KEY-----\n`;
    };
    const n2048 = `00${key.n.toString(16)}`;
    // The builder makes what the parser reads (the checks below are not about its shape).
    expect(rsaPublicOfPkcs8(pkcs8(n2048, '010001'))).toEqual(key);
    expect(() => rsaPublicOfPkcs8(pkcs8(`00${'f'.repeat(4100)}`, '010001'))).toThrow(/implausible/); // 16,400 bits
    expect(() => rsaPublicOfPkcs8(pkcs8('00ff', '010001'))).toThrow(/implausible/);
    expect(() => rsaPublicOfPkcs8(pkcs8(n2048, '010000'))).toThrow(/implausible/); // even
    expect(() => rsaPublicOfPkcs8(pkcs8(n2048, '0100000001'))).toThrow(/implausible/); // over 2^32
  });

  it('refuses a key that is not a PKCS#8 RSA private key', () => {
    const { privateKey: ec } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => rsaPublicOfPkcs8(ec.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow();
    expect(() => rsaPublicOfPkcs8('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----')).toThrow();
    expect(() => rsaPublicOfPkcs8(pem.slice(0, 200))).toThrow();
  });
});
